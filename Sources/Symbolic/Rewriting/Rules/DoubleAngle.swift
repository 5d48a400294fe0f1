import Exact

// sin u·cos u = sin(2u)/2 and cos²u − sin²u = cos(2u).

extension RewriteRule {
    /// `doubleAngle.sin`: sin(u)·cos(u) = sin(2u)/2, inside a product.
    public static let sinTimesCos = RewriteRule("doubleAngle.sin") { e in
        guard case .product = e.kind else { return nil }
        for (b, x) in factors(of: e) where x.isOne {
            guard let u = argument(b, of: .sin) else { continue }
            let cosine = Expr.call(.cos, u)
            guard factors(of: e).contains(where: { $0.base == cosine && $0.exponent.isOne }) else { continue }
            return e / (b * cosine) * Expr.call(.sin, u.scaled(by: 2)) / 2
        }
        return nil
    }

    /// `doubleAngle.cos`: k·R·cos(u)² − k·R·sin(u)² = k·R·cos(2u).
    public static let cosSquaredMinusSinSquared = RewriteRule("doubleAngle.cos") { e in
        combiningPairs(e) { t, k in
            var out: [Pairing] = []
            for (b, x) in factors(of: t) where x.rationalValue == Rational(2) {
                guard let u = argument(b, of: .cos) else { continue }
                let rest = t / Expr.power(b, Expr(2))
                out.append(
                    Pairing(
                        partner: rest * Expr.power(Expr.call(.sin, u), Expr(2)), coefficient: -k,
                        replacement: (rest * Expr.call(.cos, u.scaled(by: 2))).scaled(by: k)))
            }
            return out
        }
    }

    /// The double-angle family.
    public static let doubleAngle = RewriteRule.chain("doubleAngle", [sinTimesCos, cosSquaredMinusSinSquared])
}
