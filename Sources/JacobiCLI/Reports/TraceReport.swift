import ArgumentParser
import Jacobi

/// `--trace`: the evaluation trace as a report field: an aligned table in text, a LaTeX
/// `array` (the math-mode tabular), and DESIGN.md's `trace` in JSON (one object per row:
/// `name`, `expr`, `value`, `tangent` or `adjoint`, exact; `iteration` in a loop;
/// `output: true` on an output's row).
enum TraceReport {
    static func field(_ trace: ProgramTrace) -> Field {
        let derivativeKey = trace.mode == .forward ? "tangent" : "adjoint"
        let json: [JSONValue] = trace.rows.map { row in
            var members: [(String, JSONValue)] = [
                ("name", .string(row.name)), ("expr", .string(row.expression)),
                ("value", .string(row.value.description)), (derivativeKey, .string(row.derivative.description)),
            ]
            if let k = row.iteration { members.append(("iteration", .integer(k))) }
            if row.isOutput { members.append(("output", .bool(true))) }
            return .object(members)
        }
        let header = ["", "expr", "value", derivativeKey]
        let cells = trace.rows.map { row in
            [
                row.name + (row.iteration.map { " (k=\($0))" } ?? ""), row.expression, row.value.description,
                row.derivative.description + (row.isOutput ? "   ← output" : ""),
            ]
        }
        let widths = (0..<4).map { c in ([header] + cells).map { $0[c].count }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            var s = ""
            for c in 0..<4 {
                s += c == 3 ? r[c] : r[c].padding(toLength: widths[c] + 2, withPad: " ", startingAt: 0)
            }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        let title =
            trace.mode == .forward
            ? "trace (forward: values and tangents, in the order computed):"
            : "trace (reverse: adjoints, in reverse order):"
        let text = [title, line(header)] + cells.map(line)
        let d = trace.mode == .forward ? "\\dot{v}" : "\\bar{v}"
        let latexRows = trace.rows.map { row in
            "\\text{\(row.name)} & \\text{\(row.expression)} & \(row.value.latex) & \(row.derivative.latex)"
        }
        let latex = "&\\begin{array}{llll} & \\text{expr} & v & \(d) \\\\ \\hline " + latexRows.joined(separator: " \\\\ ") + " \\end{array}"
        return .custom(json: [("trace", .array(json))], text: text, latex: [latex])
    }
}

/// `--trace` / `--trace all` on jvp, vjp and grad at a point.
struct TraceOptions: ParsableArguments, Sendable {
    @Flag(
        help:
            "Print the evaluation trace: one row per named intermediate (inputs first), its expression, exact value and tangent (jvp) or adjoint (vjp, grad; rows in reverse order). '--trace all': every tape slot."
    )
    var trace = false

    @Flag(name: .customLong("trace-all"), help: .hidden)
    var traceAll = false

    var isOn: Bool { trace || traceAll }
}
