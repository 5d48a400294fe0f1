import Exact

// simplified(): try several equal forms and keep the smallest by `operationCount`
// (SymPy's count_ops of the printed form), ties broken by tree size. Every candidate is
// equal in value to the input: rational normal forms are exact, the rules are identities.

extension Expr {
    /// The smallest equal expression among the candidates: the input, its rule rewrites
    /// (see ``RewriteRule/standard``), and rational normal forms of both (factored, and with
    /// the numerator multiplied out), with tangents as sin/cos and exponentials split.
    ///
    ///     try Expr.parse("2*x*y + 3*y^2").simplified()            // y*(2*x + 3*y)
    ///     try Expr.parse("sin(x)^2 + cos(x)^2").simplified()      // 1
    ///
    /// Never larger than the input by `operationCount`; equal in value wherever the input
    /// is defined.
    public func simplified() -> Expr {
        if case .number = kind { return self }
        if case .symbol = kind { return self }
        var best = self
        var bestCost = Simplifier.cost(self)
        func consider(_ e: Expr) {
            let c = Simplifier.cost(e)
            if c < bestCost {
                best = e
                bestCost = c
            }
        }
        let rewritten = RewriteRule.standard.apply(self)
        consider(rewritten)
        for source in rewritten == self ? [self] : [self, rewritten] {
            for options in Simplifier.kernelOptions {
                for form in Simplifier.rationalForms(source, options) {
                    consider(form)
                    consider(RewriteRule.standard.apply(form))
                }
            }
        }
        return best
    }
}

enum Simplifier {
    static let kernelOptions: [KernelOptions] = [
        KernelOptions(),
        KernelOptions(splitsExponentials: true, rewritesTangents: false),
        KernelOptions(splitsExponentials: false, rewritesTangents: true),
    ]

    /// (operation count, tree size), compared lexicographically, as one integer.
    static func cost(_ e: Expr) -> Int {
        let ops = e.operationCount
        return ops >= Int.max / 4096 ? Int.max : ops * 4096 + min(e.treeSize, 4095)
    }

    /// The rational normal forms of e in the kernels that `options` give: factored, and with
    /// the numerator multiplied out.
    static func rationalForms(_ e: Expr, _ options: KernelOptions) -> [Expr] {
        let map = KernelMap([e], options: options)
        guard map.variableCount <= 24, let f = map.rationalFunction(e) else { return [] }
        return [map.expression(f), map.expression(f, expandingNumerator: true)]
    }
}
