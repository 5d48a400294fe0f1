import Exact

// Sums: a rational constant plus terms with coefficients (SymEngine's Add; Cohen,
// "Computer Algebra and Symbolic Computation", ch. 3, automatic simplification).
// Building a sum of k summands is one sort and one pass over neighbours: O(k log k).

extension Expr {
    /// The canonical sum of `summands`: flattened, like terms combined, zero terms dropped.
    ///
    ///     Expr.sum([x, 2 * x, Expr(1), y])   // 3*x + y + 1
    ///
    /// Commutative and associative by construction: any order or grouping of the same
    /// summands gives an equal `Expr`.
    public static func sum<S: Sequence>(_ summands: S) -> Expr where S.Element == Expr {
        var builder = SumBuilder()
        for e in summands { builder.add(e) }
        return builder.build()
    }

    /// a + b.
    public static func + (a: Expr, b: Expr) -> Expr {
        if b.isZero { return a }
        if a.isZero { return b }
        var builder = SumBuilder()
        builder.add(a)
        builder.add(b)
        return builder.build()
    }

    /// a − b.
    public static func - (a: Expr, b: Expr) -> Expr {
        if b.isZero { return a }
        var builder = SumBuilder()
        builder.add(a)
        builder.add(b, times: Rational(-1))
        return builder.build()
    }

    /// −a.
    ///
    ///     -(x - 1)   // -x + 1, printed 1 - x
    public static prefix func - (a: Expr) -> Expr { a.scaled(by: Rational(-1)) }

    /// `+` with an exact number on one side: the number becomes an `Expr`.
    public static func + (a: Expr, b: Int) -> Expr { a + Expr(b) }
    /// `+` with an exact number on one side: the number becomes an `Expr`.
    public static func + (a: Int, b: Expr) -> Expr { Expr(a) + b }
    /// `+` with an exact number on one side: the number becomes an `Expr`.
    public static func + (a: Expr, b: Rational) -> Expr { a + Expr(b) }
    /// `+` with an exact number on one side: the number becomes an `Expr`.
    public static func + (a: Rational, b: Expr) -> Expr { Expr(a) + b }
    /// `-` with an exact number on one side: the number becomes an `Expr`.
    public static func - (a: Expr, b: Int) -> Expr { a - Expr(b) }
    /// `-` with an exact number on one side: the number becomes an `Expr`.
    public static func - (a: Int, b: Expr) -> Expr { Expr(a) - b }
    /// `-` with an exact number on one side: the number becomes an `Expr`.
    public static func - (a: Expr, b: Rational) -> Expr { a - Expr(b) }
    /// `-` with an exact number on one side: the number becomes an `Expr`.
    public static func - (a: Rational, b: Expr) -> Expr { Expr(a) - b }
    /// a = a + b.
    public static func += (a: inout Expr, b: Expr) { a = a + b }
    /// a = a - b.
    public static func -= (a: inout Expr, b: Expr) { a = a - b }
}

/// Accumulates Σ kᵢ·eᵢ and builds the canonical sum once: the summands' terms are
/// collected as they come, then sorted in the canonical order, so that like terms are
/// neighbours and combine in one pass (SymEngine's Add keeps a hash map instead; sorting
/// needs no hashing, and the sort is needed for the canonical form anyway).
package struct SumBuilder {
    /// The rational constant collected so far.
    package var constant = Rational.zero
    private var entries: [(term: Expr, coefficient: Rational)] = []

    /// An empty sum (0).
    package init() {}

    init(capacity: Int) { entries.reserveCapacity(capacity) }

    /// Adds k·e, flattening sums and pulling coefficients out of products.
    package mutating func add(_ e: Expr, times k: Rational = .one) {
        switch e.kind {
        case .number(let r):
            constant += r * k
        case .sum(let c, let terms):
            constant += c * k
            if k == .one {
                entries.append(contentsOf: terms)
            } else {
                for (t, m) in terms { entries.append((t, m * k)) }
            }
        case .product(let c, let factors) where c != .one:
            entries.append((Expr.monomial(factors), c * k))
        default:
            entries.append((e, k))
        }
    }

    /// The canonical sum: terms sorted, like terms combined, zero terms dropped.
    package mutating func build() -> Expr { make(combinedTerms()) }

    /// The sum as (t, k) with k·t equal to `build()`: a lone term k·t comes back as its
    /// parts, without the product node of k·t (a caller that adds it to another sum needs
    /// only the parts); anything else as (`build()`, 1).
    package mutating func buildTerm() -> (term: Expr, coefficient: Rational) {
        let terms = combinedTerms()
        if constant.isZero && terms.count == 1 { return terms[0] }
        return (make(terms), .one)
    }

    /// The collected terms sorted in canonical order, like terms combined, zero terms dropped.
    private mutating func combinedTerms() -> [(term: Expr, coefficient: Rational)] {
        var terms: [(term: Expr, coefficient: Rational)] = []
        swap(&terms, &entries)
        if terms.count > 1 {
            terms.sort { Expr.canonicalPrecedes($0.term, $1.term) }
            // Equal terms are neighbours: combine them, then drop zero coefficients.
            var kept = 0
            var i = 0
            while i < terms.count {
                var (t, k) = terms[i]
                i += 1
                while i < terms.count && terms[i].term == t {
                    k += terms[i].coefficient
                    i += 1
                }
                if !k.isZero {
                    terms[kept] = (t, k)
                    kept += 1
                }
            }
            terms.removeSubrange(kept...)
        } else if terms.count == 1 && terms[0].coefficient.isZero {
            terms.removeAll()
        }
        return terms
    }

    /// The canonical sum of the constant and `terms` (as `combinedTerms()` leaves them).
    private func make(_ terms: [(term: Expr, coefficient: Rational)]) -> Expr {
        if terms.isEmpty { return Expr.number(constant) }  // 0, ±1, …: shared nodes
        if constant.isZero && terms.count == 1 { return terms[0].term.scaled(by: terms[0].coefficient) }
        return Expr(canonical: .sum(constant: constant, terms: terms))
    }
}

// MARK: - Primitive parts

extension Expr {
    /// For a sum S: (k, S′) with S = k·S′, where S′'s coefficients and constant are coprime
    /// integers and its first term (in canonical order) has a positive coefficient. `nil`
    /// when S is already primitive, or not a sum.
    ///
    ///     (2*x + 2).primitiveSum   // (2, x + 1);   (1 - x) → (−1, x − 1);   (x/2 + y/3) → (1/6, 3x + 2y)
    ///
    /// Products use it for sum bases with integer exponents, so that S and k·S (say y − z
    /// and z − y, which a number distributes into) are one base: then a/a = 1 and
    /// (a·b)·c = a·(b·c) also across that distribution.
    var primitiveSum: (content: Rational, primitive: Expr)? {
        guard case .sum(let c, let terms) = kind else { return nil }
        var g = Expr.content(terms.lazy.map(\.coefficient), c)
        if terms[0].coefficient.signum() < 0 { g = -g }
        if g == .one { return nil }
        return (g, scaled(by: g.reciprocal))
    }

    /// gcd of the rationals `values` and `extra` (ignoring zeros): gcd(numerators)/lcm(denominators) > 0.
    static func content<S: Sequence>(_ values: S, _ extra: Rational) -> Rational where S.Element == Rational {
        var numeratorGCD: UInt = 0
        var denominatorLCM: UInt = 1
        var fast = true
        func gcd(_ a: UInt, _ b: UInt) -> UInt {
            var (a, b) = (a, b)
            while b != 0 { (a, b) = (b, a % b) }
            return a
        }
        func absorb(_ r: Rational) {
            guard fast, !r.isZero else { return }
            guard let (n, d) = r.inlineParts else {
                fast = false
                return
            }
            numeratorGCD = gcd(numeratorGCD, n.magnitude)
            let (l, overflow) = (denominatorLCM / gcd(denominatorLCM, UInt(d))).multipliedReportingOverflow(by: UInt(d))
            if overflow || l > UInt(Int.max) { fast = false } else { denominatorLCM = l }
        }
        absorb(extra)
        for v in values { absorb(v) }
        if fast && numeratorGCD <= UInt(Int.max) {
            return Rational(Int(numeratorGCD), Int(denominatorLCM))
        }
        var g = extra.magnitude
        for v in values where !v.isZero { g = g.isZero ? v.magnitude : Rational.gcd(g, v) }
        return g
    }
}
