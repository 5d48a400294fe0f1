import Exact
import Symbolic
import Testing
import Verification

@Suite struct UnivariateRationalFunctionTests {
    typealias P = UnivariatePolynomial
    typealias G = UnivariateRationalFunction
    let h = UnivariatePolynomial.h

    @Test func polynomialDivision_satisfiesTheEuclideanIdentity() {
        let p = (h * h * h).scaled(by: 2) - h + P(constant: 5)
        let d = h * h + P(constant: Rational(1, 3))
        let (q, r) = p.divided(by: d)
        #expect(q * d + r == p)
        #expect(r.degree < d.degree)
    }

    @Test func gcd_isMonicAndDividesBoth() {
        let common = h - P(constant: 2)
        let a = common * (h + P(constant: 1)).scaled(by: 3)
        let b = common * common * h
        let g = P.gcd(a, b)
        #expect(g == common)
        #expect(a.divided(by: g).remainder.isZero && b.divided(by: g).remainder.isZero)
    }

    @Test func construction_cancelsCommonFactors_andNormalisesTheDenominator() throws {
        let g = try G(numerator: (h * h - P.one).scaled(by: 4), denominator: (h - P.one).scaled(by: 2))
        #expect(g.numerator == (h + P.one).scaled(by: 2))
        #expect(g.denominator == P.one)
        #expect(try G(numerator: .zero, denominator: h) == G(constant: .zero))
        #expect(throws: OracleError.divisionByZero) { try G(numerator: h, denominator: .zero) }
    }

    @Test func differenceQuotient_ofAQuotient_atZero_isTheDerivative() throws {
        // g(h) = 1/(1 + 2h): g′(0) = −2, g″(0) = 8.
        let g = try G(constant: .one) / G(P([1, 2]))
        let q1 = try g.differenceQuotient()
        #expect(try q1.valueAtZero() == -2)
        #expect(try q1.differenceQuotient().valueAtZero() * 2 == 8)
    }

    @Test func aPoleAtZero_hasNoValueThere() {
        let g = try? G(constant: .one) / G(h)
        #expect(throws: OracleError.divisionByZero) { try g?.valueAtZero() }
    }

    @Test func powers_matchRepeatedProducts() throws {
        let g = try G(P([1, 1])) / G(P([2, 0, 1]))
        #expect(try g.raised(to: 3) == (try g * g * g))
        #expect(try g.raised(to: -2) == (try G(constant: .one) / (g * g)))
        #expect(try g.raised(to: 0) == G(constant: .one))
        #expect(throws: OracleError.tooLarge) { try G(P([0, 1])).raised(to: 1000) }
    }
}

@Suite struct DifferenceQuotientOracleTests {
    let x = Symbol("x")
    let y = Symbol("y")

    @Test func directionalDerivative_ofAPolynomial() throws {
        let f = try Expr.parse("x^3 + 2*x*y")
        // ∇f = (3x² + 2y, 2x) at (2, 1): (14, 4); along (1, 3): 14 + 12.
        let d = try DifferenceQuotientOracle.directionalDerivative(of: f, at: [x: 2, y: 1], along: [x: 1, y: 3])
        #expect(d == Rational(26))
    }

    @Test func jet_givesValueSlopeAndCurvature() throws {
        let f = try Expr.parse("x^2/(1 + y)")
        // Along v = (1, 0) at (1, 1): g(h) = (1 + h)²/2: g(0) = 1/2, g′(0) = 1, g″(0) = 1.
        let jet = try DifferenceQuotientOracle.jet(of: f, at: [x: 1, y: 1], along: [x: 1])
        #expect(jet.value == Rational(1, 2) && jet.first == Rational(1) && jet.second == Rational(1))
    }

    @Test func removableSingularity_alongTheLine_cancels() throws {
        // (x² − y²)/(x − y) is x + y where x ≠ y; at (1, 2) along (1, 1) the line stays off x = y.
        let f = try Expr.parse("(x^2 - y^2)/(x - y)")
        #expect(try DifferenceQuotientOracle.directionalDerivative(of: f, at: [x: 1, y: 2], along: [x: 1, y: 1]) == Rational(2))
    }

    @Test func constantCalls_withRationalValues_areAllowed() throws {
        let f = try Expr.parse("x*cos(y - y) + abs(-3)*x")
        #expect(try DifferenceQuotientOracle.directionalDerivative(of: f, at: [x: 5], along: [x: 1]) == Rational(4))
    }

    @Test(arguments: ["sin(x)", "sqrt(x)", "x^y", "2^(1/2)*x"])
    func nonRationalFunctions_areReportedNotApplicable(text: String) throws {
        let f = try Expr.parse(text)
        #expect {
            try DifferenceQuotientOracle.directionalDerivative(of: f, at: [x: 2, y: 3], along: [x: 1, y: 1])
        } throws: { error in
            if case .notRationalFunction = error as? OracleError { return true }
            return false
        }
    }

    @Test func undefinedPoints_andMissingCoordinates_throw() throws {
        #expect(throws: OracleError.divisionByZero) {
            try DifferenceQuotientOracle.directionalDerivative(of: try Expr.parse("1/x"), at: [x: 0], along: [x: 1])
        }
        #expect(throws: OracleError.unboundSymbol(y)) {
            try DifferenceQuotientOracle.directionalDerivative(of: try Expr.parse("x*y"), at: [x: 0], along: [x: 1])
        }
    }
}
