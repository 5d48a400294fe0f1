import Exact

// Evaluation and forward mode (JVP): one pass in slot order computes every value and,
// beside it, the tangent of every slot in one or more directions, by the table's
// linearization of each instruction (LocalPartials). Griewank & Walther, ch. 3.

extension Tape {
    /// f(x): the outputs at `point`.
    ///
    ///     try tape.evaluate(at: [Rational(1, 2), 3])   // for x*y + sin(x): throws notRational (sin(1/2))
    ///     try tape.evaluate(at: [0.5, 3.0])            // [1.979425538604203]
    ///
    /// - Throws: ``TapeError/dimensionMismatch(what:expected:actual:)``; a domain error
    ///   (``TapeError/domain(_:instruction:source:)``) at the instruction where it happens;
    ///   ``TapeError/guardViolated(instruction:source:)`` where a recorded branch goes the
    ///   other way.
    @inlinable
    public func evaluate<S: TapeScalar>(at point: [S], workspace: Workspace? = nil) throws(TapeError) -> [S] {
        try checkDimension("point", point.count, inputCount)
        if let r = planEvaluate(point, workspace: workspace) { return r }
        return try genericEvaluate(at: point, workspace: workspace)
    }

    /// ``evaluate(at:workspace:)`` by the generic primal sweep.
    @inlinable
    func genericEvaluate<S: TapeScalar>(at point: [S], workspace: Workspace? = nil) throws(TapeError) -> [S] {
        var values = SlotBuffer<S>(capacity: count, workspace: workspace)
        try primalValues(point, into: &values)
        return outputs.map { values.base[$0] }
    }

    /// Runs the primal sweep into `values`.
    @inlinable
    func primalValues<S: TapeScalar>(
        _ point: [S], into values: inout SlotBuffer<S>, needed: [Bool]? = nil
    ) throws(TapeError) {
        let c = constants.map { S($0) }
        let base = values.base
        var initialized = 0
        defer { values.initialized = initialized }
        do {
            try instructions.withUnsafeBufferPointer { (code) throws(TapeError) in
                try withBase(point) { (p) throws(TapeError) in
                    try withBase(c) { (cp) throws(TapeError) in
                        if let needed {
                            try needed.withUnsafeBufferPointer { (mask) throws(TapeError) in
                                try Sweep.primal(
                                    code, inputs: p, constants: cp, values: base, initialized: &initialized,
                                    needed: mask.baseAddress)
                            }
                        } else {
                            try Sweep.primal(code, inputs: p, constants: cp, values: base, initialized: &initialized)
                        }
                    }
                }
            }
        } catch {
            throw withSource(error)
        }
    }

    /// The Jacobian-vector product J(x)·v with f(x), in one forward sweep, without forming J.
    ///
    ///     // f(x, y) = x*y + sin(x) at (0, 2), v = (1, 0):
    ///     try tape.jvp(at: [0.0, 2.0], direction: [1.0, 0.0])   // (value: [0.0], tangent: [3.0])
    ///
    /// Linear in v: J·(a·v + b·u) = a·J·v + b·J·u; ⟨w, J·v⟩ = ⟨Jᵀ·w, v⟩ with ``vjp(at:weights:workspace:)``.
    ///
    /// - Throws: as ``evaluate(at:workspace:)``, plus the errors of the derivative itself
    ///   (``ScalarError/notDifferentiable(expression:)``).
    @inlinable
    public func jvp<S: TapeScalar>(
        at point: [S], direction: [S], workspace: Workspace? = nil
    ) throws(TapeError) -> (value: [S], tangent: [S]) {
        let r = try jvp(at: point, directions: [direction], workspace: workspace)
        return (r.value, r.tangents[0])
    }

    /// J(x)·vⱼ for several directions at once: one forward sweep carrying k tangents per
    /// slot (the values are computed once).
    ///
    ///     try tape.jvp(at: [0.0, 2.0], directions: [[1, 0], [0, 1]])   // tangents: [[3.0], [0.0]]
    ///
    /// - Throws: as ``jvp(at:direction:workspace:)``.
    @inlinable
    public func jvp<S: TapeScalar>(
        at point: [S], directions: [[S]], workspace: Workspace? = nil
    ) throws(TapeError) -> (value: [S], tangents: [[S]]) {
        try checkDimension("point", point.count, inputCount)
        for d in directions { try checkDimension("direction", d.count, inputCount) }
        let k = directions.count
        var seeds = [S]()
        seeds.reserveCapacity(inputCount * k)
        for p in 0..<inputCount {
            for j in 0..<k { seeds.append(directions[j][p]) }
        }
        let c = constants.map { S($0) }
        var values = SlotBuffer<S>(capacity: count, workspace: workspace, block: 0)
        var tangents = SlotBuffer<S>(capacity: count * k, workspace: workspace, block: 1)
        let vb = values.base
        let tb = tangents.base
        var vi = 0
        var ti = 0
        do {
            defer {
                values.initialized = vi
                tangents.initialized = ti
            }
            try instructions.withUnsafeBufferPointer { (code) throws(TapeError) in
                try withBase(point) { (p) throws(TapeError) in
                    try withBase(seeds) { (s) throws(TapeError) in
                        try withBase(c) { (cp) throws(TapeError) in
                            try Sweep.forward(
                                code, inputs: p, seeds: s, k: k, constants: cp, values: vb, valuesInitialized: &vi,
                                tangents: tb, tangentsInitialized: &ti)
                        }
                    }
                }
            }
        } catch {
            throw withSource(error)
        }
        let value = outputs.map { vb[$0] }
        let result = (0..<k).map { j in outputs.map { tb[$0 * k + j] } }
        return (value, result)
    }

    /// The directional derivative D_v f(x) = ∇f(x)·v of a scalar-valued tape, by one forward sweep.
    ///
    ///     try tape.directionalDerivative(at: [0.0, 2.0], direction: [1.0, 1.0])   // 3.0
    ///
    /// - Throws: ``TapeError/notScalarValued(outputs:)``, and as ``jvp(at:direction:workspace:)``.
    @inlinable
    public func directionalDerivative<S: TapeScalar>(at point: [S], direction: [S]) throws(TapeError) -> S {
        if outputCount != 1 { throw .notScalarValued(outputs: outputCount) }
        return try jvp(at: point, direction: direction).tangent[0]
    }
}
