import Exact

// The sparse polynomials that `expanded()` multiplies in (SymEngine's expand does the same):
// a hash map from monomial to coefficient over a fixed list of generators (symbols and
// opaque kernels such as sin(x) or sqrt(x + 1)). When the generator count and the degree
// bound fit, a monomial is its exponent vector packed into one UInt64, and multiplying two
// monomials is one integer addition (the degree bound guarantees that no field overflows).

/// A monomial over the generators of one expansion.
protocol ExpansionMonomial: Hashable {
    static var one: Self { get }
    /// gᵢ^k.
    init(generator i: Int, exponent k: Int, bitsPerGenerator: Int)
    static func * (a: Self, b: Self) -> Self
    /// The (generator, exponent) pairs with exponent > 0, by generator index.
    func exponents(bitsPerGenerator: Int) -> [(generator: Int, exponent: Int)]
}

/// Exponents packed in fixed-width fields of one word.
struct PackedMonomial: ExpansionMonomial {
    var bits: UInt64
    static let one = PackedMonomial(bits: 0)
    init(bits: UInt64) { self.bits = bits }
    init(generator i: Int, exponent k: Int, bitsPerGenerator w: Int) { bits = UInt64(k) << UInt64(i * w) }
    @inline(__always) static func * (a: PackedMonomial, b: PackedMonomial) -> PackedMonomial {
        PackedMonomial(bits: a.bits &+ b.bits)
    }
    func exponents(bitsPerGenerator w: Int) -> [(generator: Int, exponent: Int)] {
        var out: [(generator: Int, exponent: Int)] = []
        var rest = bits
        var i = 0
        let mask: UInt64 = w == 64 ? ~0 : (1 << UInt64(w)) - 1
        while rest != 0 {
            let k = rest & mask
            if k != 0 { out.append((i, Int(k))) }
            rest = w == 64 ? 0 : rest >> UInt64(w)
            i += 1
        }
        return out
    }
}

/// Exponents as a sorted list of (generator << 32 | exponent), for many generators or high degrees.
struct SparseMonomial: ExpansionMonomial {
    var entries: [UInt64]
    static let one = SparseMonomial(entries: [])
    init(entries: [UInt64]) { self.entries = entries }
    init(generator i: Int, exponent k: Int, bitsPerGenerator: Int) { entries = k == 0 ? [] : [UInt64(i) << 32 | UInt64(k)] }
    static func * (a: SparseMonomial, b: SparseMonomial) -> SparseMonomial {
        if a.entries.isEmpty { return b }
        if b.entries.isEmpty { return a }
        var out: [UInt64] = []
        out.reserveCapacity(a.entries.count + b.entries.count)
        var i = 0
        var j = 0
        while i < a.entries.count && j < b.entries.count {
            let x = a.entries[i]
            let y = b.entries[j]
            if x >> 32 == y >> 32 {
                out.append(x &+ (y & 0xFFFF_FFFF))  // the degree bound keeps this below 2^32
                i += 1
                j += 1
            } else if x >> 32 < y >> 32 {
                out.append(x)
                i += 1
            } else {
                out.append(y)
                j += 1
            }
        }
        out.append(contentsOf: a.entries[i...])
        out.append(contentsOf: b.entries[j...])
        return SparseMonomial(entries: out)
    }
    func exponents(bitsPerGenerator: Int) -> [(generator: Int, exponent: Int)] {
        entries.map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }
}

/// Σ coefficient·monomial, with the expansion's term and work limits checked as it grows.
struct ExpansionPolynomial<M: ExpansionMonomial> {
    var terms: [M: Rational]

    init(terms: [M: Rational] = [:]) { self.terms = terms }

    init(constant c: Rational) { terms = c.isZero ? [:] : [M.one: c] }

    mutating func add(_ p: ExpansionPolynomial, times k: Rational) {
        for (m, c) in p.terms {
            let v = terms[m, default: .zero] + c * k
            terms[m] = v.isZero ? nil : v
        }
    }

    /// The coefficient as a machine word, when it is an integer stored inline.
    static func wordInteger(_ c: Rational) -> Int? {
        guard let (n, d) = c.inlineParts, d == 1 else { return nil }
        return n
    }

    /// a · b (monomials with `w`-bit exponent fields when packed); nil when the product would
    /// take more than `work` multiplications or grows past `termLimit` terms.
    static func product(
        _ a: ExpansionPolynomial, _ b: ExpansionPolynomial, termLimit: Int, work: Int,
        bitsPerGenerator w: Int
    ) -> ExpansionPolynomial? {
        if a.terms.isEmpty || b.terms.isEmpty { return ExpansionPolynomial() }
        let (pairs, overflow) = a.terms.count.multipliedReportingOverflow(by: b.terms.count)
        if overflow || pairs > work { return nil }
        if let pa = a as? ExpansionPolynomial<PackedMonomial>, let pb = b as? ExpansionPolynomial<PackedMonomial>,
            let ia = PackedIntegerProduct.integerTerms(pa), let ib = PackedIntegerProduct.integerTerms(pb)
        {
            let outcome =
                PackedDenseProduct.multiply(ia, ib, bitsPerGenerator: w, termLimit: termLimit)
                ?? PackedIntegerProduct.multiply(ia, ib, termLimit: termLimit)
            switch outcome {
            case .product(let terms):
                var out: [PackedMonomial: Rational] = [:]
                out.reserveCapacity(terms.count)
                for (k, c) in terms { out[PackedMonomial(bits: k)] = Rational(c) }
                return ExpansionPolynomial<PackedMonomial>(terms: out) as? ExpansionPolynomial
            case .tooManyTerms:
                return nil
            case .overflow:
                break
            }
        }
        let (small, large) = a.terms.count <= b.terms.count ? (a, b) : (b, a)
        // Each coefficient's machine-word integer (if it is one) is read once, up front: it
        // saves the inner loop a look at the representation, and it keeps that loop free of
        // the pattern that crashed the optimizer's ownership verifier in -enable-testing
        // release builds (Swift 6.3.1, CopyPropagation, a borrowed Rational in a nested loop).
        let largeTerms = large.terms.map { (m: $0.key, c: $0.value, word: Self.wordInteger($0.value)) }
        var out: [M: Rational] = [:]
        out.reserveCapacity(min(pairs, termLimit) / 2 + 1)
        for (ma, ca) in small.terms {
            let ia = Self.wordInteger(ca)
            for t in largeTerms {
                let m = ma * t.m
                if let x = ia, let y = t.word {
                    let (z, o) = x.multipliedReportingOverflow(by: y)
                    if !o && z != Int.min {
                        out[m, default: .zero] += Rational(z)
                        continue
                    }
                }
                out[m, default: .zero] += ca * t.c
            }
            if out.count > termLimit { return nil }
        }
        return ExpansionPolynomial(terms: out.filter { !$0.value.isZero })
    }
}

extension ExpansionPolynomial where M == PackedMonomial {
    /// pⁿ by repeated multiplication in word arithmetic (dense or hash kernel), converted from
    /// and to Rational coefficients once; nil when a coefficient is not a word-sized integer,
    /// a product overflows, or a limit is reached (the generic path then decides, with the
    /// right error).
    static func integerPower(
        _ p: ExpansionPolynomial, _ n: Int, termLimit: Int, work: Int,
        bitsPerGenerator w: Int
    ) -> ExpansionPolynomial? {
        guard n >= 2, let base = PackedIntegerProduct.integerTerms(p) else { return nil }
        var result = base
        var spent = 0
        for _ in 1..<n {
            spent = Expansion.saturatingMultiply(result.count, base.count) &+ spent
            if spent > work || spent < 0 { return nil }
            let outcome =
                PackedDenseProduct.multiply(result, base, bitsPerGenerator: w, termLimit: termLimit)
                ?? PackedIntegerProduct.multiply(result, base, termLimit: termLimit)
            guard case .product(let next) = outcome else { return nil }
            result = next
        }
        var out: [PackedMonomial: Rational] = [:]
        out.reserveCapacity(result.count)
        for (k, c) in result { out[PackedMonomial(bits: k)] = Rational(c) }
        return ExpansionPolynomial(terms: out)
    }
}
