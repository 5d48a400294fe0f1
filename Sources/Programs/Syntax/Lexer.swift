import Exact

// The program language's tokens. A program is read line by line: a newline ends a
// statement (inside brackets or parentheses too: statements never span lines), `#` starts
// a comment. Numbers are read exactly (`0.25` is 1/4); `1..n` is the integer 1, `..`, `n`.

enum TokenKind: Equatable {
    case number(Rational)
    case identifier(String)
    case plus, minus, star, slash, caret, leftParen, rightParen, leftBracket, rightBracket, comma, equals, dots
    case newline
    case end
}

struct Token {
    let kind: TokenKind
    let location: SourceLocation

    /// How the token is shown in an error message.
    var shown: String {
        switch kind {
        case .number(let r): "'\(r)'"
        case .identifier(let s): "'\(s)'"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .caret: "'^'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .equals: "'='"
        case .dots: "'..'"
        case .newline: "the end of the line"
        case .end: "the end of the program"
        }
    }
}

struct Lexer: Sendable {
    let lines: [String]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }

    func error(_ message: String, at location: SourceLocation) -> ProgramError {
        let quoted = lines.indices.contains(location.line - 1) ? lines[location.line - 1] : ""
        return ProgramError(message, at: location, sourceLine: quoted)
    }

    /// Every token of the program, a `.newline` after each line, `.end` last.
    func tokens() throws(ProgramError) -> [Token] {
        var out: [Token] = []
        for (l, line) in lines.enumerated() {
            let s = Array(line.unicodeScalars)
            var i = 0
            func at(_ k: Int) -> SourceLocation { SourceLocation(line: l + 1, column: k + 1) }
            lineLoop: while i < s.count {
                let c = s[i]
                let start = i
                func add(_ kind: TokenKind, _ width: Int = 1) {
                    out.append(Token(kind: kind, location: at(start)))
                    i += width
                }
                switch c {
                case " ", "\t": i += 1
                case "#": break lineLoop
                case "+": add(.plus)
                case "-": add(.minus)
                case "*": if i + 1 < s.count && s[i + 1] == "*" { add(.caret, 2) } else { add(.star) }
                case "/": add(.slash)
                case "^": add(.caret)
                case "(": add(.leftParen)
                case ")": add(.rightParen)
                case "[": add(.leftBracket)
                case "]": add(.rightBracket)
                case ",": add(.comma)
                case "=": add(.equals)
                case ".":
                    if i + 1 < s.count && s[i + 1] == "." {
                        add(.dots, 2)
                    } else if i + 1 < s.count && Self.isDigit(s[i + 1]) {
                        try number(s, &i, l, &out)
                    } else {
                        throw error("unexpected '.'", at: at(i))
                    }
                default:
                    if Self.isDigit(c) {
                        try number(s, &i, l, &out)
                    } else if Self.isLetter(c) {
                        while i < s.count && (Self.isLetter(s[i]) || Self.isDigit(s[i])) { i += 1 }
                        out.append(Token(kind: .identifier(String(String.UnicodeScalarView(s[start..<i]))), location: at(start)))
                    } else {
                        throw error("unexpected '\(c)'", at: at(i))
                    }
                }
            }
            out.append(Token(kind: .newline, location: at(s.count)))
        }
        out.append(Token(kind: .end, location: SourceLocation(line: max(lines.count, 1), column: 1)))
        return out
    }

    /// digits ("." digits)? (e sign? digits)?, read exactly; `1..n` leaves the dots alone.
    private func number(_ s: [Unicode.Scalar], _ i: inout Int, _ l: Int, _ out: inout [Token]) throws(ProgramError) {
        let start = i
        while i < s.count && Self.isDigit(s[i]) { i += 1 }
        if i + 1 < s.count && s[i] == "." && Self.isDigit(s[i + 1]) {
            i += 1
            while i < s.count && Self.isDigit(s[i]) { i += 1 }
        } else if i < s.count && s[i] == "." && !(i + 1 < s.count && s[i + 1] == ".") {
            i += 1  // `2.` is 2
        }
        if i < s.count && (s[i] == "e" || s[i] == "E") {
            var k = i + 1
            if k < s.count && (s[k] == "+" || s[k] == "-") { k += 1 }
            if k < s.count && Self.isDigit(s[k]) {
                while k < s.count && Self.isDigit(s[k]) { k += 1 }
                i = k
            }
        }
        let text = String(String.UnicodeScalarView(s[start..<i]))
        let location = SourceLocation(line: l + 1, column: start + 1)
        do {
            out.append(Token(kind: .number(try Rational(parsing: text)), location: location))
        } catch {
            throw self.error("bad number '\(text)'", at: location)
        }
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) || c == "_"
    }
}
