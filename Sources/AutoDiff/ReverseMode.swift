import Exact

// Reverse mode (VJP): a primal sweep stores every value, then one backward pass applies
// each instruction's linearization transposed (`Linearization.pullback`) to an array of
// adjoints. Reverse mode is the transpose of forward mode: both use the one table in
// LocalPartials. Griewank & Walther, ch. 3–4.

/// How ``Tape/jacobian(at:mode:)`` builds the Jacobian.
public enum JacobianMode: Sendable {
    /// n forward sweeps (one per input direction) or m reverse sweeps (one per output),
    /// whichever is fewer.
    case automatic
    /// n forward sweeps: column j is J·eⱼ.
    case forward
    /// m reverse sweeps: row i is eᵢᵀ·J.
    case reverse
}

extension Tape {
    /// The vector-Jacobian product wᵀJ(x) with f(x): one primal and one reverse sweep,
    /// without forming J.
    ///
    ///     // f(x, y) = x*y + sin(x) at (0, 2):
    ///     try tape.vjp(at: [0.0, 2.0], weights: [1.0])   // (value: [0.0], cotangent: [3.0, 0.0])
    ///
    /// Linear in w; ⟨w, J·v⟩ = ⟨Jᵀ·w, v⟩ with ``jvp(at:direction:workspace:)``.
    ///
    /// - Throws: as ``evaluate(at:workspace:)``, plus ``ScalarError/notDifferentiable(expression:)``.
    @inlinable
    public func vjp<S: TapeScalar>(
        at point: [S], weights: [S], workspace: Workspace? = nil
    ) throws(TapeError) -> (value: [S], cotangent: [S]) {
        try checkDimension("point", point.count, inputCount)
        try checkDimension("weights", weights.count, outputCount)
        if let r = planVJP(point, weights: weights, workspace: workspace) { return r }
        return try genericVJP(at: point, weights: weights, workspace: workspace)
    }

    /// ``vjp(at:weights:workspace:)`` by the generic sweeps (one slot per instruction), for
    /// every scalar; the reference the sweep plan is tested against.
    @inlinable
    func genericVJP<S: TapeScalar>(
        at point: [S], weights: [S], workspace: Workspace? = nil
    ) throws(TapeError) -> (value: [S], cotangent: [S]) {
        var values = SlotBuffer<S>(capacity: count, workspace: workspace, block: 0)
        try primalValues(point, into: &values)
        let value = outputs.map { values.base[$0] }
        return (value, try pullback(values: values.base, weights: [weights], workspace: workspace)[0])
    }

    /// The gradient ∇f(x) of a scalar-valued tape: one reverse sweep.
    ///
    ///     try tape.gradient(at: [Rational(0), 2])   // [3, 0]  (for x*y + sin(x))
    ///
    /// - Throws: ``TapeError/notScalarValued(outputs:)``, and as ``vjp(at:weights:workspace:)``.
    @inlinable
    public func gradient<S: TapeScalar>(at point: [S], workspace: Workspace? = nil) throws(TapeError) -> [S] {
        if outputCount != 1 { throw .notScalarValued(outputs: outputCount) }
        try checkDimension("point", point.count, inputCount)
        // The plan is asked once: when it declines, the generic sweeps decide (going through
        // `vjp` would ask the plan a second time, with the value).
        if let r = planVJP(point, weights: [.one], workspace: workspace, value: false) { return r.cotangent }
        return try genericGradient(at: point, workspace: workspace)
    }

    /// ∇f by the generic sweeps without f itself: the primal sweep computes only the values
    /// the reverse sweep reads (``Sweep/valuesNeededForGradient(_:)``), so a running sum that
    /// only feeds the output is never formed (over exact scalars, the largest numbers of all).
    @inlinable
    func genericGradient<S: TapeScalar>(at point: [S], workspace: Workspace?) throws(TapeError) -> [S] {
        let needed = instructions.withUnsafeBufferPointer { Sweep.valuesNeededForGradient($0) }
        var values = SlotBuffer<S>(capacity: count, workspace: workspace, block: 0)
        try primalValues(point, into: &values, needed: needed)
        return try pullback(values: values.base, weights: [[.one]], workspace: workspace)[0]
    }

    /// f(x) and ∇f(x) of a scalar-valued tape, from one primal and one reverse sweep.
    ///
    ///     try tape.valueAndGradient(at: [0.0, 2.0])   // (value: 0.0, gradient: [3.0, 0.0])
    ///
    /// - Throws: ``TapeError/notScalarValued(outputs:)``, and as ``vjp(at:weights:workspace:)``.
    @inlinable
    public func valueAndGradient<S: TapeScalar>(
        at point: [S], workspace: Workspace? = nil
    ) throws(TapeError) -> (value: S, gradient: [S]) {
        if outputCount != 1 { throw .notScalarValued(outputs: outputCount) }
        let r = try vjp(at: point, weights: [.one], workspace: workspace)
        return (r.value[0], r.cotangent)
    }

    /// The Jacobian J(x) (m rows, n columns): ∂fᵢ/∂xⱼ in row i, column j.
    ///
    ///     try tape.jacobian(at: [0.0, 2.0])   // [[3.0, 0.0]]  (for x*y + sin(x))
    ///
    /// With `.automatic`, n forward sweeps when n ≤ m, else m reverse sweeps after one
    /// primal sweep. Both modes give the same matrix (exactly, over exact scalars).
    ///
    /// - Throws: as ``jvp(at:direction:workspace:)`` / ``vjp(at:weights:workspace:)``.
    @inlinable
    public func jacobian<S: TapeScalar>(at point: [S], mode: JacobianMode = .automatic) throws(TapeError) -> [[S]] {
        let n = inputCount
        let m = outputCount
        let forward: Bool
        switch mode {
        case .automatic: forward = n <= m
        case .forward: forward = true
        case .reverse: forward = false
        }
        if forward {
            let unit = (0..<n).map { j in (0..<n).map { $0 == j ? S.one : S.zero } }
            let columns = try jvp(at: point, directions: unit).tangents
            return (0..<m).map { i in (0..<n).map { j in columns[j][i] } }
        }
        try checkDimension("point", point.count, n)
        var values = SlotBuffer<S>(capacity: count)
        try primalValues(point, into: &values)
        let unit = (0..<m).map { i in (0..<m).map { $0 == i ? S.one : S.zero } }
        return try pullback(values: values.base, weights: unit)
    }

    /// One reverse sweep per weight vector over the stored `values`: wₖᵀJ for each k.
    @inlinable
    func pullback<S: TapeScalar>(
        values: UnsafeMutablePointer<S>, weights: [[S]], workspace: Workspace? = nil
    ) throws(TapeError) -> [[S]] {
        let c = constants.map { S($0) }
        var results = [[S]]()
        results.reserveCapacity(weights.count)
        let adjoint = SlotBuffer<S>(repeating: .zero, count: count, workspace: workspace, block: 1)
        let adj = adjoint.base
        do {
            try instructions.withUnsafeBufferPointer { (code) throws(TapeError) in
                try withBase(c) { (cp) throws(TapeError) in
                    for (k, w) in weights.enumerated() {
                        if k > 0 { adj.update(repeating: .zero, count: count) }
                        for (r, slot) in outputs.enumerated() { adj[slot] = adj[slot] + w[r] }
                        try Sweep.reverse(code, constants: cp, values: values, adjoint: adj)
                        results.append(Sweep.gatherInputs(code, adjoint: adj, inputCount: inputCount))
                    }
                }
            }
        } catch {
            throw withSource(error)
        }
        return results
    }
}
