import Exact
import Symbolic
import TestSupport
import Testing

@Suite struct ParseErrorTests {
    /// (input, message prefix, one-based column)
    static let badInputs: [(String, String, Int)] = [
        ("x^^2", "expected an expression, found '^'", 3),
        ("foo(x)", "unknown function 'foo'", 1),
        ("2*bar(x, y)", "unknown function 'bar'", 3),
        ("sin(x, y)", "sin takes 1 argument, got 2", 1),
        ("cos()", "cos takes 1 argument, got 0", 1),
        ("sin", "'sin' is a function", 1),
        ("x + sqrt", "'sqrt' is a function", 5),
        ("(x", "expected ')' to close the '(' at column 1", 3),
        ("sin(x", "expected ')' to close the call of sin", 6),
        ("x)", "unmatched ')'", 2),
        ("2x", "missing operator before 'x'", 2),
        ("x y", "missing operator before 'y'", 3),
        ("", "empty expression", 1),
        ("   ", "empty expression", 4),
        ("x +", "unexpected end of input", 4),
        ("x $ y", "unexpected character '$'", 3),
        ("1//2", "expected an expression, found '/'", 3),
        ("*x", "expected an expression, found '*'", 1),
        ("x ** * 2", "expected an expression, found '*'", 6),
        ("(,)", "expected an expression, found ','", 2),
        ("1.2.3", "missing operator before number 3/10", 4),
        ("x, y", "unexpected ','", 2),
        ("é", "unexpected character 'é'", 1),
    ]

    @Test func badInputs_giveMessageAndColumn() {
        for (input, message, column) in Self.badInputs {
            do {
                let e = try Expr.parse(input)
                Issue.record("\(input) parsed as \(e)")
            } catch {
                #expect(error.message.hasPrefix(message), "\(input): \(error.message)")
                #expect(error.column == column, "\(input): column \(error.column)")
                let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.count == 3)
                #expect(lines.last?.hasSuffix("^") == true)
                #expect(lines.last?.prefix(while: { $0 == " " }).count == column - 1)
            }
        }
    }

    @Test func errorDescription_putsCaretUnderTheColumn() {
        #expect(throws: ParseError.self) { try Expr.parse("x^^2") }
        do {
            _ = try Expr.parse("x^^2")
        } catch {
            #expect(error.description == "expected an expression, found '^' at column 3\nx^^2\n  ^")
        }
    }

    static func depthError(_ text: String, maximumDepth: Int = Expr.defaultMaximumParseDepth) -> ParseError? {
        do {
            _ = try Expr.parse(text, maximumDepth: maximumDepth)
            return nil
        } catch {
            return error
        }
    }

    /// Nesting is bounded by the input's length, not by the stack: 10⁶ parentheses are over
    /// `ParseLimits.maximumInputLength` and get that error, naming the limit.
    @Test func millionParentheses_areAnInputLengthError() {
        let n = 1_000_000
        let text = String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n)
        let error = Self.depthError(text)
        #expect(error?.message.hasPrefix("input too long: 2000001 characters") == true)
        #expect(error?.message.contains("ParseLimits.maximumInputLength") == true)
        #expect(error.map { $0.description.split(separator: "\n").allSatisfy { $0.count <= 200 } } == true)
    }

    /// 10⁵-deep parentheses, power chains, calls and mixed nests parse on a 512 KiB stack.
    @Test func deepNests_parseOnASmallStack() throws {
        let n = 100_000
        let heights = try onSmallStack { () throws -> [Int] in
            let parens = String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n)
            #expect(try Expr.parse(parens) == Expr(Symbol("x")))
            let chain = Array(repeating: "x", count: n).joined(separator: "^")
            let calls = String(repeating: "sin(", count: n) + "x" + String(repeating: ")", count: n)
            let mixed = String(repeating: "-x^(", count: n / 2) + "x" + String(repeating: ")", count: n / 2)
            return try [chain, calls, mixed].map { try Expr.parse($0).height }
        }
        // x^(x^(…)): n − 1 powers; sin nests n calls; each "-x^(" is one product −1·x^(…).
        #expect(heights == [n - 1, n, n / 2])
    }

    /// Folded powers of numbers share one size budget per parse, so a short input cannot
    /// combine them into a number past the limit (here lowered to 2¹² bits to stay quick:
    /// 3¹⁰⁰⁰, 5¹⁰⁰⁰, 7¹⁰⁰⁰ have 1585, 2322 and 2808 bits).
    @Test func foldedNumbers_shareOneSizeBudget() throws {
        try ExactLimits.$maximumBitWidth.withValue(1 << 12) { () throws in
            let within = try Expr.parse("x*3^1000*5^1000")
            #expect(within == Expr(Symbol("x")) * Expr(try Rational(15).power(1000)))
            for text in ["x*3^1000*5^1000*7^1000", "1/3^1000 + 1/5^1000 + 1/7^1000", "(2*x)^1000*(3*y)^1000*(5*z)^1000"] {
                let error = Self.depthError(text)
                #expect(error?.message.hasPrefix("numbers too large") == true, "\(text): \(String(describing: error))")
            }
            // A literal counts too; unevaluated powers (too large to fold) cost nothing.
            let literal = "1" + String(repeating: "0", count: 1300)  // 10¹³⁰⁰: 4319 bits
            #expect(Self.depthError(literal)?.column == 1)
            #expect(try Expr.parse("3^(10^12)*5^(10^12)").description == "3^1000000000000*5^1000000000000")
        }
    }

    @Test func longRunsOfUnaryMinus_parseWithoutRecursion() throws {
        let even = String(repeating: "-", count: 100_000) + "x"
        #expect(try Expr.parse(even) == Expr(Symbol("x")))
        let odd = String(repeating: "-", count: 99_999) + "x"
        #expect(try Expr.parse(odd) == -Expr(Symbol("x")))
        let exponents = "2^" + String(repeating: "-", count: 100_001) + "1"
        #expect(try Expr.parse(exponents) == Expr(Rational(1, 2)))
    }

    @Test func nestingWithinTheBound_parses() throws {
        let depth = 1000
        let parens = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
        #expect(try Expr.parse(parens, maximumDepth: depth) == Expr(Symbol("x")))
        let calls = String(repeating: "sin(", count: depth) + "x" + String(repeating: ")", count: depth)
        #expect(try Expr.parse(calls, maximumDepth: depth).height == depth)
        let error = Self.depthError("(" + parens + ")", maximumDepth: depth)
        #expect(error?.message == "expression nested too deeply (more than 1000 levels)")
        #expect(error?.column == depth + 1)
        #expect(try Expr.parse("((x))", maximumDepth: 2) == Expr(Symbol("x")))
    }

    @Test func syntax_followsThePrecedenceRules() throws {
        let x = Expr(Symbol("x"))
        let y = Expr(Symbol("y"))
        let z = Expr(Symbol("z"))
        #expect(try Expr.parse("-x^2") == -(Expr.power(x, Expr(2))))
        #expect(try Expr.parse("2^-1") == Expr(Rational(1, 2)))
        #expect(try Expr.parse("x^y^z") == Expr.power(x, Expr.power(y, z)))
        #expect(try Expr.parse("x**y**z") == Expr.power(x, Expr.power(y, z)))
        #expect(try Expr.parse("x/y/z") == x / (y * z))
        #expect(try Expr.parse("x - y - z") == x - y - z)
        #expect(try Expr.parse("x*-y") == -(x * y))
        #expect(try Expr.parse("0.25") == Expr(Rational(1, 4)))
        #expect(try Expr.parse("1e-3") == Expr(Rational(1, 1000)))
        #expect(try Expr.parse("2.5E2") == Expr(250))
        #expect(try Expr.parse("sqrt(x)") == Expr.power(x, Expr(Rational(1, 2))))
        #expect(try Expr.parse("x_1 + _y2") == Expr(Symbol("x_1")) + Expr(Symbol("_y2")))
        #expect(try Expr.parse(" x\t+\n1 ") == x + 1)
    }
}
