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
        case .head, .programHead, .vector, .integer: return []
        case .numeric(let q): return q.textLines
        case .symbolic(let q): return lines(q, \.description)
        case .point(let a, let engine):
            let at = zip(a.symbols, a.valueTexts).map { "\($0) = \($1)" }.joined(separator: ", ")
            return ["at \(at)" + (engine.map { " (engine: \($0.rawValue))" } ?? "") + ":"]
        case .values(_, let q, _, let shown): return shown ? lines(q, PointValues.text) : []
        case .custom(_, let text, _): return text
        case .sparse(let s): return s.text
        }
    }

    static func lines<E>(_ q: Shaped<E>, _ describe: (E) -> String) -> [String] {
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
        case .head, .programHead, .integer: return []
        case .numeric(let q): return q.latexRows
        case .vector(_, let l, let v): return ["\(l.latex) &= " + column(v.map { Expr($0) })]
        case .symbolic(let q): return rows(q)
        case .point(let a, _):
            return ["&\\text{at } " + a.pairs.map { "\(Expr($0.0).latex) = \($0.1.latex)" }.joined(separator: ",\\ ")]
        case .values(_, let q, _, let shown): return shown ? rows(q.map(\.expression)) : []
        case .custom(_, _, let latex): return latex
        case .sparse(let s): return s.latex
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
/// Written straight into bytes: a batch writes one object per point, millions of them.
enum JSONRenderer {
    static func render(_ report: Report) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        for field in report.fields { write(field, to: &out, first: &first) }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the report to standard output as it goes, through a 1 MB buffer: the large parts
    /// (a program's `vars`, `numeric` vectors) entry by entry, the other fields one by one,
    /// with `rename` applied to them (a program's symbols `x_3` → `x[3]`).
    static func stream(_ report: Report, rename: (String) -> String) {
        var out = JSONStream()
        out.raw("{")
        var first = true
        for field in report.fields {
            switch field {
            case .programHead(let command, let program):
                out.raw(first ? "\"command\": " : ", \"command\": ")
                out.string(command)
                out.raw(", \"vars\": ")
                out.variableNames(program)
                out.raw(", \"functions\": ")
                var names: [UInt8] = []
                writeList(program.outputNames, to: &names) { JSONValue.writeString($0, to: &$1) }
                out.raw(String(decoding: names, as: UTF8.self))
            case .numeric(let q):
                out.raw(first ? "\"numeric\": " : ", \"numeric\": ")
                q.writeJSON(to: &out)
            case .head, .vector, .integer, .symbolic, .point, .values, .custom, .sparse:
                var bytes: [UInt8] = []
                var fieldFirst = first
                write(field, to: &bytes, first: &fieldFirst)
                if bytes.isEmpty { continue }
                out.raw(rename(String(decoding: bytes, as: UTF8.self)))
            }
            first = false
        }
        out.raw("}\n")
        out.flush()
    }

    /// Appends the field's members (`"key": value`, comma-separated; `first` says whether
    /// one has been written before in this object).
    static func write(_ field: Field, to out: inout [UInt8], first: inout Bool) {
        func key(_ k: String) {
            if !first {
                out.append(UInt8(ascii: ","))
                out.append(UInt8(ascii: " "))
            }
            first = false
            JSONValue.writeString(k, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: " "))
        }
        switch field {
        case .head(let command, let variables, let functions):
            key("command")
            JSONValue.writeString(command, to: &out)
            key("vars")
            writeList(variables, to: &out) { JSONValue.writeString($0.name, to: &$1) }
            key("functions")
            writeList(functions, to: &out) { JSONValue.writeString($0.description, to: &$1) }
        case .programHead(let command, let program):
            key("command")
            JSONValue.writeString(command, to: &out)
            key("vars")
            writeList(Array(0..<program.tape.inputCount), to: &out) { JSONValue.writeString(program.variableName(at: $0), to: &$1) }
            key("functions")
            writeList(program.outputNames, to: &out) { JSONValue.writeString($0, to: &$1) }
        case .numeric(let q):
            key("numeric")
            q.json.write(to: &out)
        case .vector(let k, _, let v):
            key(k)
            writeList(v, to: &out) { JSONValue.writeString($0.description, to: &$1) }
        case .integer(let k, let n):
            key(k)
            out.append(contentsOf: String(n).utf8)
        case .symbolic(.written(_, let text, let tex)):
            key("symbolic")
            JSONValue.writeString(text, to: &out)
            key("latex")
            JSONValue.writeString(tex, to: &out)
        case .symbolic(let q):
            key("symbolic")
            write(q, to: &out) { JSONValue.writeString($0.description, to: &$1) }
            key("latex")
            write(q, to: &out) { JSONValue.writeString($0.latex, to: &$1) }
        case .point(let a, let engine):
            key("at")
            out.append(UInt8(ascii: "{"))
            let rationals = a.rationalValues
            let constants = rationals == nil ? a.values : []
            for (i, s) in a.symbols.enumerated() {
                if i > 0 {
                    out.append(UInt8(ascii: ","))
                    out.append(UInt8(ascii: " "))
                }
                JSONValue.writeString(s.name, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                // Rational coordinates skip the escape scan; exact constants (pi/4) are escaped.
                if let rationals {
                    JSONValue.writeNumberString(rationals[i], to: &out)
                } else {
                    JSONValue.writeString(constants[i].description, to: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
            if let engine {
                key("engine")
                JSONValue.writeString(engine.rawValue, to: &out)
            }
        case .values(let k, let q, let numeric, _):
            key(k)
            write(q, to: &out) { n, out in
                switch n {
                case .rational(let r): JSONValue.writeNumberString(r, to: &out)
                case .expression(let e):
                    if let r = e.rationalValue { JSONValue.writeNumberString(r, to: &out) } else { JSONValue.writeString(e.description, to: &out) }
                }
            }
            if let numeric {
                key(numeric)
                write(q, to: &out) { n, out in
                    if let d = PointValues.double(n) { JSONValue.writeRaw(d.description, to: &out) } else { JSONValue.writeRaw("null", to: &out) }
                }
            }
        case .custom(let json, _, _):
            for (k, v) in json {
                key(k)
                v.write(to: &out)
            }
        case .sparse(let s):
            for (k, v) in s.json {
                key(k)
                v.write(to: &out)
            }
        }
    }

    /// The quantity in its JSON shape (a string, a list, a list of rows), entries by `entry`.
    static func write<E>(_ q: Shaped<E>, to out: inout [UInt8], entry: (E, inout [UInt8]) -> Void) {
        switch q {
        case .scalar(_, let e): entry(e, &out)
        case .vector(_, let es), .entries(_, let es): writeList(es, to: &out, entry)
        case .matrix(_, let m): writeList(m.rowList, to: &out) { row, out in writeList(row, to: &out, entry) }
        case .written(_, let text, _): JSONValue.writeString(text, to: &out)
        }
    }

    static func writeList<T>(_ items: [T], to out: inout [UInt8], _ entry: (T, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 {
                out.append(UInt8(ascii: ","))
                out.append(UInt8(ascii: " "))
            }
            entry(item, &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}
