import Jacobi

/// The report of `check`: the cross-check's counts, skipped points and mismatches.
enum CheckReport {
    static func fields(_ r: CrossCheckReport, seed: UInt64) -> [Field] {
        [
            .custom(
                json: json(r, seed: seed), text: text(r, seed: seed).split(separator: "\n").map(String.init),
                latex: latex(r, seed: seed))
        ]
    }

    static func text(_ r: CrossCheckReport, seed: UInt64) -> String {
        var lines = [
            "functions: " + r.functions.map(\.description).joined(separator: ", "),
            "vars: " + r.variables.map(\.name).joined(separator: ", "),
            "points: \(r.points) (seed \(seed)): \(r.exactPoints) exact, \(r.approximatePoints) approximate, \(r.skipped.count) skipped",
            "comparisons: \(r.comparisons) (\(r.oracleComparisons) against the difference quotient)",
        ]
        if let reason = r.oracleNotApplicable { lines.append("difference quotient: not used everywhere (\(reason))") }
        if r.illConditioned > 0 { lines.append("ill-conditioned Double comparisons left out: \(r.illConditioned)") }
        for s in r.skipped.prefix(5) { lines.append("skipped \(s)") }
        if r.skipped.count > 5 { lines.append("skipped … and \(r.skipped.count - 5) more") }
        lines.append(r.passed ? "passed" : "FAILED: \(r.mismatches.count) mismatch\(r.mismatches.count == 1 ? "" : "es")")
        for m in r.mismatches { lines.append("  " + m.description) }
        return lines.joined(separator: "\n")
    }

    /// The functions in LaTeX, then the verdict and every line of the text report after the
    /// first two as `\text{…}` (TeX's special characters escaped), for pasting into a write-up.
    static func latex(_ r: CrossCheckReport, seed: UInt64) -> [String] {
        let arguments = r.variables.map { Expr($0).latex }.joined(separator: ", ")
        var lines = r.functions.enumerated().map { i, f in
            (r.functions.count == 1 ? "f" : "f_{\(i + 1)}") + "(\(arguments)) &= \(f.latex)"
        }
        let report = text(r, seed: seed).split(separator: "\n").dropFirst(2)  // functions and vars: above
        lines += report.map { "&\\text{\(texEscaped($0))}" }
        return lines
    }

    /// Text for `\text{…}`: TeX's special characters escaped, a few symbols in math mode.
    static func texEscaped<S: StringProtocol>(_ s: S) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\textbackslash{}"
            case "_", "%", "&", "#", "$", "{", "}": out += "\\" + String(ch)
            case "^": out += "\\^{}"
            case "~": out += "\\~{}"
            case "≠": out += "$\\neq$"
            case "≈": out += "$\\approx$"
            case "…": out += "\\ldots{}"
            default: out.append(ch)
            }
        }
        return out
    }

    static func json(_ r: CrossCheckReport, seed: UInt64) -> [(String, JSONValue)] {
        [
            ("passed", .bool(r.passed)),
            ("points", .integer(r.points)),
            ("seed", Int(exactly: seed).map(JSONValue.integer) ?? .string(String(seed))),
            ("exact_points", .integer(r.exactPoints)),
            ("approximate_points", .integer(r.approximatePoints)),
            (
                "skipped",
                .array(
                    r.skipped.map { s in
                        .object([
                            ("at", at(r.variables, s.point)), ("engine", .string(s.engine.rawValue)),
                            ("reason", .string(s.reason)),
                        ])
                    })
            ),
            ("comparisons", .integer(r.comparisons)),
            ("oracle_comparisons", .integer(r.oracleComparisons)),
            ("mismatches", .array(r.mismatches.map(json))),
        ]
    }

    static func json(_ m: Mismatch) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("object", .string(m.object.rawValue)),
            ("entry", .array(m.entry.map { .integer($0) })),
            ("at", at(m.variables, m.point)),
        ]
        if let v = m.direction { members.append(("direction", .array(v.map { .string($0.description) }))) }
        if let w = m.weights { members.append(("weights", .array(w.map { .string($0.description) }))) }
        members.append(("comparison", .string(m.comparison.rawValue)))
        members.append(("values", .array(m.readings.map(json))))
        if let c = m.culprit {
            members.append(
                (
                    "culprit",
                    .object([
                        ("subexpression", .string(c.subexpression.description)),
                        ("values", .array(c.readings.map(json))),
                    ])
                ))
        }
        return .object(members)
    }

    /// `{"engine": "forward", "value": "3/4"}`: exact values as strings, floats as numbers.
    static func json(_ reading: Reading) -> JSONValue {
        let value: JSONValue
        switch reading.value {
        case .exact(let r): value = .string(r.description)
        case .expression(let e): value = .string(e.description)
        case .approximate(let d): value = d.isFinite ? .number(d) : .string("\(d)")
        }
        return .object([("engine", .string(reading.engine.rawValue)), ("value", value)])
    }

    /// `{"x": "1/2", "y": "3"}`.
    static func at(_ variables: [Symbol], _ point: [Rational]) -> JSONValue {
        .object(zip(variables, point).map { ($0.name, .string($1.description)) })
    }
}
