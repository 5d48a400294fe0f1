import Exact
import Testing

@testable import Symbolic

@Suite struct ExpandBinomialTests {
    @Test(arguments: ["(x + 1)^50", "(2*x - 3*y)^17", "(x^2/3 - y)^9", "(x - x^2)^12", "(sin(x) + 2)^6"])
    func binomialPowers_keepTheValue(text: String) throws {
        let e = try Expr.parse(text)
        let expanded = try e.expanded()
        for (x, y) in [(Rational(1, 2), Rational(-3)), (Rational(7, 5), Rational(2, 9)), (Rational(-4), Rational(0))] {
            let point: [Symbol: Rational] = [Symbol("x"): x, Symbol("y"): y]
            #expect(try expanded.evaluatedExactly(at: point).expanded() == e.evaluatedExactly(at: point).expanded(), "\(text)")
        }
    }

    @Test func hugeBinomialPowers_throwInsteadOfExhaustingMemory() {
        #expect(throws: ExpandError.self) { try Expr.parse("(x + 1)^1000000").expanded() }
        #expect(throws: ExpandError.self) { try Expr.parse("(12345678901*x + 3)^200000").expanded(termLimit: 10_000_000) }
    }
}
