/// A number that could not be read, with the position of the problem.
///
///     try Rational(parsing: "1//2")   // throws: invalid number "1//2": unexpected '/' at column 3
public struct NumberParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that was parsed.
    public let input: String
    /// Zero-based offset of the problem, in Unicode scalars (equal to the byte offset for ASCII).
    public let offset: Int
    /// What is wrong there.
    public let reason: String

    public init(input: String, offset: Int, reason: String) {
        self.input = input
        self.offset = offset
        self.reason = reason
    }

    /// One line: the input, the reason and the one-based column.
    public var description: String {
        "invalid number \"\(input)\": \(reason) at column \(offset + 1)"
    }
}

/// The lexical pieces shared by the integer and rational parsers.
enum NumberScanner {
    /// Reads a run of ASCII digits starting at `i`; rejects non-ASCII digits by position.
    static func digits(_ s: [Unicode.Scalar], from i: inout Int, input: String) throws(NumberParseError) -> String {
        var out = String.UnicodeScalarView()
        while i < s.count {
            let c = s[i]
            if c.isASCII, ("0"..."9").contains(c) {
                out.append(c)
                i += 1
            } else if c.properties.numericType != nil {
                throw NumberParseError(input: input, offset: i, reason: "non-ASCII digit '\(c)'")
            } else {
                break
            }
        }
        return String(out)
    }
}
