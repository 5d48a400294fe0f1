import Exact
import Symbolic

// The work that a gradient, Jacobian or Hessian shares between its variables: which nodes
// depend on which variable (so a partial skips what does not), and the local derivatives
// that do not depend on the variable at all (f′(u) of a call is the same for ∂/∂x and ∂/∂y).

/// For each node of some expressions, the set of variables (by position in a list) it
/// depends on, as a bit set: built once by one postorder pass, then O(1) per query. The
/// sets live in one flat buffer (`words` words per node), so a node costs no allocation.
struct DependencyIndex {
    let position: [Symbol: Int]
    private let words: Int
    /// Node → its slot: the node's set is `storage[slot·words ..< (slot + 1)·words]`.
    private var slot = NodeMap<Int>()
    private var storage: [UInt64] = []
    /// Keeps the indexed nodes alive, so their identifiers stay theirs.
    private let roots: [Expr]
    /// Σ over the indexed inner nodes of the number of variables each depends on: the most
    /// entries a differentiator's memo over these nodes can get, all variables together.
    private(set) var dependentPairs = 0

    init(_ roots: [Expr], variables: [Symbol]) {
        self.init(roots, positions: DependencyIndex.positions(of: variables), count: variables.count)
    }

    /// The position of each variable's first occurrence in `variables`.
    static func positions(of variables: [Symbol]) -> [Symbol: Int] {
        var position: [Symbol: Int] = [:]
        for (i, s) in variables.enumerated() where position[s] == nil { position[s] = i }
        return position
    }

    /// The index of `roots` for variables already numbered (shared by the rows of a Jacobian).
    init(_ roots: [Expr], positions: [Symbol: Int], count: Int) {
        self.roots = roots
        self.position = positions
        let words = max(1, (count + 63) / 64)
        self.words = words
        var stack: [(Expr, Bool)] = roots.map { ($0, false) }
        while let (e, ready) = stack.popLast() {
            if slot[e.id] != nil { continue }
            if !ready {
                stack.append((e, true))
                switch e.kind {
                case .number, .symbol: break
                case .sum(_, let terms): for (t, _) in terms where slot[t.id] == nil { stack.append((t, false)) }
                case .product(_, let factors):
                    for (b, x) in factors {
                        if slot[b.id] == nil { stack.append((b, false)) }
                        if slot[x.id] == nil { stack.append((x, false)) }
                    }
                case .power(let b, let x):
                    if slot[b.id] == nil { stack.append((b, false)) }
                    if slot[x.id] == nil { stack.append((x, false)) }
                case .call(_, let u): if slot[u.id] == nil { stack.append((u, false)) }
                }
                continue
            }
            let base = storage.count
            for _ in 0..<words { storage.append(0) }
            switch e.kind {
            case .number: break
            case .symbol(let s): if let i = position[s] { storage[base + i >> 6] |= 1 << UInt64(i & 63) }
            case .sum(_, let terms): for (t, _) in terms { absorb(t, into: base) }
            case .product(_, let factors):
                for (b, x) in factors {
                    absorb(b, into: base)
                    absorb(x, into: base)
                }
            case .power(let b, let x):
                absorb(b, into: base)
                absorb(x, into: base)
            case .call(_, let u): absorb(u, into: base)
            }
            slot[e.id] = base / words
            if e.height > 0 { for w in 0..<words { dependentPairs += storage[base + w].nonzeroBitCount } }
        }
    }

    /// ORs the set of the indexed child c into the set starting at `base`.
    @inline(__always)
    private mutating func absorb(_ c: Expr, into base: Int) {
        guard let k = slot[c.id] else { return }
        for w in 0..<words { storage[base + w] |= storage[k * words + w] }
    }

    /// The positions of the variables that e (a node of the roots) contains, ascending.
    func variables(of e: Expr) -> [Int] {
        guard let k = slot[e.id] else { return [] }
        var out: [Int] = []
        for w in 0..<words {
            var rest = storage[k * words + w]
            while rest != 0 {
                out.append(w * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return out
    }

    /// `true` when e (a node of the roots) contains the variable at `position`; `true` for
    /// unknown nodes and positions, which is always safe.
    @inline(__always)
    func depends(_ e: Expr, on position: Int) -> Bool {
        guard position >= 0, let k = slot[e.id] else { return true }
        return storage[k * words + position >> 6] & (1 << UInt64(position & 63)) != 0
    }
}

/// A memo of the variable-independent local derivatives, by node: f′(u) for a call f(u),
/// b^(n−1) for a factor b^n with a number n. A class so that the differentiators of one
/// gradient share it (one per variable, each with its own memo of derivatives).
final class LocalDerivatives {
    private var calls = NodeMap<Expr>()
    /// b^(n−1) by base node, for each exponent n met with that base (almost always one).
    private var powers = NodeMap<[(exponent: Rational, factor: Expr)]>()
    private var sums = NodeMap<SumParts>()
    /// Keeps the keyed nodes alive.
    private var keep: [Expr] = []

    func call(_ e: Expr, _ f: ElementaryFunction, _ u: Expr) -> Expr {
        if let d = calls[e.id] { return d }
        let d = f.derivative(at: u, value: e)
        calls[e.id] = d
        keep.append(e)
        return d
    }

    /// A long sum's terms, split for differentiating by one variable at a time: k·symbol
    /// terms by symbol, and the other terms by the variables they contain (when a
    /// dependency index is at hand), so ∂/∂x of a sum of n terms costs O(terms with x).
    struct SumParts {
        var symbols: [Symbol: Rational] = [:]
        var others: [(Expr, Rational)] = []
        var othersByVariable: [Int: [(Expr, Rational)]]?
    }

    func sumParts(_ e: Expr, _ terms: [(term: Expr, coefficient: Rational)], _ index: DependencyIndex?) -> SumParts {
        if let p = sums[e.id] { return p }
        var parts = SumParts()
        for (t, k) in terms {
            if case .symbol(let s) = t.kind { parts.symbols[s] = k } else { parts.others.append((t, k)) }
        }
        if let index {
            var byVariable: [Int: [(Expr, Rational)]] = [:]
            for (t, k) in parts.others {
                for v in index.variables(of: t) { byVariable[v, default: []].append((t, k)) }
            }
            parts.othersByVariable = byVariable
        }
        sums[e.id] = parts
        keep.append(e)
        return parts
    }

    /// b^(n−1), the factor of d(b^n) = n·b^(n−1)·b′ besides the number n (which the caller keeps
    /// apart, in term form).
    func power(_ b: Expr, _ n: Rational) -> Expr {
        let known = powers[b.id]
        if let known, let hit = known.first(where: { $0.exponent == n }) { return hit.factor }
        let m = n - .one
        let d = m == .one ? b : Expr.power(b, Expr(m))
        if var known {
            known.append((n, d))
            powers[b.id] = known
        } else {
            powers[b.id] = [(n, d)]
            keep.append(b)
        }
        return d
    }
}
