import Exact

/// A token of the expression syntax, with its columns (offsets in Unicode scalars).
struct Token {
    enum Kind: Equatable {
        case number(Rational)
        case identifier(String)
        case plus, minus, star, slash, caret, leftParen, rightParen, comma, end
    }

    let kind: Kind
    let columns: Range<Int>

    /// How the token reads in an error message.
    var quoted: String {
        switch kind {
        case .number(let r): return "number \(ErrorText.clipped(r.description, width: 40))"
        case .identifier(let name): return "'\(ErrorText.clipped(name, width: 40))'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .caret: return "'^'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .end: return "end of input"
        }
    }
}

/// Splits the input into tokens; `**` is read as `^`; numbers are read exactly.
enum Lexer {
    static func tokens(of input: String) throws(ParseError) -> [Token] {
        let s = Array(input.unicodeScalars)
        var out: [Token] = []
        out.reserveCapacity(s.count / 2 + 1)
        var i = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
        func isLetter(_ c: Unicode.Scalar) -> Bool {
            (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) || c == "_"
        }
        while i < s.count {
            let c = s[i]
            let start = i
            func single(_ k: Token.Kind) {
                out.append(Token(kind: k, columns: start..<start + 1))
                i += 1
            }
            switch c {
            case " ", "\t", "\n", "\r": i += 1
            case "+": single(.plus)
            case "-": single(.minus)
            case "/": single(.slash)
            case "^": single(.caret)
            case "(": single(.leftParen)
            case ")": single(.rightParen)
            case ",": single(.comma)
            case "*":
                if i + 1 < s.count && s[i + 1] == "*" {
                    out.append(Token(kind: .caret, columns: start..<start + 2))
                    i += 2
                } else {
                    single(.star)
                }
            default:
                if isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])) {
                    while i < s.count && isDigit(s[i]) { i += 1 }
                    if i < s.count && s[i] == "." {
                        i += 1
                        while i < s.count && isDigit(s[i]) { i += 1 }
                    }
                    // An exponent only when digits follow, so that "2e" is 2 then 'e'.
                    if i < s.count, s[i] == "e" || s[i] == "E" {
                        var j = i + 1
                        if j < s.count && (s[j] == "+" || s[j] == "-") { j += 1 }
                        if j < s.count && isDigit(s[j]) {
                            i = j
                            while i < s.count && isDigit(s[i]) { i += 1 }
                        }
                    }
                    var text = String.UnicodeScalarView()
                    text.append(contentsOf: s[start..<i])
                    let lexeme = String(text)
                    do {
                        out.append(Token(kind: .number(try Rational(parsing: lexeme)), columns: start..<i))
                    } catch {
                        throw ParseError(
                            input: input, columns: start..<i, message: "invalid number '\(ErrorText.clipped(lexeme, width: 40))': \(error.reason)")
                    }
                } else if isLetter(c) {
                    while i < s.count && (isLetter(s[i]) || isDigit(s[i])) { i += 1 }
                    var text = String.UnicodeScalarView()
                    text.append(contentsOf: s[start..<i])
                    out.append(Token(kind: .identifier(String(text)), columns: start..<i))
                } else {
                    throw ParseError(input: input, columns: start..<start + 1, message: "unexpected character '\(c)'")
                }
            }
        }
        out.append(Token(kind: .end, columns: s.count..<s.count + 1))
        return out
    }
}
