import Exact

// A point's coordinate may be an exact constant (DESIGN.md: `--at x=pi/4,y=sqrt(2)`): the
// library reads it here, so that the CLI, batches and callers share one reading.

/// Text that parses but is not a constant: it names a variable.
///
///     try Expr.exactConstant(parsing: "x + 1")   // throws NotAConstant: 'x + 1' is not a constant (it has the variable x)
public struct NotAConstant: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text, as given (clipped to about 60 characters).
    public let text: String
    /// A variable it names.
    public let variable: Symbol

    /// The error for `text`, which names `variable`.
    public init(text: String, variable: Symbol) {
        self.text = text
        self.variable = variable
    }

    public var description: String {
        "'\(ErrorText.clipped(text))' is not a constant (it has the variable \(variable))"
    }
}

extension Expr {
    /// The exact constant a point's coordinate gives: a number (`-3/4`, `0.25` = 1/4) or a
    /// constant expression of numbers, `pi`, `E` and the functions (`pi/4`, `sqrt(2)`,
    /// `log(3)`), canonical.
    ///
    ///     try Expr.exactConstant(parsing: "pi/4")          // pi/4
    ///     try Expr.exactConstant(parsing: "0.25").rationalValue   // 1/4
    ///
    /// - Throws: `ParseError` for a syntax error or an undefined constant (`1/0`,
    ///   `tan(pi/2)`); ``NotAConstant`` when the text names a variable.
    public static func exactConstant(parsing text: String) throws -> Expr {
        let e = try Expr.parse(text)
        if let s = e.freeSymbols.first { throw NotAConstant(text: text, variable: s) }
        return e
    }
}
