import Jacobi

/// Text, what a person reads at a glance: `label = value` lines, lists on one line,
/// matrices with columns right-aligned (the same in every command), and values at a point
/// exact, with their decimals beside them (`2/3 ≈ 0.6666666666666666`).
enum TextRenderer {
    static func render(_ report: Report) -> String {
        report.fields.flatMap(lines).joined(separator: "\n")
    }

    static func lines(_ field: Field) -> [String] {
        switch field {
        case .head, .vector, .integer: return []
        case .symbolic(let q): return lines(q, \.description)
        case .point(let a, let engine):
            let at = a.pairs.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")
            return ["at \(at)" + (engine.map { " (engine: \($0.rawValue))" } ?? "") + ":"]
        case .values(_, let q, _, let shown): return shown ? lines(q, PointValues.text) : []
        case .custom(_, let text, _): return text
        }
    }

    static func lines(_ q: Quantity, _ describe: (Expr) -> String) -> [String] {
        func labelled(_ l: Label, _ text: String) -> String { l.text.isEmpty ? text : "\(l.text) = \(text)" }
        switch q {
        case .scalar(let l, let e): return [labelled(l, describe(e))]
        case .vector(let l, let es): return [labelled(l, "[" + es.map(describe).joined(separator: ", ") + "]")]
        case .entries(let ls, let es): return zip(ls, es).map { labelled($0, describe($1)) }
        case .matrix(let l, let m):
            let body = m.formatted(describe)
            return l.text.isEmpty ? [body] : ["\(l.text) =", body]
        case .written(let l, let text, _): return [labelled(l, text)]
        }
    }
}

/// LaTeX: every object labelled (`J = …`, `f(a) = …`, `\nabla f(a) = …`) inside one
/// `aligned` block; a lone unlabelled expression (simplify, expand) is printed bare.
enum LaTeXRenderer {
    static func render(_ report: Report) -> String {
        let rows = report.fields.flatMap(rows)
        if rows.count == 1, !rows[0].contains("&=") { return rows[0] }
        return "\\begin{aligned}\n" + rows.joined(separator: " \\\\\n") + "\n\\end{aligned}"
    }

    static func rows(_ field: Field) -> [String] {
        switch field {
        case .head, .integer: return []
        case .vector(_, let l, let v): return ["\(l.latex) &= " + column(v.map { Expr($0) })]
        case .symbolic(let q): return rows(q)
        case .point(let a, _):
            return ["&\\text{at } " + a.pairs.map { "\(Expr($0.0).latex) = \(Expr($0.1).latex)" }.joined(separator: ",\\ ")]
        case .values(_, let q, _, let shown): return shown ? rows(q) : []
        case .custom(_, _, let latex): return latex
        }
    }

    static func rows(_ q: Quantity) -> [String] {
        func labelled(_ l: Label, _ tex: String) -> String { l.latex.isEmpty ? tex : "\(l.latex) &= \(tex)" }
        switch q {
        case .scalar(let l, let e): return [labelled(l, e.latex)]
        case .vector(let l, let es): return [labelled(l, column(es))]
        case .entries(let ls, let es): return zip(ls, es).map { labelled($0, $1.latex) }
        case .matrix(let l, let m): return [labelled(l, m.latex { $0.latex })]
        case .written(let l, _, let tex): return [labelled(l, tex)]
        }
    }

    /// A column vector.
    static func column(_ es: [Expr]) -> String {
        "\\begin{bmatrix} " + es.map(\.latex).joined(separator: " \\\\ ") + " \\end{bmatrix}"
    }
}

/// JSON (DESIGN.md, "JSON output"): one object, keys in field order; exact numbers and
/// expressions as strings, floats as numbers (`null` beyond Double's range, beside the
/// exact value), symbolic results with their LaTeX under `latex`, in the same shape.
enum JSONRenderer {
    static func render(_ report: Report) -> String {
        JSONValue.object(report.fields.flatMap(members)).rendered
    }

    static func members(_ field: Field) -> [(String, JSONValue)] {
        switch field {
        case .head(let command, let variables, let functions):
            return [("command", .string(command)), ("vars", .array(variables.map { .string($0.name) })),
                    ("functions", .array(functions.map { .string($0.description) }))]
        case .vector(let key, _, let v): return [(key, .array(v.map { .string($0.description) }))]
        case .integer(let key, let n): return [(key, .integer(n))]
        case .symbolic(.written(_, let text, let tex)): return [("symbolic", .string(text)), ("latex", .string(tex))]
        case .symbolic(let q): return [("symbolic", q.json { .string($0.description) }), ("latex", q.json { .string($0.latex) })]
        case .point(let a, let engine):
            let at: (String, JSONValue) = ("at", .object(a.pairs.map { ($0.0.name, .string($0.1.description)) }))
            return [at] + (engine.map { [("engine", .string($0.rawValue))] } ?? [])
        case .values(let key, let q, let numeric, _):
            let exact: (String, JSONValue) = (key, q.json { .string($0.description) })
            return [exact] + (numeric.map { [($0, q.json { PointValues.double($0).map(JSONValue.number) ?? .null })] } ?? [])
        case .custom(let json, _, _): return json
        }
    }
}
