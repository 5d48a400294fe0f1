import Exact
import Symbolic

// The chain-rule driver: one rule per kind of Expr; the elementary functions' f′ come from
// the table in ElementaryDerivatives.swift. Differentiation is memoised over the DAG by node
// identity (each shared node is differentiated once per variable) and iterative, so the
// derivative's DAG is linear in f's and no input depth can exhaust the stack
// (Griewank & Walther, "Evaluating Derivatives", §3.1: forward mode over a computational
// graph, here with Exprs as the tangent values).

extension Expr {
    /// The partial derivative ∂f/∂x, simplified (see `simplified()`).
    ///
    ///     (x^2 * y + sin(x)).derivative(withRespectTo: x)   // 2*x*y + cos(x)
    ///
    /// Linear: ∂(a·f + b·g)/∂x = a·∂f/∂x + b·∂g/∂x for numbers a, b; Leibniz:
    /// ∂(f·g)/∂x = ∂f/∂x·g + f·∂g/∂x. Never throws: points where f is not differentiable
    /// (abs at 0) show up when the result is evaluated there.
    public func derivative(withRespectTo x: Symbol) -> Expr {
        rawDerivative(withRespectTo: x).simplified()
    }

    /// ∂f/∂x as the chain rule builds it, only canonicalised: faster than
    /// `derivative(withRespectTo:)`, and its DAG is at most a constant times f's.
    ///
    ///     (x^3).rawDerivative(withRespectTo: x)   // 3*x^2
    public func rawDerivative(withRespectTo x: Symbol) -> Expr {
        var d = Differentiator(variable: x)
        return d.derivative(of: self)
    }

    /// The mixed partial ∂ⁿf/∂xₙ⋯∂x₁, differentiating by `xs` in order, simplified after
    /// each step.
    ///
    ///     (x^2 * y^3).derivative(withRespectTo: [x, y])   // 6*x*y^2
    ///
    /// For smooth f the order does not matter (Schwarz): [x, y] and [y, x] give equal values.
    public func derivative(withRespectTo xs: [Symbol]) -> Expr {
        xs.reduce(self) { $0.derivative(withRespectTo: $1) }
    }

    /// The n-th derivative ∂ⁿf/∂xⁿ (n ≥ 0; the 0-th is f).
    ///
    ///     (x^5).derivative(withRespectTo: x, order: 3)   // 60*x^2
    public func derivative(withRespectTo x: Symbol, order n: Int) -> Expr {
        precondition(n >= 0, "the order of a derivative is at least 0")
        return derivative(withRespectTo: Array(repeating: x, count: n))
    }
}

/// Differentiates expressions with respect to one variable, remembering the derivative of
/// every node it has seen, by identity. One instance may serve many expressions that share
/// nodes (the entries of a gradient, for a Hessian's column): each shared node is then
/// differentiated once for all of them.
struct Differentiator {
    let variable: Symbol
    /// Which nodes depend on `variable`, when known (gradients, Jacobians, Hessians build
    /// one index for all their variables): the others are skipped without a traversal.
    private let dependencies: DependencyIndex?
    private let bit: Int
    private var memo = NodeMap<Expr>()
    /// The roots whose nodes key `memo`: holding them keeps every key's node alive, so an
    /// identifier is never reused for another node while the memo lives.
    private var roots: [Expr] = []
    /// Local derivatives that do not depend on the variable (f′(u) of a call, n·b^(n−1) of a
    /// numeric power), shared by the differentiators of one gradient or Hessian.
    private let local: LocalDerivatives

    init(variable: Symbol, dependencies: DependencyIndex? = nil, local: LocalDerivatives = LocalDerivatives()) {
        self.variable = variable
        self.dependencies = dependencies
        self.local = local
        self.bit = dependencies?.position[variable] ?? -1
    }

    /// `true` when e may depend on the variable and is not a leaf (leaves are done inline).
    @inline(__always)
    private func needsWork(_ e: Expr) -> Bool {
        if e.height == 0 { return false }  // a leaf (read without copying the node's kind)
        return dependencies?.depends(e, on: bit) ?? true
    }

    /// ∂f/∂x, canonicalised but not simplified.
    mutating func derivative(of f: Expr) -> Expr {
        if !needsWork(f) { return d(f) }
        if let d = memo[f.id] { return d }
        roots.append(f)
        var chains: [ObjectIdentifier: Chain] = [:]
        var stack: [(node: Expr, ready: Bool)] = [(f, false)]
        while let (e, ready) = stack.popLast() {
            if memo[e.id] != nil { continue }
            if ready {
                if let c = chains.removeValue(forKey: e.id) {
                    memo[e.id] = Expr.product(c.multipliers + [d(c.bottom)])
                } else {
                    memo[e.id] = rule(e)
                }
            } else if let c = chain(from: e) {
                chains[e.id] = c
                stack.append((e, true))
                if needsWork(c.bottom) && memo[c.bottom.id] == nil { stack.append((c.bottom, false)) }
            } else {
                stack.append((e, true))
                switch e.kind {
                case .number, .symbol: break
                case .sum(_, let terms) where terms.count > 8:
                    // A long sum: only the terms with the variable (as `rule` differentiates).
                    let parts = local.sumParts(e, terms, dependencies)
                    for (t, _) in parts.othersByVariable.map({ $0[bit] ?? [] }) ?? parts.others
                    where needsWork(t) && memo[t.id] == nil {
                        stack.append((t, false))
                    }
                case .sum(_, let terms):
                    for (t, _) in terms where needsWork(t) && memo[t.id] == nil { stack.append((t, false)) }
                case .product(_, let factors):
                    for (b, x) in factors {
                        if needsWork(b) && memo[b.id] == nil { stack.append((b, false)) }
                        if needsWork(x) && memo[x.id] == nil { stack.append((x, false)) }
                    }
                case .power(let b, let x):
                    if needsWork(b) && memo[b.id] == nil { stack.append((b, false)) }
                    if needsWork(x) && memo[x.id] == nil { stack.append((x, false)) }
                case .call(_, let u):
                    if needsWork(u) && memo[u.id] == nil { stack.append((u, false)) }
                }
            }
        }
        return memo[f.id]!
    }

    // MARK: - Chains

    /// A run of nodes e₁ → e₂ → … → bottom where each eᵢ has one child that may depend on the
    /// variable and d(eᵢ) = mᵢ · d(eᵢ₊₁): then d(e₁) = m₁ ⋯ mₖ · d(bottom).
    struct Chain {
        var multipliers: [Expr]
        var bottom: Expr
    }

    /// Runs shorter than this go through ``rule(_:)`` node by node.
    static let minimumChainLength = 32

    /// The chain below `e`, when it has at least ``minimumChainLength`` links. Node by node,
    /// d(eᵢ) = mᵢ · d(eᵢ₊₁) would build a flattened product of i factors at every level of a
    /// deep chain (sin(sin(…x)), 1/(1 − 1/(1 − …))): O(depth²) time and memory. Built once from
    /// the multipliers, the product costs O(depth log depth), and the derivative's DAG stays
    /// linear in f's. The nodes inside the run get no memo entry; another parent of one of
    /// them differentiates it again (correct, and rare: parsed chains share no inner node).
    private func chain(from e: Expr) -> Chain? {
        var multipliers: [Expr] = []
        var node = e
        while let (m, child) = link(node) {
            multipliers.append(m)
            node = child
            if memo[node.id] != nil { break }
        }
        return multipliers.count >= Self.minimumChainLength ? Chain(multipliers: multipliers, bottom: node) : nil
    }

    /// (m, child) when e's derivative is m · d(child) with m free of d: a call f(u)
    /// (m = f′(u)), a power with a rational exponent b^n (m = n·b^(n−1)), a sum with one term
    /// k·t that may depend on the variable (m = k). The same factors ``rule(_:)`` uses.
    private func link(_ e: Expr) -> (multiplier: Expr, child: Expr)? {
        guard needsWork(e) else { return nil }
        switch e.kind {
        case .call(let f, let u):
            return (local.call(e, f, u), u)
        case .power(let b, let x):
            guard !b.isZero, let n = x.rationalValue else { return nil }
            return (n == .one ? .one : local.power(b, n), b)
        case .sum(_, let terms):
            // A long sum is not scanned term by term for every variable (that made gradients
            // of long sums quadratic): `rule` finds its dependent terms through the index.
            if terms.count > 8 { return nil }
            var dependent: (term: Expr, coefficient: Rational)?
            for (t, k) in terms where mayDepend(t) {
                if dependent != nil { return nil }
                dependent = (t, k)
            }
            guard let (t, k) = dependent else { return nil }
            return (Expr(k), t)
        case .number, .symbol, .product:
            return nil
        }
    }

    /// `false` when e certainly does not depend on the variable (a number, another symbol,
    /// a node the dependency index rules out).
    private func mayDepend(_ e: Expr) -> Bool {
        switch e.kind {
        case .number: return false
        case .symbol(let s): return s == variable
        default: return dependencies?.depends(e, on: bit) ?? true
        }
    }

    /// The derivative of a child: leaves inline, independent nodes 0, the rest from the memo.
    @inline(__always)
    private func d(_ e: Expr) -> Expr {
        if e.height > 0 {
            if let dependencies, !dependencies.depends(e, on: bit) { return .zero }
            return memo[e.id]!
        }
        switch e.kind {
        case .number: return .zero
        case .symbol(let s): return s == variable ? .one : .zero
        case .sum, .product, .power, .call: return memo[e.id]!  // not reached: height 0 is a leaf
        }
    }

    /// The chain rule at one node whose children are done.
    private func rule(_ e: Expr) -> Expr {
        switch e.kind {
        case .number, .symbol:
            return d(e)
        case .sum(_, let terms):
            // Σ kᵢ·tᵢ′, each term added to one builder (no scaled copy of a term's derivative).
            var sum = SumBuilder()
            if terms.count > 8 {
                // Long sums (dot products): the symbol terms are looked up, not scanned.
                let parts = local.sumParts(e, terms, dependencies)
                if let k = parts.symbols[variable] { sum.constant = k }
                for (t, k) in parts.othersByVariable.map({ $0[bit] ?? [] }) ?? parts.others {
                    let dt = d(t)
                    if !dt.isZero { sum.add(dt, times: k) }
                }
                return sum.build()
            }
            for (t, k) in terms {
                let dt = d(t)
                if !dt.isZero { sum.add(dt, times: k) }
            }
            return sum.build()
        case .product(let c, let factors):
            // Leibniz over the factors fᵢ = bᵢ^eᵢ: c · Σᵢ f′ᵢ · Πⱼ≠ᵢ fⱼ. The other factors are
            // canonical already: they go into the product as they are.
            var sum = SumBuilder()
            for (i, (b, x)) in factors.enumerated() {
                let df = power(b, x)
                if df.isZero { continue }
                var product = ProductBuilder()
                product.coefficient = c
                product.multiply(by: df)
                for (j, (bj, xj)) in factors.enumerated() where j != i { product.multiply(factor: bj, exponent: xj) }
                sum.add(product.build())
            }
            return sum.build()
        case .power(let b, let x):
            return power(b, x)
        case .call(let f, let u):
            let du = d(u)
            if du.isZero { return .zero }
            return local.call(e, f, u) * du
        }
    }

    /// d(b^x): 0 for b = 0; the constant-exponent rule x·b^(x−1)·b′ when x′ = 0 (no log, so d/dx x³ is
    /// exact at 0), the exponential rule b^x·log(b)·x′ when b′ = 0, and the general
    /// b^x·(x′·log b + x·b′/b) otherwise.
    private func power(_ b: Expr, _ x: Expr) -> Expr {
        // 0^x is 0 wherever it is defined (x > 0): the general rule's log(0) would be an
        // undefined constant in the result.
        if b.isZero { return .zero }
        let db = d(b)
        let dx = d(x)
        if dx.isZero {
            if db.isZero { return .zero }
            if x.isOne { return db }
            if let n = x.rationalValue { return local.power(b, n) * db }
            return Expr.product([x, Expr.power(b, x - 1), db])
        }
        let bx = Expr.power(b, x)
        let logB = Expr.call(.log, b)
        if db.isZero { return Expr.product([bx, logB, dx]) }
        return bx * (dx * logB + x * db / b)
    }
}
