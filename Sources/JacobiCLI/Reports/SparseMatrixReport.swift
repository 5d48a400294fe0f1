import Jacobi

/// A sparse matrix as the reports print it (DESIGN.md: `--sparse` and `sparsity`): its
/// structural pattern, the colouring the evaluation uses, and the entries — symbolic,
/// exact at a point, or none (the pattern alone). Every entry of the pattern is listed,
/// also those that are zero at the point.
struct SparseMatrixReport {
    let label: Label
    let pattern: SparsityPattern
    let coloring: Coloring
    /// "exact" or "structural", for the sparsity command; nil elsewhere.
    var kind: SparsityKind?
    var symbolic: [Expr]?
    var exact: [Expr]?
    /// Values in Double only (a compiled tape's), where there are no exact ones.
    var numeric: [Double]?

    /// The patterns drawn in text: up to this many rows and columns.
    static let drawingLimit = 60

    /// `forward` (columns: one JVP per colour), `reverse` (rows: one VJP per colour) or `hessian` (star: one HVP per colour).
    var mode: String {
        switch coloring.kind {
        case .columns: "forward"
        case .rows: "reverse"
        case .star: "hessian"
        }
    }

    var sweeps: String {
        func count(_ k: Int, _ what: String) -> String { "\(k) \(what)\(k == 1 ? "" : "s")" }
        switch coloring.kind {
        case .columns: return "\(count(coloring.count, "forward sweep")) instead of \(pattern.columns)"
        case .rows: return "\(count(coloring.count, "reverse sweep")) instead of \(pattern.rows)"
        case .star: return "\(count(coloring.count, "Hessian-vector product")) instead of \(pattern.columns)"
        }
    }

    var json: [(String, JSONValue)] {
        var out: [(String, JSONValue)] = [
            ("shape", .array([.integer(pattern.rows), .integer(pattern.columns)])), ("nnz", .integer(pattern.nonzeroCount)),
            ("rows", .array(pattern.rowIndices.map(JSONValue.integer))), ("cols", .array(pattern.columnIndices.map(JSONValue.integer))),
            ("colors", .integer(coloring.count)), ("mode", .string(mode)),
            ("coloring", .array(coloring.colors.map(JSONValue.integer))),
        ]
        if let kind { out.append(("pattern", .string(kind.rawValue))) }
        if let symbolic { out.append(("symbolic", .array(symbolic.map { .string($0.description) }))) }
        if let exact {
            out.append(("exact", .array(exact.map { .string($0.description) })))
            out.append(("numeric", .array(exact.map { PointValues.double($0).map(JSONValue.number) ?? .null })))
        } else if let numeric {
            out.append(("numeric", .array(numeric.map { $0.isFinite ? JSONValue.number($0) : .null })))
        }
        return out
    }

    var text: [String] {
        let noun = pattern.nonzeroCount == 1 ? "entry" : "entries"
        var out = [
            "\(label.text.isEmpty ? "" : label.text + ": ")\(pattern.rows)×\(pattern.columns), \(pattern.nonzeroCount) \(noun)"
                + (kind.map { " (\($0.rawValue) pattern)" } ?? ""),
            "colours: \(coloring.count) (\(mode): \(sweeps))",
        ]
        if pattern.rows <= Self.drawingLimit && pattern.columns <= Self.drawingLimit && pattern.rows > 0 && pattern.columns > 0 {
            out += pattern.drawing.split(separator: "\n").map(String.init)
        }
        let entries = pattern.entries
        if let symbolic { out += zip(entries, symbolic).map { "[\($0.row), \($0.column)] = \($1)" } }
        if let exact { out += zip(entries, exact).map { "[\($0.row), \($0.column)](a) = \(PointValues.text($1))" } }
        if let numeric { out += zip(entries, numeric).map { "[\($0.row), \($0.column)](a) ≈ \($1)" } }
        return out
    }

    var latex: [String] {
        let name = label.latex.isEmpty ? "A" : label.latex
        var out = ["&\\text{\(pattern.rows)\\times\(pattern.columns), \(pattern.nonzeroCount) entries, \(coloring.count) colours}"]
        let entries = pattern.entries
        if let symbolic { out += zip(entries, symbolic).map { "\(name)_{\($0.row),\($0.column)} &= \($1.latex)" } }
        if let exact { out += zip(entries, exact).map { "\(name)_{\($0.row),\($0.column)}(a) &= \($1.latex)" } }
        if let numeric { out += zip(entries, numeric).map { "\(name)_{\($0.row),\($0.column)}(a) &\\approx \($1)" } }
        return out
    }

    /// Matrix Market coordinate format (1-based), readable by SciPy's `mmread`: the values
    /// at the point as reals (the nearest doubles), or the pattern alone.
    ///
    /// - Throws: when a value is beyond Double's range (Matrix Market has no exact numbers).
    func matrixMarket(_ command: String) throws -> String {
        var lines: [String] = []
        let entries = pattern.entries
        if let numeric {
            lines.append("%%MatrixMarket matrix coordinate real general")
            lines.append("% jacobi \(command): every entry of the structural pattern, values as doubles")
            lines.append("\(pattern.rows) \(pattern.columns) \(pattern.nonzeroCount)")
            for (e, d) in zip(entries, numeric) {
                guard d.isFinite else { throw CLIError("the entry [\(e.row), \(e.column)] is not finite in Double") }
                lines.append("\(e.row + 1) \(e.column + 1) \(d)")
            }
        } else if let exact {
            lines.append("%%MatrixMarket matrix coordinate real general")
            lines.append("% jacobi \(command): every entry of the structural pattern, values as doubles")
            lines.append("\(pattern.rows) \(pattern.columns) \(pattern.nonzeroCount)")
            for (e, v) in zip(entries, exact) {
                guard let d = PointValues.double(v) else {
                    let text = v.description
                    let shown = text.count > 40 ? text.prefix(40) + "…" : Substring(text)
                    throw CLIError(
                        "the entry [\(e.row), \(e.column)] = \(shown) is beyond Double's range; Matrix Market holds doubles (use --format json for exact values)"
                    )
                }
                lines.append("\(e.row + 1) \(e.column + 1) \(d)")
            }
        } else {
            lines.append("%%MatrixMarket matrix coordinate pattern general")
            lines.append("% jacobi \(command): the \(kind?.rawValue ?? "structural") pattern")
            lines.append("\(pattern.rows) \(pattern.columns) \(pattern.nonzeroCount)")
            for e in entries { lines.append("\(e.row + 1) \(e.column + 1)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// Matrix Market (`--format mtx`): the one sparse matrix of a report.
enum MatrixMarketRenderer {
    static func render(_ report: Report) throws -> String {
        var command = ""
        for field in report.fields {
            switch field {
            case .head(let c, _, _): command = c
            case .programHead(let c, _): command = c
            case .sparse(let s): return try s.matrixMarket(command)
            case .vector, .integer, .symbolic, .point, .values, .custom, .numeric: continue
            }
        }
        throw CLIError(
            "--format mtx writes a sparse matrix: use it with jacobian --sparse, hessian --sparse (values with --at, else the pattern) or sparsity")
    }
}
