import Exact

// Every slot's value with its tangent or adjoint: what an evaluation trace prints (one row
// per intermediate, Griewank & Walther's tables). The same generic sweeps as `jvp` and
// `vjp`, keeping every slot instead of only the outputs; meant for small tapes.

extension Tape {
    /// The value and the tangent of every slot, in slot order, for one direction v: slot
    /// i's tangent is the derivative of vᵢ along v.
    ///
    ///     // [x0, x1, mul(0,1), sin(0), add(2,3)] at (0, 2), v = (1, 0):
    ///     try tape.slotTangents(at: [Rational(0), 2], direction: [1, 0]).tangents   // [1, 0, 2, …]
    ///
    /// - Throws: as ``jvp(at:direction:workspace:)``.
    public func slotTangents<S: TapeScalar>(at point: [S], direction: [S]) throws(TapeError) -> (values: [S], tangents: [S]) {
        try checkDimension("point", point.count, inputCount)
        try checkDimension("direction", direction.count, inputCount)
        let c = constants.map { S($0) }
        var values = SlotBuffer<S>(capacity: count)
        var tangents = SlotBuffer<S>(capacity: count)
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
                    try withBase(direction) { (s) throws(TapeError) in
                        try withBase(c) { (cp) throws(TapeError) in
                            try Sweep.forward(
                                code, inputs: p, seeds: s, k: 1, constants: cp, values: vb, valuesInitialized: &vi,
                                tangents: tb, tangentsInitialized: &ti)
                        }
                    }
                }
            }
        } catch {
            throw withSource(error)
        }
        return (Array(UnsafeBufferPointer(start: vb, count: count)), Array(UnsafeBufferPointer(start: tb, count: count)))
    }

    /// The value and the adjoint ∂(wᵀf)/∂vᵢ of every slot, in slot order.
    ///
    ///     // [x0, x1, mul(0,1), sin(0), add(2,3)] at (0, 2), w = (1):
    ///     try tape.slotAdjoints(at: [Rational(0), 2], weights: [1]).adjoints   // [3, 0, 1, 1, 1]
    ///
    /// - Throws: as ``vjp(at:weights:workspace:)``.
    public func slotAdjoints<S: TapeScalar>(at point: [S], weights: [S]) throws(TapeError) -> (values: [S], adjoints: [S]) {
        try checkDimension("point", point.count, inputCount)
        try checkDimension("weights", weights.count, outputCount)
        var values = SlotBuffer<S>(capacity: count)
        try primalValues(point, into: &values)
        let c = constants.map { S($0) }
        let adjoint = SlotBuffer<S>(repeating: .zero, count: count)
        let adj = adjoint.base
        for (r, slot) in outputs.enumerated() { adj[slot] = adj[slot] + weights[r] }
        let vb = values.base
        do {
            try instructions.withUnsafeBufferPointer { (code) throws(TapeError) in
                try withBase(c) { (cp) throws(TapeError) in
                    try Sweep.reverse(code, constants: cp, values: vb, adjoint: adj)
                }
            }
        } catch {
            throw withSource(error)
        }
        return (Array(UnsafeBufferPointer(start: vb, count: count)), Array(UnsafeBufferPointer(start: adj, count: count)))
    }
}
