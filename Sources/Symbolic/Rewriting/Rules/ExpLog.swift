import Exact

// exp(a)·exp(b) = exp(a + b), log(exp(u)) = u, exp(v·log u) = u^v (for u > 0, where log u
// is defined).

extension RewriteRule {
    /// `expLog.productOfExponentials`: exp(a)^m · exp(b)^n = exp(m·a + n·b) for integers m, n.
    public static let productOfExponentials = RewriteRule("expLog.productOfExponentials") { e in
        guard case .product(let c, let factors) = e.kind else { return nil }
        var exponents: [Expr] = []
        var others: [Expr] = [Expr(c)]
        for (b, x) in factors {
            if let u = argument(b, of: .exp), let n = x.rationalValue, n.isInteger {
                exponents.append(u.scaled(by: n))
            } else {
                others.append(Expr.power(b, x))
            }
        }
        guard exponents.count >= 2 else { return nil }
        return Expr.product(others + [Expr.call(.exp, Expr.sum(exponents))])
    }

    /// `expLog.logOfExp`: log(exp(u)) = u.
    public static let logOfExp = RewriteRule("expLog.logOfExp") { e in
        guard let v = argument(e, of: .log), let u = argument(v, of: .exp) else { return nil }
        return u
    }

    /// `expLog.expOfLog`: exp(v·log u) = u^v.
    public static let expOfLog = RewriteRule("expLog.expOfLog") { e in
        guard let w = argument(e, of: .exp) else { return nil }
        if let u = argument(w, of: .log) { return u }
        guard case .product(let c, let factors) = w.kind else { return nil }
        guard let i = factors.firstIndex(where: { argument($0.base, of: .log) != nil && $0.exponent.isOne }) else { return nil }
        let u = argument(factors[i].base, of: .log)!
        var rest = factors
        rest.remove(at: i)
        let v = Expr.product([Expr(c)] + rest.map { Expr.power($0.base, $0.exponent) })
        return Expr.power(u, v)
    }

    /// The exp/log family.
    public static let expLog = RewriteRule.chain("expLog", [productOfExponentials, logOfExp, expOfLog])
}
