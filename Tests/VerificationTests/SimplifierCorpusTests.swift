import Foundation
import Symbolic
import Testing
import Verification

/// The simplifier corpus against SymPy (Tests/Fixtures/simplify_corpus.tsv, written by
/// make_simplify_corpus.py): every problem's printed answer, counted as SymPy's `count_ops`
/// counts the printed form (`Expr.operationCount`), compared with SymPy `simplify`'s count.
@Suite struct SimplifierCorpusTests {
    struct Row: Sendable {
        let problem: SimplifierProblem
        let sympy: Int
    }

    static let rows: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/simplify_corpus.tsv").standardized
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count == 6, let n = Int(cells[4]), let p = try? SimplifierProblem(line: String(line)) else { return nil }
            return Row(problem: p, sympy: n)
        }
    }()

    /// The fixture holds the generator's problems (SymPy drops only those it finds
    /// undefined), at least 400 of them, besides W7's partials.
    ///
    /// With `SIMPLIFIER_CORPUS_WRITE=path` set, writes the generated problems there instead
    /// (the lines `jacobi-bench SC` writes first, without building the benchmarks).
    @Test func fixture_isTheGeneratedCorpus() throws {
        if let path = ProcessInfo.processInfo.environment["SIMPLIFIER_CORPUS_WRITE"] {
            let text = SimplifierCorpus.generated().map { $0.line + "\t-\t" + $0.family + "\n" }.joined()
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let generated = SimplifierCorpus.generated().map(\.line)
        let fixture = Self.rows.filter { !["w7", "derivative-fixtures"].contains($0.problem.family) }.map(\.problem.line)
        #expect(fixture.count >= 400 && fixture.count <= generated.count, "\(fixture.count) of \(generated.count)")
        var rest = generated[...]
        for line in fixture {
            guard let i = rest.firstIndex(of: line) else {
                Issue.record("not generated (regenerate the fixture): \(line)")
                return
            }
            rest = rest[(i + 1)...]
        }
        #expect(Self.rows.contains { $0.problem.family == "w7" })
    }

    /// Σ ours ≤ 0.95 × Σ SymPy's, and no problem far above SymPy's size; prints the total
    /// ratio, per family, and the largest ratios.
    @Test func answers_areSmallerThanSympySimplify() throws {
        var ours = 0, theirs = 0
        var worst: [(ratio: Double, text: String)] = []
        var families: [String: (Int, Int)] = [:]
        for row in Self.rows {
            let answer = try row.problem.answer()
            let n = answer.operationCount
            ours += n
            theirs += row.sympy
            families[row.problem.family, default: (0, 0)].0 += n
            families[row.problem.family, default: (0, 0)].1 += row.sympy
            worst.append((Double(n) / Double(max(row.sympy, 1)), "[\(row.problem.family)] \(row.problem.line) → \(answer) (\(n) vs \(row.sympy))"))
        }
        worst.sort { $0.ratio > $1.ratio }
        let ratio = Double(ours) / Double(max(theirs, 1))
        print("simplifier corpus: \(Self.rows.count) problems, \(ours) vs SymPy \(theirs) ops, ratio \(ratio)")
        for (family, (a, b)) in families.sorted(by: { $0.key < $1.key }) { print("  \(family): \(a) vs \(b)") }
        for w in worst.prefix(10) { print("  \(w.ratio): \(w.text)") }
        if ProcessInfo.processInfo.environment["SIMPLIFIER_CORPUS_ALL"] != nil {
            for w in worst where w.ratio > 1 { print("  \(w.ratio): \(w.text)") }
        }
        #expect(Self.rows.count >= 400)
        #expect(ratio <= SimplifierCorpusTests.totalBound, "total ratio \(ratio)")
        for w in worst where w.ratio > SimplifierCorpusTests.problemBound { Issue.record("ratio \(w.ratio): \(w.text)") }
    }

    static let totalBound = 0.95
    static let problemBound = 1.5
}
