import Exact
import Symbolic
import Testing

@testable import Derivatives

/// Inputs the expression fuzzer (Fuzz/) found, on the symbolic engine's side.
@Suite struct DerivativesFuzzRegressionTests {
    /// `x0103^E10^103^E10x0^0*x` = x·x0103^(E10^103) at (E10, x, x0103) = (−5/2, 1/2, 1): the
    /// tape refused 1^((−5/2)^103) (AutoDiffTests' FuzzRegressionTests); the symbolic partials
    /// are ∂/∂E10 = 103·E10^102·x·x0103^(E10^103)·log(x0103) = 0 (log 1 = 0), ∂/∂x = 1 and
    /// ∂/∂x0103 = E10^103·x·x0103^(E10^103 − 1) = (−5/2)^103/2, the values the tape now gives.
    @Test func partialsOfOneToAPowerWithAHugeDenominator_areExact() throws {
        let (e, x, b) = (Symbol("E10"), Symbol("x"), Symbol("x0103"))
        let f = try Expr.parse("x0103^E10^103^E10x0^0*x")
        let at = [e: Rational(-5, 2), x: Rational(1, 2), b: Rational(1)]
        #expect(try f.evaluated(at: at) == Rational(1, 2))
        let expected = [Rational.zero, 1, try Rational(-5, 2).raised(to: 103) / 2]
        for (v, value) in zip([e, x, b], expected) {
            #expect(try f.rawDerivative(withRespectTo: v).evaluated(at: at) == value, "∂/∂\(v)")
        }
    }
}
