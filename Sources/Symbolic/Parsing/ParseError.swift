/// A syntax error in an expression, with where it is and what is wrong.
///
///     try Expr.parse("x^^2")
///     // throws: expected an expression, found '^' at column 3
///     //         x^^2
///     //           ^
public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that was parsed.
    public let input: String
    /// The offending characters, as zero-based offsets in Unicode scalars (one past the end
    /// of the input for "unexpected end").
    public let columns: Range<Int>
    /// What is wrong, one line, without the position.
    public let message: String

    public init(input: String, columns: Range<Int>, message: String) {
        self.input = input
        self.columns = columns
        self.message = message
    }

    /// The one-based column where the problem starts.
    public var column: Int { columns.lowerBound + 1 }

    /// `message at column N`: the one-line form.
    public var summary: String { "\(message) at column \(column)" }

    /// Spaces up to the column, then one `^` per offending character (at least one).
    public var caretLine: String {
        String(repeating: " ", count: columns.lowerBound) + String(repeating: "^", count: max(1, columns.count))
    }

    /// Three lines: the summary, the input, and the caret line under the problem.
    public var description: String { "\(summary)\n\(input)\n\(caretLine)" }
}
