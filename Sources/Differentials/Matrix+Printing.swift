extension Matrix {
    /// The matrix as text, one row per line, columns aligned, entries described by `describe`.
    ///
    ///     Matrix([[Rational(1), Rational(-1, 2)], [Rational(10), Rational(3)]]).formatted()
    ///     // [ 1  -1/2 ]
    ///     // [10     3 ]
    public func formatted(_ describe: (Element) -> String) -> String {
        let cells = rowList.map { $0.map(describe) }
        var widths = Array(repeating: 0, count: columns)
        for r in cells {
            for (j, c) in r.enumerated() { widths[j] = Swift.max(widths[j], c.count) }
        }
        return cells.map { r in
            "["
                + r.enumerated().map { j, c in String(repeating: " ", count: widths[j] - c.count) + c }
                .joined(separator: "  ") + "]"
        }.joined(separator: "\n")
    }

    /// The matrix as a LaTeX `bmatrix`, entries rendered by `latex`.
    ///
    ///     m.latex { $0.description }   // \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}
    public func latex(_ latex: (Element) -> String) -> String {
        let body = rowList.map { $0.map(latex).joined(separator: " & ") }.joined(separator: " \\\\ ")
        return "\\begin{bmatrix} " + body + " \\end{bmatrix}"
    }
}

extension Matrix: CustomStringConvertible where Element: CustomStringConvertible {
    /// Aligned rows, as ``formatted(_:)`` with each entry's description.
    public var description: String { formatted { $0.description } }
}
