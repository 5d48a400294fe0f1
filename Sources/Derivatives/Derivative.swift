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

/// Differentiates expressions with respect to one variable at a time, remembering the
/// derivative of every node it has seen, by identity. One instance may serve many
/// expressions that share nodes (the entries of a gradient, for a Hessian's column): each
/// shared node is then differentiated once for all of them; and, through ``select(_:)``,
/// many variables: one memo table, tagged by the variable's position, serves them all.
struct Differentiator {
    private(set) var variable: Symbol
    /// Which nodes depend on `variable`, when known (gradients, Jacobians, Hessians build
    /// one index for all their variables): the others are skipped without a traversal.
    private let dependencies: DependencyIndex?
    /// The variable's position in `dependencies` (the memo's tag), or −1.
    private var bit: Int
    /// Derivatives by (node, `bit`), in term form.
    private var memo: NodeMap<Scaled>
    /// The roots whose nodes key `memo`: holding them keeps every key's node alive, so an
    /// identifier is never reused for another node while the memo lives.
    private var roots: [Expr] = []
    /// The work stack of ``derivative(of:)``, kept so that its storage is reused.
    private var stack: [(node: Expr, ready: Bool)] = []
    /// Local derivatives that do not depend on the variable (f′(u) of a call, n·b^(n−1) of a
    /// numeric power), shared by the differentiators of one gradient or Hessian.
    private let local: LocalDerivatives

    init(variable: Symbol, dependencies: DependencyIndex? = nil, local: LocalDerivatives = LocalDerivatives()) {
        self.variable = variable
        self.dependencies = dependencies
        self.local = local
        self.bit = dependencies?.position[variable] ?? -1
        // Sized for every (node, variable) pair the index allows (capped), so that the one memo
        // of a whole Jacobian does not grow step by step, rehashing all it holds each time.
        self.memo = NodeMap(capacity: min(dependencies?.dependentPairs ?? 0, 1 << 16))
    }

    /// Differentiates by `variable` from now on. Derivatives by the earlier variables stay in
    /// the memo under their own tags (a variable without a position in the index has none:
    /// the memo starts afresh for it).
    mutating func select(_ variable: Symbol) {
        self.variable = variable
        bit = dependencies?.position[variable] ?? -1
        if bit < 0 { memo = NodeMap() }
    }

    /// `true` when e may depend on the variable and is not a leaf (leaves are done inline).
    @inline(__always)
    private func needsWork(_ e: Expr) -> Bool {
        if e.height == 0 { return false }  // a leaf (read without copying the node's kind)
        return dependencies?.depends(e, on: bit) ?? true
    }

    /// ∂f/∂x, canonicalised but not simplified.
    mutating func derivative(of f: Expr) -> Expr {
        if !needsWork(f) { return d(f).value }
        if let d = memo[f.id, bit] { return d.value }
        roots.append(f)
        var chains: [ObjectIdentifier: Chain] = [:]
        var stack: [(node: Expr, ready: Bool)] = []
        swap(&stack, &self.stack)
        defer { swap(&stack, &self.stack) }
        stack.append((f, false))
        while let (e, ready) = stack.popLast() {
            if memo[e.id, bit] != nil { continue }
            if ready {
                if let c = chains.removeValue(forKey: e.id) {
                    memo[e.id, bit] = Scaled(Expr.product(c.multipliers + [d(c.bottom).value]))
                } else {
                    memo[e.id, bit] = rule(e)
                }
            } else if let c = chain(from: e) {
                chains[e.id] = c
                stack.append((e, true))
                if needsWork(c.bottom) && memo[c.bottom.id, bit] == nil { stack.append((c.bottom, false)) }
            } else {
                stack.append((e, true))
                switch e.kind {
                case .number, .symbol: break
                case .sum(_, let terms) where terms.count > 8:
                    // A long sum: only the terms with the variable (as `rule` differentiates).
                    let parts = local.sumParts(e, terms, dependencies)
                    for (t, _) in parts.othersByVariable.map({ $0[bit] ?? [] }) ?? parts.others
                    where needsWork(t) && memo[t.id, bit] == nil {
                        stack.append((t, false))
                    }
                case .sum(_, let terms):
                    for (t, _) in terms where needsWork(t) && memo[t.id, bit] == nil { stack.append((t, false)) }
                case .product(_, let factors):
                    for (b, x) in factors {
                        if needsWork(b) && memo[b.id, bit] == nil { stack.append((b, false)) }
                        if needsWork(x) && memo[x.id, bit] == nil { stack.append((x, false)) }
                    }
                case .power(let b, let x):
                    if needsWork(b) && memo[b.id, bit] == nil { stack.append((b, false)) }
                    if needsWork(x) && memo[x.id, bit] == nil { stack.append((x, false)) }
                case .call(_, let u):
                    if needsWork(u) && memo[u.id, bit] == nil { stack.append((u, false)) }
                }
            }
        }
        return memo[f.id, bit]!.value
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
    ///
    /// Most nodes head no such run: the run is first measured through ``linkChild(_:)``, which
    /// builds nothing, and the multipliers are made only for a run long enough.
    private func chain(from e: Expr) -> Chain? {
        var length = 0
        var node = e
        while length < Self.minimumChainLength, let child = linkChild(node) {
            length += 1
            node = child
            if memo[node.id, bit] != nil { break }
        }
        guard length >= Self.minimumChainLength else { return nil }
        var multipliers: [Expr] = []
        node = e
        while let (m, child) = link(node) {
            multipliers.append(m)
            node = child
            if memo[node.id, bit] != nil { break }
        }
        return Chain(multipliers: multipliers, bottom: node)
    }

    /// The child of ``link(_:)`` without its multiplier: `nil` exactly when `link` is `nil`.
    private func linkChild(_ e: Expr) -> Expr? {
        guard needsWork(e) else { return nil }
        switch e.kind {
        case .call(_, let u):
            return u
        case .power(let b, let x):
            guard !b.isZero, x.rationalValue != nil else { return nil }
            return b
        case .sum(_, let terms):
            if terms.count > 8 { return nil }
            var dependent: Expr?
            for (t, _) in terms where mayDepend(t) {
                if dependent != nil { return nil }
                dependent = t
            }
            return dependent
        case .number, .symbol, .product:
            return nil
        }
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
            return (n == .one ? .one : local.power(b, n).scaled(by: n), b)
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
    private func d(_ e: Expr) -> Scaled {
        if e.height > 0 {
            if let dependencies, !dependencies.depends(e, on: bit) { return .zero }
            return memo[e.id, bit]!
        }
        switch e.kind {
        case .number: return .zero
        case .symbol(let s): return s == variable ? .one : .zero
        case .sum, .product, .power, .call: return memo[e.id, bit]!  // not reached: height 0 is a leaf
        }
    }

    /// a · s, in term form: the product is built with s's coefficient kept apart, and a number
    /// on either side only scales the other (what `*` does).
    private func times(_ a: Expr, _ s: Scaled) -> Scaled {
        if let r = s.expr.rationalValue { return Scaled(a, s.coefficient * r) }
        if let r = a.rationalValue { return Scaled(s.expr, s.coefficient * r) }
        var product = ProductBuilder()
        product.coefficient = s.coefficient
        product.multiply(by: a)
        product.multiply(by: s.expr)
        return Scaled(product.buildTerm())
    }

    /// The chain rule at one node whose children are done.
    private func rule(_ e: Expr) -> Scaled {
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
                    if !dt.isZero { sum.add(dt.expr, times: k * dt.coefficient) }
                }
                return Scaled(sum.buildTerm())
            }
            for (t, k) in terms {
                let dt = d(t)
                if !dt.isZero { sum.add(dt.expr, times: k * dt.coefficient) }
            }
            return Scaled(sum.buildTerm())
        case .product(let c, let factors):
            // Leibniz over the factors fᵢ = bᵢ^eᵢ: c · Σᵢ f′ᵢ · Πⱼ≠ᵢ fⱼ. The other factors are
            // canonical already: they go into the product as they are, and each product goes
            // into the sum as its parts (no node for its coefficient times it).
            var sum = SumBuilder()
            for (i, (b, x)) in factors.enumerated() {
                let df = power(b, x)
                if df.isZero { continue }
                var product = ProductBuilder()
                product.coefficient = c * df.coefficient
                product.multiply(by: df.expr)
                for (j, (bj, xj)) in factors.enumerated() where j != i { product.multiply(factor: bj, exponent: xj) }
                let (p, k) = product.buildTerm()
                sum.add(p, times: k)
            }
            return Scaled(sum.buildTerm())
        case .power(let b, let x):
            return power(b, x)
        case .call(let f, let u):
            let du = d(u)
            if du.isZero { return .zero }
            return times(local.call(e, f, u), du)
        }
    }

    /// d(b^x): 0 for b = 0; the constant-exponent rule x·b^(x−1)·b′ when x′ = 0 (no log, so d/dx x³ is
    /// exact at 0), the exponential rule b^x·log(b)·x′ when b′ = 0, and the general
    /// b^x·(x′·log b + x·b′/b) otherwise.
    private func power(_ b: Expr, _ x: Expr) -> Scaled {
        // 0^x is 0 wherever it is defined (x > 0): the general rule's log(0) would be an
        // undefined constant in the result.
        if b.isZero { return .zero }
        let db = d(b)
        let dx = d(x)
        if dx.isZero {
            if db.isZero { return .zero }
            if x.isOne { return db }
            if let n = x.rationalValue {
                // n·b^(n−1) · b′, the n kept apart with b′'s coefficient.
                var s = times(local.power(b, n), db)
                s.coefficient *= n
                return s
            }
            return Scaled(Expr.product([x, Expr.power(b, x - 1), db.value]))
        }
        let bx = Expr.power(b, x)
        let logB = Expr.call(.log, b)
        if db.isZero { return Scaled(Expr.product([bx, logB, dx.value])) }
        return Scaled(bx * (dx.value * logB + x * db.value / b))
    }
}

/// A derivative in term form, k · expr, with the rational k kept apart: a sum adds it as
/// the term it is (`SumBuilder.add(expr, times: k)`) and a product multiplies k into its
/// coefficient, where the node for k·expr would be built only to be taken apart again.
/// ``value`` is that node, equal to what the builders would have made of it.
struct Scaled {
    var expr: Expr
    var coefficient: Rational

    static let zero = Scaled(.zero)
    static let one = Scaled(.one)

    init(_ expr: Expr, _ coefficient: Rational = .one) {
        self.expr = expr
        self.coefficient = coefficient
    }

    init(_ parts: (term: Expr, coefficient: Rational)) {
        self.init(parts.term, parts.coefficient)
    }

    var isZero: Bool { coefficient.isZero || expr.isZero }

    /// k · expr, canonical.
    var value: Expr { expr.scaled(by: coefficient) }
}
