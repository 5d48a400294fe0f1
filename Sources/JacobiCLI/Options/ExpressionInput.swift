import Jacobi

/// An error the CLI reports as is: one line (or, for a syntax error, the line and a caret).
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum ExpressionInput {
    /// Parses a command-line expression; a syntax error becomes two lines, the message with
    /// (at most about 60 characters of) the input and a caret under the column, aligned for
    /// `ExitStatus.printError`'s prefix.
    ///
    ///     jacobi: expected an expression, found '^' at column 3: x^^2
    ///                                                              ^
    static func parse(_ text: String) throws -> Expr {
        do {
            return try Expr.parse(text)
        } catch {
            let head = "\(error.summary): "
            let indent = ExitStatus.prefix.count + head.count
            throw CLIError(head + error.excerpt + "\n" + String(repeating: " ", count: indent) + error.caretLine)
        }
    }

    /// Parses the functions given on the command line (an argument `--` is skipped: it only
    /// ends the options, so that an expression may start with `-`).
    static func parseAll(_ texts: [String]) throws -> [Expr] {
        let given = texts.filter { $0 != "--" }
        guard !given.isEmpty else { throw CLIError("no expression given") }
        return try given.map(parse)
    }
}
