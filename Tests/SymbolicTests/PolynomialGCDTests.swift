import Exact
import TestSupport
import Testing

@testable import Symbolic

@Suite struct PolynomialGCDTests {
    typealias P = IntegerPolynomial
    static let x = P.variable(0, of: 3)
    static let y = P.variable(1, of: 3)
    static let z = P.variable(2, of: 3)
    static func c(_ v: Int) -> P { P(constant: BigInt(v), variableCount: 3) }

    /// A random polynomial with small coefficients and degrees.
    static func random(_ g: inout SeededGenerator, terms: Int = 4, degree: Int = 3) -> P {
        var t: [Monomial: BigInt] = [:]
        for _ in 0..<Int.random(in: 1...terms, using: &g) {
            let e = (0..<3).map { _ in Int.random(in: 0...degree, using: &g) }
            t[Monomial(e)] = BigInt(Int.random(in: -9...9, using: &g))
        }
        return P(variableCount: 3, terms: t)
    }

    @Test func gcd_knownCases() {
        let x = Self.x, y = Self.y
        #expect(P.gcd(x * x - Self.c(1), x * x - Self.c(2) * x + Self.c(1)) == x - Self.c(1))
        #expect(P.gcd((x + y) * (x - y), (x + y) * (x + y)) == x + y)
        #expect(P.gcd(Self.c(6) * x, Self.c(4) * y) == Self.c(2))
        #expect(P.gcd(x * y, .zero(3)) == x * y)
        #expect(P.gcd(.zero(3), .zero(3)).isZero)
        #expect(P.gcd(-x, x) == x)
    }

    @Test func gcd_ofMultiplesContainsTheCommonFactor() {
        var g = SeededGenerator(seed: 11)
        for _ in 0..<150 {
            let common = Self.random(&g)
            guard !common.isZero else { continue }
            let a = Self.random(&g) * common
            let b = Self.random(&g) * common
            let d = P.gcd(a, b)
            if a.isZero && b.isZero { continue }
            // d divides both, and the planted factor divides d.
            #expect(a.dividedExactly(by: d) != nil, "gcd \(d) must divide \(a)")
            #expect(b.dividedExactly(by: d) != nil, "gcd \(d) must divide \(b)")
            #expect(d.dividedExactly(by: common) != nil, "\(common) must divide gcd \(d)")
            // The cofactors are coprime.
            if let p = a.dividedExactly(by: d), let q = b.dividedExactly(by: d), !p.isZero, !q.isZero {
                #expect(P.gcd(p, q).totalDegree == 0)
            }
        }
    }

    @Test func exactDivision_invertsMultiplication() {
        var g = SeededGenerator(seed: 12)
        for _ in 0..<200 {
            let a = Self.random(&g)
            let b = Self.random(&g)
            guard !b.isZero else { continue }
            #expect((a * b).dividedExactly(by: b) == a)
        }
        #expect((Self.x * Self.x + Self.c(1)).dividedExactly(by: Self.x + Self.c(1)) == nil)
    }

    @Test func evaluation_isARingHomomorphism() throws {
        var g = SeededGenerator(seed: 13)
        for _ in 0..<100 {
            let a = Self.random(&g)
            let b = Self.random(&g)
            let point = [Rational(Int.random(in: -5...5, using: &g), 3), Rational(2, 7), Rational(-1)]
            #expect(try (a * b).evaluated(at: point) == a.evaluated(at: point) * b.evaluated(at: point))
            #expect(try (a - b).evaluated(at: point) == a.evaluated(at: point) - b.evaluated(at: point))
        }
    }
}

@Suite struct HeuristicGCDTests {
    @Test func heuristicGCD_agreesWithTheSubresultantGCD() {
        var g = SeededGenerator(seed: 14)
        var found = 0
        for _ in 0..<100 {
            let common = PolynomialGCDTests.random(&g)
            let a = PolynomialGCDTests.random(&g) * common
            let b = PolynomialGCDTests.random(&g) * common
            guard !a.isZero, !b.isZero, let h = IntegerPolynomial.heuristicGCD(a, b) else { continue }
            found += 1
            // Divides both, and the cofactors are coprime: it is the gcd.
            guard let p = a.dividedExactly(by: h), let q = b.dividedExactly(by: h) else {
                Issue.record("\(h) does not divide \(a) and \(b)")
                continue
            }
            #expect(IntegerPolynomial.heuristicGCD(p, q)?.totalDegree ?? 0 == 0)
            #expect(h.dividedExactly(by: common) != nil || common.constantValue != nil)
        }
        #expect(found >= 90)
    }
}
