import Exact

// sin²u + cos²u = 1 and cosh²u − sinh²u = 1, on pairs of summands with the same cofactor:
// k·R·sin²u + k·R·cos²u → k·R, k·R·cosh²u − k·R·sinh²u → k·R.

extension RewriteRule {
    /// `pythagorean.sinCos`: k·R·sin(u)² + k·R·cos(u)² = k·R.
    public static let sinSquaredPlusCosSquared = RewriteRule("pythagorean.sinCos") { e in
        squarePairs(e, .sin, .cos, sign: 1)
    }

    /// `pythagorean.coshSinh`: k·R·cosh(u)² − k·R·sinh(u)² = k·R.
    public static let coshSquaredMinusSinhSquared = RewriteRule("pythagorean.coshSinh") { e in
        squarePairs(e, .cosh, .sinh, sign: -1)
    }

    /// The Pythagorean family.
    public static let pythagorean = RewriteRule.chain("pythagorean", [sinSquaredPlusCosSquared, coshSquaredMinusSinhSquared])

    /// k·R·f(u)² + sign·k·R·g(u)² → k·R.
    static func squarePairs(_ e: Expr, _ f: ElementaryFunction, _ g: ElementaryFunction, sign: Int) -> Expr? {
        combiningPairs(e) { t, k in
            var out: [Pairing] = []
            for (b, x) in factors(of: t) {
                guard let u = argument(b, of: f), let n = x.rationalValue, n >= Rational(2), n.isInteger else { continue }
                let two = Expr(2)
                let rest = t / Expr.power(Expr.call(f, u), two)
                out.append(
                    Pairing(
                        partner: rest * Expr.power(Expr.call(g, u), two), coefficient: k * Rational(sign),
                        replacement: rest.scaled(by: k)))
            }
            return out
        }
    }
}
