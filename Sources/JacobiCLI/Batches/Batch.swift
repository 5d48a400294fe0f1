import Foundation
import Jacobi

/// `--points F`: many points, one JSON line out per point, in input order (DESIGN.md,
/// "Batches"). The symbolic column is computed once; the points are read, computed and
/// written in windows of bounded size, each window split over `jobs` tasks, so memory stays
/// flat however many points there are. A point that fails gets
/// `{"index": k, "at": {...}, "error": "…"}` on its line and the batch goes on.
struct Batch {
    let computation: Computation
    let jobs: Int
    let noSymbolic: Bool
    /// Points per window: enough to keep every task busy, few enough to keep memory flat.
    var window: Int { max(1024, 256 * jobs) }

    /// How the input is written: JSON objects, or CSV rows under a header.
    enum Format {
        case jsonLines
        case csv(header: [Symbol])
    }

    /// Runs the batch; returns the number of points that failed.
    func run(path: String) async throws -> Int {
        var reader = try LineReader(path: path)
        var members = computation.head.flatMap(JSONRenderer.members)
        if !noSymbolic { members += try computation.symbolic().flatMap(JSONRenderer.members) }
        let prefix = JSONValue.object(members).rendered.dropLast()  // `{…` without its `}`
        var format: Format?
        var index = 0
        var failures = 0
        let progress = Progress()
        while true {
            var lines: [Substring] = []
            while lines.count < window, let line = reader.next() {
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                if format == nil {
                    if line.first(where: { $0 != " " }) == "{" {
                        format = .jsonLines
                    } else {
                        format = .csv(header: try PointText.csvHeader(line))
                        continue
                    }
                }
                lines.append(line)
            }
            guard let format, !lines.isEmpty else { break }
            let results = await compute(lines, format: format, firstIndex: index, prefix: String(prefix))
            var out = ""
            out.reserveCapacity(results.reduce(0) { $0 + $1.line.utf8.count + 1 })
            for r in results {
                out += r.line
                out += "\n"
                if r.failed { failures += 1 }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
            index += lines.count
            progress.update(index)
        }
        progress.finish()
        return failures
    }

    /// The output lines of one window, in order, computed by up to `jobs` tasks.
    func compute(_ lines: [Substring], format: Format, firstIndex: Int, prefix: String) async -> [(line: String, failed: Bool)] {
        let computation = self.computation
        let noSymbolic = self.noSymbolic
        let parts = min(jobs, lines.count)
        let size = (lines.count + parts - 1) / parts
        let chunks = stride(from: 0, to: lines.count, by: size).map { Array(lines[$0..<min($0 + size, lines.count)]).map(String.init) }
        return await withTaskGroup(of: (Int, [(line: String, failed: Bool)]).self) { group in
            for (c, chunk) in chunks.enumerated() {
                group.addTask {
                    var names = SymbolNames()
                    return (c, chunk.enumerated().map { k, line in
                        Batch.line(for: line, index: firstIndex + c * size + k, format: format, computation, prefix: prefix,
                                   noSymbolic: noSymbolic, names: &names)
                    })
                }
            }
            var done = [[(line: String, failed: Bool)]](repeating: [], count: chunks.count)
            for await (c, lines) in group { done[c] = lines }
            return done.flatMap { $0 }
        }
    }

    /// One point's JSON line: the single-point report's keys, or the error on its line.
    static func line(for text: String, index: Int, format: Format, _ computation: Computation, prefix: String,
                     noSymbolic: Bool, names: inout SymbolNames) -> (line: String, failed: Bool) {
        var pairs: [(Symbol, Rational)]?
        do {
            let parsed: [(Symbol, Rational)]
            switch format {
            case .jsonLines: parsed = try PointText.jsonObject(Substring(text), names: &names)
            case .csv(let header): parsed = try PointText.csvRow(Substring(text), header: header)
            }
            pairs = parsed
            let fields = try computation.atPoint(try Point(parsed))
            var line = ""
            line.reserveCapacity(prefix.utf8.count + 512)
            line += prefix
            JSONValue.writeMembers(fields.filter { !(noSymbolic && $0.isSymbolic) }.flatMap(JSONRenderer.members),
                                   to: &line, leadingComma: true)
            line += "}"
            return (line, false)
        } catch {
            let at: JSONValue = pairs.map { .object($0.map { ($0.0.name, .string($0.1.description)) }) } ?? .null
            let message = String(describing: error).split(separator: "\n").joined(separator: " ")
            return (JSONValue.object([("index", .integer(index)), ("at", at), ("error", .string(message))]).rendered, true)
        }
    }
}

/// A progress line on stderr, only when stderr is a terminal and the batch has run for more
/// than a second.
final class Progress {
    let start = Date()
    let isTerminal = isatty(STDERR_FILENO) != 0
    var shown = false

    func update(_ points: Int) {
        guard isTerminal, Date().timeIntervalSince(start) > 1 else { return }
        shown = true
        FileHandle.standardError.write(Data("\rjacobi: \(points) points…".utf8))
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
