import Exact
import Foundation
import Symbolic
import Testing

/// The committed SymPy fixture (Tests/Fixtures/special_values.tsv, written by
/// make_special_values.py): sin, cos, tan at rational multiples of pi and the inverse
/// functions at the matching algebraic values must be SymPy's values, as canonical
/// expressions; a value SymPy calls complex infinity is an undefined constant for us.
@Suite struct SpecialValueTests {
    struct Row: Sendable, CustomStringConvertible {
        let input: String
        let expected: String
        var description: String { input }
    }

    static let rows: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/special_values.tsv").standardized
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let parts = line.split(separator: "\t").map(String.init)
            return parts.count == 2 ? Row(input: parts[0], expected: parts[1]) : nil
        }
    }()

    @Test func fixture_isPresent() {
        #expect(Self.rows.count >= 120)
    }

    @Test(arguments: rows)
    func specialValue_isSymPysValue(_ row: Row) throws {
        if row.expected == "undefined" {
            #expect(throws: ParseError.self, "\(row.input)") { _ = try Expr.parse(row.input) }
            return
        }
        let value = try Expr.parse(row.input)
        let expected = try Expr.parse(row.expected)
        #expect(value == expected, "\(row.input) = \(value), SymPy: \(row.expected)")
        #expect(try Expr.parse(value.description) == value, "prints parsably: \(value)")
    }

    @Test func constants_evaluateToTheirDoubles() throws {
        #expect(try Expr.pi.evaluated(at: [Symbol: Double]()) == Double.pi)
        #expect(try Expr.e.evaluated(at: [Symbol: Double]()) == M_E)
        #expect(try Expr.parse("pi").description == "pi")
        #expect(try Expr.parse("E").description == "E")
        #expect(try Expr.parse("acos(-1)") == Expr.pi)
        #expect(try Expr.parse("exp(1)") == Expr.e)
        // Over Rational: not rational, unless the value is.
        #expect(throws: EvaluationError.self) { _ = try Expr.pi.evaluated(at: [Symbol: Rational]()) }
        let x = Symbol("x")
        let f = try Expr.parse("sin(pi*x)")
        #expect(try f.evaluated(at: [x: 1]) == 0)
        #expect(try f.evaluated(at: [x: Rational(-7, 6)]) == Rational(1, 2))
        #expect(throws: EvaluationError.self) { _ = try f.evaluated(at: [x: Rational(1, 5)]) }
    }

    @Test func variableNamesPiAndE_areRefusedWithAHint() {
        #expect(Symbol(validating: "pi") == nil && Symbol(validating: "E") == nil)
        #expect(Symbol(validating: "e") != nil)
        #expect(NamedConstant(identifier: "pi")?.variableNameHint.contains("not a variable") == true)
    }
}
