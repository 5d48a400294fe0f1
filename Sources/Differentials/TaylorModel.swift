import Exact
import Symbolic

/// The first- or second-order Taylor model of a scalar function f around a point a:
///
///     T₁(x) = f(a) + ∇f(a)·(x − a)
///     T₂(x) = T₁(x) + ½ (x − a)ᵀ H(a) (x − a)
///
/// Its coefficients are exact: rationals when f is rational, exact expressions such as
/// `cos(1/2)` otherwise.
///
///     // f = x^3 at a = 1, order 2:
///     model.expression   // 3*x^2 - 3*x + 1
///
/// Laws: T agrees with f at a to the model's order (value, gradient and, for order 2, the
/// Hessian); for a polynomial of degree ≤ order, T = f exactly; for a cubic and order 2 the
/// remainder f − T is exactly the cubic part in (x − a).
public struct TaylorModel: Sendable {
    /// The variables, in order (the point's coordinates follow the same order).
    public let variables: [Symbol]
    /// The expansion point a.
    public let point: [Rational]
    /// 1 or 2.
    public let order: Int
    /// f(a).
    public let value: Expr
    /// ∇f(a), one entry per variable.
    public let gradient: [Expr]
    /// H(a) (order 2 only).
    public let hessian: Matrix<Expr>?
    /// The engine that computed the coefficients.
    public let engine: DifferentialEngine

    /// A model from its coefficients at `point`.
    ///
    /// - Precondition: `order` is 1 or 2; dimensions agree; a Hessian is given iff order is 2.
    public init(variables: [Symbol], point: [Rational], value: Expr, gradient: [Expr], hessian: Matrix<Expr>?,
                engine: DifferentialEngine) {
        let n = variables.count
        precondition(point.count == n && gradient.count == n, "Taylor model dimensions disagree")
        if let h = hessian { precondition(h.rows == n && h.columns == n, "Hessian must be \(n)×\(n)") }
        self.variables = variables
        self.point = point
        self.order = hessian == nil ? 1 : 2
        self.value = value
        self.gradient = gradient
        self.hessian = hessian
        self.engine = engine
    }

    /// The displacements hᵢ = xᵢ − aᵢ as expressions.
    private var displacements: [Expr] {
        zip(variables, point).map { Expr($0) - Expr($1) }
    }

    /// The model as one expression in ``variables``, multiplied out (a polynomial of degree
    /// ≤ 2 in the variables, with exact coefficients).
    ///
    ///     // x^3 at 1, order 2:  3*x^2 - 3*x + 1
    public var expression: Expr {
        let t = model(displacements)
        // At most (n + 1)(n + 2)/2 monomials: expansion cannot hit the term limit for any n
        // a Hessian could be formed for; if it did, the unexpanded model is still correct.
        return (try? t.expanded()) ?? t
    }

    /// T at a displacement h (exact arithmetic on the coefficients).
    private func model(_ h: [Expr]) -> Expr {
        var terms: [Expr] = [value]
        for (g, hi) in zip(gradient, h) where !g.isZero { terms.append(g * hi) }
        if let m = hessian {
            // ½ Σᵢⱼ Hᵢⱼ hᵢ hⱼ = Σᵢ ½ Hᵢᵢ hᵢ² + Σ_{i<j} Hᵢⱼ hᵢ hⱼ (H symmetric).
            for i in 0..<h.count {
                if !m[i, i].isZero { terms.append(Expr.half * m[i, i] * h[i] * h[i]) }
                for j in (i + 1)..<h.count where !m[i, j].isZero { terms.append(m[i, j] * h[i] * h[j]) }
            }
        }
        return Expr.sum(terms)
    }

    /// T(x) exactly, as an expression (`cos(1/2) + …` when coefficients are not rational).
    ///
    /// - Precondition: `x.count == variables.count`.
    public func evaluatedExactly(at x: [Rational]) -> Expr {
        precondition(x.count == variables.count, "point of dimension \(x.count) for \(variables.count) variables")
        return model(zip(x, point).map { Expr($0 - $1) })
    }

    /// T(x) as an exact rational.
    ///
    /// - Throws: `EvaluationError` when a coefficient is not rational (e.g. `cos(1/2)`).
    public func evaluated(at x: [Rational]) throws(EvaluationError) -> Rational {
        try evaluatedExactly(at: x).evaluated(at: [:])
    }

    /// The remainder f(x) − T(x), exactly (an expression; a rational when everything is).
    ///
    /// - Throws: `EvaluationError` from evaluating f at x (÷0, log of a non-positive number).
    public func remainder(of f: Expr, at x: [Rational]) throws(EvaluationError) -> Expr {
        let values = Dictionary(uniqueKeysWithValues: zip(variables, x))
        return try f.evaluatedExactly(at: values) - evaluatedExactly(at: x)
    }
}
