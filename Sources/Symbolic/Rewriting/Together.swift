import Exact

// Rational normal forms of expressions whose kernels (calls, roots, symbolic powers) are
// treated as variables: see Kernels.swift for the bridge and
// Polynomials/FactoredRationalFunction.swift for the arithmetic.

extension Expr {
    /// The expression over one common denominator, with every common factor cancelled and
    /// the factors that occur kept unexpanded.
    ///
    ///     try Expr.parse("1/x + 1/y").together()               // (x + y)/(x*y)
    ///     try Expr.parse("(x^2 - 1)/(x - 1)").together()       // x + 1
    ///
    /// Kernels (sin(x), exp(y), x^(1/2), x^y) are variables: sin(x)/sin(x)² = 1/sin(x).
    /// Equal value wherever both sides are defined; the result may be defined where the
    /// input is not (a cancelled factor x − 1 removes the hole at x = 1).
    public func together() -> Expr {
        let map = KernelMap([self])
        guard let f = map.rationalFunction(self) else { return self }
        return map.expression(f, expandingNumerator: true)
    }

    /// The reduced quotient p/q of polynomials in the kernels, both multiplied out, with
    /// gcd(p, q) = 1 (by the multivariate subresultant gcd).
    ///
    ///     try Expr.parse("(x^3 + y^3)/(x + y)").cancelled()    // x^2 - x*y + y^2
    ///
    /// A normal form: two rational expressions in the same kernels are equal exactly when
    /// their `cancelled()` forms are equal.
    public func cancelled() -> Expr {
        let map = KernelMap([self])
        guard let f = map.rationalFunction(self) else { return self }
        let r = f.normalized
        return map.expression(r.numerator) / map.expression(r.denominator)
    }

    /// `true` when the expression is 0 as a rational function of its kernels, under one of
    /// the kernel splittings (as they are; tan as sin/cos; exp(a + b) as exp(a)·exp(b); roots
    /// out of denominators) after the standard rules: exact for rational expressions, and a
    /// proof (never a false `true`) otherwise, since every step is an identity.
    ///
    ///     try Expr.parse("x/(x*y) - 1/y").isZeroAsRationalFunction              // true
    ///     try Expr.parse("tan(x) - sin(x)/cos(x)").isZeroAsRationalFunction      // true
    public var isZeroAsRationalFunction: Bool {
        if isZero { return true }
        let candidates = [self, RewriteRule.standard.apply(self)]
        let splittings = [
            KernelOptions(), KernelOptions(rewritesTangents: true),
            KernelOptions(splitsExponentials: true, rewritesTangents: true),
            KernelOptions(rationalizesRoots: true),
        ]
        for e in candidates {
            if e.isZero { return true }
            for options in splittings {
                let map = KernelMap([e], options: options)
                if map.rationalFunction(e)?.isZero == true { return true }
            }
        }
        return false
    }
}
