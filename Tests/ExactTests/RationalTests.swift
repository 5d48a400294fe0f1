import Foundation
import TestSupport
import Testing

@testable import Exact

@Suite struct RationalTests {
    static let samples: [Rational] = {
        var g = SeededGenerator(seed: 0x0A7)
        let edges = ExactSamples.boundaryIntegers.flatMap { n in
            [Rational(n), Rational(1, 1) / Rational(n == 0 ? 1 : n), Rational(n, BigInt(Int.max))]
        }
        return edges + (0..<300).map { _ in ExactSamples.rational(using: &g) }
    }()

    static func pick(_ g: inout SeededGenerator) -> Rational {
        samples[Int(g.next() % UInt64(samples.count))]
    }

    @Test func fieldAxioms_holdAndResultsAreCanonical() {
        var g = SeededGenerator(seed: 2)
        for _ in 0..<3000 {
            let a = Self.pick(&g)
            let b = Self.pick(&g)
            let c = Self.pick(&g)
            #expect(a + b == b + a)
            #expect(a * b == b * a)
            #expect((a + b) + c == a + (b + c))
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a - a == .zero)
            #expect(a + .zero == a && a * .one == a)
            if !b.isZero {
                #expect((a / b) * b == a)
                #expect(b * b.reciprocal == .one)
            }
            for x in [a + b, a - b, a * b, -a] {
                #expect(x.isCanonical, "\(x)")
            }
        }
    }

    @Test func canonicalForm_reducesAndNormalisesTheSign() {
        #expect(Rational(6, -4).description == "-3/2")
        #expect(Rational(0, -5) == .zero)
        #expect(Rational(0, -5).denominator == 1)
        #expect(Rational(BigInt(Int.max) * 6, BigInt(Int.max) * -4) == Rational(-3, 2))
        #expect(!Rational(BigInt(Int.max) * 6, BigInt(Int.max) * -4).isHeapAllocated)
        #expect(Rational(Int.min, 2) == Rational(-(Int.max / 2) - 1))
        #expect(Rational(1, Int.min).description == "-1/9223372036854775808")
        #expect(Rational(1, Int.min).isHeapAllocated)
    }

    @Test func harmonicNumber_H10() {
        let h = (1...10).reduce(Rational.zero) { $0 + Rational(1, $1) }
        #expect(h == Rational(7381, 2520))
        var acc = Rational.zero
        for k in 1...100 { acc += Rational(1, k) }
        #expect(acc.numerator.description == "14466636279520351160221518043104131447711")
        #expect(acc.denominator.description == "2788815009188499086581352357412492142272")
    }

    @Test func inPlaceOperators_matchTheirPureForms() {
        var g = SeededGenerator(seed: 3)
        for _ in 0..<1000 {
            let a = Self.pick(&g)
            let b = Self.pick(&g)
            var x = a
            x += b
            #expect(x == a + b)
            x = a
            x -= b
            #expect(x == a - b)
            x = a
            x *= b
            #expect(x == a * b)
            if !b.isZero {
                x = a
                x /= b
                #expect(x == a / b)
            }
            // Aliasing: both operands are the same storage.
            var y = a
            y += y
            #expect(y == a * 2)
            #expect(a == a + .zero)  // `a` itself was not mutated through shared storage
        }
    }

    @Test func comparison_agreesWithTheSignOfTheDifference() {
        var g = SeededGenerator(seed: 4)
        for _ in 0..<2000 {
            let a = Self.pick(&g)
            let b = Self.pick(&g)
            let d = (a - b).signum()
            #expect((a < b) == (d < 0))
            #expect((a == b) == (d == 0))
            if a == b { #expect(a.hashValue == b.hashValue) }
        }
    }

    @Test func power_integerExponentsBothSigns() throws {
        #expect(try Rational(2, 3).power(-3) == Rational(27, 8))
        #expect(try Rational(-2, 3).power(3) == Rational(-8, 27))
        #expect(try Rational(-2, 3).power(-3) == Rational(-27, 8))
        #expect(try Rational(0).power(0) == 1)
        #expect(throws: ExactError.divisionByZero) { try Rational(0).power(-1) }
        #expect(throws: ExactError.self) { try Rational(3, 2).power(1 << 40) }
        var g = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let a = Self.pick(&g)
            guard !a.isZero else { continue }
            let m = Int(g.next() % 7)
            let n = Int(g.next() % 7)
            #expect(try a.power(m) * a.power(n) == a.power(m + n))
            #expect(try a.power(-n) * a.power(n) == 1)
        }
    }

    @Test func throwingArithmetic_reportsDivisionByZero() throws {
        #expect(throws: ExactError.divisionByZero) { try Rational(1).dividing(by: .zero) }
        #expect(try Rational(1).dividing(by: 3) == Rational(1, 3))
    }

    @Test func rounding_followsItsRule() {
        #expect(Rational(-7, 2).floor == -4)
        #expect(Rational(-7, 2).ceiling == -3)
        #expect(Rational(7, 2).floor == 3)
        #expect(Rational(5, 2).rounded(.toNearestOrEven) == 2)
        #expect(Rational(7, 2).rounded(.toNearestOrEven) == 4)
        #expect(Rational(-5, 2).rounded() == -3)
        #expect(Rational(5, 2).rounded(.towardZero) == 2)
        #expect(Rational(-5, 2).rounded(.towardZero) == -2)
        #expect(Rational(4).rounded(.up) == 4)
        var g = SeededGenerator(seed: 6)
        for _ in 0..<500 {
            let a = Self.pick(&g)
            let f = Rational(a.floor)
            #expect(f <= a && a < f + 1)
            #expect(Rational(a.ceiling) - a >= 0 && Rational(a.ceiling) - a < 1)
        }
        #expect(Rational(1, 3).isInteger == false && Rational(6, 3).isInteger)
        #expect(Rational.gcd(Rational(1, 2), Rational(1, 3)) == Rational(1, 6))
        #expect(Rational.lcm(Rational(1, 2), Rational(2, 3)) == 2)
    }

    @Test func codable_roundTripsAsString() throws {
        let values = [Rational(-3, 4), Rational(BigInt(Int.max) + 2, 7), Rational(5)]
        let data = try JSONEncoder().encode(values)
        #expect(String(decoding: data, as: UTF8.self) == #"["-3\/4","9223372036854775809\/7","5"]"#)
        #expect(try JSONDecoder().decode([Rational].self, from: data) == values)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Rational].self, from: Data(#"["1/0"]"#.utf8)) }
    }
}
