import Jacobi

/// Exact values at a point, as the reports print them: exact expressions (numbers where
/// rational, `cos(1/2)` otherwise) beside their floats.
enum PointValues {
    /// The float of an exact value, for JSON's `numeric`: correctly rounded when it is rational.
    ///
    /// - Throws: when the value is not finite in Double (`3^100000`, `exp(1000)`): DESIGN.md
    ///   wants every float a JSON number, never Infinity, so the JSON report says so instead.
    static func double(_ e: Expr) throws -> Double {
        if let r = e.rationalValue {
            let d = Double(r)
            guard d.isFinite else {
                throw CLIError("the value \(r.scientificDescription(significantDigits: 6)) is beyond Double's range: JSON's numeric cannot hold it (the text output shows it exactly)")
            }
            return d
        }
        return try e.evaluated(at: [Symbol: Double]())
    }

    /// The decimal written beside an exact value in text output: its float when it has one;
    /// beyond Double's range, the leading digits of a rational value computed exactly
    /// (`1.3349714142304015e+47712`); nil for a non-rational value beyond the range (`exp(1000)`).
    static func decimal(_ e: Expr) -> String? {
        if let r = e.rationalValue {
            let d = Double(r)
            return d.isFinite ? "\(d)" : r.scientificDescription()
        }
        return (try? e.evaluated(at: [Symbol: Double]())).map { "\($0)" }
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

    /// ``decimal(_:)``, or a note saying there is none.
    static func decimalOrNote(_ e: Expr) -> String { decimal(e) ?? "(beyond Double's range)" }

    /// `3`, `2/3 ≈ 0.6666666666666666` or `cos(1/2) ≈ 0.8775825618903728`: the exact value,
    /// and its decimal unless it is an integer that Double holds. Values beyond Double's
    /// range print exactly, with their leading digits (rational) or alone (`exp(1000)`).
    static func text(_ e: Expr) -> String {
        if let r = e.rationalValue, r.isInteger, Double(r).isFinite { return r.description }
        return decimal(e).map { "\(e) ≈ \($0)" } ?? e.description
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
