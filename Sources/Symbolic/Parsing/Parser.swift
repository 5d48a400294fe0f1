import Exact

// An operator-precedence parser for the expression syntax (Docs/CLI.md, "Conventions"), with an explicit stack:
//
//     expression = term (("+" | "-") term)*
//     term       = "-"* power (("*" | "/") unary)*  (the minus negates the whole product)
//     unary      = "-"* power                      (so -x^2 = -(x^2))
//     power      = primary ("^" unary)?            (right-associative: x^y^z = x^(y^z); 2^-1)
//     primary    = number | identifier | identifier "(" arguments ")" | "(" expression ")"
//
// Each rule that waits for an operand is a `Frame` on a heap-allocated stack, not a Swift
// call, so nesting is bounded by the input's length (`ParseLimits`), never by the thread's
// stack: `sin(` 10⁵ times parses on a 512 KiB stack. Sums and products are collected n-ary
// and built once (O(k log k) for k operands).
//
// Undefined constants (`1/0`, `0/0`, `0^(-1)`, `0^0`, `log(0)`, `sqrt(-1)`, `asin(2)`) are
// caught here, on each operation's canonical operands before they combine, because the
// constructors fold some of them away (0·0^(-1) = 0); the error quotes the text as written.
//
// Numbers get a budget: a power of a number is folded (3^100 is a 48-digit integer), and
// sums and products of the folded numbers combine them, so a short input such as
// 3^(2^24)*5^(2^24)*7^(2^24)*… could ask for gigabytes. Every literal and every number a
// power folds (a number, or a product's coefficient) is charged its size in bits; + − × ÷
// of numbers make nothing larger than the sum of their operands' sizes (plus one bit), so
// once the total stays within `ExactLimits.maximumBitWidth` every number the parse builds
// does too. Past it, the parse throws, naming the power or literal that went over.

extension Expr {
    /// The default bound on nesting (parentheses, calls and `^` chains) for
    /// ``parse(_:maximumDepth:)``: ``ParseLimits/defaultMaximumDepth``.
    public static let defaultMaximumParseDepth = ParseLimits.defaultMaximumDepth

    /// Parses `text` in the expression syntax and builds the canonical `Expr`.
    ///
    ///     try Expr.parse("2*x + x - 1/2")   // 3*x - 1/2
    ///
    /// Syntax: `+ - * / ^` (and `**` for `^`), unary minus, parentheses; numbers are read
    /// exactly (`0.25` is 1/4, `1e-3` is 1/1000); identifiers `[A-Za-z_][A-Za-z0-9_]*`; calls
    /// of `sin cos tan exp log sqrt atan asin acos sinh cosh tanh abs`, one argument each
    /// (`sqrt(u)` is `u^(1/2)`). `^` is right-associative and binds tighter than unary minus.
    /// Iterative: any nesting within the input-length limit parses.
    ///
    /// - Throws: ``ParseError`` naming the columns of the first problem: an unexpected or
    ///   missing token, an unknown function, a wrong number of arguments, a bad number, a
    ///   constant subexpression without a value (``ParseError/undefinedConstant``: `1/0`,
    ///   `0/0`, `0^(-1)`, `0^0`, `log(0)`, `log(-1)`, `sqrt(-1)`, `asin(2)`), input longer than
    ///   ``ParseLimits/maximumInputLength``, nesting deeper than `maximumDepth` levels, or
    ///   numbers larger than `ExactLimits.maximumBitWidth` bits in all.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumParseDepth) throws(ParseError) -> Expr {
        let length = text.unicodeScalars.count
        let limit = ParseLimits.maximumInputLength
        if length > limit {
            throw ParseError(
                input: text, columns: limit..<length,
                message: "input too long: \(length) characters, the limit (ParseLimits.maximumInputLength) is \(limit)")
        }
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

    /// What to read next.
    enum Goal { case expression, term, unary, power, primary }

    /// A rule waiting for the value of its next operand. `start` is the index of the rule's
    /// first token (for the columns of an error).
    enum Frame {
        case sum(Accumulator<SumBuilder>, sign: Rational)
        case term(negative: Bool, start: Int)
        case product(Accumulator<ProductBuilder>, negative: Bool, start: Int, dividing: Bool)
        case negate(Bool)
        case powerBase(start: Int)
        case exponent(base: Expr, start: Int)
        case parenthesis(open: Token)
        case call(name: String, nameToken: Token, open: Token, arguments: [Expr])
    }

    /// A sum's or product's builder, held by reference: the frame goes off the stack and
    /// back for every operand, and a builder held by value in it would copy its dictionary
    /// each time, O(n²) for n terms (a 10⁵-term sum took minutes).
    final class Accumulator<Builder> {
        var builder: Builder
        init(_ builder: Builder) { self.builder = builder }
    }

    init(input: String, tokens: [Token], maximumDepth: Int) {
        self.input = input
        self.tokens = tokens
        self.maximumDepth = maximumDepth
    }

    var current: Token { tokens[position] }

    func error(_ message: String, at token: Token) -> ParseError {
        ParseError(input: input, columns: token.columns, message: message)
    }

    /// The columns from token `start` through the last token read.
    func span(from start: Int) -> Range<Int> {
        tokens[start].columns.lowerBound..<tokens[max(start, position - 1)].columns.upperBound
    }

    /// The input's text in `columns`.
    func text(_ columns: Range<Int>) -> String {
        let scalars = input.unicodeScalars
        let lower = scalars.index(scalars.startIndex, offsetBy: columns.lowerBound)
        let upper = scalars.index(lower, offsetBy: columns.count)
        return String(scalars[lower..<upper])
    }

    func undefined(_ reason: UndefinedConstant.Reason, _ columns: Range<Int>) -> ParseError {
        ParseError(input: input, columns: columns, undefined: UndefinedConstant(reason, subexpression: text(columns)))
    }

    mutating func parseAll() throws(ParseError) -> Expr {
        if case .end = current.kind { throw error("empty expression", at: current) }
        var frames: [Frame] = []
        var goal: Goal? = .expression
        var value = Expr.zero
        while true {
            if let g = goal {
                goal = try descend(g, frames: &frames, value: &value)
                continue
            }
            guard let frame = frames.popLast() else { break }
            goal = try deliver(value, to: frame, frames: &frames, value: &value)
        }
        switch current.kind {
        case .end: return value
        case .rightParen: throw error("unmatched ')'", at: current)
        case .number, .identifier, .leftParen:
            throw error("missing operator before \(current.quoted) (write * for multiplication)", at: current)
        case .plus, .minus, .star, .slash, .caret, .comma: throw error("unexpected \(current.quoted)", at: current)
        }
    }

    /// Starts reading `goal`: pushes the frames that wait for its parts; returns the next
    /// goal, or `nil` when a value (a number or a symbol) was read into `value`.
    mutating func descend(_ goal: Goal, frames: inout [Frame], value: inout Expr) throws(ParseError) -> Goal? {
        switch goal {
        case .expression:
            frames.append(.sum(Accumulator(SumBuilder()), sign: .one))
            return .term
        case .term:
            let start = position
            frames.append(.term(negative: skipMinusSigns(), start: start))
            return .power
        case .unary:
            frames.append(.negate(skipMinusSigns()))
            return .power
        case .power:
            frames.append(.powerBase(start: position))
            return .primary
        case .primary:
            let token = current
            switch token.kind {
            case .number(let r):
                position += 1
                if r.inlineParts == nil { try charge(r.bitWidth, columns: token.columns) }
                value = Expr(r)
                return nil
            case .identifier(let name):
                position += 1
                if current.kind == .leftParen {
                    if ElementaryFunction(name: name) == nil && name != "sqrt" {
                        throw error("unknown function '\(ErrorText.clipped(name, width: 40))'", at: token)
                    }
                    let open = current
                    try enter(at: open)
                    position += 1
                    if current.kind == .rightParen {
                        position += 1
                        depth -= 1
                        value = try call(name, nameToken: token, arguments: [])
                        return nil
                    }
                    frames.append(.call(name: name, nameToken: token, open: open, arguments: []))
                    return .expression
                }
                if ElementaryFunction(name: name) != nil || name == "sqrt" {
                    throw error("'\(name)' is a function: write \(name)(...)", at: token)
                }
                // `pi` and `E` are the constants (SymPy's spelling); every other name is a variable.
                value = NamedConstant(identifier: name)?.value ?? Expr(Symbol(name))
                return nil
            case .leftParen:
                try enter(at: token)
                position += 1
                frames.append(.parenthesis(open: token))
                return .expression
            case .end:
                throw error("unexpected end of input, expected an expression", at: token)
            case .plus, .minus, .star, .slash, .caret, .rightParen, .comma:
                throw error("expected an expression, found \(token.quoted)", at: token)
            }
        }
    }

    /// Gives `v` to the rule that waited for it; returns the next goal, or `nil` when that
    /// rule is complete too (its value is then in `value`, for the frame below).
    mutating func deliver(_ v: Expr, to frame: Frame, frames: inout [Frame], value: inout Expr) throws(ParseError) -> Goal? {
        switch frame {
        case .powerBase(let start):
            guard current.kind == .caret else {
                value = v
                return nil
            }
            try enter(at: current)
            position += 1
            frames.append(.exponent(base: v, start: start))
            return .unary
        case .exponent(let base, let start):
            depth -= 1
            let columns = span(from: start)
            if let reason = UndefinedConstant.Reason.of(base: base, exponent: v) { throw undefined(reason, columns) }
            value = try chargedPower(base, v, columns: columns)
            return nil
        case .negate(let negative):
            value = negative ? -v : v
            return nil
        case .term(let negative, let start):
            guard current.kind == .star || current.kind == .slash else {
                value = negative ? -v : v
                return nil
            }
            var product = ProductBuilder()
            product.multiply(by: v)
            frames.append(.product(Accumulator(product), negative: negative, start: start, dividing: current.kind == .slash))
            position += 1
            return .unary
        case .product(let product, let negative, let start, let dividing):
            if dividing {
                if v.isZero { throw undefined(.divisionByZero, span(from: start)) }
                product.builder.multiply(by: Expr.power(v, .minusOne))
            } else {
                product.builder.multiply(by: v)
            }
            guard current.kind == .star || current.kind == .slash else {
                if negative { product.builder.coefficient = -product.builder.coefficient }
                value = product.builder.build()
                return nil
            }
            frames.append(.product(product, negative: negative, start: start, dividing: current.kind == .slash))
            position += 1
            return .unary
        case .sum(let sum, let sign):
            sum.builder.add(v, times: sign)
            guard current.kind == .plus || current.kind == .minus else {
                value = sum.builder.build()
                return nil
            }
            frames.append(.sum(sum, sign: current.kind == .plus ? .one : Rational(-1)))
            position += 1
            return .term
        case .parenthesis(let open):
            guard current.kind == .rightParen else {
                throw error("expected ')' to close the '(' at column \(open.columns.lowerBound + 1), found \(current.quoted)", at: current)
            }
            position += 1
            depth -= 1
            value = v
            return nil
        case .call(let name, let nameToken, let open, var arguments):
            arguments.append(v)
            switch current.kind {
            case .comma:
                position += 1
                frames.append(.call(name: name, nameToken: nameToken, open: open, arguments: arguments))
                return .expression
            case .rightParen:
                position += 1
                depth -= 1
                value = try call(name, nameToken: nameToken, arguments: arguments)
                return nil
            case .number, .identifier, .plus, .minus, .star, .slash, .caret, .leftParen, .end:
                throw error(
                    "expected ')' to close the call of \(name) at column \(open.columns.lowerBound + 1), found \(current.quoted)", at: current)
            }
        }
    }

    /// Reads a run of unary minus signs; `true` when their number is odd.
    mutating func skipMinusSigns() -> Bool {
        var negative = false
        while current.kind == .minus {
            negative.toggle()
            position += 1
        }
        return negative
    }

    /// `name(arguments)`, its closing parenthesis just read.
    func call(_ name: String, nameToken: Token, arguments: [Expr]) throws(ParseError) -> Expr {
        let columns = nameToken.columns.lowerBound..<tokens[position - 1].columns.upperBound
        guard arguments.count == 1 else {
            throw ParseError(input: input, columns: columns, message: "\(name) takes 1 argument, got \(arguments.count)")
        }
        let u = arguments[0]
        guard let f = ElementaryFunction(name: name) else {
            if let reason = UndefinedConstant.Reason.of(base: u, exponent: .half) { throw undefined(reason, columns) }
            return Expr.sqrt(u)
        }
        if let reason = UndefinedConstant.Reason.of(f, u) { throw undefined(reason, columns) }
        return Expr.call(f, u)
    }

    /// base^exponent, charging a folded number to the numbers' budget (see the header).
    mutating func chargedPower(_ base: Expr, _ exponent: Expr, columns: Range<Int>) throws(ParseError) -> Expr {
        let result = Expr.power(base, exponent)
        let folded: Rational? =
            switch result.kind {
            case .number(let r): r
            case .product(let c, _): c
            case .symbol, .sum, .power, .call: nil
            }
        if let folded, folded.inlineParts == nil { try charge(folded.bitWidth, columns: columns) }
        return result
    }

    /// Adds `bits` to the numbers' budget (see the header).
    mutating func charge(_ bits: Int, columns: Range<Int>) throws(ParseError) {
        numericBits += bits
        if numericBits > numericLimit {
            throw ParseError(
                input: input, columns: columns,
                message:
                    "numbers too large: this expression's numbers need about \(numericBits) bits, the limit (ExactLimits.maximumBitWidth) is \(numericLimit) bits"
            )
        }
    }

    mutating func enter(at token: Token) throws(ParseError) {
        depth += 1
        if depth > maximumDepth {
            throw error("expression nested too deeply (more than \(maximumDepth) levels)", at: token)
        }
    }
}
