import Foundation
import Jacobi

/// Floats at a point (`--numeric`: the Double sweeps only), shaped like `Quantity`.
enum NumericQuantity {
    case scalar(Label, Double)
    case vector(Label, [Double])
    case matrix(Label, [[Double]])

    /// `0.5`, or `nan`/`inf` in text (JSON writes `null` for those).
    static func text(_ d: Double) -> String { "\(d)" }

    var textLines: [String] {
        func labelled(_ l: Label, _ text: String) -> String { l.text.isEmpty ? text : "\(l.text) ≈ \(text)" }
        switch self {
        case .scalar(let l, let d): return [labelled(l, Self.text(d))]
        case .vector(let l, let ds): return [labelled(l, "[" + ds.map(Self.text).joined(separator: ", ") + "]")]
        case .matrix(let l, let rows):
            return ["\(l.text) ≈"] + rows.map { "[" + $0.map(Self.text).joined(separator: ", ") + "]" }
        }
    }

    var latexRows: [String] {
        func tex(_ d: Double) -> String { d.isFinite ? "\(d)" : "\\text{\(d)}" }
        switch self {
        case .scalar(let l, let d): return ["\(l.latex) &\\approx \(tex(d))"]
        case .vector(let l, let ds): return ["\(l.latex) &\\approx \\begin{bmatrix} " + ds.map(tex).joined(separator: " \\\\ ") + " \\end{bmatrix}"]
        case .matrix(let l, let rows):
            return [
                "\(l.latex) &\\approx \\begin{bmatrix} " + rows.map { $0.map(tex).joined(separator: " & ") }.joined(separator: " \\\\ ")
                    + " \\end{bmatrix}"
            ]
        }
    }

    /// The floats as a JSON value (null where not finite).
    var json: JSONValue {
        func n(_ d: Double) -> JSONValue { d.isFinite ? .number(d) : .null }
        switch self {
        case .scalar(_, let d): return n(d)
        case .vector(_, let ds): return .array(ds.map(n))
        case .matrix(_, let rows): return .array(rows.map { .array($0.map(n)) })
        }
    }

    /// Writes the JSON of the floats (a number, a list, a list of rows; null where not finite).
    func writeJSON(to out: inout JSONStream) {
        switch self {
        case .scalar(_, let d): out.number(d)
        case .vector(_, let ds): out.numbers(ds)
        case .matrix(_, let rows):
            out.raw("[")
            for (i, r) in rows.enumerated() {
                if i > 0 { out.raw(", ") }
                out.numbers(r)
            }
            out.raw("]")
        }
    }
}

/// JSON written to standard output as it is produced, through a 1 MB buffer: a report with
/// a 10⁶-entry vector is written entry by entry, never held as one string or one tree.
struct JSONStream: ~Copyable {
    private var buffer: [UInt8] = []
    private let limit = 1 << 20

    init() { buffer.reserveCapacity(limit + 4096) }

    mutating func raw(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= limit { flush() }
    }

    mutating func string(_ s: String) {
        JSONValue.writeString(s, to: &buffer)
        if buffer.count >= limit { flush() }
    }

    mutating func number(_ d: Double) {
        if d.isFinite { raw("\(d)") } else { raw("null") }
    }

    mutating func numbers(_ ds: [Double]) {
        raw("[")
        for (i, d) in ds.enumerated() {
            if i > 0 {
                buffer.append(44)
                buffer.append(32)
            }
            number(d)
        }
        raw("]")
    }

    /// A program's variable names as a JSON list (`["x[1]", "x[2]", …, "a"]`), written byte
    /// by byte (names are identifiers and digits: nothing to escape).
    mutating func variableNames(_ program: CompiledProgram) {
        raw("[")
        var first = true
        var digits = [UInt8](repeating: 0, count: 24)
        for input in program.inputs {
            let name = Array(input.name.utf8)
            guard let length = input.length else {
                openName(name, first: &first)
                buffer.append(34)
                continue
            }
            for k in stride(from: 1, through: length, by: 1) {
                openName(name, first: &first)
                buffer.append(91)
                var v = k
                var d = digits.count
                repeat {
                    d -= 1
                    digits[d] = UInt8(48 + v % 10)
                    v /= 10
                } while v > 0
                buffer.append(contentsOf: digits[d...])
                buffer.append(93)
                buffer.append(34)
                if buffer.count >= limit { flush() }
            }
        }
        raw("]")
    }

    /// `, "name` (without the comma for the first name of a list).
    mutating func openName(_ name: [UInt8], first: inout Bool) {
        if !first {
            buffer.append(44)
            buffer.append(32)
        }
        first = false
        buffer.append(34)
        buffer.append(contentsOf: name)
    }

    mutating func flush() {
        if buffer.isEmpty { return }
        Batch.writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
