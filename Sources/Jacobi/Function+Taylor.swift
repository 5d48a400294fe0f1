import AutoDiff
import Derivatives
import Differentials
import Exact
import Symbolic

// Taylor models of any order and higher directional derivatives, by either engine:
// symbolic (every partial ∂^α f once, by repeated differentiation, then evaluated at a) or
// the tape's Taylor mode (one sweep of truncated series; `.forward` and `.reverse` both
// name it, as the tape has one Taylor mode). Both give every coefficient exactly.

extension Function {
    /// The Taylor model of order k (1 ≤ k ≤ 12) of a scalar f around a rational point a,
    /// with every coefficient ∂^α f(a)/α! exact (numbers where rational, exact expressions
    /// such as `cos(1/2)` otherwise), centred in powers of (xᵢ − aᵢ).
    ///
    ///     try Function(x^3).taylor(at: [1], order: 2).description   // 1 + 3*(x - 1) + 3*(x - 1)^2
    ///
    /// The engines agree: `.symbolic` differentiates (each mixed partial once) and evaluates;
    /// `.forward` and `.reverse` run one Taylor-mode sweep of the tape over `Rational` (and
    /// over `Expr` when a coefficient is not rational).
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``;
    ///   `TaylorModelError.orderOutOfRange` for k outside 1…12,
    ///   `TaylorModelError.tooManyCoefficients` past C(n + k, k) = 20 000; `TapeError` or
    ///   `EvaluationError` where f or a derivative is undefined at a.
    public func taylor(at a: [Rational], order k: Int = 2, engine: DifferentialEngine = .reverse) throws -> TaylorModel {
        try check("point", a.count, inputDimension)
        try checkTaylorOrder(k)
        let coefficients: [Expr]
        switch engine {
        case .symbolic:
            coefficients = try symbolicTaylorCoefficients(at: a.map { Expr($0) }, order: k)
        case .forward, .reverse:
            coefficients = try rationalTapeTaylorCoefficients(at: a, order: k)
        }
        return TaylorModel(variables: variables, center: a.map { Expr($0) }, order: k, coefficients: coefficients, engine: engine)
    }

    /// The Taylor model of order k around a point of exact constants (`pi/4`, `sqrt(2)`):
    /// as ``taylor(at:order:engine:)-([Rational],_,_)`` with expression coefficients.
    ///
    ///     try Function(sin(x)).taylor(at: [pi/6], order: 1).description   // 1/2 + sqrt(3)/2*(x - pi/6)
    ///
    /// - Throws: as the rational version.
    public func taylor(at a: [Expr], order k: Int = 2, engine: DifferentialEngine = .reverse) throws -> TaylorModel {
        try check("point", a.count, inputDimension)
        try checkTaylorOrder(k)
        let coefficients =
            engine == .symbolic
            ? try symbolicTaylorCoefficients(at: a, order: k) : try tapeTaylorCoefficients(at: a, order: k)
        return TaylorModel(variables: variables, center: a, order: k, coefficients: coefficients, engine: engine)
    }

    /// The k-th directional derivative (v·∇)ᵏ f = dᵏ/dtᵏ f(x + t·v) at t = 0, as an
    /// expression, simplified (k = 1: ∇f·v; k = 2: vᵀHv).
    ///
    ///     try Function(x^2 * y).directionalDerivative(along: [1, 1], order: 3)   // 6
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``; a dimension mismatch;
    ///   `TaylorModelError.orderOutOfRange` for k outside 1…12.
    public func directionalDerivative(along v: [Expr], order k: Int) throws -> Expr {
        try requireScalar()
        try check("direction", v.count, inputDimension)
        try checkTaylorOrder(k)
        var d = outputs[0]
        for _ in 0..<k { d = d.directionalDerivative(along: v, withRespectTo: variables) }
        return d
    }

    /// The k-th directional derivative dᵏ/dtᵏ f(a + t·v) at t = 0: one Taylor-mode sweep
    /// along v (`.forward` or `.reverse`), or the symbolic (v·∇)ᵏ f evaluated at a.
    ///
    ///     try Function(exp(x)).directionalDerivative(at: [Rational(0)], along: [2], order: 3)   // 8
    ///
    /// - Throws: as ``directionalDerivative(along:order:)``; `TapeError` or evaluation errors at a.
    public func directionalDerivative<S: PointScalar>(
        at a: [S], along v: [S], order k: Int, engine: DifferentialEngine = .forward
    ) throws -> S {
        try requireScalar()
        try check("point", a.count, inputDimension)
        try check("direction", v.count, inputDimension)
        try checkTaylorOrder(k)
        switch engine {
        case .forward, .reverse: return try tape.directionalDerivative(at: a, along: v, order: k)[0]
        case .symbolic:
            // (v·∇)ᵏ f with v's entries as symbols of their own, then both substituted.
            let names = (0..<v.count).map { Symbol("_v\($0)") }
            let d = try directionalDerivative(along: names.map { Expr($0) }, order: k)
            var point = try pointMap(a)
            for (s, value) in zip(names, v) { point[s] = value }
            return try S.evaluate(d, at: point)
        }
    }

    func checkTaylorOrder(_ k: Int) throws {
        guard (1...TaylorModelError.maximumOrder).contains(k) else { throw TaylorModelError.orderOutOfRange(k) }
        let limit = TaylorModelError.coefficientBudget
        if TaylorLayout.coefficientCount(variables: Swift.max(inputDimension, 1), order: k, limit: limit) == nil {
            throw TaylorModelError.tooManyCoefficients(variables: inputDimension, order: k, limit: limit)
        }
    }

    /// Every ∂^α f(a)/α! by the tape's Taylor mode over `Rational`, or over exact
    /// expressions when a coefficient is not rational.
    func rationalTapeTaylorCoefficients(at a: [Rational], order k: Int) throws -> [Expr] {
        try requireScalar()
        let exact: [Rational]
        do {
            exact = try tape.taylorCoefficients(at: a, order: k).coefficients[0]
        } catch {
            guard case .domain(.notRational, _, _) = error else { throw error }
            return try tapeTaylorCoefficients(at: a.map { Expr($0) }, order: k)
        }
        return exact.map { Expr($0) }
    }

    /// Every ∂^α f(a)/α! by the tape's Taylor mode over exact expressions.
    func tapeTaylorCoefficients(at a: [Expr], order k: Int) throws -> [Expr] {
        try requireScalar()
        let c = try tape.taylorCoefficients(at: a, order: k).coefficients[0]
        return c.map { $0.rationalValue == nil ? $0.simplified() : $0 }
    }

    /// Every ∂^α f(a)/α! from the symbolic partials, each mixed partial computed once.
    func symbolicTaylorCoefficients(at a: [Expr], order k: Int) throws -> [Expr] {
        try requireScalar()
        let point = try pointMap(a)
        _ = try Expr.evaluate(outputs[0], at: point)  // f itself must be defined at a
        let partials = outputs[0].partialDerivatives(withRespectTo: variables, upToOrder: k)
        return try TaylorModel.multiIndices(variables: inputDimension, order: k).map { alpha in
            let d = try Expr.evaluate(partials[alpha] ?? .zero, at: point)
            let factorial = alpha.reduce(Rational.one) { f, e in (0..<e).reduce(f) { $0 * Rational($1 + 1) } }
            let c = d / Expr(factorial)
            return c.rationalValue == nil ? c.simplified() : c
        }
    }
}

extension Function {
    /// The k-th directional derivative dᵏ/dtᵏ f(a + t·v) at t = 0, exactly: over `Rational`,
    /// or over exact expressions when the value is not rational.
    ///
    ///     try Function(sin(x)).directionalDerivative(at: Point([(x, 0)]), along: [1], order: 3)   // -1
    ///
    /// - Throws: as ``directionalDerivative(at:along:order:engine:)``; coordinate errors.
    public func directionalDerivative(at a: Point, along v: [Rational], order k: Int, engine: DifferentialEngine = .forward) throws -> Expr {
        try requireDefined(at: a, engine)
        return try exactly(
            a, { r in Expr(try directionalDerivative(at: r, along: v, order: k, engine: engine) as Rational) },
            else: { try directionalDerivative(at: $0, along: v.map { Expr($0) }, order: k, engine: engine) })
    }
}
