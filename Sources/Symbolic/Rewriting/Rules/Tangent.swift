import Exact

// tan u = sin u / cos u and 1 + tan²u = 1/cos²u (and the hyperbolic 1 − tanh²u = 1/cosh²u),
// each rewriting towards the shorter side: sin/cos → tan, 1 + tan² → 1/cos².

extension RewriteRule {
    /// `tangent.sinOverCos`: sin(u)^n · cos(u)^(−n) = tan(u)^n (n > 0).
    public static let sinOverCos = RewriteRule("tangent.sinOverCos") { e in
        quotientToTangent(e, .sin, .cos, .tan)
    }

    /// `tangent.sinhOverCosh`: sinh(u)^n · cosh(u)^(−n) = tanh(u)^n.
    public static let sinhOverCosh = RewriteRule("tangent.sinhOverCosh") { e in
        quotientToTangent(e, .sinh, .cosh, .tanh)
    }

    /// `tangent.onePlusTanSquared`: 1 + tan(u)² = 1/cos(u)², as a whole sum.
    public static let onePlusTanSquared = RewriteRule("tangent.onePlusTanSquared") { e in
        guard case .sum(let c, let terms) = e.kind, c == .one, terms.count == 1, terms[0].coefficient == .one,
            case .power(let b, let x) = terms[0].term.kind, x.rationalValue == Rational(2), let u = argument(b, of: .tan)
        else { return nil }
        return Expr.power(Expr.call(.cos, u), Expr(-2))
    }

    /// The tangent family.
    public static let tangent = RewriteRule.chain("tangent", [sinOverCos, sinhOverCosh, onePlusTanSquared])

    static func quotientToTangent(_ e: Expr, _ s: ElementaryFunction, _ c: ElementaryFunction, _ t: ElementaryFunction) -> Expr? {
        guard case .product(_, let factors) = e.kind else { return nil }
        for (b, x) in factors {
            guard let u = argument(b, of: s), let n = x.rationalValue, n.signum() > 0 else { continue }
            let cosine = Expr.call(c, u)
            guard factors.contains(where: { $0.base == cosine && $0.exponent.rationalValue == -n }) else { continue }
            let rest = e / Expr.power(b, x) * Expr.power(cosine, Expr(n))
            return rest * Expr.power(Expr.call(t, u), Expr(n))
        }
        return nil
    }
}
