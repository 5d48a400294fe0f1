import Exact

// A precedence-climbing parser for the expression syntax (Docs/CLI.md, "Conventions"):
//
//     expression = term (("+" | "-") term)*
//     term       = "-"* power (("*" | "/") unary)*  (the minus negates the whole product)
//     unary      = "-"* power                      (so -x^2 = -(x^2))
//     power      = primary ("^" unary)?            (right-associative: x^y^z = x^(y^z); 2^-1)
//     primary    = number | identifier | identifier "(" arguments ")" | "(" expression ")"
//
// Sums and products are collected n-ary and built once (O(k log k) for k operands); runs of
// unary minus are counted, not recursed. Only parentheses, call arguments and the right
// operand of ^ recurse, and each of them counts against `maximumDepth`, so no input can
// exhaust the stack: it gets a `ParseError` instead.
//
// Numbers get a budget for the same reason: a power of a number is folded (3^100 is a
// 48-digit integer), and sums and products of the folded numbers combine them, so a short
// input such as 3^(2^24)*5^(2^24)*7^(2^24)*… could ask for gigabytes. Every literal and every
// number a power folds (a number, or a product's coefficient) is charged its size in bits;
// + − × ÷ of numbers make nothing larger than the sum of their operands' sizes (plus one
// bit), so once the total stays within `ExactLimits.maximumBitWidth` every number the parse
// builds does too. Past it, the parse throws, naming the power or literal that went over.

extension Expr {
    /// The default bound on nesting (parentheses, calls and `^` chains) for ``parse(_:maximumDepth:)``.
    public static let defaultMaximumParseDepth = 200

    /// Parses `text` in the expression syntax and builds the canonical `Expr`.
    ///
    ///     try Expr.parse("2*x + x - 1/2")   // 3*x - 1/2
    ///
    /// Syntax: `+ - * / ^` (and `**` for `^`), unary minus, parentheses; numbers are read
    /// exactly (`0.25` is 1/4, `1e-3` is 1/1000); identifiers `[A-Za-z_][A-Za-z0-9_]*`; calls
    /// of `sin cos tan exp log sqrt atan asin acos sinh cosh tanh abs`, one argument each
    /// (`sqrt(u)` is `u^(1/2)`). `^` is right-associative and binds tighter than unary minus.
    ///
    /// - Throws: ``ParseError`` naming the columns of the first problem: an unexpected or
    ///   missing token, an unknown function, a wrong number of arguments, a bad number, or
    ///   nesting deeper than `maximumDepth` levels (parentheses, calls and `^` chains).
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumParseDepth) throws(ParseError) -> Expr {
        var parser = Parser(input: text, tokens: try Lexer.tokens(of: text), maximumDepth: maximumDepth)
        return try parser.parseAll()
    }
}

struct Parser {
    let input: String
    let tokens: [Token]
    let maximumDepth: Int
    var position = 0
    var depth = 0
    /// Bits of the numbers written or folded so far (see the header).
    var numericBits = 0
    let numericLimit = ExactLimits.maximumBitWidth

    init(input: String, tokens: [Token], maximumDepth: Int) {
        self.input = input
        self.tokens = tokens
        self.maximumDepth = maximumDepth
    }

    var current: Token { tokens[position] }

    func error(_ message: String, at token: Token) -> ParseError {
        ParseError(input: input, columns: token.columns, message: message)
    }

    mutating func parseAll() throws(ParseError) -> Expr {
        if case .end = current.kind { throw error("empty expression", at: current) }
        let e = try parseExpression()
        switch current.kind {
        case .end: return e
        case .rightParen: throw error("unmatched ')'", at: current)
        case .number, .identifier, .leftParen:
            throw error("missing operator before \(current.quoted) (write * for multiplication)", at: current)
        default: throw error("unexpected \(current.quoted)", at: current)
        }
    }

    mutating func parseExpression() throws(ParseError) -> Expr {
        var sum = SumBuilder()
        sum.add(try parseTerm())
        while true {
            switch current.kind {
            case .plus:
                position += 1
                sum.add(try parseTerm())
            case .minus:
                position += 1
                sum.add(try parseTerm(), times: Rational(-1))
            default:
                return sum.build()
            }
        }
    }

    /// A term: leading minus signs negate the whole product (−a·b = −(a·b), the same value
    /// as (−a)·b, but it keeps a printed `-(x + 1)*y` from distributing into the sum).
    mutating func parseTerm() throws(ParseError) -> Expr {
        var negative = false
        while current.kind == .minus {
            negative.toggle()
            position += 1
        }
        let first = try parsePower()
        guard current.kind == .star || current.kind == .slash else { return negative ? -first : first }
        var product = ProductBuilder()
        product.multiply(by: first)
        while true {
            switch current.kind {
            case .star:
                position += 1
                product.multiply(by: try parseUnary())
            case .slash:
                position += 1
                product.multiply(by: Expr.power(try parseUnary(), .minusOne))
            default:
                if negative { product.coefficient = -product.coefficient }
                return product.build()
            }
        }
    }

    mutating func parseUnary() throws(ParseError) -> Expr {
        var negative = false
        while current.kind == .minus {
            negative.toggle()
            position += 1
        }
        let e = try parsePower()
        return negative ? -e : e
    }

    mutating func parsePower() throws(ParseError) -> Expr {
        let start = current
        let base = try parsePrimary()
        guard current.kind == .caret else { return base }
        try enter(at: current)
        position += 1
        let exponent = try parseUnary()
        depth -= 1
        let result = Expr.power(base, exponent)
        let folded: Rational? = switch result.kind {
        case .number(let r): r
        case .product(let c, _): c
        default: nil
        }
        if let folded, folded.inlineParts == nil {
            let end = tokens[position - 1].columns.upperBound
            try charge(folded.bitWidth, columns: start.columns.lowerBound..<end)
        }
        return result
    }

    /// Adds `bits` to the numbers' budget (see the header).
    mutating func charge(_ bits: Int, columns: Range<Int>) throws(ParseError) {
        numericBits += bits
        if numericBits > numericLimit {
            throw ParseError(
                input: input, columns: columns,
                message: "numbers too large: this expression's numbers need about \(numericBits) bits, the limit is \(numericLimit) bits")
        }
    }

    mutating func enter(at token: Token) throws(ParseError) {
        depth += 1
        if depth > maximumDepth {
            throw error("expression nested too deeply (more than \(maximumDepth) levels)", at: token)
        }
    }

    mutating func parsePrimary() throws(ParseError) -> Expr {
        let token = current
        switch token.kind {
        case .number(let r):
            position += 1
            if r.inlineParts == nil { try charge(r.bitWidth, columns: token.columns) }
            return Expr(r)
        case .identifier(let name):
            position += 1
            if current.kind == .leftParen { return try parseCall(name, at: token) }
            if ElementaryFunction(name: name) != nil || name == "sqrt" {
                throw error("'\(name)' is a function: write \(name)(...)", at: token)
            }
            return Expr(Symbol(name))
        case .leftParen:
            try enter(at: token)
            position += 1
            let e = try parseExpression()
            guard current.kind == .rightParen else {
                throw error("expected ')' to close the '(' at column \(token.columns.lowerBound + 1), found \(current.quoted)", at: current)
            }
            position += 1
            depth -= 1
            return e
        case .end:
            throw error("unexpected end of input, expected an expression", at: token)
        default:
            throw error("expected an expression, found \(token.quoted)", at: token)
        }
    }

    mutating func parseCall(_ name: String, at nameToken: Token) throws(ParseError) -> Expr {
        let function = ElementaryFunction(name: name)
        if function == nil && name != "sqrt" { throw error("unknown function '\(name)'", at: nameToken) }
        let open = current
        try enter(at: open)
        position += 1
        var arguments: [Expr] = []
        if current.kind != .rightParen {
            arguments.append(try parseExpression())
            while current.kind == .comma {
                position += 1
                arguments.append(try parseExpression())
            }
        }
        guard current.kind == .rightParen else {
            throw error("expected ')' to close the call of \(name) at column \(open.columns.lowerBound + 1), found \(current.quoted)", at: current)
        }
        let close = current
        position += 1
        depth -= 1
        guard arguments.count == 1 else {
            let columns = nameToken.columns.lowerBound..<close.columns.upperBound
            throw ParseError(input: input, columns: columns,
                             message: "\(name) takes 1 argument, got \(arguments.count)")
        }
        if let f = function { return Expr.call(f, arguments[0]) }
        return Expr.sqrt(arguments[0])
    }
}
