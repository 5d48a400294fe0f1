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
        let functions = Simplifier.functions(in: self)
        let rules = RewriteRule.applicable(to: functions)
        let rewritten = rules.apply(self)
        consider(rewritten)
        let sources = rewritten == self ? [self] : [self, rewritten]
        for source in sources {
            let factored = RewriteRule.factorTerms.apply(source)
            consider(factored)
            consider(rules.apply(factored))
        }
        for source in sources {
            for options in Simplifier.kernelOptions(for: functions) {
                for form in Simplifier.rationalForms(source, options) {
                    consider(form)
                    consider(rules.apply(form))
                }
            }
        }
        return best
    }
}

enum Simplifier {
    /// The kernel splittings worth trying: exponentials only when exp occurs, and so on.
    static func kernelOptions(for functions: Set<ElementaryFunction>) -> [KernelOptions] {
        var out = [KernelOptions(), KernelOptions(rationalizesRoots: true)]
        if functions.contains(.exp) { out.append(KernelOptions(splitsExponentials: true, rewritesTangents: false)) }
        if functions.contains(.tan) || functions.contains(.tanh) {
            out.append(KernelOptions(splitsExponentials: false, rewritesTangents: true))
        }
        return out
    }

    /// The elementary functions called anywhere in e.
    static func functions(in e: Expr) -> Set<ElementaryFunction> {
        var out = Set<ElementaryFunction>()
        var seen = Set<ObjectIdentifier>()
        var stack = [e]
        while let n = stack.popLast() {
            guard seen.insert(n.id).inserted else { continue }
            if case .call(let f, _) = n.kind { out.insert(f) }
            n.forEachChild { stack.append($0) }
        }
        return out
    }

    /// (operation count, tree size), compared lexicographically, as one integer.
    static func cost(_ e: Expr) -> Int {
        let ops = e.operationCount
        return ops >= Int.max / 4096 ? Int.max : ops * 4096 + min(e.treeSize, 4095)
    }

    /// The rational normal forms of e in the kernels that `options` give: factored, and with
    /// the numerator multiplied out.
    static func rationalForms(_ e: Expr, _ options: KernelOptions) -> [Expr] {
        let map = KernelMap([e], options: options)
        if options.rationalizesRoots && !map.hasCompositeRoots { return [] }
        guard map.variableCount <= 24, let f = map.rationalFunction(e) else { return [] }
        let numeratorTerms = f.factors.reduce(1) { $1.value > 0 ? FactoredRationalFunction.bound($0, $1.key.terms.count, $1.value) : $0 }
        if numeratorTerms > 2_000 { return [map.expression(f)] }
        if f.coefficient.signum() >= 0 { return [map.expression(f), map.expression(f, expandingNumerator: true)] }
        return [map.expression(f), map.expression(f, expandingNumerator: true),
                map.expression(f, absorbingSign: true), map.expression(f, expandingNumerator: true, absorbingSign: true)]
    }
}
