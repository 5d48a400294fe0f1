import Exact
import Symbolic

// The third oracle, which knows no calculus. For a rational function f, a point a and a
// direction v, g(h) = f(a + h·v) is a rational function of one variable; building it
// needs only + − × ÷ and integer powers of polynomials in h. Then
//
//     g′(0)   = [(g(h) − g(0))/h]  at h = 0          = D_v f(a) = J(a)·v
//     g″(0)/2 = [(g(h) − g(0) − h·g′(0))/h²] at h = 0 = ½·vᵀH(a)v
//
// where each bracket is cancelled by polynomial gcd first, so "at h = 0" is a plain
// evaluation, not a limit. No derivative rule appears anywhere, so a rule that is wrong in
// the same way in both engines (a sign in the quotient rule, say) is still caught.

/// Why the difference-quotient oracle has no answer.
public enum OracleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// f is undefined on the line at h = 0 (a pole), or a denominator vanishes identically
    /// along the line, or a function's argument is outside its domain.
    case divisionByZero
    /// f, restricted to the line, is not a rational function of h (a call whose argument
    /// varies, a non-integer power of a varying base), or has an irrational value: the
    /// oracle does not apply. `subexpression` is the first such part.
    case notRationalFunction(subexpression: Expr)
    /// A degree would exceed ``UnivariateRationalFunction/maximumDegree``.
    case tooLarge
    /// A variable of f has no coordinate in the point.
    case unboundSymbol(Symbol)

    /// The one-line printed form.
    public var description: String {
        switch self {
        case .divisionByZero: "undefined at the point"
        case .notRationalFunction(let e): "not a rational function along the line (at \(e))"
        case .tooLarge: "the restricted function has too high a degree"
        case .unboundSymbol(let s): "no value given for the variable \(s)"
        }
    }
}

/// The rule-free oracle: derivatives of a rational function by exact difference quotients.
///
///     let f = try Expr.parse("x^2/(1 + y)")
///     try DifferenceQuotientOracle.directionalDerivative(of: f, at: [x: 1, y: 1], along: [x: 1, y: 0])   // 1
public enum DifferenceQuotientOracle {
    /// g(h) = f(a + h·v), cancelled.
    ///
    ///     try DifferenceQuotientOracle.restriction(of: x * x, at: [x: 1], along: [x: 2])   // (4*h^2 + 4*h + 1)/(1)
    ///
    /// Symbols missing from `direction` do not move.
    /// - Throws: ``OracleError``.
    public static func restriction(
        of f: Expr, at point: [Symbol: Rational], along direction: [Symbol: Rational]
    ) throws(OracleError) -> UnivariateRationalFunction {
        typealias G = UnivariateRationalFunction
        return try f.foldPostorder { (e: Expr, value: (Expr) -> G) throws(OracleError) -> G in
            switch e.kind {
            case .number(let r):
                return G(constant: r)
            case .symbol(let s):
                guard let a = point[s] else { throw .unboundSymbol(s) }
                return G(UnivariatePolynomial([a, direction[s] ?? .zero]))
            case .sum(let c, let terms):
                var total = G(constant: c)
                for (t, k) in terms { total = try total + value(t).scaled(by: k) }
                return total
            case .product(let c, let factors):
                var total = G(constant: c)
                for (b, x) in factors {
                    total = try total * power(value(b), x.rationalValue.map(G.init(constant:)) ?? value(x), of: e)
                }
                return total
            case .power(let b, let x):
                return try power(value(b), x.rationalValue.map(G.init(constant:)) ?? value(x), of: e)
            case .call(let f, let u):
                guard let r = value(u).constantValue else { throw .notRationalFunction(subexpression: e) }
                return G(constant: try constant(Expr.call(f, Expr(r)), of: e))
            }
        }
    }

    /// gᵉ where e must be a constant; an integer unless g is constant too.
    static func power(
        _ g: UnivariateRationalFunction, _ e: UnivariateRationalFunction, of node: Expr
    ) throws(OracleError) -> UnivariateRationalFunction {
        guard let q = e.constantValue else { throw .notRationalFunction(subexpression: node) }
        if q.isInteger {
            guard let n = Int(exactly: q.numerator) else { throw .tooLarge }
            return try g.raised(to: n)
        }
        guard let r = g.constantValue else { throw .notRationalFunction(subexpression: node) }
        return UnivariateRationalFunction(constant: try constant(Expr.power(Expr(r), Expr(q)), of: node))
    }

    /// The rational value of a constant expression, or why it has none.
    static func constant(_ c: Expr, of node: Expr) throws(OracleError) -> Rational {
        do {
            return try c.evaluated(at: [:] as [Symbol: Rational])
        } catch {
            switch error {
            case .notRational: throw .notRationalFunction(subexpression: node)
            case .sizeLimitExceeded: throw .tooLarge
            case .unboundSymbol(let s): throw .unboundSymbol(s)
            case .divisionByZero, .logarithmOfNonPositive, .outOfDomain, .notFinite: throw .divisionByZero
            }
        }
    }

    /// D_v f(a) = J(a)·v, as [(g(h) − g(0))/h] at h = 0.
    ///
    ///     try DifferenceQuotientOracle.directionalDerivative(of: 1 / x, at: [x: 2], along: [x: 1])   // -1/4
    ///
    /// - Throws: ``OracleError``.
    public static func directionalDerivative(
        of f: Expr, at point: [Symbol: Rational], along direction: [Symbol: Rational]
    ) throws(OracleError) -> Rational {
        try restriction(of: f, at: point, along: direction).differenceQuotient().valueAtZero()
    }

    /// The first two directional derivatives from one restriction:
    /// (g(0), g′(0), g″(0)) = (f(a), ∇f(a)·v, vᵀH(a)v).
    ///
    ///     try DifferenceQuotientOracle.jet(of: x * x * x, at: [x: 1], along: [x: 1])   // (1, 3, 6)
    ///
    /// - Throws: ``OracleError``.
    public static func jet(
        of f: Expr, at point: [Symbol: Rational], along direction: [Symbol: Rational]
    ) throws(OracleError) -> (value: Rational, first: Rational, second: Rational) {
        let g = try restriction(of: f, at: point, along: direction)
        let q1 = try g.differenceQuotient()
        // (q1(h) − q1(0))/h at 0 is q1′(0) = g″(0)/2.
        let q2 = try q1.differenceQuotient()
        return (try g.valueAtZero(), try q1.valueAtZero(), try q2.valueAtZero() * Rational(2))
    }
}
