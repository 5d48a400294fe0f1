/// A syntax error in an expression, with where it is and what is wrong.
///
///     try Expr.parse("x^^2")
///     // throws: expected an expression, found '^' at column 3
///     //         x^^2
///     //           ^
///
/// However long the input, the message and the quoted window stay short: the window shows
/// at most ``ErrorText/quotationWidth`` characters around the problem, with `…` where it cuts.
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that was parsed.
    public let input: String
    /// The offending characters, as zero-based offsets in Unicode scalars (one past the end
    /// of the input for "unexpected end").
    public let columns: Range<Int>
    /// What is wrong, one line, without the position.
    public let message: String
    /// When the input is well formed but a constant subexpression has no value (`1/0`,
    /// `log(0)`): which one and why. `nil` for syntax errors and exceeded limits.
    public let undefinedConstant: UndefinedConstant?

    public init(input: String, columns: Range<Int>, message: String) {
        self.input = input
        self.columns = columns
        self.message = message
        self.undefinedConstant = nil
    }

    /// The error for a constant subexpression without a value, at `columns`.
    public init(input: String, columns: Range<Int>, undefined: UndefinedConstant) {
        self.input = input
        self.columns = columns
        self.message = undefined.description
        self.undefinedConstant = undefined
    }

    /// The one-based column where the problem starts.
    public var column: Int { columns.lowerBound + 1 }

    /// `message at column N`: the one-line form.
    public var summary: String { "\(message) at column \(column)" }

    /// At most about 60 characters of the input around the problem, on one line, with `…`
    /// where it is cut (the whole input when it is short).
    ///
    ///     ParseError(input: "x^^2", columns: 2..<3, message: "…").excerpt   // "x^^2"
    public var excerpt: String { ErrorText.window(of: input, columns: columns).text }

    /// Spaces up to the problem's column in ``excerpt``, then one `^` per offending
    /// character shown (at least one).
    public var caretLine: String { ErrorText.window(of: input, columns: columns).caret }

    /// Three lines: the summary, the excerpt, and the caret line under the problem.
    public var description: String {
        let window = ErrorText.window(of: input, columns: columns)
        return "\(summary)\n\(window.text)\n\(window.caret)"
    }
}
