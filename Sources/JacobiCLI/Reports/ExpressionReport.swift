import Jacobi

/// The report of a command whose result is one expression (simplify, expand): the keys of
/// DESIGN.md in their order, and the text and LaTeX renderings.
struct ExpressionReport {
    let command: String
    let variables: [Symbol]
    let functions: [Expr]
    let result: Expr
    /// With `--at`: the point and the exact value (a number or an exact expression).
    let evaluation: (point: [(Symbol, Rational)], exact: Expr)?

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
        evaluation = (point, try result.evaluatedExactly(at: values))
    }

    /// - Throws: in JSON, for a value beyond Double's range (see `PointValues.double`).
    func render(_ format: OutputFormat) throws -> String {
        switch format {
        case .json: return try json().rendered
        case .text:
            guard let (point, exact) = evaluation else { return result.description }
            let at = point.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")
            return result.description + "\nat " + at + ": " + PointValues.text(exact)
        case .latex:
            guard let (_, exact) = evaluation else { return result.latex }
            return result.latex + "\n" + exact.latex
        }
    }

    func json() throws -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("command", .string(command)),
            ("vars", .array(variables.map { .string($0.name) })),
            ("functions", .array(functions.map { .string($0.description) })),
            ("symbolic", .string(result.description)),
        ]
        if let (point, exact) = evaluation {
            members.append(("at", .object(point.map { ($0.0.name, .string($0.1.description)) })))
            members.append(("engine", .string("symbolic")))
            members.append(("exact", .string(exact.description)))
            members.append(("numeric", .number(try PointValues.double(exact))))
        }
        return .object(members)
    }
}
