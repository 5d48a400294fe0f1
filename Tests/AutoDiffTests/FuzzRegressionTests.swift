import Exact
import Symbolic
import Testing

@testable import AutoDiff

/// Inputs the expression fuzzer (Fuzz/) found, each with the property it broke.
@Suite struct FuzzRegressionTests {
    /// `y^Doubley^z` at (Doubley, y, z) = (−1, 5/3, 1/3): the tape computed (−1)^(1/3) = −1 (a
    /// real odd root) and the value 3/5, while symbolic evaluation refuses a negative base to
    /// a non-integer power. Both refuse now.
    @Test func negativeBaseToAFractionalPower_isOutsideTheDomainInBothEngines() throws {
        let (t, y, z) = (Symbol("Doubley"), Symbol("y"), Symbol("z"))
        let f = try Expr.parse("y^Doubley^z")
        let tape = try Tape(compiling: [f], inputs: [t, y, z])
        let point = [Rational(-1), Rational(5, 3), Rational(1, 3)]
        #expect(throws: TapeError.self) { try tape.evaluate(at: point) }
        #expect(throws: EvaluationError.self) { try f.evaluated(at: [t: point[0], y: point[1], z: point[2]]) }
        #expect(throws: ScalarError.self) { try Rational.power(Rational(-8), exponent: Rational(1, 3)) }
        // Non-negative bases still give exact roots.
        #expect(try Rational.power(Rational(8, 27), exponent: Rational(2, 3)) == Rational(4, 9))
    }

    /// `x**E` at x = 1: symbolic evaluation gives 1^E = 1, while the tape over Rational stops
    /// at the constant E (not rational). The same tape over exact expressions gives 1, and at
    /// x = 2 it gives 2^E, the symbolic value.
    @Test func powerWithTheConstantE_agreesOverExactExpressions() throws {
        let x = Symbol("x")
        let f = try Expr.parse("x**E")
        let tape = try Tape(compiling: [f], inputs: [x])
        #expect(try f.evaluated(at: [x: Rational(1)]) == 1)
        #expect(throws: TapeError.self) { try tape.evaluate(at: [Rational(1)]) }
        #expect(try tape.evaluate(at: [Expr(Rational(1))]) == [Expr(Rational(1))])
        #expect(try tape.evaluate(at: [Expr(Rational(2))]) == [f.substituting([x: Expr(Rational(2))])])
    }

    /// `x^(13/22^-111/1)` at x = −1: the exponent 13·22¹¹¹ is an even integer beyond Int;
    /// symbolic evaluation gave 1, the tape called it "not rational". Now exact for 0, ±1,
    /// and a size-limit error otherwise.
    @Test func hugeIntegerPowers_ofZeroAndPlusMinusOne_areExactOnTheTape() throws {
        let f = try Expr.parse("x^(13/22^-111/1)")
        let tape = try Tape(compiling: [f], inputs: [Symbol("x")])
        #expect(try tape.evaluate(at: [Rational(-1)]) == [1])
        #expect(try f.evaluated(at: [Symbol("x"): Rational(-1)]) == 1)
        let huge = Rational(try BigInt(10).power(30)) + 1
        #expect(try Rational.power(Rational(-1), exponent: huge) == -1)
        #expect(try Rational.power(.zero, exponent: huge) == 0)
        #expect(throws: ScalarError.self) { try Rational.power(Rational(2), exponent: huge) }
    }

    /// `199e9999999`: a 12-character literal for a 10⁷-digit integer (3.3·10⁷ bits, under the
    /// default 2²⁶-bit limit) took the fuzzer past its timeout; with the limit lowered, as the
    /// fuzzer runs, the literal is refused at once, naming the limit.
    @Test func hugeLiteral_isRefusedUnderALowerLimit() {
        ExactLimits.$maximumBitWidth.withValue(1 << 14) {
            #expect(throws: ParseError.self) { try Expr.parse("199e9999999") }
        }
    }

    /// `x0103^E10^103^E10x0^0*x` = x·x0103^(E10^103) at (E10, x, x0103) = (−5/2, 1/2, 1): the
    /// exponent (−5/2)^103 has the denominator 2¹⁰³, beyond Int, and the tape called 1 to that
    /// power "not rational" while symbolic evaluation gave 1 (f = 1/2). Both give 1/2 now,
    /// and the sweeps give the partials computed by hand (the symbolic engine's are checked
    /// against the same numbers in DerivativesTests' DerivativesFuzzRegressionTests).
    @Test func oneToAPowerWithAHugeDenominator_isOneOnTheTape() throws {
        let (e, x, b) = (Symbol("E10"), Symbol("x"), Symbol("x0103"))
        let f = try Expr.parse("x0103^E10^103^E10x0^0*x")
        let point = [Rational(-5, 2), Rational(1, 2), Rational(1)]
        let at = [e: point[0], x: point[1], b: point[2]]
        let tape = try Tape(compiling: [f], inputs: [e, x, b])
        #expect(try tape.evaluate(at: point) == [Rational(1, 2)])
        #expect(try f.evaluated(at: at) == Rational(1, 2))
        // ∂/∂E10 = 103·E10^102·x·log(1)·1 = 0, ∂/∂x = 1, ∂/∂x0103 = E10^103·x·1 = (−5/2)^103/2.
        let expected = [Rational.zero, 1, try Rational(-5, 2).raised(to: 103) / 2]
        #expect(try tape.gradient(at: point) == expected)
        for i in 0..<3 {
            var direction = [Rational](repeating: .zero, count: 3)
            direction[i] = .one
            #expect(try tape.jvp(at: point, direction: direction).tangent == [expected[i]])
        }
        // Beyond the tape: 1 and 0 to any such power, a q-th root with q beyond Int otherwise none.
        let y = try Rational(-5, 2).raised(to: 103)
        #expect(try Rational.power(.one, exponent: y) == 1)
        #expect(try Rational.power(.zero, exponent: -y) == 0)
        #expect(throws: ScalarError.self) { try Rational.power(.zero, exponent: y) }
        #expect(throws: ScalarError.self) { try Rational.power(Rational(2), exponent: y) }
    }
}
