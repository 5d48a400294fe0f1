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
    enum Format: Sendable {
        case jsonLines
        case csv(header: [Symbol])
    }

    /// The output of a run of points: their JSON lines, and how many failed.
    struct Output: Sendable {
        var bytes: [UInt8] = []
        var failures = 0
    }

    /// Runs the batch; returns the number of points that failed.
    func run(path: String) async throws -> Int {
        var reader = try LineReader(path: path)
        var prefix: [UInt8] = [UInt8(ascii: "{")]  // `{…` without its `}`: what every line starts with
        var first = true
        for field in computation.head + (noSymbolic ? [] : try computation.symbolic()) {
            JSONRenderer.write(field, to: &prefix, first: &first)
        }
        var format: Format?
        var index = 0
        var failures = 0
        let progress = Progress()
        while true {
            var lines: [[UInt8]] = []
            while lines.count < window, let line = reader.next() {
                guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }  // blank
                if format == nil {
                    if first == UInt8(ascii: "{") {
                        format = .jsonLines
                    } else {
                        format = .csv(header: try PointText.csvHeader(Substring(String(decoding: line, as: UTF8.self))))
                        continue
                    }
                }
                lines.append(line)
            }
            guard let format, !lines.isEmpty else { break }
            for part in await compute(lines, format: format, firstIndex: index, prefix: prefix) {
                FileHandle.standardOutput.write(Data(part.bytes))
                failures += part.failures
            }
            index += lines.count
            progress.update(index)
        }
        progress.finish()
        return failures
    }

    /// The output of one window, in order, computed by up to `jobs` tasks.
    func compute(_ lines: [[UInt8]], format: Format, firstIndex: Int, prefix: [UInt8]) async -> [Output] {
        let computation = self.computation
        let noSymbolic = self.noSymbolic
        let parts = min(jobs, lines.count)
        let size = (lines.count + parts - 1) / parts
        return await withTaskGroup(of: (Int, Output).self) { group in
            for (c, start) in stride(from: 0, to: lines.count, by: size).enumerated() {
                let chunk = Array(lines[start..<min(start + size, lines.count)])
                group.addTask {
                    var names = SymbolNames()
                    names.program = computation.function.program
                    var output = Output()
                    output.bytes.reserveCapacity(chunk.count * (prefix.count + 256))
                    for (k, line) in chunk.enumerated() {
                        let failed = Batch.write(
                            line, index: firstIndex + start + k, format: format, computation,
                            prefix: prefix, noSymbolic: noSymbolic, names: &names, to: &output.bytes)
                        if failed { output.failures += 1 }
                    }
                    return (c, output)
                }
            }
            var done = [Output](repeating: Output(), count: (lines.count + size - 1) / size)
            for await (c, output) in group { done[c] = output }
            return done
        }
    }

    /// Writes one point's JSON line: the single-point report's keys, or the error on its
    /// line. Returns whether the point failed.
    static func write(
        _ line: [UInt8], index: Int, format: Format, _ computation: Computation, prefix: [UInt8],
        noSymbolic: Bool, names: inout SymbolNames, to out: inout [UInt8]
    ) -> Bool {
        var pairs: [(Symbol, Expr)]?
        do {
            let parsed: [(Symbol, Expr)]
            switch format {
            case .jsonLines: parsed = try PointText.jsonObject(line, names: &names)
            case .csv(let header): parsed = try PointText.csvRow(Substring(String(decoding: line, as: UTF8.self)), header: header)
            }
            pairs = parsed
            let fields = try computation.atPoint(try Point(exactly: parsed))
            let start = out.count
            out.append(contentsOf: prefix)
            var first = prefix.count == 1
            for field in fields where !(noSymbolic && field.isSymbolic) { JSONRenderer.write(field, to: &out, first: &first) }
            out.append(contentsOf: "}\n".utf8)
            if let program = computation.function.program {  // a program's symbols x_3 are printed x[3]
                let line = program.displayingVariables(in: String(decoding: out[start...], as: UTF8.self))
                out.replaceSubrange(start..., with: Array(line.utf8))
            }
            return false
        } catch {
            let at: JSONValue = pairs.map { .object($0.map { ($0.0.name, .string($0.1.description)) }) } ?? .null
            let message = String(describing: error).split(separator: "\n").joined(separator: " ")
            JSONValue.object([("index", .integer(index)), ("at", at), ("error", .string(message))]).write(to: &out)
            out.append(UInt8(ascii: "\n"))
            return true
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
