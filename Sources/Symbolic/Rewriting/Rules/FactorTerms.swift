import Exact

// Pulling the common factor out of a sum without expanding anything else (SymPy's
// `factor_terms`/`gcd_terms`): a·b·c + a·b·d = a·b·(c + d), with the numeric content and every
// base common to all summands at its smallest exponent.

extension RewriteRule {
    /// `factorTerms.commonFactor`: Σ kᵢ·C·tᵢ = g·C·Σ (kᵢ/g)·tᵢ with C the common factors
    /// and g the gcd of the coefficients; applies only when C ≠ 1.
    ///
    ///     RewriteRule.factorTerms.apply(try Expr.parse("exp(u)*x + 2*exp(u)*x*y"))   // x*(2*y + 1)*exp(u)
    public static let commonFactor = RewriteRule("factorTerms.commonFactor") { e in
        guard case .sum(let c, let terms) = e.kind, c.isZero, terms.count >= 2 else { return nil }
        // base → smallest rational exponent (or the common symbolic exponent), over every term.
        var common: [Expr: Expr] = [:]
        for (i, (t, _)) in terms.enumerated() {
            var here: [Expr: Expr] = [:]
            for (b, x) in factors(of: t) { here[b] = x }
            if i == 0 {
                common = here
                continue
            }
            for (b, x) in common {
                guard let y = here[b] else {
                    common[b] = nil
                    continue
                }
                if let p = x.rationalValue, let q = y.rationalValue {
                    common[b] = Expr(min(p, q))
                } else if x != y {
                    common[b] = nil
                }
            }
            if common.isEmpty { return nil }
        }
        guard !common.isEmpty else { return nil }
        let g = terms.dropFirst().reduce(terms[0].coefficient.magnitude) { Rational.gcd($0, $1.coefficient) }
        let commonFactor = Expr.product(common.map { Expr.power($0.key, $0.value) })
        let inner = Expr.sum(terms.map { ($0.term / commonFactor).scaled(by: $0.coefficient / g) })
        return Expr.product([Expr(g), commonFactor, inner])
    }

    /// The factor-terms family.
    public static let factorTerms = RewriteRule.chain("factorTerms", [commonFactor])
}
