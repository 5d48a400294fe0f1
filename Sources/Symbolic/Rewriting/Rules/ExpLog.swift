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

    /// `expLog.hyperbolicQuotient`: exp(u)/(exp(u)² + 1) = 1/(2·cosh u) and
    /// exp(u)/(exp(u)² − 1) = 1/(2·sinh u) (also with exp(2u) for exp(u)², and 1 − exp(u)²
    /// for −(exp(u)² − 1)): the derivative of atan(exp(u)) is u′/(2·cosh u).
    public static let hyperbolicQuotient = RewriteRule("expLog.hyperbolicQuotient") { e in
        guard case .product(let c, let factors) = e.kind else { return nil }
        for (i, (b, x)) in factors.enumerated() where x.isOne {
            guard let u = argument(b, of: .exp) else { continue }
            for (j, (d, y)) in factors.enumerated() where j != i && y.rationalValue == Rational(-1) {
                guard let (function, sign) = hyperbolicDenominator(d, u) else { continue }
                var rest: [Expr] = [Expr(c * sign / 2), Expr.power(Expr.call(function, u), Expr(-1))]
                for (k, f) in factors.enumerated() where k != i && k != j { rest.append(Expr.power(f.base, f.exponent)) }
                return Expr.product(rest)
            }
        }
        return nil
    }

    /// For d = ±(exp(u)² ± 1): (cosh, ±1) when d = ±(exp(u)² + 1) = ±2·exp(u)·cosh(u), (sinh, ±1)
    /// when d = ±(exp(u)² − 1) = ±2·exp(u)·sinh(u).
    static func hyperbolicDenominator(_ d: Expr, _ u: Expr) -> (ElementaryFunction, Rational)? {
        guard case .sum(let c, let terms) = d.kind, terms.count == 1, c.magnitude == .one,
            terms[0].coefficient.magnitude == .one
        else { return nil }
        let t = terms[0].term
        let square: Bool
        if case .power(let b, let x) = t.kind, x.rationalValue == Rational(2), argument(b, of: .exp) == u {
            square = true
        } else if let w = argument(t, of: .exp), w == u.scaled(by: Rational(2)) {
            square = true
        } else {
            square = false
        }
        guard square else { return nil }
        let k = terms[0].coefficient
        return (c == k ? .cosh : .sinh, k)
    }

    /// The exp/log family.
    public static let expLog = RewriteRule.chain("expLog", [productOfExponentials, logOfExp, expOfLog, hyperbolicQuotient])
}
