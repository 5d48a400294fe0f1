import Exact

// The angle-sum identities, on pairs of summands with the same cofactor R:
//   k·R·cos a·cos b ∓ k·R·sin a·sin b = k·R·cos(a ± b)
//   k·R·sin a·cos b ± k·R·cos a·sin b = k·R·sin(a ± b)

extension RewriteRule {
    /// `angleAddition.cos`: cos a·cos b − sin a·sin b = cos(a + b); with + it is cos(a − b).
    public static let cosineOfSum = RewriteRule("angleAddition.cos") { e in
        combiningPairs(e) { t, k in
            var out: [Pairing] = []
            let cosines = factors(of: t).compactMap { $0.exponent.isOne ? argument($0.base, of: .cos) : nil }
            for i in cosines.indices {
                for j in cosines.indices where j > i {
                    let (a, b) = (cosines[i], cosines[j])
                    let rest = t / (Expr.call(.cos, a) * Expr.call(.cos, b))
                    let partner = rest * Expr.call(.sin, a) * Expr.call(.sin, b)
                    out.append(Pairing(partner: partner, coefficient: -k, replacement: (rest * Expr.call(.cos, a + b)).scaled(by: k)))
                    out.append(Pairing(partner: partner, coefficient: k, replacement: (rest * Expr.call(.cos, a - b)).scaled(by: k)))
                }
            }
            return out
        }
    }

    /// `angleAddition.sin`: sin a·cos b + cos a·sin b = sin(a + b); with − it is sin(a − b).
    public static let sineOfSum = RewriteRule("angleAddition.sin") { e in
        combiningPairs(e) { t, k in
            var out: [Pairing] = []
            let fs = factors(of: t)
            let sines = fs.compactMap { $0.exponent.isOne ? argument($0.base, of: .sin) : nil }
            let cosines = fs.compactMap { $0.exponent.isOne ? argument($0.base, of: .cos) : nil }
            for a in sines {
                for b in cosines where b != a {
                    let rest = t / (Expr.call(.sin, a) * Expr.call(.cos, b))
                    let partner = rest * Expr.call(.cos, a) * Expr.call(.sin, b)
                    out.append(Pairing(partner: partner, coefficient: k, replacement: (rest * Expr.call(.sin, a + b)).scaled(by: k)))
                    out.append(Pairing(partner: partner, coefficient: -k, replacement: (rest * Expr.call(.sin, a - b)).scaled(by: k)))
                }
            }
            return out
        }
    }

    /// The angle-addition family.
    public static let angleAddition = RewriteRule.chain("angleAddition", [cosineOfSum, sineOfSum])
}
