import Derivatives
import Exact
import Symbolic
import Testing
import Verification

/// Regression tests for the crashes the random cross-checks found in other modules (both
/// fixed since: the product builder, and the simplifier's kernels). Each is the minimal
/// reproduction. The random suites still avoid the two shapes (see RandomCrossCheckTests).
@Suite struct KnownUpstreamCrashTests {
    /// Symbolic's ProductBuilder: (y²)^(1/2)·(y²)^(1/2) combines to the base y² with exponent
    /// 1 and keeps it as a factor beside y, a non-canonical product (debug assertion, Expr.swift).
    @Test
    func fractionalPowersOfAPower_multiplyCanonically() throws {
        let product = try Expr.parse("y*sqrt(y^2)") * Expr.parse("sqrt(y^2)")
        #expect(product == (try Expr.parse("y^3")))
        #expect(try CrossCheck().check([try Expr.parse("tan((y^2)^(3/2))")], variables: [Symbol("y")]).passed)
    }

    /// The simplifier meets the kernel 0^(−3/2) in the derivative of 0^(2y − 3/2), which is
    /// 2·0^(2y − 3/2)·log(0), and stops with "unregistered kernel" (Kernels.swift).
    @Test
    func zeroToASymbolicPower_differentiates() throws {
        let f = try Expr.parse("0^(2*y - 3/2)")
        _ = f.derivative(withRespectTo: Symbol("y"))
        let report = try CrossCheck().check([f], variables: [Symbol("y")])
        #expect(report.checkedPoints == 0, "0 to any power is undefined or 0 with an undefined derivative")
    }
}
