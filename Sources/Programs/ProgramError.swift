import Symbolic

/// A place in a program's text: one-based line and column (in Unicode scalars).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The line, from 1.
    public let line: Int
    /// The column, from 1.
    public let column: Int

    /// The location at `line`:`column`.
    ///
    ///     SourceLocation(line: 3, column: 7).description   // "3:7"
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// What is wrong with a program, and where: a syntax error, an unknown name, an index out
/// of range for the given parameters, an assignment to an input, a reversed range, a
/// non-integer in an index position, or a program too large for the engine asked for.
///
///     try Program(parsing: "input x\nf = y + 1\noutput f")
///     // throws: 2:5: unknown name 'y'
///     //         f = y + 1
///     //             ^
public struct ProgramError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the problem starts (nil for a problem of the whole program, such as its size).
    public let location: SourceLocation?
    /// What is wrong, one line, without the position.
    public let message: String
    /// The program line the problem is on (empty when `location` is nil).
    public let sourceLine: String

    /// An error at `location` with `message`, quoting `sourceLine`.
    /// A message longer than 150 characters (it quotes a very long name) is cut in the
    /// middle with `…`, so that an error line stays short whatever the program.
    public init(_ message: String, at location: SourceLocation?, sourceLine: String = "") {
        self.init(message, at: location, sourceLine: sourceLine, tooLargeForSymbolicEngine: false)
    }

    init(_ message: String, at location: SourceLocation?, sourceLine: String, tooLargeForSymbolicEngine: Bool) {
        self.location = location
        self.message = message.unicodeScalars.count > 150 ? ErrorText.clipped(message, width: 150) : message
        self.sourceLine = sourceLine
        self.isTooLargeForSymbolicEngine = tooLargeForSymbolicEngine
    }

    /// True when the program compiles and runs on the tape, but is too large for the
    /// symbolic engine (``CompiledProgram/expressions(budget:)``): values at a point can
    /// still be had from the tape engines.
    public let isTooLargeForSymbolicEngine: Bool

    /// The program is too large for the symbolic engine: `message` says why.
    static func tooLargeForSymbolicEngine(_ message: String) -> ProgramError {
        ProgramError(message, at: nil, sourceLine: "", tooLargeForSymbolicEngine: true)
    }

    /// `line:column: message`: the one-line form.
    public var summary: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }

    /// The quoted program line, cut to about 60 characters around the column (with `…`
    /// where it cuts), and a caret under the problem; nil without a location.
    public var excerpt: (line: String, caret: String)? {
        guard let location, !sourceLine.isEmpty else { return nil }
        let scalars = Array(sourceLine.unicodeScalars)
        let col = max(0, min(location.column - 1, scalars.count))
        var start = 0
        var end = scalars.count
        if scalars.count > 60 {
            start = max(0, col - 30)
            end = min(scalars.count, start + 60)
            start = max(0, end - 60)
        }
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        var caretColumn = col - start
        if start > 0 {
            text = "…" + text
            caretColumn += 1
        }
        if end < scalars.count { text += "…" }
        return (text, String(repeating: " ", count: caretColumn) + "^")
    }

    /// The summary, then (with a location) the program line and a caret under the column.
    public var description: String {
        guard let (line, caret) = excerpt else { return summary }
        return "\(summary)\n\(line)\n\(caret)"
    }
}
