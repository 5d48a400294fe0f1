import Exact
import Testing

@testable import Symbolic

/// Inputs the expression fuzzer (Fuzz/) found, each with the property it broke.
@Suite struct SymbolicFuzzRegressionTests {
    /// `0^103^100*x0*x`: 0 to a power too large for an Int stayed unevaluated (0^(103^100)),
    /// symbolic evaluation said 0 and the tape refused the huge exponent. 0^q (q > 0) and
    /// (−1)^n now fold whatever their size.
    @Test func zeroAndMinusOne_toHugePowers_fold() throws {
        #expect(try Expr.parse("0^103^100*x0*x") == .zero)
        #expect(try Expr.parse("(-1)^(10^30)") == .one)
        #expect(try Expr.parse("(-1)^(10^30 + 1)*x") == -Expr(Symbol("x")))
        let huge = Expr(Rational(try BigInt(10).power(40)))
        #expect(Expr.power(.zero, huge) == .zero)
        #expect(Expr.power(.minusOne, huge) == .one)
        #expect(Expr.power(.minusOne, huge + 1) == .minusOne)
    }

    /// `e1/00^1999803^100^9^1`: 1999803^(10^18) is too large to fold, and 0 to that power
    /// stayed a node, so the division by it was not caught (the printed form
    /// 0^(-1999803^1000000000000000000)*e1 then failed to parse). 0 to an exactly positive
    /// constant is 0 now, and the division is refused as written.
    @Test func zeroToAHugePositiveConstant_isZero_andDividingByItIsAnError() throws {
        let huge = Expr.power(Expr(1_999_803), Expr(Rational(try BigInt(10).power(18))))
        #expect(huge.rationalValue == nil)
        #expect(Expr.power(.zero, huge) == .zero)
        do {
            _ = try Expr.parse("e1/00^1999803^100^9^1")
            Issue.record("parsed")
        } catch {
            #expect(error.undefinedConstant?.reason == .divisionByZero)
        }
    }

    /// `…1e-3333^--esz` under the fuzzer's 2¹⁴-bit limit: (10⁻³³³³)^(−4/3) = 10⁴⁴⁴⁴ fits the
    /// limit, but the power was built as r^⌊q⌋ · root = 10⁶⁶⁶⁶ · 10⁻²²²², whose first factor
    /// does not, so it stayed an unevaluated power ("not rational") while the tape computed
    /// the root first. The root now comes first in both.
    @Test func rationalPower_takesTheRootFirst_soNoIntermediateExceedsTheLimit() throws {
        let r = Rational(1, try BigInt(10).power(3333))
        let expected = Rational(try BigInt(10).power(4444))
        let value = ExactLimits.$maximumBitWidth.withValue(1 << 14) {
            Expr.power(Expr(r), Expr(Rational(-4, 3))).rationalValue
        }
        #expect(value == expected)
        #expect(Expr.power(Expr(Rational(8, 27)), Expr(Rational(-5, 3))).rationalValue == Rational(243, 32))
        #expect(Expr.power(Expr(Rational(2)), Expr(Rational(3, 2))).rationalValue == nil)
    }
}
