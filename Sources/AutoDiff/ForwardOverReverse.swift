import Exact

// Second order by forward-over-reverse (Griewank & Walther, ch. 5; JAX's `jvp(grad(f))`):
// the reverse sweep is generic over the scalar, so running it over dual numbers
// x + ε·v differentiates the gradient itself in the direction v. The tangent part of
// every adjoint is then (H·v)ᵢ. Every rule used comes from the one table of local
// partials: `Dual` applies the same table to carry tangents.

extension Tape {
    /// The Hessian-vector product H(x)·v of a scalar-valued tape, without forming H:
    /// one reverse sweep over dual numbers.
    ///
    ///     // f(x, y) = x²·y at (1, 2), v = (1, 0): H = [[2y, 2x], [2x, 0]]
    ///     try tape.hvp(at: [1.0, 2.0], direction: [1.0, 0.0])   // [4.0, 2.0]
    ///
    /// Linear in v; H·v = (Hessian)·v; ⟨u, H·v⟩ = ⟨H·u, v⟩.
    ///
    /// - Throws: ``TapeError/notScalarValued(outputs:)``, and as ``vjp(at:weights:workspace:)``.
    @inlinable
    public func hvp<S: TapeScalar>(at point: [S], direction: [S], workspace: Workspace? = nil) throws(TapeError) -> [S] {
        if outputCount != 1 { throw .notScalarValued(outputs: outputCount) }
        try checkDimension("point", point.count, inputCount)
        try checkDimension("direction", direction.count, inputCount)
        if S.self == Double.self,
            let r = planHVPDouble(
                unsafeBitCast(point, to: [Double].self), unsafeBitCast(direction, to: [Double].self), workspace)
        {
            return unsafeBitCast(r, to: [S].self)
        }
        let x = (0..<inputCount).map { Dual(point[$0], direction[$0]) }
        return try genericVJP(at: x, weights: [Dual(.one, .zero)], workspace: workspace).cotangent.map(\.tangent)
    }

    /// ∇²(wᵀf)(x)·v together with f(x) and ∇(wᵀf)(x), from one forward-over-reverse
    /// sweep (for a vector-valued tape, the Hessian of the weighted sum of outputs).
    ///
    ///     try tape.hvp(at: [1.0, 2.0], direction: [1.0, 0.0], weights: [1.0])
    ///     // (value: [2.0], gradient: [4.0, 1.0], hvp: [4.0, 2.0])   for x²·y
    ///
    /// - Throws: as ``vjp(at:weights:workspace:)``.
    @inlinable
    public func hvp<S: TapeScalar>(
        at point: [S], direction: [S], weights: [S], workspace: Workspace? = nil
    ) throws(TapeError) -> (value: [S], gradient: [S], hvp: [S]) {
        try checkDimension("point", point.count, inputCount)
        try checkDimension("direction", direction.count, inputCount)
        let x = (0..<inputCount).map { Dual(point[$0], direction[$0]) }
        let r = try vjp(at: x, weights: weights.map { Dual($0, .zero) }, workspace: workspace)
        return (r.value.map(\.primal), r.cotangent.map(\.primal), r.cotangent.map(\.tangent))
    }

    /// The Hessian H(x) of a scalar-valued tape (n × n): column j is H·eⱼ, one
    /// forward-over-reverse sweep each.
    ///
    ///     try tape.hessian(at: [Rational(1), 2])   // [[4, 2], [2, 0]]  for x²·y
    ///
    /// Symmetric (exactly, over exact scalars, where f is twice differentiable).
    ///
    /// - Throws: as ``hvp(at:direction:workspace:)``.
    @inlinable
    public func hessian<S: TapeScalar>(at point: [S]) throws(TapeError) -> [[S]] {
        let n = inputCount
        var columns = [[S]]()
        columns.reserveCapacity(n)
        for j in 0..<n {
            columns.append(try hvp(at: point, direction: (0..<n).map { $0 == j ? S.one : S.zero }))
        }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }
}
