import Exact
import TestSupport
import Testing

@testable import Symbolic

@Suite struct RationalFunctionTests {
    typealias P = IntegerPolynomial
    typealias R = RationalFunction
    typealias F = FactoredRationalFunction
    static let x = P.variable(0, of: 3)
    static let y = P.variable(1, of: 3)
    static let z = P.variable(2, of: 3)
    static func c(_ v: Int) -> P { P(constant: BigInt(v), variableCount: 3) }

    static func randomPoint(_ g: inout SeededGenerator) -> [Rational] {
        (0..<3).map { _ in Rational(Int.random(in: -20...20, using: &g), Int.random(in: 1...9, using: &g)) }
    }

    @Test func cancelled_removesTheCommonFactor() {
        let x = Self.x
        #expect(R(numerator: x * x - Self.c(1), denominator: x - Self.c(1)) == R(x + Self.c(1)))
        let y = Self.y
        #expect(R(numerator: x * x * x + y * y * y, denominator: x + y) == R(x * x - x * y + y * y))
        // Integer content cancels too, and the sign moves to the numerator.
        #expect(R(numerator: Self.c(2) * x, denominator: Self.c(-4) * y) == R(numerator: -x, denominator: Self.c(2) * y))
    }

    @Test func normalForm_isUniqueUnderCommonFactors() {
        var g = SeededGenerator(seed: 21)
        for _ in 0..<80 {
            let a = PolynomialGCDTests.random(&g, terms: 3, degree: 2)
            let b = PolynomialGCDTests.random(&g, terms: 3, degree: 2)
            let c = PolynomialGCDTests.random(&g, terms: 3, degree: 2)
            guard !b.isZero, !c.isZero else { continue }
            #expect(R(numerator: a * c, denominator: b * c) == R(numerator: a, denominator: b))
        }
    }

    @Test func fieldOperations_agreeWithEvaluation() throws {
        var g = SeededGenerator(seed: 22)
        for _ in 0..<80 {
            let p = [0, 1, 2, 3].map { _ in PolynomialGCDTests.random(&g, terms: 3, degree: 2) }
            guard !p[1].isZero, !p[3].isZero, !p[2].isZero else { continue }
            let a = R(numerator: p[0], denominator: p[1])
            let b = R(numerator: p[2], denominator: p[3])
            let point = Self.randomPoint(&g)
            guard let va = try? a.evaluated(at: point), let vb = try? b.evaluated(at: point), !vb.isZero else { continue }
            if let v = try? (a + b).evaluated(at: point) { #expect(v == va + vb) }
            if let v = try? (a * b).evaluated(at: point) { #expect(v == va * vb) }
            if let v = try? (a / b).evaluated(at: point) { #expect(v == va / vb) }
            if let v = try? (a - b).evaluated(at: point) { #expect(v == va - vb) }
        }
    }

    @Test func dividingByZero_throws() {
        let one = R(constant: .one, variableCount: 3)
        #expect(throws: ExactError.divisionByZero) { try one.dividing(by: R(constant: .zero, variableCount: 3)) }
    }

    @Test func factoredSum_keepsCommonFactorsAndAgreesWithTheNormalForm() {
        var g = SeededGenerator(seed: 23)
        for _ in 0..<60 {
            let p = [0, 1, 2, 3].map { _ in PolynomialGCDTests.random(&g, terms: 3, degree: 2) }
            guard p.allSatisfy({ !$0.isZero }) else { continue }
            let a = F(p[0]) * (try! F(p[1]).power(-1))
            let b = F(p[2]) * (try! F(p[3]).power(-2))
            #expect((a + b).normalized == a.normalized + b.normalized)
            #expect((a * b).normalized == a.normalized * b.normalized)
            #expect((a - a).isZero)
        }
    }

    @Test func factoredSum_cancelsDenominatorFactors() throws {
        let x = Self.x, y = Self.y
        // (x² − 1)/(x − 1) → x + 1, through the gcd split of the numerator.
        let q = F(x * x - Self.c(1)) * (try F(x - Self.c(1)).power(-1))
        #expect(q.normalized == R(x + Self.c(1)))
        #expect(q.factors == [x + Self.c(1): 1])
        // x/(x+y)² + y/(x+y)² = 1/(x+y): the sum's factor cancels one power.
        let s = F(x) * (try F(x + y).power(-2)) + F(y) * (try F(x + y).power(-2))
        #expect(s.factors == [x + y: -1])
        // y·(2x + 3y) from 2xy + 3y²: the monomial content is pulled out.
        let t = F(Self.c(2) * x * y + Self.c(3) * y * y)
        #expect(t.factors == [y: 1, Self.c(2) * x + Self.c(3) * y: 1])
    }
}
