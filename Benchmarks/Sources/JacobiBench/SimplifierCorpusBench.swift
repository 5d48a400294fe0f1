// SC: the simplifier corpus against SymPy (Docs/Simplification.md, "Against SymPy").
// Reads Tests/Fixtures/simplify_corpus.tsv (problems with SymPy simplify's count_ops, made
// by Tests/Fixtures/make_simplify_corpus.py), computes each problem's printed answer here
// and reports Σ ours / Σ SymPy's, the problems over 1.5×, the largest ratios, and the
// median time per problem (computing and simplifying the object).
//
// `SC_WRITE_PROBLEMS=path jacobi-bench SC` writes the problem list instead (the generated
// problems, then W7's partials and the derivative fixtures), which the Python script reads.
import Foundation
import Jacobi

enum SimplifierCorpusBench {
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Tests/Fixtures").standardized
    }

    static func lines(_ name: String) -> [String] {
        let text = (try? String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Every problem: the generated ones, W7's first partials, the derivative fixtures' partials.
    static func problems() -> [SimplifierProblem] {
        var out = SimplifierCorpus.generated()
        for line in lines("corpus_w7.txt") {
            guard let f = try? Expr.parse(line) else { continue }
            let vars = f.freeSymbols.map(\.name).sorted()
            for v in vars {
                out.append(SimplifierProblem(kind: .diff, functions: [line.trimmingCharacters(in: .whitespaces)], variables: vars, parameter: v, family: "w7"))
            }
        }
        for line in lines("derivative_fixtures.tsv") {
            let cells = line.split(separator: "\t").map(String.init)
            guard cells.count >= 2, let f = try? Expr.parse(cells[0]) else { continue }
            let vars = f.freeSymbols.map(\.name).sorted()
            out.append(SimplifierProblem(kind: .diff, functions: [cells[0]], variables: vars.isEmpty ? [cells[1]] : vars,
                                         parameter: cells[1], family: "derivative-fixtures"))
        }
        return out
    }

    static func run(sizes _: [Int]?) {
        if let path = ProcessInfo.processInfo.environment["SC_WRITE_PROBLEMS"] {
            let text = problems().map { $0.line + "\t-\t" + $0.family }.joined(separator: "\n") + "\n"
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        var ours = 0, theirs = 0
        var ratios: [(Double, String)] = []
        var times: [Double] = []
        var byFamily: [String: (Int, Int)] = [:]
        for line in lines("simplify_corpus.tsv") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count >= 6, let sympy = Int(cells[4]), let p = try? SimplifierProblem(line: line) else { continue }
            var answer = Expr.zero
            let t0 = Clock.wall()
            guard let a = try? p.answer() else { continue }
            times.append(Clock.wall() - t0)
            answer = a
            let n = answer.operationCount
            ours += n
            theirs += sympy
            byFamily[p.family, default: (0, 0)].0 += n
            byFamily[p.family, default: (0, 0)].1 += sympy
            ratios.append((Double(n) / Double(max(sympy, 1)), p.line.replacingOccurrences(of: "\t", with: " | ") + " => " + answer.description))
        }
        ratios.sort { $0.0 > $1.0 }
        emit(workload: "SC", system: "jacobi", n: ratios.count, medianSeconds: median(times),
             extra: [("total_count_ops", ours), ("sympy_total_count_ops", theirs),
                     ("ratio", Double(ours) / Double(max(theirs, 1))),
                     ("over_1_5", ratios.filter { $0.0 > 1.5 }.count),
                     ("families", byFamily.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.0)/\($0.value.1)" }.joined(separator: ", ")),
                     ("largest", ratios.prefix(15).map { String(format: "%.2f ", $0.0) + $0.1 }.joined(separator: " ;; "))])
    }
}
