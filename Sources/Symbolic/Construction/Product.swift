import Exact

// Products: a rational coefficient times factors base^exponent (SymEngine's Mul; Cohen,
// ch. 3), sorted by base. Like bases combine by adding exponents (x^a · x^b = x^(a+b)); each
// combined factor goes through `Expr.power`, so numeric powers evaluate (2^(1/2) · 2^(1/2) = 2).

extension Expr {
    /// The canonical product of `factors`: flattened, like bases combined, numbers multiplied
    /// into the coefficient; a number times a single sum is distributed (2·(x + 1) = 2x + 2).
    ///
    ///     Expr.product([x, y, x, Expr(3)])   // 3*x^2*y
    ///
    /// Commutative and associative by construction. Treats every base as nonzero, so
    /// x/x = 1 and 0·u = 0 for any u (also for u = 1/0, which ``evaluated(at:)->Rational`` rejects).
    public static func product<S: Sequence>(_ factors: S) -> Expr where S.Element == Expr {
        var builder = ProductBuilder()
        for f in factors { builder.multiply(by: f) }
        return builder.build()
    }

    /// a · b.
    public static func * (a: Expr, b: Expr) -> Expr {
        if let r = a.rationalValue { return b.scaled(by: r) }
        if let r = b.rationalValue { return a.scaled(by: r) }
        var builder = ProductBuilder()
        builder.multiply(by: a)
        builder.multiply(by: b)
        return builder.build()
    }

    /// a / b = a · b^(−1).
    ///
    ///     x / x   // 1
    public static func / (a: Expr, b: Expr) -> Expr {
        if let r = b.rationalValue, !r.isZero { return a.scaled(by: r.reciprocal) }
        return a * Expr.power(b, .minusOne)
    }

    /// `*` with an exact number on one side: the number becomes an `Expr`.
    public static func * (a: Expr, b: Int) -> Expr { a.scaled(by: Rational(b)) }
    /// `*` with an exact number on one side: the number becomes an `Expr`.
    public static func * (a: Int, b: Expr) -> Expr { b.scaled(by: Rational(a)) }
    /// `*` with an exact number on one side: the number becomes an `Expr`.
    public static func * (a: Expr, b: Rational) -> Expr { a.scaled(by: b) }
    /// `*` with an exact number on one side: the number becomes an `Expr`.
    public static func * (a: Rational, b: Expr) -> Expr { b.scaled(by: a) }
    /// `/` with an exact number on one side: the number becomes an `Expr`.
    public static func / (a: Expr, b: Int) -> Expr { a / Expr(b) }
    /// `/` with an exact number on one side: the number becomes an `Expr`.
    public static func / (a: Int, b: Expr) -> Expr { Expr(a) / b }
    /// `/` with an exact number on one side: the number becomes an `Expr`.
    public static func / (a: Expr, b: Rational) -> Expr { a / Expr(b) }
    /// `/` with an exact number on one side: the number becomes an `Expr`.
    public static func / (a: Rational, b: Expr) -> Expr { Expr(a) / b }
    /// a = a * b.
    public static func *= (a: inout Expr, b: Expr) { a = a * b }
    /// a = a / b.
    public static func /= (a: inout Expr, b: Expr) { a = a / b }
}

/// Accumulates a product and builds the canonical form once: the factors b^e are collected
/// as they come, then sorted by base, so that like bases are neighbours. A base that occurs
/// once keeps its factor as it is (it is already canonical: no new node); like bases combine
/// by adding exponents, through `Expr.power`.
package struct ProductBuilder {
    /// The exponent collected for one base: a rational part plus symbolic parts.
    struct Exponent {
        var rational = Rational.zero
        var symbolic: [Expr] = []

        mutating func add(_ e: Expr) {
            if let r = e.rationalValue { rational += r } else { symbolic.append(e) }
        }

        var expr: Expr {
            if symbolic.isEmpty { return rational == .one ? .one : Expr(rational) }
            if symbolic.count == 1 && rational.isZero { return symbolic[0] }
            var b = SumBuilder()
            b.constant = rational
            for s in symbolic { b.add(s) }
            return b.build()
        }
    }

    /// The rational coefficient collected so far.
    package var coefficient = Rational.one
    /// Canonical factors b^e (exponent 1 for a plain base), in arrival order.
    private var entries: [(base: Expr, exponent: Expr)] = []

    /// An empty product (1).
    package init() {}

    /// Multiplies by f, flattening products and pulling numbers and sums' contents into the
    /// coefficient.
    package mutating func multiply(by f: Expr) {
        switch f.kind {
        case .number(let r):
            coefficient *= r
        case .product(let c, let factors):
            coefficient *= c
            entries.append(contentsOf: factors)
        case .power(let b, let e):
            entries.append((b, e))
        case .sum:
            if let (k, s) = f.primitiveSum {
                coefficient *= k
                entries.append((s, .one))
            } else {
                entries.append((f, .one))
            }
        case .symbol, .call:
            entries.append((f, .one))
        }
    }

    /// Multiplies by the factor `base^exponent` of a canonical product (or the parts of a
    /// canonical power): taken as it is, with no new node.
    package mutating func multiply(factor base: Expr, exponent: Expr) {
        entries.append((base, exponent))
    }

    /// `true` for an expression that cannot be a product's base with exponent 1: a power, a
    /// product or a number, and a sum that is not primitive (its content and sign belong in the
    /// coefficient: (1 − u)^(1/2)·(1 − u)^(1/2) = −(u − 1)).
    static func needsRemultiplying(_ b: Expr) -> Bool {
        switch b.kind {
        case .power, .product, .number: return true
        case .sum: return b.primitiveSum != nil
        case .symbol, .call: return false
        }
    }

    /// The product as (p, k) with k·p equal to `build()`: p is built with coefficient 1, so a
    /// caller that adds the product to a sum passes k along (`SumBuilder.add(p, times: k)`)
    /// and no node for k·p is made only to be taken apart again.
    package mutating func buildTerm() -> (term: Expr, coefficient: Rational) {
        let k = coefficient
        if k.isZero {
            entries.removeAll()
            return (.zero, .one)
        }
        coefficient = .one
        return (build(), k)
    }

    /// The canonical product.
    package mutating func build() -> Expr {
        var coefficient = self.coefficient
        var entries: [(base: Expr, exponent: Expr)] = []
        swap(&entries, &self.entries)
        var factors: [(base: Expr, exponent: Expr)] = []
        factors.reserveCapacity(entries.count)
        // One pass normally suffices; a combined power that is not a plain b^e with the same
        // base (2^(3/2) = 2·2^(1/2), (x^(1/2))^2 = x) is multiplied in again.
        while !entries.isEmpty {
            if entries.count > 1 { entries.sort { Expr.canonicalPrecedes($0.base, $1.base) } }
            var pending: [Expr] = []
            var i = 0
            while i < entries.count {
                let b = entries[i].base
                var j = i + 1
                while j < entries.count && entries[j].base == b { j += 1 }
                if j == i + 1 {
                    factors.append(entries[i])  // a lone canonical factor stays as it is
                    i = j
                    continue
                }
                var acc = Exponent()
                for k in i..<j { acc.add(entries[k].exponent) }
                i = j
                let e = acc.expr
                if e.isZero { continue }
                let p = Expr.power(b, e)
                switch p.kind {
                case .number(let r):
                    coefficient *= r
                case .power(let b2, let e2) where b2.node === b.node || b2 == b:
                    factors.append((b, e2))
                default:
                    // b^1 is b itself; it stays a factor only if b is a valid base (not a power
                    // or product, which must be multiplied in again: (y²)^(1/2)·(y²)^(1/2) = y²).
                    if p.node === b.node, !Self.needsRemultiplying(b) {
                        factors.append((b, .one))
                    } else {
                        pending.append(p)
                    }
                }
            }
            if pending.isEmpty { break }
            var again = ProductBuilder()
            again.entries = factors
            for p in pending { again.multiply(by: p) }
            coefficient *= again.coefficient
            entries = again.entries
            factors.removeAll(keepingCapacity: true)
        }
        if coefficient.isZero { return .zero }
        if factors.isEmpty { return Expr.number(coefficient) }
        if factors.count == 1 {
            let (b, e) = factors[0]
            if coefficient == .one { return Expr.canonicalFactor(b, e) }
            if e.isOne, case .sum = b.kind { return b.scaled(by: coefficient) }
            return Expr(canonical: .product(coefficient: coefficient, factors: factors))
        }
        // `factors` follows the sorted bases, so it is in canonical order already.
        return Expr(canonical: .product(coefficient: coefficient, factors: factors))
    }
}
