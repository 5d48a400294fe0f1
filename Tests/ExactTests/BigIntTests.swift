import Foundation
import TestSupport
import Testing

@testable import Exact

@Suite struct BigIntTests {
    static let samples: [BigInt] = {
        var g = SeededGenerator(seed: 0xB16)
        return ExactSamples.boundaryIntegers + (0..<300).map { _ in ExactSamples.integer(using: &g) }
    }()

    @Test func ringAxioms_holdAcrossTheWordBoundary() {
        var g = SeededGenerator(seed: 1)
        for _ in 0..<3000 {
            let s = Self.samples
            let a = s[Int(g.next() % UInt64(s.count))]
            let b = s[Int(g.next() % UInt64(s.count))]
            let c = s[Int(g.next() % UInt64(s.count))]
            #expect(a + b == b + a)
            #expect(a * b == b * a)
            #expect((a + b) + c == a + (b + c))
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect((a + b) - b == a)
            #expect(a - a == .zero)
            #expect(-(-a) == a)
            for x in [a + b, a - b, a * b, -a] { #expect(x.isCanonical, "\(x)") }
        }
    }

    @Test func storage_movesToGMPOnOverflowAndBack() {
        let max = BigInt(Int.max)
        #expect(!max.isHeapAllocated)
        let past = max + 1
        #expect(past.isHeapAllocated)
        #expect(past.description == "9223372036854775808")
        #expect(!(past - 1).isHeapAllocated)
        #expect((past - 1) == max)
        // Int.min is kept out of the inline range so that negation never overflows.
        #expect(BigInt(Int.min).isHeapAllocated)
        #expect(-BigInt(Int.min) == past)
        #expect(BigInt(Int.min) + 1 == BigInt(-Int.max))
        #expect(!(BigInt(Int.min) + 1).isHeapAllocated)
        #expect((max * max).description == "85070591730234615847396907784232501249")
        #expect(((max * max) / max) == max)
        #expect(!((max * max) / max).isHeapAllocated)
    }

    @Test func truncatingDivision_satisfiesTheDivisionIdentity() {
        for a in Self.samples {
            for b in Self.samples where !b.isZero {
                let (q, r) = a.quotientAndRemainder(dividingBy: b)
                #expect(q * b + r == a)
                #expect(r.magnitude < b.magnitude)
                #expect(r.isZero || r.signum() == a.signum())
                let (fq, m) = a.flooredQuotientAndModulo(dividingBy: b)
                #expect(fq * b + m == a)
                #expect(m.magnitude < b.magnitude)
                #expect(m.isZero || m.signum() == b.signum())
            }
        }
    }

    @Test func division_knownValues() {
        #expect(BigInt(-7).quotientAndRemainder(dividingBy: 2) == (-3, -1))
        #expect(BigInt(-7).flooredQuotientAndModulo(dividingBy: 2) == (-4, 1))
        #expect(BigInt(7).flooredQuotientAndModulo(dividingBy: -2) == (-4, -1))
        #expect(throws: ExactError.divisionByZero) { try BigInt(1).dividedTruncating(by: 0) }
    }

    @Test func gcd_dividesBothAndLeavesCoprimeCofactors() {
        for a in Self.samples.prefix(80) {
            for b in Self.samples.prefix(80) {
                let g = BigInt.gcd(a, b)
                #expect(g.signum() >= 0)
                if g.isZero {
                    #expect(a.isZero && b.isZero)
                    continue
                }
                #expect((a % g).isZero && (b % g).isZero)
                #expect(BigInt.gcd(a / g, b / g) == 1)
                let l = BigInt.lcm(a, b)
                #expect(l == (a * b).magnitude / g)
            }
        }
        #expect(BigInt.gcd(12, -18) == 6)
        #expect(BigInt.gcd(0, 0) == 0)
    }

    @Test func power_knownValuesAndSizeGuard() throws {
        #expect(try BigInt(3).power(40).description == "12157665459056928801")
        #expect(try BigInt(2).power(64).description == "18446744073709551616")
        #expect(try BigInt(-2).power(63) == BigInt(Int.min))
        #expect(try BigInt(-1).power(1_000_000_000_001) == -1)
        #expect(try BigInt(0).power(0) == 1)
        #expect(throws: ExactError.self) { try BigInt(2).power(1_000_000_000_000) }
        // The limit is task-local and can be lowered for one computation.
        #expect(throws: ExactError.self) {
            try ExactLimits.$maximumBitWidth.withValue(100) { try BigInt(2).power(200) }
        }
        #expect(try BigInt(2).shiftedLeft(by: 100) == (try BigInt(2).power(101)))
        #expect((try BigInt(2).power(101)).shiftedRight(by: 100) == 2)
        #expect(BigInt(-5).shiftedRight(by: 1) == -3)  // floor
    }

    @Test func parseAndPrint_areInverse() throws {
        for a in Self.samples {
            #expect(try BigInt(parsing: a.description) == a)
        }
        #expect(BigInt("-000123") == -123)
        for bad in ["", "-", "1 2", "0x10", "12a", "١٢"] {
            #expect(BigInt(bad) == nil, "\(bad)")
        }
    }

    @Test func literalsAndConversions_areExact() {
        let big: BigInt = 340282366920938463463374607431768211456
        #expect(big.description == "340282366920938463463374607431768211456")
        let negative: BigInt = -340282366920938463463374607431768211457
        #expect(negative + big == -1)
        #expect(BigInt(UInt64.max).description == "18446744073709551615")
        #expect(Int(exactly: BigInt(Int.min)) == Int.min)
        #expect(Int(exactly: BigInt(Int.max) + 1) == nil)
        #expect(big.bitWidth == 129)
        #expect(Double(big) == 0x1p128)
    }

    @Test func codable_roundTripsAsString() throws {
        let value: BigInt = -123456789012345678901234567890
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == "[\"-123456789012345678901234567890\"]")
        #expect(try JSONDecoder().decode([BigInt].self, from: data) == [value])
    }

    @Test func hashing_agreesWithEquality() {
        let a = BigInt(Int.max) + 5
        let b = BigInt(Int.max - 1) + 6
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set(Self.samples).count == Set(Self.samples.map(\.description)).count)
    }
}
