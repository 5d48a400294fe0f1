import Exact

// The public face of Taylor-mode AD (the sweep is in TaylorSweep.swift).

extension Tape {
    /// The most coefficients a Taylor sweep may hold at once (slots × coefficients per
    /// series), about what a gradient sweep of a 10⁷-instruction tape holds. The Double
    /// sweep along one direction keeps series only for the slots outside the tape's loops,
    /// and counts those.
    public static let taylorCoefficientBudget = 50_000_000

    /// The Taylor coefficients of s ↦ f(a + V·s) at s = 0, up to total degree k, for a
    /// seed matrix V (n × m, row i the seed of input i): per output, one coefficient per
    /// multi-index α ∈ ℕᵐ with |α| ≤ k, in ``TaylorLayout``'s graded lexicographic order,
    /// each equal to ∂^α f(a + V·s)/α! at s = 0. One sweep, O(k²) series products per
    /// instruction.
    ///
    ///     // f(x) = exp(x) at 0, V = [[1]], k = 3:
    ///     try tape.taylorCoefficients(at: [Rational(0)], seeds: [[1]], order: 3).coefficients   // [[1, 1, 1/2, 1/6]]
    ///
    /// Exact over `Rational` where every coefficient is rational; exact expressions over
    /// `Expr` (`sin(1/2)`); floats over `Double`.
    ///
    /// - Throws: ``TapeError/taylorOrder(_:reason:)`` for k < 0 or past
    ///   ``taylorCoefficientBudget``; ``TapeError/dimensionMismatch(what:expected:actual:)``;
    ///   the domain errors of the sweep (``ScalarError/notDifferentiable(expression:)`` for
    ///   sqrt, abs and fractional powers at 0, asin and acos at ±1), at their instruction;
    ///   ``TapeError/guardViolated(instruction:source:)``.
    @inlinable
    public func taylorCoefficients<S: TapeScalar>(
        at point: [S], seeds: [[S]], order k: Int
    ) throws(TapeError) -> (layout: TaylorLayout, coefficients: [[S]]) {
        try checkDimension("seed matrix", seeds.count, inputCount)
        let m = seeds.first?.count ?? 1
        for row in seeds { try checkDimension("seed row", row.count, m) }
        return try taylorCoefficients(at: point, flatSeeds: seeds.flatMap { $0 }, columns: m, order: k)
    }

    /// ``taylorCoefficients(at:seeds:order:)`` with V given row-major (n × m), so that a
    /// direction (m = 1) needs no array per input. Over Double along one direction the
    /// sweep runs through the tape's sweep plan (TaylorPlan.swift) unless `plan` is false;
    /// where the plan declines, and for every other scalar, the generic sweep runs.
    @inlinable
    func taylorCoefficients<S: TapeScalar>(
        at point: [S], flatSeeds: [S], columns m: Int, order k: Int, plan: Bool = true
    ) throws(TapeError) -> (layout: TaylorLayout, coefficients: [[S]]) {
        try checkDimension("point", point.count, inputCount)
        if k < 0 { throw .taylorOrder(k, reason: "the order must be at least 0") }
        // Along one direction over Double: the plan, which holds only the series of the slots
        // outside the tape's loops (and checks the budget against those).
        if plan && m == 1 && S.self == Double.self,
            let fast = planTaylorDouble(
                unsafeBitCast(point, to: [Double].self), unsafeBitCast(flatSeeds, to: [Double].self), order: k)
        {
            return (TaylorLayout(variables: 1, order: k), unsafeBitCast(fast, to: [[S]].self))
        }
        let limit = Tape.taylorCoefficientBudget / Swift.max(count + TaylorSweep<S>.scratchCount, 1)
        guard let width = TaylorLayout.coefficientCount(variables: Swift.max(m, 1), order: k, limit: limit),
            width * width <= 4 * Tape.taylorCoefficientBudget
        else {
            throw .taylorOrder(
                k,
                reason: "a series in \(m) variables has more coefficients than the budget of "
                    + "\(Tape.taylorCoefficientBudget) for a tape of \(count) slots")
        }
        let layout = TaylorLayout(variables: Swift.max(m, 1), order: k)
        let c = constants.map { S($0) }
        var sweep = TaylorSweep<S>(layout: layout, slots: count)
        for (i, ins) in instructions.enumerated() {
            do throws(TaylorSweepFailure) {
                try sweep.step(ins, slot: i, point: point, seeds: flatSeeds, constants: c, exponents: constants)
            } catch {
                switch error {
                case .scalar(let e): throw self.error(e, at: i)
                case .guardViolated: throw guardError(at: i)
                }
            }
        }
        let coefficients = outputs.map { o in Array(UnsafeBufferPointer(start: sweep.series(o), count: layout.width)) }
        return (layout, coefficients)
    }

    /// Every Taylor coefficient ∂^α f(a)/α! with |α| ≤ k, per output, in graded
    /// lexicographic order of α (``TaylorLayout/multiIndices(variables:order:)``): the seed
    /// matrix is the identity, so each series has C(n + k, k) coefficients.
    ///
    ///     // f(x, y) = x*y at (1, 2), k = 2: 1 | x y | x² xy y²
    ///     try tape.taylorCoefficients(at: [Rational(1), 2], order: 2).coefficients   // [[2, 2, 1, 0, 1, 0]]
    ///
    /// - Throws: as ``taylorCoefficients(at:seeds:order:)``.
    @inlinable
    public func taylorCoefficients<S: TapeScalar>(
        at point: [S], order k: Int
    ) throws(TapeError) -> (layout: TaylorLayout, coefficients: [[S]]) {
        let n = inputCount
        let identity = (0..<n).map { i in (0..<n).map { j in i == j ? S.one : S.zero } }
        if n == 0 {
            // No variables: the series of a constant function is its value.
            let value = try evaluate(at: point)
            return (TaylorLayout(variables: 1, order: Swift.max(k, 0)), value.map { [$0] + Array(repeating: .zero, count: Swift.max(k, 0)) })
        }
        return try taylorCoefficients(at: point, seeds: identity, order: k)
    }

    /// The univariate Taylor coefficients c₀, …, c_k of t ↦ f(a + t·v) at t = 0, per output
    /// (c_d = (1/d!)·dᵈ/dtᵈ f(a + t·v)): one sweep along the direction.
    ///
    ///     // f(x) = 1/(1 − x) at 0, v = 1: the geometric series
    ///     try tape.taylorCoefficients(at: [Rational(0)], direction: [1], order: 4)   // [[1, 1, 1, 1, 1]]
    ///
    /// c₁ is the directional derivative ∇f(a)·v; 2·c₂ is vᵀH(a)v.
    ///
    /// - Throws: as ``taylorCoefficients(at:seeds:order:)``.
    @inlinable
    public func taylorCoefficients<S: TapeScalar>(at point: [S], direction v: [S], order k: Int) throws(TapeError) -> [[S]] {
        try checkDimension("direction", v.count, inputCount)
        return try taylorCoefficients(at: point, flatSeeds: v, columns: 1, order: k).coefficients
    }

    /// The k-th directional derivative dᵏ/dtᵏ f(a + t·v) at t = 0 of each output (k! times
    /// the k-th Taylor coefficient along v), by one Taylor sweep.
    ///
    ///     // f(x, y) = x^2*y at (1, 1), v = (1, 1), k = 3: d³/dt³ (1 + t)³ = 6
    ///     try tape.directionalDerivative(at: [Rational(1), 1], along: [1, 1], order: 3)   // [6]
    ///
    /// For k = 1 it is J(a)·v; for k = 2, vᵀH(a)v per output.
    ///
    /// - Throws: as ``taylorCoefficients(at:seeds:order:)``.
    @inlinable
    public func directionalDerivative<S: TapeScalar>(at point: [S], along v: [S], order k: Int) throws(TapeError) -> [S] {
        let c = try taylorCoefficients(at: point, direction: v, order: k)
        var factorial = Rational.one
        for j in stride(from: 2, through: k, by: 1) { factorial = factorial * Rational(j) }
        let f = S(factorial)
        return c.map { f * $0[k] }
    }
}
