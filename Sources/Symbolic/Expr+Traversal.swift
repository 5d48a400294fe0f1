import Exact

// Traversal over the DAG with an explicit stack: every distinct node (by identity) is
// visited once, children before parents, so no traversal recurses and shared
// subexpressions are computed once.

extension Expr {
    /// Calls `body` on each child, in storage order: a sum's terms; a product's bases and
    /// exponents, interleaved; a power's base then exponent; a call's argument.
    @inline(__always)
    public func forEachChild(_ body: (Expr) throws -> Void) rethrows {
        switch kind {
        case .number, .symbol: return
        case .sum(_, let terms): for (t, _) in terms { try body(t) }
        case .product(_, let factors):
            for (b, e) in factors {
                try body(b)
                try body(e)
            }
        case .power(let b, let e):
            try body(b)
            try body(e)
        case .call(_, let u): try body(u)
        }
    }

    /// Folds the DAG bottom-up: `combine(node, value)` gets the values of the node's
    /// descendants through `value`, and is called once per distinct node (by identity).
    ///
    ///     e.foldPostorder { node, value in 1 + …(children's values) }
    ///
    /// Iterative (an explicit stack), so any depth is safe; O(number of distinct nodes).
    /// - Throws: whatever `combine` throws, at the first node that throws.
    public func foldPostorder<R, E: Error>(_ combine: (Expr, _ value: (Expr) -> R) throws(E) -> R) throws(E) -> R {
        try foldPostorderMemo(combine)[id]!
    }

    /// ``foldPostorder(_:)``'s table: the value of every distinct node, by identity.
    func foldPostorderMemo<R, E: Error>(_ combine: (Expr, _ value: (Expr) -> R) throws(E) -> R) throws(E) -> [ObjectIdentifier: R] {
        var memo: [ObjectIdentifier: R] = [:]
        var stack: [(node: Expr, ready: Bool)] = [(self, false)]
        while let (e, ready) = stack.popLast() {
            if memo[e.id] != nil { continue }
            if ready {
                let r = try combine(e) { memo[$0.id]! }
                memo[e.id] = r
            } else {
                stack.append((e, true))
                e.forEachChild { c in if memo[c.id] == nil { stack.append((c, false)) } }
            }
        }
        return memo
    }

    /// This node with each child replaced by `transform(child)`, re-canonicalised; the node
    /// itself (no allocation) when every child comes back identical.
    public func mappingChildren(_ transform: (Expr) throws -> Expr) rethrows -> Expr {
        switch kind {
        case .number, .symbol:
            return self
        case .sum(let c, let terms):
            var mapped: [Expr] = []
            mapped.reserveCapacity(terms.count)
            var changed = false
            for (t, _) in terms {
                let m = try transform(t)
                changed = changed || m.node !== t.node
                mapped.append(m)
            }
            if !changed { return self }
            var builder = SumBuilder(capacity: terms.count)
            builder.constant = c
            for (i, (_, k)) in terms.enumerated() { builder.add(mapped[i], times: k) }
            return builder.build()
        case .product(let c, let factors):
            var mapped: [(Expr, Expr)] = []
            mapped.reserveCapacity(factors.count)
            var changed = false
            for (b, e) in factors {
                let mb = try transform(b)
                let me = try transform(e)
                changed = changed || mb.node !== b.node || me.node !== e.node
                mapped.append((mb, me))
            }
            if !changed { return self }
            var builder = ProductBuilder()
            builder.coefficient = c
            for (b, e) in mapped { builder.multiply(by: Expr.power(b, e)) }
            return builder.build()
        case .power(let b, let e):
            let mb = try transform(b)
            let me = try transform(e)
            return mb.node === b.node && me.node === e.node ? self : Expr.power(mb, me)
        case .call(let f, let u):
            let m = try transform(u)
            return m.node === u.node ? self : Expr.call(f, m)
        }
    }
}

// MARK: - Substitution and queries

extension Expr {
    /// Replaces every occurrence of `symbol` by `replacement`, re-canonicalising.
    ///
    ///     (x^2 + y).substituting(Symbol("x"), with: Expr(3))   // y + 9
    ///
    /// Shared subexpressions are rewritten once.
    public func substituting(_ symbol: Symbol, with replacement: Expr) -> Expr {
        substituting([symbol: replacement])
    }

    /// Replaces each symbol in `replacements` by its value, simultaneously.
    ///
    ///     (x*y).substituting([Symbol("x"): y, Symbol("y"): x])   // x*y
    public func substituting(_ replacements: [Symbol: Expr]) -> Expr {
        if replacements.isEmpty { return self }
        return foldPostorder { e, value in
            if case .symbol(let s) = e.kind { return replacements[s] ?? e }
            return e.mappingChildren(value)
        }
    }

    /// The distinct symbols that occur, sorted by name.
    ///
    ///     (y * sin(x) + 1).freeSymbols   // [x, y]
    public var freeSymbols: [Symbol] {
        var seen = Set<ObjectIdentifier>()
        var symbols = Set<Symbol>()
        var stack: [Expr] = [self]
        while let e = stack.popLast() {
            guard seen.insert(e.id).inserted else { continue }
            if case .symbol(let s) = e.kind { symbols.insert(s) }
            e.forEachChild { stack.append($0) }
        }
        return symbols.sorted()
    }

    /// `true` when `symbol` occurs in the expression.
    public func contains(_ symbol: Symbol) -> Bool {
        var seen = Set<ObjectIdentifier>()
        var stack: [Expr] = [self]
        while let e = stack.popLast() {
            guard seen.insert(e.id).inserted else { continue }
            if case .symbol(let s) = e.kind, s == symbol { return true }
            e.forEachChild { stack.append($0) }
        }
        return false
    }

    /// The number of distinct subexpressions (structurally distinct nodes): the memory a DAG
    /// needs. Iterative.
    ///
    ///     try Expr.parse("(x + 1)^2 * (x + 1)^3").dagSize   // 5: x, 1, x + 1, 5, (x + 1)^5
    ///
    /// Numbers count as nodes; so do a sum's constant when it is not 0 and each coefficient
    /// that is not 1 (they are leaves of the printed tree); exponents equal to 1 do not.
    public var dagSize: Int {
        var distinct = Set<Expr>()
        var leaves = Set<Rational>()
        var stack: [Expr] = [self]
        while let e = stack.popLast() {
            guard distinct.insert(e).inserted else { continue }
            switch e.kind {
            case .sum(let c, let terms):
                if !c.isZero { leaves.insert(c) }
                for (_, k) in terms where k != .one { leaves.insert(k) }
            case .product(let c, _):
                if c != .one { leaves.insert(c) }
            default: break
            }
            e.forEachChild { if !$0.isOne { stack.append($0) } }
        }
        for e in distinct { if let r = e.rationalValue { leaves.remove(r) } }
        return distinct.count + leaves.count
    }

    /// The size of the expression as a tree (shared subexpressions counted at every use):
    /// leaves and operations, as SymPy's `count_ops` counts a tree plus its leaves. A sum of
    /// n summands counts n − 1 additions, a product of n factors n − 1 multiplications, a
    /// coefficient ≠ 1 one multiplication and one leaf, a power one operation, a call one.
    /// Saturates at `Int.max`; iterative.
    ///
    ///     try Expr.parse("2*x + sin(y)").treeSize   // 6: 2 · x (3), sin y (2), one +
    public var treeSize: Int {
        foldPostorder { (e: Expr, size: (Expr) -> Int) -> Int in Expr.treeSizeNode(e, size) }
    }

    /// ``treeSize`` of one node, from its children's sizes.
    static func treeSizeNode(_ e: Expr, _ size: (Expr) -> Int) -> Int {
        var n = 0
        func add(_ k: Int) { n = n.addingReportingOverflow(k).overflow ? Int.max : n + k }
        switch e.kind {
        case .number, .symbol:
            n = 1
        case .sum(let c, let terms):
            if !c.isZero { add(2) }
            for (t, k) in terms {
                add(size(t))
                if k != .one { add(2) }
            }
            add(terms.count - 1)
        case .product(let c, let factors):
            if c != .one { add(2) }
            for (b, x) in factors {
                add(size(b))
                if !x.isOne { add(size(x) + 1) }
            }
            add(factors.count - 1)
        case .power(let b, let x):
            add(size(b))
            add(size(x))
            add(1)
        case .call(_, let u):
            add(size(u))
            add(1)
        }
        return n
    }
}
