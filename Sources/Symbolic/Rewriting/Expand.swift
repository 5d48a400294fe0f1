import Exact

// expanded(): products and positive integer powers of sums are multiplied out (multinomial
// expansion), as SymEngine's expand does it: the polynomial structure of the expression
// (sums, products, powers with positive integer exponents) is converted once to sparse
// polynomials over "generators" (symbols, and opaque kernels such as sin(x + 1) or 1/(x + y),
// whose insides are expanded separately), multiplied there, and converted back once.
//
// Powers with negative or non-integer exponents are kernels: their bases are expanded but
// not their powers, so 1/(x + 1)^2 stays as it is (SymPy would expand the denominator).
// That keeps expansion idempotent: a kernel raised to a power during multiplication,
// (x + 1)^(−1) · (x + 1)^(−1) = (x + 1)^(−2), is a kernel of the same kind.

/// `expanded()` would build a result larger than its term limit.
///
///     try Expr.parse("(x + y)^2000").expanded(termLimit: 1000)
///     // throws: expanding (x + y)^2000 needs more than 1000 terms
public struct ExpandError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which bound the expansion ran into.
    public enum Reason: Equatable, Sendable {
        /// More terms than the term limit (in the result or an intermediate product).
        case terms
        /// More coefficient multiplications than the work budget (`min(100·termLimit, 2·10⁷)`):
        /// a result within the term limit can still cost ~n²/2 products to reach.
        case work(limit: Int)
        /// Coefficients past the exact-arithmetic size limit (`ExactLimits.maximumBitWidth`).
        case coefficientSize(limitBits: Int)
        /// A degree of 2³¹ or more.
        case degree
    }

    /// The limit that was exceeded.
    public let termLimit: Int
    /// The subexpression whose expansion was too large.
    public let subexpression: Expr
    /// Which bound it was.
    public let reason: Reason

    public init(termLimit: Int, subexpression: Expr, reason: Reason = .terms) {
        self.termLimit = termLimit
        self.subexpression = subexpression
        self.reason = reason
    }

    public var description: String {
        let what = EvaluationError.short(subexpression)
        switch reason {
        case .terms: return "expanding \(what) needs more than \(termLimit) terms"
        case .work(let limit): return "expanding \(what) needs more than \(limit) coefficient multiplications"
        case .coefficientSize(let bits): return "expanding \(what) needs coefficients larger than \(bits) bits"
        case .degree: return "expanding \(what) has degree 2^31 or more"
        }
    }
}

extension Expr {
    /// The default bound on the number of terms of ``expanded(termLimit:)``'s result and
    /// intermediate products.
    public static let defaultExpandTermLimit = 1_000_000

    /// The expression with products and positive integer powers of sums multiplied out;
    /// function arguments and the bases of other powers are expanded too, and stay inside.
    ///
    ///     try Expr.parse("(x + 1)^2*(x - 1)").expanded()   // x^3 + x^2 - x - 1
    ///     try Expr.parse("(x + 1)/(x - 1)").expanded()     // x/(x - 1) + 1/(x - 1)
    ///
    /// Powers with negative or fractional exponents keep their power (their bases are expanded):
    /// `1/(x + 1)^2` stays. Laws: the result has the same value as `self` wherever both are
    /// defined, and expanding again changes nothing.
    /// - Throws: ``ExpandError`` before building a polynomial with more than `termLimit`
    ///   terms, or one that needs more than min(100·`termLimit`, 2·10⁷) coefficient multiplications.
    public func expanded(termLimit: Int = defaultExpandTermLimit) throws(ExpandError) -> Expr {
        let limit = max(termLimit, 1)
        let insides = try KernelInsides.expanding(self, termLimit: limit)
        var expansion = Expansion(termLimit: limit, insides: insides)
        return try expansion.expand(self)
    }
}

/// One level of expansion: the polynomial structure above the kernels.
struct Expansion {
    let termLimit: Int
    /// Every kernel's value with its insides expanded, computed innermost first (so that
    /// expanding never recurses on the depth of nested calls: see Expand+Kernels.swift).
    let insides: KernelInsides
    var generators: [Expr] = []
    var generatorIndex: [Expr: Int] = [:]
    /// Kernels by their expression: the kernel's expanded value as a sparse polynomial
    /// (coefficient, [(generator, exponent)]) and its total degree.
    var kernels: [Expr: (terms: [(Rational, [(Int, Int)])], degree: Int)] = [:]

    init(termLimit: Int, insides: KernelInsides) {
        self.termLimit = termLimit
        self.insides = insides
    }

    /// Exponents above this make a power opaque (x^(10^12) is a generator, not a degree).
    static let maximumStructuralExponent = 1 << 24

    /// A positive integer exponent that the polynomial structure multiplies out, else nil.
    static func structuralExponent(_ e: Expr) -> Int? {
        guard let q = e.rationalValue, q.isInteger, q.signum() > 0, let n = Int(exactly: q.numerator),
            n <= maximumStructuralExponent
        else { return nil }
        return n
    }

    /// The structural children of `e` with their multiplicities, or nil when e is a kernel
    /// (or a number).
    static func structure(_ e: Expr) -> Bool {
        switch e.kind {
        case .sum, .product: return true
        case .power(_, let x): return structuralExponent(x) != nil
        case .number, .symbol, .call: return false
        }
    }

    mutating func expand(_ root: Expr) throws(ExpandError) -> Expr {
        // Pass 1: kernels, generators and degree bounds, bottom-up over the structure.
        var degree: [ObjectIdentifier: Int] = [:]
        var stack: [(Expr, Bool)] = [(root, false)]
        while let (e, ready) = stack.popLast() {
            if degree[e.id] != nil { continue }
            if !Expansion.structure(e) {
                degree[e.id] = try kernelDegree(of: e)
                continue
            }
            if !ready {
                stack.append((e, true))
                forEachStructuralChild(e) { c, _ in if degree[c.id] == nil { stack.append((c, false)) } }
                continue
            }
            var d = 0
            switch e.kind {
            case .sum:
                forEachStructuralChild(e) { c, _ in d = max(d, degree[c.id]!) }
            default:
                var kernelFactors: [Expr] = []
                forEachStructuralChild(e, kernelFactors: &kernelFactors) { c, n in
                    d = Expansion.saturatingAdd(d, Expansion.saturatingMultiply(degree[c.id]!, n))
                }
                for k in kernelFactors { d = Expansion.saturatingAdd(d, try kernelDegree(of: k)) }
            }
            degree[e.id] = d
        }
        let bound = degree[root.id]!
        if bound >= 1 << 31 { throw ExpandError(termLimit: termLimit, subexpression: root, reason: .degree) }
        let width = max(1, Int.bitWidth - bound.leadingZeroBitCount)  // bits for 0...bound
        if generators.count * width <= 64 {
            return try expand(root, as: PackedMonomial.self, bitsPerGenerator: width)
        }
        return try expand(root, as: SparseMonomial.self, bitsPerGenerator: 32)
    }

    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (s, o) = a.addingReportingOverflow(b)
        return o ? Int.max : s
    }

    static func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
        let (s, o) = a.multipliedReportingOverflow(by: b)
        return o ? Int.max : s
    }

    /// Calls `body(child, multiplicity)` for each structural child: a sum's terms; a
    /// product's factors b^n with structural n (as (b, n)); a structural power's base.
    /// A product's other factors b^e are kernels: they go to `kernelFactors`.
    func forEachStructuralChild(_ e: Expr, kernelFactors: inout [Expr], _ body: (Expr, Int) throws -> Void) rethrows {
        switch e.kind {
        case .sum(_, let terms): for (t, _) in terms { try body(t, 1) }
        case .product(_, let factors):
            for (b, x) in factors {
                if let n = Expansion.structuralExponent(x) { try body(b, n) } else { kernelFactors.append(Expr.canonicalFactor(b, x)) }
            }
        case .power(let b, let x): try body(b, Expansion.structuralExponent(x)!)
        case .number, .symbol, .call: break
        }
    }

    func forEachStructuralChild(_ e: Expr, _ body: (Expr, Int) throws -> Void) rethrows {
        var ignored: [Expr] = []
        try forEachStructuralChild(e, kernelFactors: &ignored, body)
    }

    /// Registers the kernel `e` (a number, symbol, call, or non-structural power) and
    /// returns its degree.
    mutating func kernelDegree(of e: Expr) throws(ExpandError) -> Int {
        if let k = kernels[e] { return k.degree }
        let value = try insides.value(of: e, termLimit: termLimit)
        // The kernel's value as a polynomial in generators (it is expanded already).
        var terms: [(Rational, [(Int, Int)])] = []
        var degree = 0
        func monomial(_ t: Expr) -> [(Int, Int)] {
            var out: [(Int, Int)] = []
            for (b, x) in factors(of: t) {
                if case .symbol = b.kind, let n = Expansion.structuralExponent(x) {
                    out.append((generator(b), n))
                } else if case .call = b.kind, let n = Expansion.structuralExponent(x) {
                    out.append((generator(b), n))
                } else {
                    out.append((generator(Expr.canonicalFactor(b, x)), 1))
                }
            }
            return out
        }
        switch value.kind {
        case .number(let r):
            terms = r.isZero ? [] : [(r, [])]
        case .sum(let c, let ts):
            if !c.isZero { terms.append((c, [])) }
            for (t, k) in ts { terms.append((k, monomial(t))) }
        case .product(let c, let factors):
            terms = [(c, monomial(Expr.monomial(factors)))]
        case .symbol, .call, .power:
            terms = [(.one, monomial(value))]
        }
        for (_, m) in terms { degree = max(degree, m.reduce(0) { Expansion.saturatingAdd($0, $1.1) }) }
        kernels[e] = (terms, degree)
        return degree
    }

    mutating func generator(_ g: Expr) -> Int {
        if let i = generatorIndex[g] { return i }
        generators.append(g)
        generatorIndex[g] = generators.count - 1
        return generators.count - 1
    }

    /// Pass 2: the polynomial of each structural node, then the result as an Expr.
    func expand<M: ExpansionMonomial>(_ root: Expr, as: M.Type, bitsPerGenerator w: Int) throws(ExpandError) -> Expr {
        typealias Poly = ExpansionPolynomial<M>
        // At most 100 coefficient multiplications per allowed term, and never more than 2·10⁷:
        // past that a user waits minutes for a result nobody reads (W8 needs ~10⁶).
        let work = min(Expansion.saturatingMultiply(termLimit, 100), 20_000_000)
        func kernelPolynomial(_ e: Expr) -> Poly {
            var p = Poly()
            for (c, m) in kernels[e]!.terms {
                var mono = M.one
                for (g, k) in m { mono = mono * M(generator: g, exponent: k, bitsPerGenerator: w) }
                p.terms[mono, default: .zero] += c
            }
            p.terms = p.terms.filter { !$0.value.isZero }
            return p
        }
        /// Why `Poly.product(a, b)` declined: the pairs it would multiply, or the terms it made.
        func productReason(_ a: Poly, _ b: Poly) -> ExpandError.Reason {
            let (pairs, overflow) = a.terms.count.multipliedReportingOverflow(by: b.terms.count)
            return overflow || pairs > work ? .work(limit: work) : .terms
        }
        func power(_ p: Poly, _ n: Int, of e: Expr) throws(ExpandError) -> Poly {
            if n == 1 { return p }
            if p.terms.count == 1, let (m, c) = p.terms.first {
                var mono = M.one
                for _ in 0..<n { mono = mono * m }  // n ≤ degree bound: single terms are cheap
                guard let cn = try? c.power(n) else {
                    throw ExpandError(termLimit: termLimit, subexpression: e, reason: .coefficientSize(limitBits: ExactLimits.maximumBitWidth))
                }
                return Poly(terms: [mono: cn])
            }
            // p has ≥ 2 terms, so pⁿ has at least n + 1.
            if n >= termLimit { throw ExpandError(termLimit: termLimit, subexpression: e) }
            if p.terms.count == 2 {
                // The binomial theorem: (a·u + b·v)ⁿ = Σₖ C(n,k)·aᵏ·bⁿ⁻ᵏ·uᵏ·vⁿ⁻ᵏ, O(n) coefficient
                // operations instead of the ~n²/2 of repeated multiplication. The coefficients'
                // total size is bounded by the exact-arithmetic limit (about n²·log₂|ab|/2 bits
                // in all, which a term limit alone does not bound).
                let pairs = Array(p.terms)
                let (u, a) = pairs[0]
                let (v, b) = pairs[1]
                guard let bn = try? b.power(n) else {
                    throw ExpandError(termLimit: termLimit, subexpression: e, reason: .coefficientSize(limitBits: ExactLimits.maximumBitWidth))
                }
                let budget = ExactLimits.maximumBitWidth
                var spentBits = 0
                var uk = M.one
                var vPowers = [M.one]
                for _ in 0..<n { vPowers.append(vPowers[vPowers.count - 1] * v) }
                var result = Poly()
                var binomial = Rational.one
                var ak = Rational.one
                var bnk = bn
                for k in 0...n {
                    let c = binomial * ak * bnk
                    spentBits += c.bitWidth
                    if spentBits > budget {
                        throw ExpandError(termLimit: termLimit, subexpression: e, reason: .coefficientSize(limitBits: budget))
                    }
                    result.terms[uk * vPowers[n - k], default: .zero] += c
                    if k == n { break }
                    binomial = binomial * Rational(n - k, k + 1)
                    ak = ak * a
                    bnk = bnk / b
                    uk = uk * u
                }
                result.terms = result.terms.filter { !$0.value.isZero }
                return result
            }
            if let packed = p as? ExpansionPolynomial<PackedMonomial>,
                let q = ExpansionPolynomial.integerPower(packed, n, termLimit: termLimit, work: work, bitsPerGenerator: w),
                let r = q as? Poly
            {
                return r
            }
            var result = p
            // The work budget covers the whole power, not each product: (x + 1)^999999 is
            // within the term limit but needs ~n²/2 coefficient multiplications.
            var spent = 0
            for _ in 1..<n {
                spent = Expansion.saturatingMultiply(result.terms.count, p.terms.count) &+ spent
                if spent > work || spent < 0 { throw ExpandError(termLimit: termLimit, subexpression: e, reason: .work(limit: work)) }
                guard let next = Poly.product(result, p, termLimit: termLimit, work: work, bitsPerGenerator: w) else {
                    throw ExpandError(termLimit: termLimit, subexpression: e, reason: productReason(result, p))
                }
                result = next
            }
            return result
        }
        let polynomial = try root.foldPostorderWithin(isStructural: Expansion.structure) {
            (e: Expr, value: (Expr) -> Poly) throws(ExpandError) -> Poly in
            if !Expansion.structure(e) { return kernelPolynomial(e) }
            switch e.kind {
            case .sum(let c, let terms):
                var p = Poly(constant: c)
                for (t, k) in terms { p.add(value(t), times: k) }
                if p.terms.count > termLimit { throw ExpandError(termLimit: termLimit, subexpression: e) }
                return p
            case .power(let b, let x):
                return try power(value(b), Expansion.structuralExponent(x)!, of: e)
            case .product(let c, let factors):
                var parts: [Poly] = []
                for (b, x) in factors {
                    if let n = Expansion.structuralExponent(x) {
                        parts.append(try power(value(b), n, of: Expr.canonicalFactor(b, x)))
                    } else {
                        parts.append(kernelPolynomial(Expr.canonicalFactor(b, x)))
                    }
                }
                parts.sort { $0.terms.count < $1.terms.count }
                var p = Poly(constant: c)
                for q in parts {
                    guard let next = Poly.product(p, q, termLimit: termLimit, work: work, bitsPerGenerator: w) else {
                        throw ExpandError(termLimit: termLimit, subexpression: e, reason: productReason(p, q))
                    }
                    p = next
                }
                return p
            case .number, .symbol, .call:
                return kernelPolynomial(e)
            }
        }
        return expression(of: polynomial, bitsPerGenerator: w)
    }

    /// Σ c·Π gᵢ^kᵢ as a canonical Expr. When every generator is a symbol or a call, the
    /// monomials are already canonical products and distinct terms, so the sum is assembled
    /// directly (one sort); otherwise the constructors combine what the generators share
    /// (x · x^(−1) from the kernel 1/x, say).
    func expression<M: ExpansionMonomial>(of p: ExpansionPolynomial<M>, bitsPerGenerator w: Int) -> Expr {
        let atomic = generators.allSatisfy {
            switch $0.kind {
            case .symbol, .call: return true
            default: return false
            }
        }
        var exponentExprs: [Expr] = (0...16).map { Expr($0) }
        func exponent(_ k: Int) -> Expr {
            if k < exponentExprs.count { return exponentExprs[k] }
            return Expr(k)
        }
        if atomic {
            // Generators in canonical order, so factors come out sorted.
            let order = generators.indices.sorted { Expr.canonicalPrecedes(generators[$0], generators[$1]) }
            var rank = Array(repeating: 0, count: generators.count)
            for (r, i) in order.enumerated() { rank[i] = r }
            for k in 17...32 { exponentExprs.append(Expr(k)) }
            if let packed = p as? ExpansionPolynomial<PackedMonomial> {
                return atomicExpression(of: packed, bitsPerGenerator: w, order: order, exponent: exponent)
            }
            var constant = Rational.zero
            var terms: [(term: Expr, coefficient: Rational)] = []
            terms.reserveCapacity(p.terms.count)
            for (m, c) in p.terms {
                let powers = m.exponents(bitsPerGenerator: w).sorted { rank[$0.generator] < rank[$1.generator] }
                if powers.isEmpty {
                    constant += c
                    continue
                }
                let factors = powers.map { (base: generators[$0.generator], exponent: exponent($0.exponent)) }
                terms.append((Expr.monomial(factors), c))
            }
            if terms.isEmpty { return Expr(constant) }
            if terms.count == 1 && constant.isZero { return terms[0].term.scaled(by: terms[0].coefficient) }
            terms.sort { Expr.canonicalPrecedes($0.term, $1.term) }
            return Expr(canonical: .sum(constant: constant, terms: terms))
        }
        var sum = SumBuilder(capacity: p.terms.count)
        for (m, c) in p.terms {
            var product = ProductBuilder()
            product.coefficient = c
            for (g, k) in m.exponents(bitsPerGenerator: w) { product.multiply(by: Expr.power(generators[g], exponent(k))) }
            sum.add(product.build())
        }
        return sum.build()
    }
}

extension Expr {
    /// `foldPostorder` restricted to the nodes where `isStructural` holds: the others are
    /// leaves (their children are not visited).
    func foldPostorderWithin<R, E: Error>(
        isStructural: (Expr) -> Bool,
        _ combine: (Expr, _ value: (Expr) -> R) throws(E) -> R
    ) throws(E) -> R {
        var memo: [ObjectIdentifier: R] = [:]
        var stack: [(node: Expr, ready: Bool)] = [(self, false)]
        while let (e, ready) = stack.popLast() {
            if memo[e.id] != nil { continue }
            if ready || !isStructural(e) {
                let r = try combine(e) { memo[$0.id]! }
                memo[e.id] = r
            } else {
                stack.append((e, true))
                switch e.kind {
                case .sum(_, let terms): for (t, _) in terms where memo[t.id] == nil { stack.append((t, false)) }
                case .product(_, let factors):
                    for (b, x) in factors where Expansion.structuralExponent(x) != nil && memo[b.id] == nil {
                        stack.append((b, false))
                    }
                case .power(let b, _): if memo[b.id] == nil { stack.append((b, false)) }
                case .number, .symbol, .call: break
                }
            }
        }
        return memo[id]!
    }
}
