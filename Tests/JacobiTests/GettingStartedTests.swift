import Foundation
import Jacobi
import Testing

/// The code of `Sources/Jacobi/Jacobi.docc/GettingStarted.md`, compiled and run. Each test body
/// below is one of the article's code blocks, verbatim; `articleCode_isTestedHere` checks
/// that the article and this file have not drifted apart.
@Suite struct GettingStartedTests {
    @Test func article() throws {
        // BEGIN ARTICLE
        let f = try Function([Expr.parse("x*y"), Expr.parse("sin(x) + y^2")])
        let j = try f.jacobian()
        #expect(j.rowList.map { $0.map(\.description) } == [["y", "x"], ["cos(x)", "2*y"]])

        let g = try Function(Expr.parse("x^2*y + x/(1 + y^2)"))
        let a: [Rational] = [Rational(1, 2), 3]
        let reverse: [Rational] = try g.gradient(at: a, engine: .reverse)
        let symbolic: [Rational] = try g.gradient(at: a, engine: .symbolic)
        #expect(reverse == symbolic)
        #expect(reverse == [Rational(31, 10), Rational(11, 50)])

        let exact: Matrix<Expr> = try f.jacobian(at: [Expr(Rational(1, 2)), Expr(3)])
        #expect(exact[1, 0].description == "cos(1/2)")

        let df: LinearMap<Rational> = try g.differential(at: [2, 3])
        let v: [Rational] = [1, -1]
        let w: [Rational] = [5]
        #expect(try dot(w, df.apply(v)) == dot(df.applyTransposed(w), v))

        let q = try Function(Expr.parse("(x - 1/3)^2 + 2*(y + 5/7)^2"))
        let model = try q.taylor(at: [0, 0], order: 2)
        #expect(model.expression == (try Expr.parse("x^2 - 2*x/3 + 2*y^2 + 20*y/7 + 499/441")))

        let x0: [Rational] = [7, -2]
        let step = try q.hessian(at: x0).solve(q.gradient(at: x0))
        let x1 = zip(x0, step).map { $0 - $1 }
        #expect(x1 == [Rational(1, 3), Rational(-5, 7)])
        // END ARTICLE
    }

    @Test func articleCode_isTestedHere() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let article = try String(contentsOf: root.appendingPathComponent("Sources/Jacobi/Jacobi.docc/GettingStarted.md"), encoding: .utf8)
        let source = try String(contentsOf: here, encoding: .utf8)
        let begin = source.range(of: "// BEGIN " + "ARTICLE")
        let end = source.range(of: "// END " + "ARTICLE")
        guard let begin, let end else {
            Issue.record("markers missing")
            return
        }
        let tested = source[begin.upperBound..<end.lowerBound].split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var blocks: [String] = []
        var inBlock = false
        for line in article.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```swift") {
                inBlock = true
                continue
            }
            if line.hasPrefix("```") {
                inBlock = false
                continue
            }
            if inBlock && !line.trimmingCharacters(in: .whitespaces).isEmpty { blocks.append(line.trimmingCharacters(in: .whitespaces)) }
        }
        #expect(!blocks.isEmpty)
        #expect(blocks == tested, "the article's code and the tested code differ")
    }
}
