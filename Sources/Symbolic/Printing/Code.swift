import Exact

// Swift and C source for evaluating an expression in Double arithmetic with the C
// library's functions. Numbers are exact Double literals when the rational is a Double
// (0.5, 3.0), else a quotient of two exact literals ((1.0/3.0), rounded once at run time);
// only a numerator or denominator beyond 2^53 is rounded when printed.

/// The target language of ``Expr/code(_:)``.
public enum CodeLanguage: Sendable {
    /// Swift: `pow`, `sin`, … from Foundation/Glibc, `abs` from the standard library.
    case swift
    /// C99: `pow`, `sin`, `fabs`, … from `<math.h>`.
    case c
}

extension Expr {
    /// Swift source that evaluates the expression in `Double` (symbols are variables in scope).
    ///
    ///     try Expr.parse("x^2/3 + sin(y)").swiftCode   // "pow(x, 2.0) / 3.0 + sin(y)"
    public var swiftCode: String { code(.swift) }

    /// C source that evaluates the expression in `double` (include `<math.h>`).
    ///
    ///     try Expr.parse("abs(x) - 1/2").cCode   // "fabs(x) - 0.5"
    public var cCode: String { code(.c) }

    /// Source in `language` that evaluates the expression in double precision.
    public func code(_ language: CodeLanguage) -> String {
        let printer = CodePrinter(language: language, plain: PlainPrinter.texts(self))
        return foldPostorder { (e: Expr, value: (Expr) -> Printed) -> Printed in printer.printed(e, value) }.text.description
    }
}

struct CodePrinter {
    let language: CodeLanguage
    /// Each node's plain text, for the display order of terms and factors.
    let plain: (Expr) -> Text

    /// A Double literal with a decimal point or exponent, so that neither language reads it as an integer.
    static func literal(_ d: Double) -> String {
        let text = "\(d)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    func number(_ r: Rational) -> Printed {
        let negative = r.signum() < 0
        let m = r.magnitude
        let d = Double(m)
        var text: String
        if !d.isFinite {
            text = language == .swift ? "Double.infinity" : "INFINITY"
        } else if Rational(exactly: d) == m {
            text = CodePrinter.literal(d)
        } else {
            text = "(\(CodePrinter.literal(Double(m.numerator))) / \(CodePrinter.literal(Double(m.denominator))))"
        }
        if negative { text = "-" + text }
        return Printed(text: Text(text), precedence: negative ? .product : .atom, negative: negative)
    }

    /// pi and E: `M_PI`, `M_E` in C (<math.h>; a strict C99 file defines them), `Double.pi`
    /// and `exp(1.0)` in Swift.
    func constant(_ c: NamedConstant) -> String {
        switch (c, language) {
        case (.pi, .c): "M_PI"
        case (.e, .c): "M_E"
        case (.pi, .swift): "Double.pi"
        case (.e, .swift): "exp(1.0)"
        }
    }

    func function(_ f: ElementaryFunction) -> Text {
        switch f {
        case .abs: return language == .swift ? "abs" : "fabs"
        case .sin, .cos, .tan, .exp, .log, .atan, .asin, .acos, .sinh, .cosh, .tanh: return Text(f.name)
        }
    }

    func printed(_ e: Expr, _ value: (Expr) -> Printed) -> Printed {
        switch e.kind {
        case .number(let r): return number(r)
        case .symbol(let s): return Printed(text: Text(s.name), precedence: .atom)
        case .call(let f, let u):
            if let c = e.namedConstant { return Printed(text: Text(constant(c)), precedence: .atom) }
            return Printed(text: "\(function(f))(\(value(u).text))", precedence: .atom)
        case .power(let b, let x): return product(coefficient: .one, factors: [(b, x)], value)
        case .product(let c, let factors): return product(coefficient: c, factors: factors, value)
        case .sum(let c, let terms):
            let ordered = terms.map { t, k in
                (key: DisplayKey(term: t, text: plain(t), textOf: plain), coefficient: k, term: t)
            }.sorted { DisplayKey.precedes($0.key, $1.key) }
            var pieces: [(negative: Bool, text: Text)] = ordered.map {
                (
                    $0.coefficient.signum() < 0,
                    product(coefficient: $0.coefficient.magnitude, factors: factors(of: $0.term), value).text
                )
            }
            if !c.isZero { pieces.append((c.signum() < 0, number(c.magnitude).text)) }
            var text = pieces[0].negative ? "-" + pieces[0].text : pieces[0].text
            for p in pieces.dropFirst() { text += (p.negative ? " - " : " + ") + p.text }
            return Printed(text: text, precedence: .sum, negative: pieces[0].negative)
        }
    }

    /// b^e as `sqrt(b)` or `pow(b, e)`; b itself for e = 1.
    func power(_ b: Expr, _ x: Expr, exponent q: Rational?, _ value: (Expr) -> Printed) -> Printed {
        let base = value(b)
        if q == .one { return base }
        if q == Rational(1, 2) { return Printed(text: "sqrt(\(base.text))", precedence: .atom) }
        let e = q.map { number($0) } ?? value(x)
        return Printed(text: "pow(\(base.text), \(e.text))", precedence: .atom)
    }

    func product(coefficient c: Rational, factors: [(base: Expr, exponent: Expr)], _ value: (Expr) -> Printed) -> Printed {
        var top: [Text] = []
        var bottom: [Text] = []
        let factors = factors.sorted {
            DisplayKey.factorPrecedes(($0.base, plain($0.base)), ($1.base, plain($1.base)))
        }
        for (b, x) in factors {
            let q = x.rationalValue
            if let q, q.signum() < 0, !b.isZero {
                let p = power(b, x, exponent: -q, value)
                bottom.append(p.precedence < .atom ? "(\(p.text))" : p.text)
            } else {
                let p = power(b, x, exponent: q, value)
                top.append(p.precedence < .product ? "(\(p.text))" : p.text)
            }
        }
        if c == .one && bottom.isEmpty && top.count == 1 {
            return power(factors[0].base, factors[0].exponent, exponent: factors[0].exponent.rationalValue, value)
        }
        let m = c.magnitude
        if Rational(exactly: Double(m)) == m {
            if m != .one || top.isEmpty { top.insert(number(m).text, at: 0) }
        } else {
            // p/q with q not a power of two: p in front, q divides, each an exact literal.
            if m.numerator != .one || top.isEmpty { top.insert(number(Rational(m.numerator)).text, at: 0) }
            bottom.insert(number(Rational(m.denominator)).text, at: 0)
        }
        var text = (c.signum() < 0 ? "-" : "") + top.joined(separator: " * ")
        if !bottom.isEmpty {
            text += " / " + (bottom.count == 1 ? bottom[0] : "(" + bottom.joined(separator: " * ") + ")")
        }
        return Printed(text: text, precedence: .product, negative: c.signum() < 0)
    }
}
