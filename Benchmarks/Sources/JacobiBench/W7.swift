// W7: all first partials of the functions in Benchmarks/peers/corpus_w7.txt, simplified
// (as in Benchmarks/peers/w7_simplify.py): median time per partial (derivative plus
// simplification, the library's default `derivative(withRespectTo:)`), and every partial's
// printed result, written to `w7_detail_jacobi-simplify.json` beside the peers' details
// ($PEERS_RESULTS, else the current folder). `Benchmarks/w7_count_ops.py` computes SymPy's
// count_ops of those strings, so the size comparison uses the peers' very measure
// (extra.total_count_ops here is Σ Expr.operationCount, Jacobi's mirror of count_ops,
// within a few operations of SymPy's own count).
import Foundation
import Jacobi

enum W7 {
    static var corpusPath: String {
        if let p = ProcessInfo.processInfo.environment["W7_CORPUS"] { return p }
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().appendingPathComponent("../../peers/corpus_w7.txt").standardized.path
    }

    static func corpus() throws -> [String] {
        let text = try String(contentsOfFile: corpusPath, encoding: .utf8)
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Seconds per call of `body`: an inner loop calibrated to ≥ 10 ms, median of 5 samples
    /// (wall, CPU).
    static func timePerCall(_ body: () -> Void) -> (wall: Double, cpu: Double) {
        let t0 = Clock.wall()
        body()
        let first = max(Clock.wall() - t0, 1e-7)
        let inner = max(1, Int(0.01 / first))
        var walls: [Double] = []
        var cpus: [Double] = []
        for _ in 0..<5 {
            let c = Clock.cpu()
            let w = Clock.wall()
            for _ in 0..<inner { body() }
            walls.append((Clock.wall() - w) / Double(inner))
            cpus.append((Clock.cpu() - c) / Double(inner))
        }
        return (median(walls), median(cpus))
    }

    static func run(sizes _: [Int]?) {
        guard let lines = try? corpus() else {
            FileHandle.standardError.write(Data("W7: cannot read the corpus at \(corpusPath) (set W7_CORPUS)\n".utf8))
            return
        }
        var rows: [[String: Any]] = []
        for line in lines {
            guard let f = try? Expr.parse(line) else { continue }
            for v in f.freeSymbols {
                var result = Expr.zero
                let t = timePerCall { result = f.derivative(withRespectTo: v) }
                rows.append(["f": line, "var": v.name, "time_s": t.wall, "cpu_s": t.cpu,
                             "result": result.description, "count_ops": result.operationCount])
            }
        }
        let dir = ProcessInfo.processInfo.environment["PEERS_RESULTS"] ?? FileManager.default.currentDirectoryPath
        let path = URL(fileURLWithPath: dir).appendingPathComponent("w7_detail_jacobi-simplify.json").path
        if let data = try? JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys]) {
            _ = FileManager.default.createFile(atPath: path, contents: data)
        }
        let times = rows.map { $0["time_s"] as! Double }
        let cpus = rows.map { $0["cpu_s"] as! Double }
        emit(workload: "W7", system: "jacobi-simplify", n: rows.count, medianSeconds: median(times),
             extra: [("median_cpu_s", median(cpus)), ("total_time_s", times.reduce(0, +)),
                     ("total_count_ops", rows.reduce(0) { $0 + ($1["count_ops"] as! Int) }),
                     ("functions", lines.count), ("detail", path)])
    }
}
