import AutoDiff
import Exact
import Foundation

/// A program of the program language: "x → intermediate values → y" as text.
///
///     param n = 3
///     input x[n]
///     f = sum(i = 1..n-1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)
///     output f
///
/// Statements, one per line (`#` starts a comment): `param` (integer parameters, which
/// ``compile(parameters:)`` may override), `input` (scalars `input a, b` and vectors
/// `input x[n]`, entries 1-based), assignments to named intermediates (`r = …`, and
/// `y[k] = …` for an intermediate vector), `for k = a..b … end` loops (a name assigned in
/// a loop is a recurrence), and one `output` line. Expressions are Jacobi's expression
/// syntax plus indexing with integer index arithmetic (`x[i+1]`, `+ - *` over integers,
/// parameters and loop indices), `sum(i = a..b, body)` and `prod(i = a..b, body)`. A range
/// `a..b` with b = a − 1 is empty (a sum 0, a product 1, a loop skipped); b < a − 1 is an
/// error.
///
///     let p = try Program(parsing: "input x, y\nf = x*y + sin(x)\noutput f")
///     try p.compile().tape.description   // [x0, x1, mul(0,1), sin(0), add(2,3)]
///
/// Parsing checks everything that does not depend on the parameters' values (syntax,
/// names, assignments to inputs or parameters, non-integers in index positions);
/// compiling checks the rest (ranges, indices out of range).
public struct Program: Sendable {
    /// The program's text.
    public let text: String
    let statements: [Statement]
    let lexer: Lexer
    /// Every identifier the program uses.
    let identifiers: Set<String>

    /// The program in `text`, parsed and checked.
    ///
    ///     try Program(parsing: "input x\ny = x^2\noutput z")   // throws: 3:8: unknown name 'z'
    ///
    /// - Throws: ``ProgramError`` naming `line:column`: a syntax error, an unknown name, an
    ///   assignment to an input or a parameter, a vector used without an index, a
    ///   non-integer in an index position, a missing or repeated `output`.
    public init(parsing text: String) throws(ProgramError) {
        var parser = try Parser(text)
        let statements = try parser.program()
        var checker = Checker(lexer: parser.lexer)
        try checker.check(statements)
        self.text = text
        self.statements = statements
        self.lexer = parser.lexer
        var names: Set<String> = []
        for t in parser.tokens { if case .identifier(let s) = t.kind { names.insert(s) } }
        self.identifiers = names
    }

    /// The parameters declared with `param`, in order, with their default values.
    ///
    ///     try Program(parsing: "param n = 4\ninput x[n]\noutput x").parameters   // [("n", 4)]
    ///
    /// - Throws: ``ProgramError`` when a default does not evaluate (a parameter defined by
    ///   an expression over earlier ones).
    public var parameters: [(name: String, value: Int)] {
        get throws(ProgramError) {
            var values: [String: Int] = [:]
            var out: [(name: String, value: Int)] = []
            for case .param(let name, let node, _) in statements {
                let v = try IndexEvaluator(lexer: lexer, values: values).evaluate(node)
                values[name] = v
                out.append((name, v))
            }
            return out
        }
    }

    /// The declared inputs, in order: name and length (nil for a scalar), the lengths
    /// evaluated with `parameters` (unset ones take their defaults).
    ///
    ///     try Program(parsing: "param n = 2\ninput a, x[n]\noutput a").inputs()   // [("a", nil), ("x", 2)]
    ///
    /// - Throws: ``ProgramError`` for an unknown parameter or a negative length.
    public func inputs(parameters: [String: Int] = [:]) throws(ProgramError) -> [(name: String, length: Int?)] {
        let values = try parameterValues(parameters)
        var out: [(name: String, length: Int?)] = []
        for case .input(let decls) in statements {
            for d in decls {
                if let node = d.length {
                    let n = try IndexEvaluator(lexer: lexer, values: values).evaluate(node)
                    if n < 0 { throw lexer.error("the length of '\(d.name)' is \(n), below 0", at: node.location) }
                    out.append((d.name, n))
                } else {
                    out.append((d.name, nil))
                }
            }
        }
        return out
    }

    /// The parameters' values: the defaults, overridden by `overrides`.
    ///
    /// - Throws: ``ProgramError`` for an override that names no parameter.
    func parameterValues(_ overrides: [String: Int]) throws(ProgramError) -> [String: Int] {
        var values: [String: Int] = [:]
        var declared: Set<String> = []
        for case .param(let name, let node, _) in statements {
            declared.insert(name)
            if let v = overrides[name] {
                values[name] = v
            } else {
                values[name] = try IndexEvaluator(lexer: lexer, values: values).evaluate(node)
            }
        }
        for name in overrides.keys.sorted() where !declared.contains(name) {
            let known = declared.sorted().joined(separator: ", ")
            throw ProgramError(
                "unknown parameter '\(name)' (the program's parameters: \(known.isEmpty ? "none" : known))", at: nil)
        }
        return values
    }

    /// Whether `text` looks like a program rather than expressions one per line: some line
    /// (comments aside) starts with `param`, `input`, `output` or `for`, or assigns a
    /// name (`f = …`). Expression files have neither.
    ///
    ///     Program.looksLikeProgram("input x\nf = x^2\noutput f")   // true
    ///     Program.looksLikeProgram("x^2 + y\nsin(x)")              // false
    public static func looksLikeProgram(_ text: String) -> Bool {
        for raw in text.split(separator: "\n") {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = words.first else { continue }
            if ["param", "input", "output", "for"].contains(String(first)) { return true }
            // `name = …` or `name[…] = …` (an expression line has no single `=`).
            if let eq = line.firstIndex(of: "="), line[line.index(after: eq)...].first != "=" {
                let head = line[..<eq].trimmingCharacters(in: .whitespaces)
                if head.range(of: #"^[A-Za-z_][A-Za-z0-9_]*(\[.*\])?$"#, options: .regularExpression) != nil { return true }
            }
        }
        return false
    }
}

/// Evaluates index expressions: integers, parameters and loop indices under `+ - *`.
struct IndexEvaluator {
    let lexer: Lexer
    let values: [String: Int]

    func evaluate(_ node: Node) throws(ProgramError) -> Int {
        switch node {
        case .number(let r, let l):
            guard r.isInteger, let v = r.numerator.inlineValue else {
                throw lexer.error("non-integer \(r) in an index position", at: l)
            }
            return v
        case .name(let s, let l):
            guard let v = values[s] else { throw lexer.error("unknown name '\(s)'", at: l) }
            return v
        case .negate(let u, let l):
            let (v, overflow) = (0).subtractingReportingOverflow(try evaluate(u))
            if overflow { throw lexer.error("index arithmetic overflows", at: l) }
            return v
        case .binary(let op, let a, let b, let l):
            let x = try evaluate(a)
            let y = try evaluate(b)
            let r: (partialValue: Int, overflow: Bool)
            switch op {
            case .add: r = x.addingReportingOverflow(y)
            case .subtract: r = x.subtractingReportingOverflow(y)
            case .multiply: r = x.multipliedReportingOverflow(by: y)
            case .divide, .power: throw lexer.error("'\(op.symbol)' in an index position (indices use + - *)", at: l)
            }
            if r.overflow { throw lexer.error("index arithmetic overflows", at: l) }
            return r.partialValue
        case .element(_, _, let l), .call(_, _, let l), .reduction(_, _, _, _, _, let l):
            throw lexer.error("non-integer in an index position", at: l)
        }
    }
}
