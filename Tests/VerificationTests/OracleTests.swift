import Exact
import Symbolic
import Testing
@testable import Verification

@Suite struct OracleTests {
    let x = Symbol("x")
    let y = Symbol("y")

    @Test func differenceQuotient_ofAPolynomial_isItsDerivative() throws {
        let f = try Expr.parse("x^3 + 2*x*y")
        let d = try DifferenceQuotientOracle.directionalDerivative(of: f, at: [x: 2, y: 1], along: [x: 1, y: 0])
        #expect(d == 3 * 4 + 2)
    }
}
