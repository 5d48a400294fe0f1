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

@Suite struct ProductCanonicalFormTests {
    /// Fractional powers that combine to exponent 1 give back their base, which must then
    /// enter the product as any factor would (no power, product or non-primitive sum base).
    @Test(arguments: [
        "sqrt(y^2)*sqrt(y^2)*y", "sqrt(1 - x)*sqrt(1 - x)*y", "(2 - 2*x)^(1/3)*(2 - 2*x)^(2/3)*z",
        "(x*y)^(1/2)*(x*y)^(1/2)*z",
    ])
    func combinedPowers_buildCanonicalProducts(text: String) throws {
        let e = try Expr.parse(text)
        #expect(e.isCanonical, "\(e)")
        #expect(try Expr.parse(e.description) == e)
    }
}
