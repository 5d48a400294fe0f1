import Exact
import Testing

@testable import Symbolic

@Suite struct DoubleParityTests {
    /// Integer exponents beyond 2⁵³ lose their parity in Double; the sign must come from the
    /// exact exponent.
    @Test func hugeOddExponents_keepTheSignOfANegativeBase() throws {
        let odd = try Expr.parse("x^(2^70 - 1)")
        let even = try Expr.parse("x^(2^70)")
        let point: [Symbol: Double] = [Symbol("x"): -1]
        #expect(try odd.evaluated(at: point) == -1)
        #expect(try even.evaluated(at: point) == 1)
        #expect(try Expr.parse("3*x^(2^70 - 1)*y").evaluated(at: [Symbol("x"): -1, Symbol("y"): 2]) == -6)
    }
}
