// The memo tables of one `simplified()` call. The candidate search looks at the same nodes
// again and again: every candidate shares most of its subtrees with the input and with the
// other candidates, and the whole-sum search meets every summand the term-by-term search has
// already seen. So each node's facts (operation count, tree size, the functions it calls) and
// each node's result under a rule pass are computed once per call, keyed by node identity.
// The tables hold the roots they were filled from, so no key's node is freed (and its
// address reused) while the call runs. Results are the same as without the tables: a node's
// facts and its rewrite depend on the node alone.

/// What the search needs to know about a node, computed once per call.
struct NodeFacts {
    /// `Expr.operationCount` (saturating).
    var operations: Int
    /// `Expr.treeSize` (saturating).
    var size: Int
    /// The elementary functions called anywhere below, one bit per `rawValue`.
    var functions: UInt16
    /// Somewhere below, a base other than a number or a symbol has a fractional exponent
    /// (`sqrt(x*y)`): only then can moving roots out of denominators change anything.
    var compositeRoots: Bool
}

/// Which rewrite a rule memo belongs to: the standard families applicable to a set of
/// functions (``RewriteRule/applicable(to:)``), or factor terms.
enum RuleSetKey: Hashable {
    case standard(UInt16)
    case factorTerms
}

/// The memo tables of one simplification call (not `Sendable`: one call, one thread).
final class SimplificationCache {
    private var table = NodeTable<NodeFacts>()
    private var rewrites: [RuleSetKey: NodeTable<Expr>] = [:]
    /// Roots whose nodes key the tables.
    private var retained: [Expr] = []

    /// The facts of `e`, computed for each node below it not seen before.
    func facts(_ e: Expr) -> NodeFacts {
        if let f = table[e.id] { return f }
        retained.append(e)
        var stack: [(node: Expr, ready: Bool)] = [(e, false)]
        while let (n, ready) = stack.popLast() {
            if table[n.id] != nil { continue }
            if ready {
                var functions: UInt16 = 0
                var roots = false
                n.forEachChild {
                    let f = self.table[$0.id]!
                    functions |= f.functions
                    roots = roots || f.compositeRoots
                }
                switch n.kind {
                case .call(let f, _): functions |= 1 << UInt16(f.rawValue)
                case .power(let b, let x): roots = roots || Self.isCompositeRoot(b, x)
                case .product(_, let factors): roots = roots || factors.contains { Self.isCompositeRoot($0.base, $0.exponent) }
                case .number, .symbol, .sum: break
                }
                let operations = OperationCount.node(n) { self.table[$0.id]!.operations }
                let size = Expr.treeSizeNode(n) { self.table[$0.id]!.size }
                table[n.id] = NodeFacts(operations: operations, size: size, functions: functions, compositeRoots: roots)
            } else {
                stack.append((n, true))
                n.forEachChild { c in if table[c.id] == nil { stack.append((c, false)) } }
            }
        }
        return table[e.id]!
    }

    /// b^x with a fractional x (or x = t + q, q fractional: `KernelMap` takes a root of b
    /// for it too) and b neither a number nor a symbol.
    private static func isCompositeRoot(_ b: Expr, _ x: Expr) -> Bool {
        guard !(x.rationalValue ?? KernelMap.splitConstant(x).constant).isInteger else { return false }
        switch b.kind {
        case .number, .symbol: return false
        case .sum, .product, .power, .call: return true
        }
    }

    /// The elementary functions called in `e`.
    func functions(in e: Expr) -> Set<ElementaryFunction> {
        let mask = facts(e).functions
        return Set(ElementaryFunction.allCases.filter { mask & (1 << UInt16($0.rawValue)) != 0 })
    }

    /// `rule` at every node, bottom-up, to a fixpoint of at most `passes` passes, as
    /// `RewriteRule.apply(_:passes:meter:)` does; a node already rewritten in this call by
    /// the same rules is not visited (nor charged) again.
    func apply(_ rule: RewriteRule, _ key: RuleSetKey, to e: Expr, passes: Int, meter: WorkMeter) throws(WorkExhausted) -> Expr {
        var memo = rewrites.removeValue(forKey: key) ?? NodeTable<Expr>()
        defer { rewrites[key] = memo }
        var current = e
        for _ in 0..<passes {
            let next = try Self.pass(rule, current, &memo, meter)
            retained.append(current)
            if next == current { break }
            current = next
        }
        return current
    }

    /// One bottom-up pass of `rule` over `root`, through `memo`.
    private static func pass(_ rule: RewriteRule, _ root: Expr, _ memo: inout NodeTable<Expr>, _ meter: WorkMeter)
        throws(WorkExhausted) -> Expr
    {
        if let r = memo[root.id] { return r }
        var stack: [(node: Expr, ready: Bool)] = [(root, false)]
        while let (n, ready) = stack.popLast() {
            if memo[n.id] != nil { continue }
            if ready {
                try meter.charge(RewriteRule.visitCost(n))
                let rebuilt = n.mappingChildren { memo[$0.id]! }
                memo[n.id] = rule.rewrite(rebuilt) ?? rebuilt
            } else {
                stack.append((n, true))
                n.forEachChild { c in if memo[c.id] == nil { stack.append((c, false)) } }
            }
        }
        return memo[root.id]!
    }
}

/// A hash map keyed by node identity: open addressing with linear probing over a
/// power-of-two table, the address scrambled by one multiplication (Fibonacci hashing,
/// Knuth, TAOCP vol. 3, §6.4), where `Dictionary` would run SipHash over every lookup.
/// The caller keeps the keyed nodes alive. Entries are never removed.
struct NodeTable<Value> {
    private var keys: [UInt]
    private var values: [Value?]
    private var mask: Int
    private var count = 0

    init() {
        keys = [UInt](repeating: 0, count: 64)
        values = [Value?](repeating: nil, count: 64)
        mask = 63
    }

    @inline(__always)
    private func bucket(_ key: UInt) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    subscript(id: ObjectIdentifier) -> Value? {
        @inline(__always) get {
            let key = UInt(bitPattern: id)
            var i = bucket(key)
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { return }
            let key = UInt(bitPattern: id)
            var i = bucket(key)
            while true {
                let k = keys[i]
                if k == key {
                    values[i] = newValue
                    return
                }
                if k == 0 { break }
                i = (i + 1) & mask
            }
            keys[i] = key
            values[i] = newValue
            count += 1
            if 2 * count > keys.count { grow() }
        }
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = [UInt](repeating: 0, count: 2 * oldKeys.count)
        values = [Value?](repeating: nil, count: 2 * oldKeys.count)
        mask = keys.count - 1
        for (i, k) in oldKeys.enumerated() where k != 0 {
            var j = bucket(k)
            while keys[j] != 0 { j = (j + 1) & mask }
            keys[j] = k
            values[j] = oldValues[i]
        }
    }
}
