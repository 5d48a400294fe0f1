import Exact
import Symbolic
import TestSupport
import Testing

@Suite struct ExpandTests {
    func expand(_ s: String, termLimit: Int = Expr.defaultExpandTermLimit) throws -> String {
        try Expr.parse(s).expanded(termLimit: termLimit).description
    }

    static let facts: [(String, String)] = [
        ("(x + 1)^2", "x^2 + 2*x + 1"),
        ("(x + 1)^2*(x - 1)", "x^3 + x^2 - x - 1"),
        ("(x + y)*(x - y)", "x^2 - y^2"),
        ("(a + b + c)^2", "a^2 + 2*a*b + 2*a*c + b^2 + 2*b*c + c^2"),
        ("2*(x + 1)*y", "2*x*y + 2*y"),
        ("(x + sin(x))^2", "x^2 + 2*x*sin(x) + sin(x)^2"),
        ("sin((x + 1)^2)", "sin(x^2 + 2*x + 1)"),
        ("1/(x + 1)^2", "1/(x + 1)^2"),
        ("1/(x*(x + 1))", "1/(x*(x + 1))"),
        ("(x + 1)/(x + 2)", "1/(x + 2) + x/(x + 2)"),
        ("(1/(y - 5) + 1)^2", "2/(y - 5) + 1/(y - 5)^2 + 1"),
        ("x*(1/x + 1)", "x + 1"),
        ("(sqrt(x) + 1)^2", "x + 2*sqrt(x) + 1"),
        ("(sqrt(2) + 1)^2", "2*sqrt(2) + 3"),
        ("(x/2 + 1/3)^2", "x^2/4 + x/3 + 1/9"),
        ("(x + 1)^(1/2)", "sqrt(x + 1)"),
        ("((x + 1)^2)^(1/2)", "sqrt(x^2 + 2*x + 1)"),
        ("1/((x + 1)^2)^(1/2)", "1/sqrt(x^2 + 2*x + 1)"),
        ("exp(x*(y + 1))", "exp(x*y + x)"),
        ("x + y", "x + y"),
        ("3", "3"),
        ("(x - x^2)^0", "1"),
    ]

    @Test func expand_multipliesOut() throws {
        for (input, expected) in Self.facts {
            let got = try expand(input)
            #expect(got == expected, "\(input)")
        }
    }

    @Test func expand_keepsTheValue_atRandomRationalPoints() throws {
        var g = SeededGenerator(seed: 5)
        let generator = ExpressionGenerator(maximumDepth: 4, includesFunctions: false)
        var compared = 0
        for _ in 0..<1500 {
            let e = generator.expression(using: &g)
            let expanded: Expr
            do { expanded = try e.expanded(termLimit: 20_000) } catch { continue }
            #expect(try expanded.expanded(termLimit: 20_000) == expanded, "not idempotent: \(e)")
            for _ in 0..<3 {
                let point: [Symbol: Rational] = [
                    Symbol("x"): Rational(Int.random(in: -7...7, using: &g), Int.random(in: 1...5, using: &g)),
                    Symbol("y"): Rational(Int.random(in: -7...7, using: &g), Int.random(in: 1...5, using: &g)),
                    Symbol("z"): Rational(Int.random(in: -7...7, using: &g), Int.random(in: 1...5, using: &g)),
                ]
                guard let v = try? e.evaluated(at: point) else { continue }
                #expect(try expanded.evaluated(at: point) == v, "\(e) → \(expanded)")
                compared += 1
            }
        }
        #expect(compared > 1000)
    }

    @Test func expand_W8_hasTheKnownTermCount() throws {
        let e = try Expr.parse("(x + y + z + w)^15*((x + y + z + w)^15 + w)")
        let r = try e.expanded()
        guard case .sum(_, let terms) = r.kind else {
            Issue.record("not a sum")
            return
        }
        #expect(terms.count == 6272)
        let point: [Symbol: Rational] = [Symbol("x"): 1, Symbol("y"): Rational(1, 2), Symbol("z"): -2, Symbol("w"): 3]
        #expect(try r.evaluated(at: point) == e.evaluated(at: point))
    }

    @Test func expand_throwsBeforeExceedingTheTermLimit() throws {
        #expect(throws: ExpandError.self) { try Expr.parse("(x + y)^2000").expanded(termLimit: 1000) }
        #expect(throws: ExpandError.self) { try Expr.parse("(x + y + z)^100000000").expanded() }
        #expect(throws: ExpandError.self) { try Expr.parse("(a + b + c + d + e)^10 * (f + g + h)^10").expanded(termLimit: 10_000) }
        #expect(try Expr.parse("(x + y)^999").expanded(termLimit: 1000) != Expr.zero)
        let message = ExpandError(termLimit: 5, subexpression: try Expr.parse("(x + y)^9")).description
        #expect(message == "expanding (x + y)^9 needs more than 5 terms")
    }

    /// The error says which bound ran out: terms, multiplications, coefficient size or degree.
    @Test func expandError_namesTheBoundThatRanOut() throws {
        func reason(_ text: String, termLimit: Int = Expr.defaultExpandTermLimit) throws -> ExpandError.Reason? {
            do {
                _ = try Expr.parse(text).expanded(termLimit: termLimit)
                return nil
            } catch let error as ExpandError { return error.reason }
        }
        #expect(try reason("(x + y)^2000", termLimit: 1000) == .terms)
        // 9870 terms, but ~k³/2 = 1.3·10⁶ products against a budget of 100·termLimit.
        #expect(try reason("(x + y + 1)^139", termLimit: 10_000) == .work(limit: 1_000_000))
        #expect(try reason("(x + 1)^999999") == .coefficientSize(limitBits: ExactLimits.maximumBitWidth))
        #expect(try reason("(x + y + z)^100000000000") == .terms)  // n + 1 terms at least
        #expect(try reason("(a + b + c + d + e)^10 * (f + g + h)^10", termLimit: 10_000) == .terms)
        let work = ExpandError(termLimit: 10, subexpression: try Expr.parse("(x + y + z)^9"), reason: .work(limit: 1000))
        #expect(work.description == "expanding (x + y + z)^9 needs more than 1000 coefficient multiplications")
    }

    @Test func expand_handlesManyGenerators() throws {
        let n = 40
        let sum = (0..<n).map { "x\($0)" }.joined(separator: " + ")
        let e = try Expr.parse("(\(sum))^2")
        let r = try e.expanded()
        guard case .sum(_, let terms) = r.kind else {
            Issue.record("not a sum")
            return
        }
        #expect(terms.count == n * (n + 1) / 2)
        #expect(try Expr.parse("x^1000000000000*(x + 1)").expanded().description == "x^1000000000001 + x^1000000000000")
    }
}
