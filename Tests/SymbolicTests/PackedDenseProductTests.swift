import Exact
import TestSupport
import Testing

@testable import Symbolic

// The dense kernel of expansion against a plain BigInt product of the same packed
// polynomials, and against the hash kernel; and expansions that go through it keep their value.
@Suite struct PackedDenseProductTests {
    /// Σ c·monomial over `fields` generators with 5-bit fields, exponents ≤ 15 (so products fit).
    static func random(_ g: inout SeededGenerator, terms: Int, fields: Int, big: Bool) -> [(UInt64, Int)] {
        var seen: Set<UInt64> = []
        var out: [(UInt64, Int)] = []
        let distinct = 1 << (4 * fields)  // exponents 0...15 in each field
        while out.count < min(terms, distinct / 2) {
            var key: UInt64 = 0
            for f in 0..<fields { key |= UInt64(Int.random(in: 0...15, using: &g)) << UInt64(5 * f) }
            if key == PackedIntegerProduct.empty || !seen.insert(key).inserted { continue }
            let c = big ? Int.random(in: -(1 << 40)...(1 << 40), using: &g) : Int.random(in: -9...9, using: &g)
            if c != 0 { out.append((key, c)) }
        }
        return out
    }

    static func naive(_ a: [(UInt64, Int)], _ b: [(UInt64, Int)]) -> [UInt64: BigInt] {
        var out: [UInt64: BigInt] = [:]
        for (ka, ca) in a {
            for (kb, cb) in b { out[ka &+ kb, default: 0] += BigInt(ca) * BigInt(cb) }
        }
        return out.filter { !$0.value.isZero }
    }

    static func dictionary(_ terms: [(UInt64, Int)]) -> [UInt64: BigInt] {
        var out: [UInt64: BigInt] = [:]
        for (k, c) in terms {
            #expect(out[k] == nil, "a monomial twice")
            out[k] = BigInt(c)
        }
        return out
    }

    @Test func denseProducts_equalThePlainProduct() throws {
        var g = SeededGenerator(seed: 8)
        var denseRuns = 0
        for round in 0..<60 {
            let fields = 1 + round % 4
            let big = round % 5 == 4
            let a = Self.random(&g, terms: Int.random(in: 1...40, using: &g), fields: fields, big: big)
            let b = Self.random(&g, terms: Int.random(in: 1...40, using: &g), fields: fields, big: big)
            let expected = Self.naive(a, b)
            guard let dense = PackedDenseProduct.multiply(a, b, bitsPerGenerator: 5, termLimit: 1_000_000) else { continue }
            denseRuns += 1
            switch dense {
            case .product(let terms):
                #expect(Self.dictionary(terms) == expected)
                if case .product(let hashed) = PackedIntegerProduct.multiply(a, b, termLimit: 1_000_000) {
                    #expect(Self.dictionary(hashed) == expected)
                }
            case .overflow:
                // Only when some product or partial sum really leaves the word.
                #expect(big)
            case .tooManyTerms:
                Issue.record("no term limit was reached")
            }
            // The term limit is enforced.
            if expected.count > 1, case .product = PackedDenseProduct.multiply(a, b, bitsPerGenerator: 5, termLimit: expected.count - 1) {
                Issue.record("a product past the term limit")
            }
        }
        #expect(denseRuns > 40)
        // Words that overflow: the kernel declines instead of wrapping.
        let huge: [(UInt64, Int)] = [(1, Int.max / 2), (2, Int.max / 2)]
        if let outcome = PackedDenseProduct.multiply(huge, huge, bitsPerGenerator: 5, termLimit: 100) {
            guard case .overflow = outcome else {
                Issue.record("an overflowing product was accepted")
                return
            }
        }
    }

    /// Coefficients at the edges of the word: below Σ|a|·Σ|b| < 2⁶³ the kernel skips its
    /// overflow checks, above it every product and partial sum is checked; either way the
    /// result is the exact product, or `.overflow` exactly when a partial sum leaves the word.
    @Test func wordEdges_exactOrOverflowNeverWrapped() throws {
        let x: UInt64 = 1
        let y: UInt64 = 1 << 5
        let cases: [(a: [(UInt64, Int)], b: [(UInt64, Int)], overflows: Bool)] = [
            ([(x, 1 << 30), (y, 1 << 30)], [(x, 1 << 30), (y, -(1 << 30))], false),  // norms 2³¹·2³¹: unchecked
            ([(x, 1 << 31), (y, 1 << 31)], [(x, 1 << 31), (y, 1 << 31)], true),  // 2⁶² + 2⁶² = 2⁶³ at x·y
            ([(x, 1 << 31), (y, 1 << 31)], [(x, 1 << 31), (y, -(1 << 31))], false),  // cancels at x·y: checked, fits
            ([(x, Int.max), (y, 1)], [(x, 1), (y, 1)], true),  // Int.max + 1 at x·y
            ([(x, Int.min)], [(x, 1)], false),  // Int.min itself is a word
            ([(x, -(1 << 62)), (y, -(1 << 62))], [(x, 1), (y, 1)], false),  // −2⁶³ at x·y: exactly Int.min
        ]
        for (a, b, overflows) in cases {
            let expected = Self.naive(a, b)
            guard let outcome = PackedDenseProduct.multiply(a, b, bitsPerGenerator: 5, termLimit: 100) else {
                Issue.record("two-generator products are dense")
                continue
            }
            switch outcome {
            case .product(let terms):
                #expect(!overflows)
                #expect(Self.dictionary(terms) == expected)
            case .overflow:
                #expect(overflows)
            case .tooManyTerms:
                Issue.record("no term limit was reached")
            }
        }
    }

    @Test func expand2_keepsItsValueAndTermCount() throws {
        // SymEngine's expand2 at a smaller power: (x+y+z+w)^6·((x+y+z+w)^6 + w).
        let e = try Expr.parse("(x + y + z + w)^6 * ((x + y + z + w)^6 + w)")
        let expanded = try e.expanded()
        if case .sum(_, let terms) = expanded.kind {
            // Degree-12 monomials in 4 variables, C(15, 3) = 455, and w times the degree-6
            // ones, C(9, 3) = 84 (W8's 6272 = C(33, 3) + C(18, 3) the same way).
            #expect(terms.count == 455 + 84)
        } else {
            Issue.record("not a sum")
        }
        #expect(expanded.isCanonical)
        for values in [(1, 2, 3, 4), (-1, 1, -2, 5), (7, 0, -3, 2)] {
            let point: [Symbol: Rational] = [
                Symbol("x"): Rational(values.0, 3), Symbol("y"): Rational(values.1),
                Symbol("z"): Rational(values.2, 7), Symbol("w"): Rational(values.3),
            ]
            #expect(try expanded.evaluated(at: point) == e.evaluated(at: point))
        }
        // Coefficients past a word: the Rational path takes over with the same value.
        let wide = try Expr.parse("(3000000000*x + 5000000000*y - z + 2)^5")
        let point: [Symbol: Rational] = [Symbol("x"): Rational(1, 3), Symbol("y"): Rational(-2, 5), Symbol("z"): Rational(4)]
        #expect(try wide.expanded().evaluated(at: point) == wide.evaluated(at: point))
    }
}
