import TestSupport
import Testing

@testable import Exact

/// `Double(r)` must be the Double nearest to r, ties to even. These tests check that
/// exactly, by comparing distances as rationals (no tolerance).
@Suite struct DoubleConversionTests {
    /// Checks that `d` is a correctly rounded image of `r`.
    static func isCorrectlyRounded(_ d: Double, _ r: Rational) -> Bool {
        guard d.isFinite else {
            // Overflow: r is at least the midpoint between max and the next power of two.
            let limit = Rational(exactly: Double.greatestFiniteMagnitude)! + Rational(exactly: Double.greatestFiniteMagnitude.ulp)! / 2
            return r.magnitude >= limit && (d > 0) == (r > 0)
        }
        let exact = Rational(exactly: d)!
        let distance = (r - exact).magnitude
        for neighbour in [d.nextUp, d.nextDown] where neighbour.isFinite {
            let other = (r - Rational(exactly: neighbour)!).magnitude
            if other < distance { return false }
            if other == distance {  // a tie: the even significand wins
                if d.significandBitPattern & 1 != 0 { return false }
            }
        }
        return true
    }

    @Test func everyFiniteDouble_roundTripsExactly() {
        var g = SeededGenerator(seed: 8)
        var values: [Double] = [
            0, -0.0, 1, -1, 0.1, 1.0 / 3, .pi, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            .leastNormalMagnitude, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 0x1p-1060 * 3,
        ]
        for _ in 0..<5000 { values.append(Double(bitPattern: g.next())) }
        for d in values where d.isFinite {
            guard let r = Rational(exactly: d) else {
                Issue.record("no exact value for \(d)")
                continue
            }
            #expect(Double(r) == d, "\(d) → \(r)")
        }
        #expect(Rational(exactly: Double.nan) == nil)
        #expect(Rational(exactly: Double.infinity) == nil)
        #expect(Rational(exactly: 0.1)?.description == "3602879701896397/36028797018963968")
    }

    @Test func hardCases_roundHalfToEven() throws {
        let two53 = try BigInt(2).power(53)
        #expect(Double(Rational(two53 + 1)) == 0x1p53)  // tie → even (down)
        #expect(Double(Rational(two53 + 3)) == 0x1p53 + 4)  // tie → even (up)
        #expect(Double(Rational(two53 * 2 + 3)) == 0x1p54 + 4)  // 3/4 of an ulp → up
        #expect(Double(Rational(1, 3)) == 1.0 / 3)
        #expect(Double(Rational(-2, 3)) == -2.0 / 3)
        // Just above a tie: the sticky bit must round up, which mpq_get_d (truncating) misses.
        let justAbove = Rational(two53 + 1) + Rational(1, try BigInt(10).power(30))
        #expect(Double(justAbove) == 0x1p53 + 2)
        // Subnormal tie: halfway between 0 and the least subnormal rounds to 0 (even).
        let least = Rational(exactly: Double.leastNonzeroMagnitude)!
        #expect(Double(least / 2) == 0)
        #expect(Double(least / 2 + least / 1000) == .leastNonzeroMagnitude)
        #expect(Double(least * 3 / 2) == 2 * .leastNonzeroMagnitude)  // tie between 1 and 2 ulps → 2 (even)
        // Beyond the range.
        #expect(Double(Rational(try BigInt(2).power(1024))) == .infinity)
        #expect(Double(Rational(try BigInt(2).power(1024)) * -1) == -.infinity)
        #expect(Double(Rational(1, try BigInt(2).power(1100))) == 0)
    }

    @Test func randomRationals_areCorrectlyRounded() throws {
        var g = SeededGenerator(seed: 9)
        for _ in 0..<3000 {
            let r = ExactSamples.rational(using: &g)
            #expect(Self.isCorrectlyRounded(Double(r), r), "\(r)")
        }
        // Values near the subnormal and overflow edges.
        for k in [1000, 1022, 1030, 1073, 1074, 1075] {
            for numerator in [1, 3, 5, 7, 12345] {
                let r = Rational(BigInt(numerator), try BigInt(2).power(k)) * Rational(7, 5)
                #expect(Self.isCorrectlyRounded(Double(r), r), "\(r)")
            }
        }
        for k in [1020, 1023, 1024] {
            let r = Rational(try BigInt(2).power(k)) * Rational(1_999_999, 1_000_000)
            #expect(Self.isCorrectlyRounded(Double(r), r), "2^\(k)·1.999999")
        }
    }
}
