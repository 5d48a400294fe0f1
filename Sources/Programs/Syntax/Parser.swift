import AutoDiff
import Exact

// Recursive descent over the token list. Grammar (one statement per line):
//
//     statement  = "param" name "=" expr
//                | "input" decl ("," decl)*          decl = name ("[" expr "]")?
//                | name ("[" expr "]")? "=" expr
//                | "for" name "=" expr ".." expr NEWLINE statement* "end"
//                | "output" name ("," name)*
//     expr       = term (("+" | "-") term)*
//     term       = unary (("*" | "/") unary)*
//     unary      = "-" unary | power
//     power      = atom (("^" | "**") unary)?           right-associative; -x^2 = -(x^2)
//     atom       = number | name | name "[" expr "]" | function "(" expr ")"
//                | ("sum" | "prod") "(" name "=" expr ".." expr "," expr ")" | "(" expr ")"

struct Parser {
    let lexer: Lexer
    let tokens: [Token]
    var position = 0

    init(_ text: String) throws(ProgramError) {
        lexer = Lexer(text)
        tokens = try lexer.tokens()
    }

    static let keywords: Set<String> = ["param", "input", "for", "end", "output", "sum", "prod"]

    var current: Token { tokens[position] }

    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func error(_ message: String, at location: SourceLocation) -> ProgramError { lexer.error(message, at: location) }

    func unexpected(_ expected: String) -> ProgramError {
        error("expected \(expected), found \(current.shown)", at: current.location)
    }

    mutating func expect(_ kind: TokenKind, _ what: String) throws(ProgramError) {
        guard current.kind == kind else { throw unexpected(what) }
        advance()
    }

    mutating func name(_ what: String = "a name") throws(ProgramError) -> (String, SourceLocation) {
        guard case .identifier(let s) = current.kind, !Self.keywords.contains(s) else { throw unexpected(what) }
        let l = current.location
        advance()
        return (s, l)
    }

    mutating func skipBlankLines() {
        while current.kind == .newline { advance() }
    }

    mutating func endOfLine() throws(ProgramError) {
        guard current.kind == .newline || current.kind == .end else { throw unexpected("the end of the line") }
        advance()
    }

    /// The whole program.
    mutating func program() throws(ProgramError) -> [Statement] {
        var out: [Statement] = []
        skipBlankLines()
        while current.kind != .end {
            if case .identifier("end") = current.kind { throw error("'end' without 'for'", at: current.location) }
            out.append(try statement())
            skipBlankLines()
        }
        return out
    }

    mutating func statement() throws(ProgramError) -> Statement {
        let start = current.location
        guard case .identifier(let word) = current.kind else { throw unexpected("a statement") }
        switch word {
        case "param":
            advance()
            let (n, l) = try name("a parameter name")
            try expect(.equals, "'='")
            let value = try expression()
            try endOfLine()
            return .param(name: n, value: value, l)
        case "input":
            advance()
            var decls: [InputDeclaration] = []
            repeat {
                if !decls.isEmpty { advance() }
                let (n, l) = try name("an input name")
                var length: Node?
                if current.kind == .leftBracket {
                    advance()
                    length = try expression()
                    try expect(.rightBracket, "']'")
                }
                decls.append(InputDeclaration(name: n, length: length, location: l))
            } while current.kind == .comma
            try endOfLine()
            return .input(decls)
        case "output":
            advance()
            var names: [(name: String, location: SourceLocation)] = []
            repeat {
                if !names.isEmpty { advance() }
                let (n, l) = try name("an output name")
                names.append((n, l))
            } while current.kind == .comma
            try endOfLine()
            return .output(names)
        case "for":
            advance()
            let (index, _) = try name("a loop index")
            try expect(.equals, "'='")
            let from = try expression()
            try expect(.dots, "'..'")
            let to = try expression()
            try endOfLine()
            var body: [Statement] = []
            skipBlankLines()
            while true {
                if case .identifier("end") = current.kind { break }
                if current.kind == .end { throw error("'for' without 'end'", at: start) }
                body.append(try statement())
                skipBlankLines()
            }
            advance()
            try endOfLine()
            return .loop(index: index, from: from, to: to, body: body, start)
        default:
            let (n, l) = try name("a statement")
            var index: Node?
            if current.kind == .leftBracket {
                advance()
                index = try expression()
                try expect(.rightBracket, "']'")
            }
            try expect(.equals, "'='")
            let value = try expression()
            try endOfLine()
            return .assign(name: n, index: index, value: value, l)
        }
    }

    mutating func expression() throws(ProgramError) -> Node {
        var left = try term()
        while true {
            let l = current.location
            if current.kind == .plus {
                advance()
                left = .binary(.add, left, try term(), l)
            } else if current.kind == .minus {
                advance()
                left = .binary(.subtract, left, try term(), l)
            } else {
                return left
            }
        }
    }

    mutating func term() throws(ProgramError) -> Node {
        var left = try unary()
        while true {
            let l = current.location
            if current.kind == .star {
                advance()
                left = .binary(.multiply, left, try unary(), l)
            } else if current.kind == .slash {
                advance()
                left = .binary(.divide, left, try unary(), l)
            } else {
                return left
            }
        }
    }

    mutating func unary() throws(ProgramError) -> Node {
        if current.kind == .minus {
            let l = current.location
            advance()
            return .negate(try unary(), l)
        }
        if current.kind == .plus {
            advance()
            return try unary()
        }
        return try power()
    }

    mutating func power() throws(ProgramError) -> Node {
        let base = try atom()
        guard current.kind == .caret else { return base }
        let l = current.location
        advance()
        return .binary(.power, base, try unary(), l)
    }

    mutating func atom() throws(ProgramError) -> Node {
        let l = current.location
        switch current.kind {
        case .number(let r):
            advance()
            return .number(r, l)
        case .leftParen:
            advance()
            let e = try expression()
            try expect(.rightParen, "')'")
            return e
        case .identifier(let word):
            if word == "sum" || word == "prod" {
                advance()
                try expect(.leftParen, "'(' after '\(word)'")
                let (index, _) = try name("an index name")
                try expect(.equals, "'='")
                let from = try expression()
                try expect(.dots, "'..'")
                let to = try expression()
                try expect(.comma, "','")
                let body = try expression()
                try expect(.rightParen, "')'")
                return .reduction(word == "sum" ? .sum : .product, index: index, from: from, to: to, body: body, l)
            }
            if let f = UnaryFunction.allCases.first(where: { $0.description == word }) {
                advance()
                guard current.kind == .leftParen else {
                    throw error("'\(word)' is a function: write \(word)(…)", at: l)
                }
                advance()
                let u = try expression()
                try expect(.rightParen, "')'")
                return .call(f, u, l)
            }
            let (n, _) = try name("an expression")
            if current.kind == .leftBracket {
                advance()
                let index = try expression()
                try expect(.rightBracket, "']'")
                return .element(n, index, l)
            }
            if current.kind == .leftParen { throw error("unknown function '\(n)'", at: l) }
            return .name(n, l)
        case .plus, .minus, .star, .slash, .caret, .rightParen, .leftBracket, .rightBracket, .comma, .equals, .dots,
            .newline, .end:
            throw unexpected("an expression")
        }
    }
}
