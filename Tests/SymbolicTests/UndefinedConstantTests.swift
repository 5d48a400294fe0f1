import Exact
import TestSupport
import Testing

@testable import Symbolic

/// Constant subexpressions without a real value are errors naming them (DESIGN, "Expression
/// syntax"), both when parsed and when an `Expr` built by code is checked.
@Suite struct UndefinedConstantTests {
    /// (input, message, one-based column of the subexpression).
    static let undefined: [(String, String, Int)] = [
        ("1/0", "division by zero in 1/0", 1),
        ("0/0", "division by zero in 0/0", 1),
        ("x*0/0 + y", "division by zero in x*0/0", 1),
        ("(x-x)/(y-y)", "division by zero in (x-x)/(y-y)", 1),
        ("y + 2/(x - x)", "division by zero in 2/(x - x)", 5),
        ("sin(1/0)", "division by zero in 1/0", 5),
        ("0^(-1)", "division by zero in 0^(-1)", 1),
        ("2 + 0^-3", "division by zero in 0^-3", 5),
        ("(x-x)^(-2)", "division by zero in (x-x)^(-2)", 1),
        ("0^(-sqrt(2))", "division by zero in 0^(-sqrt(2))", 1),
        ("0^0", "0^0 is undefined", 1),
        ("(y-y)^(x-x)", "(y-y)^(x-x) is undefined", 1),
        ("log(0)", "log(0) is undefined", 1),
        ("x + log(x - x)*y", "log(x - x) is undefined", 5),
        ("log(-1)", "log(-1) is not real", 1),
        ("log(-sqrt(2))", "log(-sqrt(2)) is not real", 1),
        ("sqrt(-1)", "sqrt(-1) is not real", 1),
        ("sqrt(-2/3)", "sqrt(-2/3) is not real", 1),
        ("(-8)^(1/3)", "(-8)^(1/3) is not real", 1),
        ("asin(2)", "asin(2) is outside [-1, 1]", 1),
        ("acos(-3/2)", "acos(-3/2) is outside [-1, 1]", 1),
        ("asin(x/x + 1)", "asin(x/x + 1) is outside [-1, 1]", 1),
    ]

    @Test func undefinedConstants_areParseErrorsNamingThem() {
        withEvery(Self.undefined) { text, message, column in
            let error = ErrorWindowTests.error(text)
            #expect(error?.message == message, "\(text)")
            #expect(error?.column == column, "\(text)")
            #expect(error?.undefinedConstant != nil, "\(text)")
        }
    }

    /// Cancellation with variables stays conventional, and defined constants fold.
    @Test func definedForms_stillParse() throws {
        let table: [(String, String)] = [
            ("x/x", "1"), ("x^0", "1"), ("0^x", "0^x"), ("0^2", "0"), ("0*log(x)", "0"), ("log(1)", "0"),
            ("asin(1)", "pi/2"), ("acos(-1)", "pi"), ("sqrt(0)", "0"), ("(-8)^2", "64"),
            ("(-8)^(3/1)", "-512"), ("log(x - 1)", "log(x - 1)"), ("exp(log(x))", "x"), ("x^2/x", "x"),
        ]
        for (text, printed) in table {
            #expect(try Expr.parse(text).description == printed, "\(text)")
        }
    }

    /// An `Expr` built by code keeps what construction cannot fold (0^(-1), log(0));
    /// `checkDefined()` finds it, however deep.
    @Test func checkDefined_findsUndefinedNodesBuiltByCode() throws {
        let x = Expr(Symbol("x"))
        let cases: [(Expr, String)] = [
            (Expr(1) / Expr(0), "division by zero in 0^(-1)"),
            (x * (Expr(1) / Expr(0)), "division by zero in 0^(-1)"),
            (Expr.call(.log, .zero) + x, "log(0) is undefined"),
            (Expr.call(.log, Expr(-2)), "log(-2) is not real"),
            (Expr.sqrt(Expr(-1)), "sqrt(-1) is not real"),
            (Expr.power(Expr(-8), Expr(Rational(1, 3))), "(-8)^(1/3) is not real"),
            (Expr.call(.asin, Expr(2)) * x, "asin(2) is outside [-1, 1]"),
        ]
        for (e, message) in cases {
            #expect(throws: UndefinedConstant.self) { try e.checkDefined() }
            #expect(e.undefinedConstant?.description == message)
        }
        #expect(try (x / x).checkDefined() == .one)
        var deep = Expr.call(.log, .zero)
        for _ in 0..<100_000 { deep = Expr.call(.sin, deep + x) }
        let found = deep
        #expect(try onSmallStack { found.undefinedConstant?.reason } == .logarithmOfZero)
    }
}

/// Error lines quote at most about 60 characters around the problem, caret aligned.
@Suite struct ErrorWindowTests {
    static func error(_ text: String) -> ParseError? {
        do {
            _ = try Expr.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func longInput_quotesAWindowWithTheCaretUnderTheProblem() throws {
        let prefix = String(repeating: "x + ", count: 30_000)
        for (text, problem) in [(prefix + "x^^2" + prefix + "y", "^"), (prefix + "1/0 + y", "1/0"), (prefix + "(x", "")] {
            let e = try #require(Self.error(text))
            let lines = e.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.count == 3)
            #expect(lines.allSatisfy { $0.count <= 200 }, "\(lines.map(\.count))")
            #expect(lines[1].unicodeScalars.count <= ErrorText.quotationWidth + 2)
            #expect(lines[1].hasPrefix("…"))
            // The caret sits under the offending text of the window.
            let caretColumn = lines[2].prefix { $0 == " " }.count
            let shown = Array(lines[1].unicodeScalars)
            let quoted = String(String.UnicodeScalarView(shown[caretColumn...]))
            #expect(problem.isEmpty ? caretColumn == shown.count : quoted.hasPrefix(problem), "\(lines)")
        }
    }

    @Test func hugeNamesAndNumbers_areClippedInMessages() {
        let name = String(repeating: "f", count: 100_000)
        let number = "1." + String(repeating: "5", count: 100_000) + "e"
        for text in [name + "(x)", "x + " + name + " y", "2*" + number + "q"] {
            let e = Self.error(text)
            #expect(e != nil)
            #expect(e.map { $0.description.split(separator: "\n").allSatisfy { $0.count <= 200 } } == true, "\(e?.message.count ?? -1)")
        }
    }

    @Test func shortInput_isQuotedWhole() throws {
        let e = try #require(Self.error("x^^2"))
        #expect(e.excerpt == "x^^2")
        #expect(e.caretLine == "  ^")
    }
}
