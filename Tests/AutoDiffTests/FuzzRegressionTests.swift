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

    /// `199e9999999`: a 12-character literal for a 10⁷-digit integer (3.3·10⁷ bits, under the
    /// default 2²⁶-bit limit) took the fuzzer past its timeout; with the limit lowered, as the
    /// fuzzer runs, the literal is refused at once, naming the limit.
    @Test func hugeLiteral_isRefusedUnderALowerLimit() {
        ExactLimits.$maximumBitWidth.withValue(1 << 14) {
            #expect(throws: ParseError.self) { try Expr.parse("199e9999999") }
        }
    }
}
