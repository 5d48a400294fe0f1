import Foundation
import Jacobi

/// `--points F`: many points, one JSON line out per point, in input order (DESIGN.md,
/// "Batches"). The symbolic column is computed once. The input is read in blocks of lines;
/// each block is one task, which reads its points, computes them and writes their JSON
/// lines into its own buffer; `jobs` blocks are computed at a time while the next one is
/// read, and the buffers are written out in input order as they come, so memory stays flat
/// however many points there are and no worker waits for another. A point that fails gets
/// `{"index": k, "at": {...}, "error": "…"}` on its line and the batch goes on.
struct Batch {
    let computation: Computation
    let jobs: Int
    let noSymbolic: Bool
    /// Points per block: small enough to keep `jobs` tasks busy to the end and memory flat,
    /// large enough that scheduling a task costs nothing next to its points.
    static let blockSize = 256

    /// How the input is written: JSON objects, or CSV rows under a header.
    enum Format: Sendable {
        case jsonLines
        case csv(header: [Symbol])
    }

    /// The output of a block of points: their JSON lines, and how many failed.
    struct Output: Sendable {
        var bytes: [UInt8] = []
        var points = 0
        var failures = 0
    }

    /// Runs the batch; returns the number of points that failed.
    func run(path: String) async throws -> Int {
        var reader = try LineReader(path: path)
        guard var first = reader.block(lines: Self.blockSize) else { return 0 }
        // The first line says how the points are written: a JSON object, or a CSV header.
        let format: Format
        let head = first.bytes[first.lines[0]]
        if head.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") {
            format = .jsonLines
        } else {
            format = .csv(header: try PointText.csvHeader(Substring(String(decoding: head, as: UTF8.self))))
            first.lines.removeFirst()
        }
        let prefix = try linePrefix()
        let work = Work(computation: computation, format: format, prefix: prefix, noSymbolic: noSymbolic)
        let jobs = self.jobs
        let progress = Progress()
        let failures = await withTaskGroup(of: (Int, Output).self) { group in
            var next: LineReader.Block? = first
            var submitted = 0, running = 0, written = 0, index = 0, failures = 0, points = 0
            var done: [Int: Output] = [:]  // finished blocks waiting for an earlier one
            while true {
                while running < jobs, done.count < 4 * jobs, let block = next {
                    let (k, firstIndex) = (submitted, index)
                    group.addTask { (k, work.compute(block, firstIndex: firstIndex)) }
                    submitted += 1
                    running += 1
                    index += block.lines.count
                    next = reader.block(lines: Self.blockSize)  // read while the tasks compute
                }
                guard let (k, output) = await group.next() else { break }
                running -= 1
                done[k] = output
                while let output = done.removeValue(forKey: written) {
                    Self.writeOut(output.bytes)
                    failures += output.failures
                    points += output.points
                    written += 1
                }
                progress.update(points)
            }
            return failures
        }
        progress.finish()
        return failures
    }

    /// `{…` without its `}`: the head and the symbolic column, which every line starts with.
    func linePrefix() throws -> [UInt8] {
        var prefix: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        for field in computation.head + (noSymbolic ? [] : try computation.symbolic()) {
            JSONRenderer.write(field, to: &prefix, first: &first)
        }
        return prefix
    }

    /// Writes the bytes to standard output, as they are (no copy into `Data`).
    static func writeOut(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var p = raw.baseAddress
            var left = raw.count
            while left > 0, let q = p {
                let n = Foundation.write(1, q, left)
                if n <= 0 { break }
                left -= n
                p = q + n
            }
        }
    }

    /// What every task needs to turn a block of points into JSON lines.
    struct Work: Sendable {
        let computation: Computation
        let format: Format
        let prefix: [UInt8]
        let noSymbolic: Bool

        func compute(_ block: LineReader.Block, firstIndex: Int) -> Output {
            var names = SymbolNames(program: computation.function.program)
            var output = Output(points: block.lines.count)
            output.bytes.reserveCapacity(block.lines.count * (prefix.count + 160))
            block.bytes.withUnsafeBufferPointer { bytes in
                for (k, range) in block.lines.enumerated() {
                    let line = UnsafeBufferPointer(rebasing: bytes[range])
                    if !write(line, index: firstIndex + k, names: &names, to: &output.bytes) { output.failures += 1 }
                }
            }
            return output
        }

        /// Writes one point's JSON line: the single-point report's keys, or the error on its
        /// line. Returns whether the point succeeded.
        func write(_ line: UnsafeBufferPointer<UInt8>, index: Int, names: inout SymbolNames, to out: inout [UInt8]) -> Bool {
            var values: PointText.Values?
            do {
                let read: PointText.Values
                switch format {
                case .jsonLines: read = try PointText.jsonObject(line, names: &names)
                case .csv(let header): read = try PointText.csvRow(Substring(String(decoding: line, as: UTF8.self)), header: header)
                }
                values = read
                let fields = try computation.atPoint(try read.point())
                let start = out.count
                out.append(contentsOf: prefix)
                var first = prefix.count == 1
                for field in fields where !(noSymbolic && field.isSymbolic) { JSONRenderer.write(field, to: &out, first: &first) }
                out.append(UInt8(ascii: "}"))
                out.append(UInt8(ascii: "\n"))
                if let program = computation.function.program {  // a program's symbols x_3 are printed x[3]
                    let line = program.displayingVariables(in: String(decoding: out[start...], as: UTF8.self))
                    out.replaceSubrange(start..., with: Array(line.utf8))
                }
                return true
            } catch {
                let message = String(describing: error).split(separator: "\n").joined(separator: " ")
                JSONValue.object([("index", .integer(index)), ("at", values?.json ?? .null), ("error", .string(message))]).write(to: &out)
                out.append(UInt8(ascii: "\n"))
                return false
            }
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
