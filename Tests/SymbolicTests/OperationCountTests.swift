import Foundation
import Symbolic
import Testing

/// `operationCount` must be SymPy's `count_ops` of the printed expression: the committed
/// fixture (Tests/Fixtures/count_ops_fixtures.tsv) holds SymPy's counts of every fixture
/// function, every SymPy derivative of them and every W7 result of SymPy's simplify.
/// Off by one at most, and exact on at least 98% of the expressions.
@Suite struct OperationCountTests {
    static let rows: [(String, Int)] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/count_ops_fixtures.tsv").standardized
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t")
            guard !line.hasPrefix("#"), parts.count == 2, let n = Int(parts[1]) else { return nil }
            return (String(parts[0]), n)
        }
    }()

    /// The characters of the text, sorted: equal for texts that differ only in the order of
    /// summands and factors.
    static func normalized(_ text: String) -> String { String(text.filter { $0 != " " }.sorted()) }

    @Test func operationCount_isSymPysCountOps() throws {
        #expect(Self.rows.count > 300)
        var mismatches: [String] = []
        var compared = 0
        for (text, expected) in Self.rows {
            let e = try Expr.parse(text)
            // SymPy counted the fixture's text: compare where Jacobi prints that very text
            // (up to the order of terms and factors, which count_ops does not see).
            guard Self.normalized(e.description) == Self.normalized(text) else { continue }
            compared += 1
            #expect(abs(e.operationCount - expected) <= 1, "\(text): \(e.operationCount) vs SymPy \(expected)")
            if e.operationCount != expected { mismatches.append("\(text): \(e.operationCount) vs SymPy \(expected) (printed \(e))") }
        }
        #expect(compared > 150)
        // SymPy's parse of a negative summand depends on its position in the printed sum
        // ("a - 4*(x + y)/d" vs "-4*(x + y)/d + a"), which a count of the Expr cannot see.
        #expect(mismatches.count * 50 <= compared, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    /// Denominators SymPy reads from negative exponents: x^(-y) and exp(-2*x) in a product
    /// go under the fraction bar (counts checked with SymPy 1.14).
    @Test func negativeSymbolicExponents_countAsDenominators() throws {
        for (text, expected) in [("z*x^(-y)", 2), ("y*exp(-2*x)", 3), ("3*x^(-2*y)*exp(-x)*z", 6)] {
            let e = try Expr.parse(text)
            #expect(e.operationCount == expected, "\(text) printed \(e): \(e.operationCount)")
        }
    }
}
