import Jacobi

/// Exact values at a point, as the reports print them: exact expressions (numbers where
/// rational, `cos(1/2)` otherwise) beside their floats.
enum PointValues {
    /// The float of an exact value: correctly rounded when it is rational.
    ///
    /// - Throws: when the value is not finite in Double (e.g. `exp(1000)`).
    static func double(_ e: Expr) throws -> Double {
        if let r = e.rationalValue {
            let d = Double(r)
            // DESIGN.md: every float is a JSON number, never Infinity; say so instead.
            guard d.isFinite else { throw CLIError("the value \(r.description.prefix(40))… is beyond Double's range; its float cannot be written") }
            return d
        }
        return try e.evaluated(at: [Symbol: Double]())
    }

    static func exact(_ values: [Expr]) -> JSONValue { .array(values.map { .string($0.description) }) }

    static func numeric(_ values: [Expr]) throws -> JSONValue { .array(try values.map { .number(try double($0)) }) }

    static func exact(_ m: Matrix<Expr>) -> JSONValue { .array(m.rowList.map(exact)) }

    static func numeric(_ m: Matrix<Expr>) throws -> JSONValue { .array(try m.rowList.map(numeric)) }

    /// `{"x": "1/2", "y": "3"}`.
    static func at(_ variables: [Symbol], _ point: [Rational]) -> JSONValue {
        .object(zip(variables, point).map { ($0.name, .string($1.description)) })
    }

    /// `x = 1/2, y = 3`.
    static func atText(_ variables: [Symbol], _ point: [Rational]) -> String {
        zip(variables, point).map { "\($0) = \($1)" }.joined(separator: ", ")
    }

    /// `3` or `cos(1/2) ≈ 0.8775825618903728`: the exact value, and its float when not rational.
    /// A value whose float is out of Double's range prints exactly, without the approximation.
    static func text(_ e: Expr) -> String {
        if let r = e.rationalValue { return r.isInteger ? r.description : "\(r) ≈ \(Double(r))" }
        guard let d = try? double(e) else { return e.description }
        return "\(e) ≈ \(d)"
    }

    /// The common head of every report: command, vars, functions.
    static func head(_ command: String, _ variables: [Symbol], _ functions: [Expr]) -> [(String, JSONValue)] {
        [("command", .string(command)),
         ("vars", .array(variables.map { .string($0.name) })),
         ("functions", .array(functions.map { .string($0.description) }))]
    }
}

extension Matrix where Element == Expr {
    /// Aligned text of the entries' plain form.
    var text: String { formatted { $0.description } }
    /// A LaTeX `bmatrix`.
    var latexText: String { latex { $0.latex } }
}
