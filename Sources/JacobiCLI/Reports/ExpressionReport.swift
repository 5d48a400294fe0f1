import Jacobi

/// The report of a command whose result is one expression (simplify, expand): the keys of
/// DESIGN.md in their order, and the text and LaTeX renderings.
struct ExpressionReport {
    let command: String
    let variables: [Symbol]
    let functions: [Expr]
    let result: Expr
    /// With `--at`: the point, the exact value (a number or an exact expression), its float.
    let evaluation: (point: [(Symbol, Rational)], exact: Expr, numeric: Double)?

    init(command: String, variables: [Symbol], functions: [Expr], result: Expr, at point: [(Symbol, Rational)]?) throws {
        self.command = command
        self.variables = variables
        self.functions = functions
        self.result = result
        guard let point else {
            evaluation = nil
            return
        }
        let values = Dictionary(point, uniquingKeysWith: { a, _ in a })
        let exact = try result.evaluatedExactly(at: values)
        let numeric = try exact.evaluated(at: [Symbol: Double]())
        evaluation = (point, exact, numeric)
    }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .json: return json.rendered
        case .text:
            guard let (point, exact, numeric) = evaluation else { return result.description }
            let at = point.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")
            let approximate = exact.rationalValue.map { $0.isInteger } == true ? "" : " ≈ \(numeric)"
            return result.description + "\nat " + at + ": " + exact.description + approximate
        case .latex:
            guard let (_, exact, _) = evaluation else { return result.latex }
            return result.latex + "\n" + exact.latex
        }
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("command", .string(command)),
            ("vars", .array(variables.map { .string($0.name) })),
            ("functions", .array(functions.map { .string($0.description) })),
            ("symbolic", .string(result.description)),
        ]
        if let (point, exact, numeric) = evaluation {
            members.append(("at", .object(point.map { ($0.0.name, .string($0.1.description)) })))
            members.append(("engine", .string("symbolic")))
            members.append(("exact", .string(exact.description)))
            members.append(("numeric", .number(numeric)))
        }
        return .object(members)
    }
}
