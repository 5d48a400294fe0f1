import Exact
import Symbolic
import TestSupport
import Testing

@Suite struct RoundTripTests {
    @Test func parseOfPrint_isIdentity_onRandomExpressions() throws {
        var g = SeededGenerator(seed: 20_261_127)
        let generator = ExpressionGenerator()
        for i in 0..<4000 {
            let e = generator.expression(using: &g)
            let text = e.description
            let back: Expr
            do { back = try Expr.parse(text) } catch {
                Issue.record("case \(i): \(text) does not parse: \(error)")
                continue
            }
            #expect(back == e, "case \(i): \(text) reads back as \(back)")
            #expect(back.description == text, "case \(i): printing is not stable for \(text)")
        }
    }

    @Test func printing_isCanonicalForm_independentOfInputOrder() throws {
        let a = try Expr.parse("cos(x) + y*x*2 + 1 - 1/(1 + x)")
        let b = try Expr.parse("-1/(x + 1) + 1 + 2*x*y + cos(x)")
        #expect(a == b)
        #expect(a.description == b.description)
    }

    /// 10⁵ distinct terms (a^1 … z^3847) and 10⁵ factors, text and printed form both within
    /// the default input limit (ParseLimits.maximumInputLength, 2²⁰ characters).
    @Test func hundredThousandTermSums_parseAndPrint() throws {
        let n = 100_000
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        let text = (0..<n).map { "\(letters[$0 % 26])^\($0 / 26 + 1)" }.joined(separator: " + ")
        #expect(text.count <= ParseLimits.maximumInputLength)
        let e = try Expr.parse(text)
        guard case .sum(_, let terms) = e.kind else {
            Issue.record("not a sum")
            return
        }
        #expect(terms.count == n)
        let printed = e.description
        #expect(try Expr.parse(printed) == e)
        let product = try Expr.parse((0..<n).map { "x\($0)" }.joined(separator: "*"))
        guard case .product(_, let factors) = product.kind else {
            Issue.record("not a product")
            return
        }
        #expect(factors.count == n)
        #expect(try Expr.parse(product.description) == product)
    }
}
