import ArgumentParser
import Jacobi

/// `jacobi check EXPR… [--points N] [--seed S] [--vars x,y]`: cross-checks the symbolic
/// engine, forward mode and reverse mode (and, for rational functions, exact difference
/// quotients) at random rational points. Exit status 1 when they disagree anywhere.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cross-check the symbolic, forward and reverse engines at random exact points.",
        discussion: """
            Example: jacobi check "x^2/(1 + y)" "sin(x*y)" --points 20 --seed 7
            Compares f, the gradient, Jacobian, JVP, VJP, Hessian and HVP of every engine,
            exactly where the values are rational (with exact difference quotients as a third
            oracle for rational functions), else as exact expressions and in Double. Points
            where a function is undefined are skipped and counted. Exit status 1 on a mismatch.
            """
    )

    @Argument(parsing: .allUnrecognized, help: "The component functions.")
    var expressions: [String] = []

    // `.unconditional`: "-3" is read as the (invalid) value, not as a missing one.
    @Option(parsing: .unconditional, help: "How many random points (1 to 10000).")
    var points: Int = 10

    @Option(parsing: .unconditional, help: "The seed of the random points (0 to 2^64 - 1): the same seed gives the same run.")
    var seed: UInt64 = 0

    @OptionGroup var options: CommonOptions

    func run() throws {
        guard (1...10_000).contains(points) else { throw CLIError("--points must be between 1 and 10000, got \(points)") }
        if options.at != nil { throw CLIError("check draws its own points; --at is not used (use --seed to choose them)") }
        if options.engine != nil { throw CLIError("check compares every engine; --engine is not used") }
        let functions = try ExpressionInput.parseAll(expressions)
        let variables = try options.variables(of: functions)
        let report: CrossCheckReport
        do {
            report = try CrossCheck(.init(points: points, seed: seed)).check(functions, variables: variables)
        } catch {
            throw CLIError(error.description)
        }
        switch options.format {
        case .json: print(JSONValue.object(Self.json(report, seed: seed)).rendered)
        case .text: print(Self.text(report, seed: seed))
        case .latex: print(Self.latex(report, seed: seed))
        }
        if !report.passed { throw ExitCode(1) }
    }

    // MARK: - Reports

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
    static func latex(_ r: CrossCheckReport, seed: UInt64) -> String {
        let arguments = r.variables.map { Expr($0).latex }.joined(separator: ", ")
        var lines = r.functions.enumerated().map { i, f in
            (r.functions.count == 1 ? "f" : "f_{\(i + 1)}") + "(\(arguments)) = \(f.latex)"
        }
        let report = text(r, seed: seed).split(separator: "\n").dropFirst(2)  // functions and vars: above
        lines += report.map { "\\text{\(texEscaped($0))}" }
        return lines.joined(separator: "\n")
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
        PointValues.head("check", r.variables, r.functions) + [
            ("passed", .bool(r.passed)),
            ("points", .integer(r.points)),
            ("seed", Int(exactly: seed).map(JSONValue.integer) ?? .string(String(seed))),
            ("exact_points", .integer(r.exactPoints)),
            ("approximate_points", .integer(r.approximatePoints)),
            ("skipped", .array(r.skipped.map { s in
                .object([("at", PointValues.at(r.variables, s.point)), ("engine", .string(s.engine.rawValue)),
                         ("reason", .string(s.reason))])
            })),
            ("comparisons", .integer(r.comparisons)),
            ("oracle_comparisons", .integer(r.oracleComparisons)),
            ("mismatches", .array(r.mismatches.map(json))),
        ]
    }

    static func json(_ m: Mismatch) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("object", .string(m.object.rawValue)),
            ("entry", .array(m.entry.map { .integer($0) })),
            ("at", PointValues.at(m.variables, m.point)),
        ]
        if let v = m.direction { members.append(("direction", .array(v.map { .string($0.description) }))) }
        if let w = m.weights { members.append(("weights", .array(w.map { .string($0.description) }))) }
        members.append(("comparison", .string(m.comparison.rawValue)))
        members.append(("values", .array(m.readings.map(json))))
        if let c = m.culprit {
            members.append(("culprit", .object([("subexpression", .string(c.subexpression.description)),
                                                ("values", .array(c.readings.map(json)))])))
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
}
