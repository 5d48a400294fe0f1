import Exact

// simplified(): try several equal forms and keep the smallest by `operationCount`
// (SymPy's count_ops of the printed form), ties broken by tree size. Every candidate is
// equal in value to the input: rational normal forms are exact, the rules are identities.

extension Expr {
    /// The smallest equal expression among the candidates: the input, its rule rewrites
    /// (see ``RewriteRule/standard``), and rational normal forms of both (factored, and with
    /// the numerator multiplied out), with tangents as sin/cos and exponentials split; for a
    /// sum, also the sum of its terms simplified one by one. Runs under
    /// ``SimplificationBudget/standard``.
    ///
    ///     try Expr.parse("2*x*y + 3*y^2").simplified()            // y*(2*x + 3*y)
    ///     try Expr.parse("sin(x)^2 + cos(x)^2").simplified()      // 1
    ///
    /// Never larger than the input by `operationCount`; equal in value wherever the input
    /// is defined. Never fails and always finishes: see ``simplified(budget:)``.
    public func simplified() -> Expr { simplified(budget: .standard) }

    /// The smallest equal expression the candidate search finds within `budget`: every
    /// step is charged in counted operations, and a step that runs out is abandoned while
    /// the candidates found before it are kept, so the result is the same on every run.
    ///
    ///     try Expr.parse("x/(x + 1) + 1/(x + 1)").simplified(budget: .standard)   // 1
    ///     try Expr.parse("x/(x + 1) + 1/(x + 1)").simplified(budget: .none)       // x/(x + 1) + 1/(x + 1)
    ///
    /// A sum is combined over one denominator only when that is provably cheap (its
    /// numerator, bounded before multiplying, is not much larger than its parts); otherwise
    /// it stays a sum of simplified terms. Equal in value to `self` wherever `self` is
    /// defined, and never larger by `operationCount`.
    public func simplified(budget: SimplificationBudget) -> Expr {
        Simplifier.simplify(self, budget: budget).result
    }

    /// ``simplified(budget:)`` with an account of the search: the result, the work it
    /// charged, and whether some step was cut short by its budget.
    ///
    ///     let s = try Expr.parse("sin(x)^2 + cos(x)^2").simplification(budget: .standard)
    ///     s.result       // 1
    ///     s.budgetRanOut // false
    ///
    /// `s.work ≤ budget.search` always; the same input and budget give the same outcome.
    public func simplification(budget: SimplificationBudget) -> SimplificationOutcome {
        Simplifier.simplify(self, budget: budget)
    }
}

/// What one ``Expr/simplification(budget:)`` found, and the work it took.
public struct SimplificationOutcome: Sendable, Hashable {
    /// The smallest equal expression found.
    public var result: Expr
    /// Work units charged (see ``SimplificationBudget``); at most the budget's `search`.
    public var work: Int
    /// `true` when some step (the whole search, a rational normal form, one summand, one
    /// gcd) ran out of its budget and was abandoned: a larger budget might find more.
    public var budgetRanOut: Bool
}

enum Simplifier {
    static func simplify(_ e: Expr, budget: SimplificationBudget) -> SimplificationOutcome {
        let meter = WorkMeter(limit: budget.search)
        var search = Search(e, cache: SimplificationCache())
        do { try search.run(budget, meter: meter) } catch {}  // the candidates found so far stand
        search.finish()
        return SimplificationOutcome(result: search.best, work: meter.spent, budgetRanOut: meter.anyStepRanOut)
    }

    /// The candidate search over one input: the cheapest candidate so far, by ``cost(_:)``.
    struct Search {
        let input: Expr
        let cache: SimplificationCache
        private(set) var best: Expr
        private var bestCost: Int
        /// The term-wise candidates of a sum, considered after the others (so that the
        /// whole-sum forms win ties, as they did before) but built first (so that a search
        /// that runs out in a whole-sum step still has them).
        private var termwise: [Expr] = []

        init(_ e: Expr, cache: SimplificationCache) {
            input = e
            self.cache = cache
            best = e
            bestCost = Simplifier.cost(cache.facts(e))
        }

        mutating func consider(_ e: Expr) {
            let c = Simplifier.cost(cache.facts(e))
            if c < bestCost {
                best = e
                bestCost = c
            }
        }

        mutating func finish() {
            for e in termwise { consider(e) }
            termwise = []
        }

        /// Every candidate, in order, charged to `meter`; throws when it runs out.
        mutating func run(_ budget: SimplificationBudget, meter: WorkMeter, splittingSums: Bool = true) throws(WorkExhausted) {
            if case .number = input.kind { return }
            if case .symbol = input.kind { return }
            let facts = cache.facts(input)
            try meter.charge(facts.size)  // the traversals below, and costing candidates
            let functions = cache.functions(in: input)
            let standard = RewriteRule.applicable(to: functions)
            let cache = self.cache
            func rules(_ e: Expr, _ meter: WorkMeter) throws(WorkExhausted) -> Expr {
                try cache.apply(standard, .standard(facts.functions), to: e, passes: budget.rulePasses, meter: meter)
            }
            func factorTerms(_ e: Expr) throws(WorkExhausted) -> Expr {
                try cache.apply(RewriteRule.factorTerms, .factorTerms, to: e, passes: budget.rulePasses, meter: meter)
            }
            if splittingSums, case .sum(let c, let terms) = input.kind, terms.count >= 2 {
                let sum = Simplifier.termByTerm(c, terms, budget, meter: meter, cache: cache)
                termwise.append(sum)
                if let factored = try? factorTerms(sum) { termwise.append(factored) }
                if let split = Simplifier.fractionsCombined(c, terms, budget, meter: meter, cache: cache) { termwise.append(split) }
            }
            if splittingSums, case .product(let c, let factors) = input.kind,
                let product = Simplifier.factorByFactor(c, factors, budget, meter: meter, cache: cache)
            {
                termwise.append(product)
            }
            let rewritten = try rules(input, meter)
            consider(rewritten)
            let sources = rewritten == input ? [input] : [input, rewritten]
            for source in sources {
                let factored = try factorTerms(source)
                consider(factored)
                consider(try rules(factored, meter))
            }
            for source in sources {
                var splittings = Set<[Expr]>()  // an option that splits no kernel gives the same forms again
                for options in Simplifier.kernelOptions(for: functions, compositeRoots: facts.compositeRoots) {
                    let formMeter = meter.child(limit: budget.rationalForm)
                    do {
                        try Simplifier.rationalForms(source, options, budget, meter: formMeter, skipping: &splittings) {
                            form throws(WorkExhausted) in
                            consider(form)
                            consider(try rules(form, formMeter))
                        }
                    } catch {
                        if meter.isExhausted { throw error }  // the whole search ran out, not just this form
                    }
                }
            }
        }
    }

    /// c + Σ kᵢ·tᵢ with every tᵢ simplified on its own (under `budget.term` each); once
    /// `meter` runs out, the remaining terms stay as they are.
    static func termByTerm(
        _ c: Rational, _ terms: [(term: Expr, coefficient: Rational)], _ budget: SimplificationBudget,
        meter: WorkMeter, cache: SimplificationCache
    ) -> Expr {
        var parts: [Expr] = [Expr(c)]
        parts.reserveCapacity(terms.count + 1)
        var exhausted = false
        for (t, k) in terms {
            if exhausted {
                parts.append(t.scaled(by: k))
                continue
            }
            var search = Search(t, cache: cache)
            do {
                try search.run(budget, meter: meter.child(limit: budget.term), splittingSums: false)
            } catch {
                exhausted = meter.isExhausted
            }
            search.finish()
            parts.append(search.best.scaled(by: k))
        }
        return Expr.sum(parts)
    }

    /// c · Π bᵢ^xᵢ with every sum base bᵢ that has a fraction among its terms simplified on
    /// its own (its terms one by one among its candidates, under `budget.term` each):
    /// `(x/y + 1)^y*(log(x/y + 1) - x/(y*(x/y + 1)))` has the factor `log(x/y + 1) - x/(x + y)`.
    /// `nil` when no base has a smaller form.
    static func factorByFactor(
        _ c: Rational, _ factors: [(base: Expr, exponent: Expr)], _ budget: SimplificationBudget,
        meter: WorkMeter, cache: SimplificationCache
    ) -> Expr? {
        var parts: [Expr] = [Expr(c)]
        var changed = false
        for (b, x) in factors {
            guard case .sum(_, let terms) = b.kind, terms.contains(where: { hasDenominator($0.term) }), !meter.isExhausted else {
                parts.append(Expr.power(b, x))
                continue
            }
            var search = Search(b, cache: cache)
            do { try search.run(budget, meter: meter.child(limit: budget.term)) } catch {}
            search.finish()
            changed = changed || search.best != b
            parts.append(Expr.power(search.best, x))
        }
        return changed ? Expr.product(parts) : nil
    }

    /// The polynomial part of a sum kept as it is, plus its fractions (the terms with a
    /// denominator) over one denominator, simplified on their own: `2*x + y - (x + y)/x^2 +
    /// 1/x - y/x^2` is `2*x + y - 2*y/x^2`, where the whole sum over x² would multiply the
    /// polynomial part into the numerator. `nil` when fewer than two terms are fractions or
    /// none is not (the whole-sum forms cover those).
    static func fractionsCombined(
        _ c: Rational, _ terms: [(term: Expr, coefficient: Rational)], _ budget: SimplificationBudget,
        meter: WorkMeter, cache: SimplificationCache
    ) -> Expr? {
        var fractions: [Expr] = [], rest: [Expr] = [Expr(c)]
        for (t, k) in terms {
            if hasDenominator(t) { fractions.append(t.scaled(by: k)) } else { rest.append(t.scaled(by: k)) }
        }
        guard fractions.count >= 2, rest.count >= 2 || !c.isZero else { return nil }
        var search = Search(Expr.sum(fractions), cache: cache)
        do { try search.run(budget, meter: meter.child(limit: budget.term), splittingSums: false) } catch {}
        search.finish()
        return Expr.sum(rest + [search.best])
    }

    /// Whether a term has a factor with a negative numeric exponent (it prints as a fraction).
    static func hasDenominator(_ t: Expr) -> Bool {
        switch t.kind {
        case .power(_, let x): return (x.rationalValue?.signum() ?? 0) < 0
        case .product(_, let factors): return factors.contains { ($0.exponent.rationalValue?.signum() ?? 0) < 0 }
        case .number, .symbol, .sum, .call: return false
        }
    }

    /// The kernel splittings worth trying: exponentials only when exp occurs, roots moved
    /// out of denominators only when a root of something other than a symbol occurs, and
    /// so on.
    static func kernelOptions(for functions: Set<ElementaryFunction>, compositeRoots: Bool = true) -> [KernelOptions] {
        var out = compositeRoots ? [KernelOptions(), KernelOptions(rationalizesRoots: true)] : [KernelOptions()]
        if functions.contains(.exp) { out.append(KernelOptions(splitsExponentials: true, rewritesTangents: false)) }
        if functions.contains(.tan) || functions.contains(.tanh) {
            out.append(KernelOptions(splitsExponentials: false, rewritesTangents: true))
        }
        return out
    }

    /// (operation count, tree size), compared lexicographically, as one integer.
    static func cost(_ facts: NodeFacts) -> Int {
        let ops = facts.operations
        return ops >= Int.max / 4096 ? Int.max : ops * 4096 + min(facts.size, 4095)
    }

    /// Most kernels (variables) a rational normal form is tried with: past that, the
    /// polynomials' monomials grow too wide to be worth it.
    static let maximumKernels = 24

    /// The rational normal forms of e in the kernels that `options` give, each passed to
    /// `body` as soon as it is built: factored, and with the numerator multiplied out (and
    /// both with a negative sign moved into a factor). Sums are combined only when provably
    /// cheap (`budget.combinedTerms`, and a numerator at most twice the size of its parts).
    /// `splittings` holds the kernel lists already tried for `e`: the same kernels give the
    /// same forms (with roots rationalised only when a composite root is a kernel), so they
    /// are not built twice.
    static func rationalForms(
        _ e: Expr, _ options: KernelOptions, _ budget: SimplificationBudget, meter: WorkMeter,
        skipping splittings: inout Set<[Expr]>, _ body: (Expr) throws(WorkExhausted) -> Void
    ) throws(WorkExhausted) {
        let map = KernelMap([e], options: options)
        if options.rationalizesRoots && !map.hasCompositeRoots { return }
        // A rationalising map is marked by a trailing 1 (no kernel is a number).
        guard splittings.insert(options.rationalizesRoots ? map.kernels + [Expr.one] : map.kernels).inserted else { return }
        guard map.variableCount <= maximumKernels,
            let f = try map.rationalFunction(e, termLimit: budget.combinedTerms, meter: meter, gcdLimit: budget.gcd, combiningGrowth: 2)
        else { return }
        try body(try map.expression(f, meter: meter))
        let numeratorTerms = f.factors.reduce(1) { $1.value > 0 ? FactoredRationalFunction.bound($0, $1.key.terms.count, $1.value) : $0 }
        if numeratorTerms > budget.combinedTerms { return }
        try body(try map.expression(f, expandingNumerator: true, meter: meter))
        if f.coefficient.signum() >= 0 { return }
        try body(try map.expression(f, absorbingSign: true, meter: meter))
        try body(try map.expression(f, expandingNumerator: true, absorbingSign: true, meter: meter))
    }
}
