import Exact

/// A variable of an expression, identified by its name.
///
///     Symbol("x") < Symbol("y")   // true
///
/// Names follow the parser's identifier syntax `[A-Za-z_][A-Za-z0-9_]*` and may not be the
/// name of an ``ElementaryFunction`` (`sin` could not be printed and read back as a symbol).
public struct Symbol: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The name, as printed.
    public let name: String
    /// A hash of the name that is the same in every process (Swift's `Hasher` is seeded
    /// per process), so that the canonical order of terms is reproducible.
    let stableHash: UInt64

    /// The symbol called `name`.
    ///
    ///     Symbol("x_1").name   // "x_1"
    ///
    /// - Precondition: `Symbol.isValidName(name)`; use ``init(validating:)`` to get `nil` instead.
    public init(_ name: String) {
        precondition(Symbol.isValidName(name), "invalid symbol name \"\(name)\"")
        self.name = name
        self.stableHash = StableHash.string(name)
    }

    /// The symbol called `name`, or `nil` when `name` is not a valid symbol name.
    ///
    ///     Symbol(validating: "2x")   // nil
    public init?(validating name: String) {
        guard Symbol.isValidName(name) else { return nil }
        self.init(name)
    }

    /// `true` for an identifier `[A-Za-z_][A-Za-z0-9_]*` that is not a function name.
    ///
    ///     Symbol.isValidName("sin")   // false
    public static func isValidName(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            let letter = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
            let digit = byte >= 48 && byte <= 57
            if !(letter || (digit && !first)) { return false }
            first = false
        }
        return !first && ElementaryFunction(name: name) == nil && name != "sqrt"
    }

    public static func == (a: Symbol, b: Symbol) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(stableHash) }
    /// Alphabetical (by Unicode scalar values of the name).
    public static func < (a: Symbol, b: Symbol) -> Bool { a.name < b.name }
    public var description: String { name }
}

/// An immutable mathematical expression: a node of a DAG, always in canonical form.
///
///     let x = Expr(Symbol("x"))
///     (x + x) * x                      // 2*x^2
///
/// ## Kinds and invariants
/// An `Expr` is a reference to a shared, immutable node; copying it is O(1), and building
/// `f * f` stores `f^2` pointing at `f`'s node. Values are only made by the canonicalising
/// constructors (`Expr.sum`, `Expr.product`, `Expr.power`, `Expr.call` and the operators),
/// which keep these invariants (checked by ``isCanonical``, asserted in debug builds):
///
/// - `.number(r)`: an exact rational.
/// - `.symbol(s)`.
/// - `.sum(constant:terms:)`: `constant + Σ coefficientᵢ·termᵢ`, coefficients ≠ 0, terms
///   distinct, none a number, sum, or product with a coefficient ≠ 1; at least two
///   summands (a lone `k·t` is a product). Terms are sorted in the canonical order.
/// - `.product(coefficient:factors:)`: `coefficient · Π baseᵢ^exponentᵢ`, coefficient ≠ 0,
///   bases distinct, none a product, none a rational raised to an integer, and a sum base
///   with an integer exponent is primitive (coprime integer coefficients, the first term
///   positive: `2/(2x + 2)` is `1/(x + 1)`, `1/(1 - x)` is `-1/(x - 1)`); each
///   `baseᵢ^exponentᵢ` is itself canonical (exponent ≠ 0); either the coefficient is not 1
///   or there are at least two factors; `k·(a + b)` is distributed, so it never occurs.
///   Factors are sorted in the canonical order of their bases.
/// - `.power(base:exponent:)`: a single factor `b^e` with e ≠ 0, 1 (so the product form is
///   kept for coefficients and for two or more factors).
/// - `.call(f, u)`: an elementary function that no special value or symmetry reduces.
///
/// The canonical order sorts by a structural hash that is the same in every process, then by
/// structure; it is total and deterministic, but not meant for reading: the printers sort
/// terms for display (`x^2 + 2*x + 1`).
///
/// ## Identity and memoisation
/// Equality is structural, with an identity fast path and a precomputed 64-bit hash that
/// rejects almost all unequal pairs in O(1); hashing is O(1). ``id`` identifies the node
/// itself, for memo tables over the DAG.
///
/// ## Laws and their documented exceptions
/// `+` and `*` are commutative, and `+` is associative, by construction (the same node
/// shape whatever the order or grouping). Products are associative too, except where a
/// partial product collapses to a number times a sum, which is distributed
/// (`2·(x + y) = 2x + 2y`); sum bases are kept primitive so that this rarely matters
/// (`a/a = 1` still holds). Constructors treat every base as nonzero: `x/x = 1`, `0·u = 0`.
///
/// ## Depth
/// Equality, hashing, ordering, freeing and ``foldPostorder(_:)`` are iterative, so any
/// depth is safe for them, and so are the parser, the printers (ropes: linear time at any
/// depth), evaluation and substitution built on the fold. Nesting of parsed input is bounded
/// only by its length (``ParseLimits``). `expanded()` and `simplified()` belong to
/// `Rewriting/` and are made depth-safe there.
public struct Expr: Sendable {
    let node: ExprNode

    @inline(__always)
    init(node: ExprNode) { self.node = node }

    /// Makes a node from parts that are already canonical (the constructors' last step).
    @inline(__always)
    init(canonical kind: Kind) {
        self.node = ExprNode(kind: kind)
        assert(isCanonical, "non-canonical Expr built: \(kind)")
    }

    /// The shape of an expression, for traversal. Exhaustive: new kinds are a breaking change.
    public enum Kind: Sendable {
        /// An exact rational number.
        case number(Rational)
        /// A variable.
        case symbol(Symbol)
        /// `constant + Σ coefficient·term`.
        case sum(constant: Rational, terms: [(term: Expr, coefficient: Rational)])
        /// `coefficient · Π base^exponent`.
        case product(coefficient: Rational, factors: [(base: Expr, exponent: Expr)])
        /// `base^exponent`.
        case power(base: Expr, exponent: Expr)
        /// `f(argument)`.
        case call(ElementaryFunction, Expr)
    }

    /// The node's shape.
    @inline(__always)
    public var kind: Kind { node.kind }

    /// The identity of this node: equal for copies of one `Expr`, different for separately
    /// built equal expressions. Stable while the node is alive; use it to key memo tables.
    ///
    ///     var memo: [Expr.ID: Int] = [:]   // keyed by node
    public var id: ObjectIdentifier { ObjectIdentifier(node) }

    /// The length of the longest path from this node down to a leaf (a leaf has height 0).
    public var height: Int { node.height }

    /// The structural hash, the same in every process.
    @inline(__always)
    var stableHash: UInt64 { node.stableHash }
}

/// The storage of an `Expr`.
///
/// `@unchecked Sendable` is honest: `kind` is written only in `init` and in `deinit` (when no
/// other reference exists), so every shared node is immutable.
final class ExprNode: @unchecked Sendable {
    @exclusivity(unchecked) var kind: Expr.Kind
    let stableHash: UInt64
    let height: Int

    init(kind: Expr.Kind) {
        self.kind = kind
        var h: UInt64
        var height = 0
        switch kind {
        case .number(let r):
            h = StableHash.mix(1, StableHash.rational(r))
        case .symbol(let s):
            h = StableHash.mix(2, s.stableHash)
        case .sum(let c, let terms):
            h = StableHash.mix(3, StableHash.rational(c))
            for (t, k) in terms {
                h = StableHash.mix(StableHash.mix(h, t.stableHash), StableHash.rational(k))
                height = max(height, t.height)
            }
        case .product(let c, let factors):
            h = StableHash.mix(4, StableHash.rational(c))
            for (b, e) in factors {
                h = StableHash.mix(StableHash.mix(h, b.stableHash), e.stableHash)
                height = max(height, b.height, e.height)
            }
        case .power(let b, let e):
            h = StableHash.mix(StableHash.mix(5, b.stableHash), e.stableHash)
            height = max(b.height, e.height)
        case .call(let f, let u):
            h = StableHash.mix(StableHash.mix(6, UInt64(f.rawValue)), u.stableHash)
            height = u.height
        }
        self.stableHash = h
        switch kind {
        case .number, .symbol: self.height = 0
        default: self.height = height + 1
        }
    }

    /// Frees deep chains without recursion: children that only this node holds are detached
    /// into a local stack, so each `deinit` below finds no children left to release.
    deinit {
        guard height > 64 else { return }
        var stack: [ExprNode] = []
        detachChildren(into: &stack)
        while var n = stack.popLast() {
            if isKnownUniquelyReferenced(&n) { n.detachChildren(into: &stack) }
        }
    }

    private func detachChildren(into stack: inout [ExprNode]) {
        switch kind {
        case .number, .symbol: return
        case .sum(_, let terms): for (t, _) in terms { stack.append(t.node) }
        case .product(_, let factors):
            for (b, e) in factors {
                stack.append(b.node)
                stack.append(e.node)
            }
        case .power(let b, let e):
            stack.append(b.node)
            stack.append(e.node)
        case .call(_, let u): stack.append(u.node)
        }
        kind = .number(.zero)
    }
}

// MARK: - Equality, hashing, canonical order

extension Expr: Hashable {
    /// Structural equality: identical nodes and equal-hash-and-shape trees are equal.
    /// Iterative, so any depth is safe.
    public static func == (a: Expr, b: Expr) -> Bool {
        if a.node === b.node { return true }
        if a.stableHash != b.stableHash { return false }
        switch (a.kind, b.kind) {  // leaves without allocating the comparison stack
        case (.number(let p), .number(let q)): return p == q
        case (.symbol(let s), .symbol(let t)): return s == t
        default: return compareStructure(a, b) == 0
        }
    }

    /// O(1): feeds the precomputed structural hash.
    public func hash(into hasher: inout Hasher) { hasher.combine(node.stableHash) }

    /// The canonical total order of the constructors (by structural hash, then structure).
    @inline(__always)
    static func canonicalPrecedes(_ a: Expr, _ b: Expr) -> Bool {
        if a.node === b.node { return false }
        if a.stableHash != b.stableHash { return a.stableHash < b.stableHash }
        return compareStructure(a, b) < 0
    }

    /// −1, 0 or 1: a total order on structure, comparing node data first and then the
    /// children left to right (preorder), with an explicit stack.
    static func compareStructure(_ a: Expr, _ b: Expr) -> Int {
        var stack: [(Expr, Expr)] = [(a, b)]
        while let (x, y) = stack.popLast() {
            if x.node === y.node { continue }
            let c = compareShallow(x, y, pushingChildrenOnto: &stack)
            if c != 0 { return c }
        }
        return 0
    }

    private static func cmp<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (b < a ? 1 : 0) }

    private static func rank(_ k: Kind) -> Int {
        switch k {
        case .number: return 0
        case .symbol: return 1
        case .sum: return 2
        case .product: return 3
        case .power: return 4
        case .call: return 5
        }
    }

    /// Compares the node-local data of `x` and `y`; when equal, pushes their child pairs so
    /// that they pop in left-to-right order.
    private static func compareShallow(_ x: Expr, _ y: Expr, pushingChildrenOnto stack: inout [(Expr, Expr)]) -> Int {
        switch (x.kind, y.kind) {
        case (.number(let p), .number(let q)): return cmp(p, q)
        case (.symbol(let s), .symbol(let t)): return cmp(s.name, t.name)
        case (.sum(let c1, let t1), .sum(let c2, let t2)):
            var c = cmp(c1, c2)
            if c == 0 { c = cmp(t1.count, t2.count) }
            var i = 0
            while c == 0 && i < t1.count {
                c = cmp(t1[i].coefficient, t2[i].coefficient)
                i += 1
            }
            if c != 0 { return c }
            for i in stride(from: t1.count - 1, through: 0, by: -1) { stack.append((t1[i].term, t2[i].term)) }
            return 0
        case (.product(let c1, let f1), .product(let c2, let f2)):
            var c = cmp(c1, c2)
            if c == 0 { c = cmp(f1.count, f2.count) }
            if c != 0 { return c }
            for i in stride(from: f1.count - 1, through: 0, by: -1) {
                stack.append((f1[i].exponent, f2[i].exponent))
                stack.append((f1[i].base, f2[i].base))
            }
            return 0
        case (.power(let b1, let e1), .power(let b2, let e2)):
            stack.append((e1, e2))
            stack.append((b1, b2))
            return 0
        case (.call(let f, let u), .call(let g, let v)):
            if f != g { return cmp(f.rawValue, g.rawValue) }
            stack.append((u, v))
            return 0
        default:
            return cmp(rank(x.kind), rank(y.kind))
        }
    }
}

// MARK: - Invariants

extension Expr {
    /// `true` when this node satisfies the canonical-form invariants listed on ``Expr``
    /// (children are canonical by construction, so the check is local: O(size of the node)).
    public var isCanonical: Bool {
        switch kind {
        case .number, .symbol:
            return true
        case .sum(let c, let terms):
            if terms.isEmpty || (c.isZero && terms.count == 1 && terms[0].coefficient == .one) { return false }
            for (i, (t, k)) in terms.enumerated() {
                if k.isZero { return false }
                if i > 0 && !Expr.canonicalPrecedes(terms[i - 1].term, t) { return false }
                switch t.kind {
                case .number, .sum: return false
                case .product(let pc, _): if pc != .one { return false }
                default: break
                }
            }
            return true
        case .product(let c, let factors):
            if c.isZero || factors.isEmpty || (c == .one && factors.count == 1) { return false }
            if factors.count == 1, case .sum = factors[0].base.kind, factors[0].exponent.isOne { return false }
            for (i, (b, e)) in factors.enumerated() {
                if i > 0 && !Expr.canonicalPrecedes(factors[i - 1].base, b) { return false }
                if !Expr.isCanonicalFactor(base: b, exponent: e) { return false }
            }
            return true
        case .power(let b, let e):
            return !e.isOne && Expr.isCanonicalFactor(base: b, exponent: e)
        case .call(let f, let u):
            return f.reduced(u) == nil
        }
    }

    /// Whether `b^e` is an irreducible factor: what ``power(_:_:)`` returns unchanged.
    static func isCanonicalFactor(base b: Expr, exponent e: Expr) -> Bool {
        if e.isZero { return false }
        guard let q = e.rationalValue else { return !b.isOne }
        switch b.kind {
        case .number(let r):
            if r.isZero { return q.signum() < 0 }
            if r == .one || (r == Rational(-1) && q.isInteger) { return false }
            if q.isInteger { return powerExceedsLimit(r, q) }
            return r.signum() < 0 || (q > .zero && q < .one) || fractionalPowerExceedsLimit(r, q)
        case .product(let c, _):
            return !q.isInteger || powerExceedsLimit(c, q)
        case .power:
            return !q.isInteger
        case .sum:
            return !q.isInteger || b.primitiveSum == nil
                || (b.primitiveSum.map { powerExceedsLimit($0.content, q) } ?? false)
        case .symbol, .call:
            return true
        }
    }

    /// `true` when r^q (q not an integer) cannot be split as r^⌊q⌋ · r^(q − ⌊q⌋) within the limits.
    static func fractionalPowerExceedsLimit(_ r: Rational, _ q: Rational) -> Bool {
        let n = q.floor
        let f = q - Rational(n)
        guard let ni = Int(exactly: n), Int(exactly: f.denominator) != nil, Int(exactly: f.numerator) != nil else {
            return true
        }
        return (try? r.power(ni)) == nil
    }

    /// `true` when r^q (q an integer) is too large to compute, so it stays unevaluated.
    static func powerExceedsLimit(_ r: Rational, _ q: Rational) -> Bool {
        guard let n = Int(exactly: q.numerator) else { return true }
        return (try? r.power(n)) == nil
    }
}
