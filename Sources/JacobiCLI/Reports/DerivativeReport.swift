import Jacobi

/// A result shaped as one expression, a list, or a matrix (rows), with the same shape
/// for its exact values and their floats.
enum Shaped<Element> {
    case scalar(Element)
    case list([Element])
    case matrix([[Element]])

    func map<T>(_ f: (Element) throws -> T) rethrows -> Shaped<T> {
        switch self {
        case .scalar(let e): return .scalar(try f(e))
        case .list(let es): return .list(try es.map(f))
        case .matrix(let rows): return .matrix(try rows.map { try $0.map(f) })
        }
    }

    var elements: [Element] {
        switch self {
        case .scalar(let e): return [e]
        case .list(let es): return es
        case .matrix(let rows): return rows.flatMap { $0 }
        }
    }
}

/// The report of diff, grad, dir, jacobian and hessian: DESIGN.md's keys in order
/// (command, vars, functions, symbolic; with --at: at, engine, exact, numeric), plus any
/// command-specific keys (`direction`).
struct DerivativeReport {
    let command: String
    let variables: [Symbol]
    let functions: [Expr]
    let symbolic: Shaped<Expr>
    /// Command-specific keys whose values are lists of exact strings (`direction`).
    var extra: [(key: String, values: [String])] = []
    let evaluation: (point: [(Symbol, Rational)], engine: Engine, exact: Shaped<Expr>)?

    /// With `--at`, the values come from the engine: symbolic (the derivatives below,
    /// substituted exactly) or a tape engine (`tape` gives them at the point, as exact
    /// expressions, never through the symbolic derivatives).
    init(command: String, variables: [Symbol], functions: [Expr], symbolic: Shaped<Expr>,
         at point: [(Symbol, Rational)]?, engine: Engine?, extra: [(key: String, values: [String])] = [],
         tape: (_ engine: DifferentialEngine, _ point: [Symbol: Rational]) throws -> Shaped<Expr>) throws {
        self.command = command
        self.variables = variables
        self.functions = functions
        self.symbolic = symbolic
        self.extra = extra
        guard let point else {
            evaluation = nil
            return
        }
        let values = Dictionary(point, uniquingKeysWith: { a, _ in a })
        for f in functions {
            for s in f.freeSymbols where values[s] == nil { throw CLIError("no value given for the variable \(s) in --at") }
            _ = try f.evaluatedExactly(at: values)  // f itself must be defined at the point
        }
        let engine = engine ?? .symbolic
        let exact: Shaped<Expr>
        switch engine {
        case .symbolic:
            exact = try symbolic.map { e in try DerivativeReport.value(of: e, at: values, functions: functions) }
        case .forward, .reverse:
            exact = try tape(DifferentialEngine(engine), values)
        }
        evaluation = (point, engine, exact)
    }

    /// The exact value of a derivative; a division by zero in `u/abs(u)` (the derivative of
    /// abs) means f is not differentiable there, and says so.
    static func value(of e: Expr, at values: [Symbol: Rational], functions: [Expr]) throws -> Expr {
        let result = Result { () throws(EvaluationError) -> Expr in try e.evaluatedExactly(at: values) }
        if case .failure(.divisionByZero(let sub)) = result, sub.description.contains("abs(") {
            throw CLIError("not differentiable at this point: abs has no derivative where its argument is 0 (in \(sub))")
        }
        return try result.get()
    }

    /// - Throws: in JSON, for a value beyond Double's range (see `PointValues.double`).
    func render(_ format: OutputFormat) throws -> String {
        switch format {
        case .json: return try json().rendered
        case .text: return text
        case .latex: return latex
        }
    }

    /// What a person reads at a glance: `∂f/∂x = 2*x*y + cos(x)` lines for partials and
    /// gradients, `D_v f = …` for a directional derivative, matrices with aligned columns;
    /// with `--at`, the exact values (and their decimals when not integers) in the same shape.
    var text: String {
        var lines = rows(symbolic.map(\.description))
        if let (point, engine, exact) = evaluation {
            lines.append("at " + point.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") + " (engine: \(engine.rawValue)):")
            lines += rows(exact.map(PointValues.text))
        }
        return lines.joined(separator: "\n")
    }

    /// LaTeX: `\frac{\partial f}{\partial x} = …` lines for partials, `D_v f = …`, a `bmatrix`
    /// for Jacobians and Hessians; with `--at`, the exact values in the same shape.
    var latex: String {
        func render(_ shaped: Shaped<Expr>) -> [String] {
            switch shaped {
            case .scalar(let e): return [(command == "dir" ? "D_v f = " : "") + e.latex]
            case .list(let es):
                return es.enumerated().map { i, e in
                    let f = functions.count == 1 ? "f" : "f_{\(i + 1)}"
                    let v = i < variables.count ? variables[i].name : "\(i)"
                    return "\\frac{\\partial \(f)}{\\partial \(v)} = \(e.latex)"
                }
            case .matrix(let rows):
                return ["\\begin{bmatrix} " + rows.map { $0.map(\.latex).joined(separator: " & ") }.joined(separator: " \\\\ ")
                        + " \\end{bmatrix}"]
            }
        }
        var lines = render(symbolic)
        if let (point, _, exact) = evaluation {
            lines.append("\\text{at } " + point.map { "\($0.0.name) = \(Expr($0.1).latex)" }.joined(separator: ",\\ ") + ":")
            lines += render(exact)
        }
        return lines.joined(separator: "\n")
    }

    /// The label of entry i of a list result.
    func label(_ i: Int) -> String {
        let f = functions.count == 1 ? "f" : "f\(i + 1)"
        return i < variables.count ? "∂\(f)/∂\(variables[i])" : "[\(i)]"
    }

    func reshape(_ flat: [String]) -> Shaped<String> {
        var i = 0
        return symbolic.map { _ in
            defer { i += 1 }
            return flat[i]
        }
    }

    func rows(_ s: Shaped<String>) -> [String] {
        switch s {
        case .scalar(let t): return [command == "dir" ? "D_v f = \(t)" : t]
        case .list(let ts): return ts.enumerated().map { "\(label($0.offset)) = \($0.element)" }
        case .matrix(let rows):
            let columns = rows.first?.count ?? 0
            let widths = (0..<columns).map { j in rows.map { $0[j].count }.max() ?? 0 }
            return rows.map { row in
                "[" + row.enumerated().map { j, t in t + String(repeating: " ", count: widths[j] - t.count) }
                    .joined(separator: "  ") + "]"
            }
        }
    }

    static func encode<T>(_ s: Shaped<T>, _ f: (T) -> JSONValue) -> JSONValue {
        switch s {
        case .scalar(let e): return f(e)
        case .list(let es): return .array(es.map(f))
        case .matrix(let rows): return .array(rows.map { .array($0.map(f)) })
        }
    }

    func json() throws -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("command", .string(command)),
            ("vars", .array(variables.map { .string($0.name) })),
            ("functions", .array(functions.map { .string($0.description) })),
        ]
        members += extra.map { ($0.key, JSONValue.array($0.values.map { JSONValue.string($0) })) }
        members.append(("symbolic", DerivativeReport.encode(symbolic) { .string($0.description) }))
        if let (point, engine, exact) = evaluation {
            members.append(("at", .object(point.map { ($0.0.name, .string($0.1.description)) })))
            members.append(("engine", .string(engine.rawValue)))
            members.append(("exact", DerivativeReport.encode(exact) { .string($0.description) }))
            members.append(("numeric", DerivativeReport.encode(try exact.map(PointValues.double)) { .number($0) }))
        }
        return .object(members)
    }
}
