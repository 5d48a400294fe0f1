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
    /// The height of the syntax tree the last expression function returned (a name: 1).
    var height = 0
    /// How deeply the expression functions are calling each other now.
    var nesting = 0
    /// How many `for` loops enclose the statement being parsed.
    var loops = 0

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

    /// Throws when `levels` of nesting (the parser's own recursion) are past
    /// `ProgramLimits.maximumNesting`.
    func checkNesting(_ levels: Int) throws(ProgramError) {
        let limit = ProgramLimits.maximumNesting
        if levels > limit {
            throw error("nested too deeply: more than \(limit) levels (ProgramLimits.maximumNesting)", at: current.location)
        }
    }

    /// Throws when a syntax tree's height plus the loops around it is past
    /// `ProgramLimits.maximumDepth` (the tree is never built higher than the limit, so nothing
    /// recursive ever walks a deeper one).
    func checkDepth(_ levels: Int) throws(ProgramError) {
        let limit = ProgramLimits.maximumDepth
        if levels > limit {
            throw error("the syntax tree is too deep: more than \(limit) levels (ProgramLimits.maximumDepth)", at: current.location)
        }
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
            loops += 1
            defer { loops -= 1 }
            try checkNesting(loops)
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
        var h = height
        while true {
            let l = current.location
            let op: BinaryOperator
            if current.kind == .plus {
                op = .add
            } else if current.kind == .minus {
                op = .subtract
            } else {
                height = h
                return left
            }
            advance()
            let right = try term()
            h = max(h, height) + 1
            try checkDepth(h + loops)
            left = .binary(op, left, right, l)
        }
    }

    mutating func term() throws(ProgramError) -> Node {
        var left = try unary()
        var h = height
        while true {
            let l = current.location
            let op: BinaryOperator
            if current.kind == .star {
                op = .multiply
            } else if current.kind == .slash {
                op = .divide
            } else {
                height = h
                return left
            }
            advance()
            let right = try unary()
            h = max(h, height) + 1
            try checkDepth(h + loops)
            left = .binary(op, left, right, l)
        }
    }

    /// Every level of nesting (parentheses, calls, indices, unary signs, `^`) passes
    /// through here, so `nesting` bounds the parser's own recursion.
    mutating func unary() throws(ProgramError) -> Node {
        nesting += 1
        defer { nesting -= 1 }
        try checkNesting(nesting + loops)
        if current.kind == .minus {
            let l = current.location
            advance()
            let u = try unary()
            height += 1
            try checkDepth(height + loops)
            return .negate(u, l)
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
        let h = height
        let l = current.location
        advance()
        let exponent = try unary()
        height = max(h, height) + 1
        try checkDepth(height + loops)
        return .binary(.power, base, exponent, l)
    }

    /// An atom. The cases that build a node live in their own functions, so that the frame
    /// of this one, on the stack once per level of parentheses, stays small.
    mutating func atom() throws(ProgramError) -> Node {
        switch current.kind {
        case .number(let r):
            let l = current.location
            advance()
            height = 1
            return .number(r, l)
        case .leftParen:
            advance()
            let e = try expression()
            try expect(.rightParen, "')'")
            return e
        case .identifier(let word):
            if word == "sum" || word == "prod" { return try reduction(word) }
            if let f = UnaryFunction.allCases.first(where: { $0.description == word }) { return try call(f) }
            return try nameOrElement()
        case .plus, .minus, .star, .slash, .caret, .rightParen, .leftBracket, .rightBracket, .comma, .equals, .dots,
            .newline, .end:
            throw unexpected("an expression")
        }
    }

    /// `sum(i = a..b, body)` or `prod(…)`, at the keyword.
    @inline(never)
    mutating func reduction(_ word: String) throws(ProgramError) -> Node {
        let l = current.location
        advance()
        try expect(.leftParen, "'(' after '\(word)'")
        let (index, _) = try name("an index name")
        try expect(.equals, "'='")
        let from = try expression()
        let h = height
        try expect(.dots, "'..'")
        let to = try expression()
        let h2 = height
        try expect(.comma, "','")
        let body = try expression()
        try expect(.rightParen, "')'")
        height = max(h, h2, height) + 1
        try checkDepth(height + loops)
        return .reduction(word == "sum" ? .sum : .product, index: index, from: from, to: to, body: body, l)
    }

    /// `f(u)`, at the function's name.
    @inline(never)
    mutating func call(_ f: UnaryFunction) throws(ProgramError) -> Node {
        let l = current.location
        advance()
        guard current.kind == .leftParen else {
            throw error("'\(f.description)' is a function: write \(f.description)(…)", at: l)
        }
        advance()
        let u = try expression()
        try expect(.rightParen, "')'")
        height += 1
        try checkDepth(height + loops)
        return .call(f, u, l)
    }

    /// `x` or `x[index]`.
    @inline(never)
    mutating func nameOrElement() throws(ProgramError) -> Node {
        let l = current.location
        let (n, _) = try name("an expression")
        if current.kind == .leftBracket {
            advance()
            let index = try expression()
            try expect(.rightBracket, "']'")
            height += 1
            try checkDepth(height + loops)
            return .element(n, index, l)
        }
        if current.kind == .leftParen { throw error("unknown function '\(n)'", at: l) }
        height = 1
        return .name(n, l)
    }
}
