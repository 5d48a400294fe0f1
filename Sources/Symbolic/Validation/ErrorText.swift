// Bounded quotations of user text in error messages: an error line quotes at most about 60
// characters of the input, with `…` where it cuts, however long the input is (DESIGN, "CLI
// contract"). Offsets are in Unicode scalars, like the parser's columns; line breaks and
// tabs are shown as spaces so that a quotation stays on one line and the caret lines up.

/// Quotations of user text for one-line error messages.
public enum ErrorText {
    /// The most characters of user text one quotation shows (the `…` marks not counted).
    public static let quotationWidth = 60

    /// `text` on one line, cut in the middle to at most ``quotationWidth`` characters plus `…`.
    ///
    ///     ErrorText.clipped(String(repeating: "x", count: 100)).count   // 61
    public static func clipped(_ text: String, width: Int = quotationWidth) -> String {
        let scalars = Array(text.unicodeScalars)
        if scalars.count <= width { return oneLine(scalars[...]) }
        let head = (width + 1) / 2
        let tail = width - head
        return oneLine(scalars[..<head]) + "…" + oneLine(scalars[(scalars.count - tail)...])
    }

    /// A window of at most ``quotationWidth`` characters of `input` around `columns` (offsets
    /// in Unicode scalars; the upper bound may be one past the end), with `…` where it cuts,
    /// and the caret line: spaces up to the problem's column in the window, then one `^` per
    /// offending character shown (at least one).
    ///
    ///     ErrorText.window(of: "x^^2", columns: 2..<3)   // (text: "x^^2", caret: "  ^")
    public static func window(of input: String, columns: Range<Int>, width: Int = quotationWidth)
        -> (text: String, caret: String)
    {
        let scalars = Array(input.unicodeScalars)
        let n = scalars.count
        let lower = min(max(0, columns.lowerBound), n)
        // Show some context before the problem, the rest after it.
        var start = max(0, lower - width / 3)
        let end = min(n, start + width)
        start = max(0, min(start, end - width))
        var text = start > 0 ? "…" : ""
        let shift = text.unicodeScalars.count
        text += oneLine(scalars[start..<end])
        if end < n { text += "…" }
        let visible = max(1, min(columns.upperBound, end) - lower)
        let caret = String(repeating: " ", count: lower - start + shift) + String(repeating: "^", count: visible)
        return (text, caret)
    }

    static func oneLine(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        for c in scalars {
            switch c {
            case "\n", "\r", "\t": out.append(" ")
            default: out.append(c)
            }
        }
        return String(out)
    }
}
