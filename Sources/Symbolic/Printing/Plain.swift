import Exact

// The plain printer: the expression syntax the parser reads, with minimal parentheses.
// Every output parses back to the same Expr (tested on random expressions) and, after
// `^` → `**`, is valid SymPy input: negative exponents and bases are parenthesised
// (`2^(-1)`, `(-2)^x`), and numbers are integers or p/q.

/// Binding strength of printed text, from the syntax's precedence levels.
enum Precedence: Int, Comparable {
    case sum = 1, product = 2, power = 3, atom = 4
    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

/// A printed subexpression: its text, how tightly it binds, and whether it starts with '-'.
struct Printed {
    var text: Text
    var precedence: Precedence
    var negative: Bool = false
}

extension Expr: CustomStringConvertible {
    /// The expression in the input syntax, minimal parentheses, in reading order.
    ///
    ///     try Expr.parse("y*x*2 + cos(x) - 1/(1 + x)").description   // "2*x*y + cos(x) - 1/(x + 1)"
    ///
    /// Law: `try Expr.parse(e.description) == e`. Iterative: any depth prints.
    public var description: String { PlainPrinter.print(self) }
}

enum PlainPrinter {
    static func print(_ root: Expr) -> String {
        root.foldPostorder { (e: Expr, value: (Expr) -> Printed) -> Printed in
            printed(e, value)
        }.text.description
    }

    /// Every node's plain text, for the other printers' display order (one pass, O(size)
    /// with ropes, instead of printing each sum's terms again).
    static func texts(_ root: Expr) -> (Expr) -> Text {
        let memo = root.foldPostorderMemo { (e: Expr, value: (Expr) -> Printed) -> Printed in printed(e, value) }
        return { e in memo[e.id]?.text ?? Text(print(e)) }
    }

    static func number(_ r: Rational) -> Printed {
        let negative = r.signum() < 0
        return Printed(text: Text(r.description), precedence: r.isInteger && !negative ? .atom : .product, negative: negative)
    }

    static func printed(_ e: Expr, _ value: (Expr) -> Printed) -> Printed {
        switch e.kind {
        case .number(let r):
            return number(r)
        case .symbol(let s):
            return Printed(text: Text(s.name), precedence: .atom)
        case .call(let f, let u):
            return Printed(text: "\(f.name)(\(value(u).text))", precedence: .atom)
        case .power(let b, let x):
            return product(coefficient: .one, factors: [(b, x)], value)
        case .product(let c, let factors):
            return product(coefficient: c, factors: factors, value)
        case .sum(let c, let terms):
            return sum(constant: c, terms: terms, value)
        }
    }

    static func sum(constant: Rational, terms: [(term: Expr, coefficient: Rational)], _ value: (Expr) -> Printed) -> Printed {
        var items: [(key: DisplayKey, coefficient: Rational, term: Expr)] = terms.map { t, k in
            (DisplayKey(term: t, text: value(t).text, textOf: { value($0).text }), k, t)
        }
        items.sort { DisplayKey.precedes($0.key, $1.key) }
        var pieces: [(negative: Bool, text: Text)] = items.map { item in
            let magnitude = product(coefficient: item.coefficient.magnitude, factors: factors(of: item.term), value)
            return (item.coefficient.signum() < 0, magnitude.text)
        }
        if !constant.isZero {
            let c = (constant.signum() < 0, Text(constant.magnitude.description))
            if pieces[0].negative && !c.0 { pieces.insert(c, at: 0) } else { pieces.append(c) }
        }
        var text = pieces[0].negative ? "-" + pieces[0].text : pieces[0].text
        for p in pieces.dropFirst() {
            text += p.negative ? " - " : " + "
            text += p.text
        }
        return Printed(text: text, precedence: .sum, negative: pieces[0].negative)
    }

    /// c · Π bᵢ^eᵢ with negative numeric exponents moved to a denominator:
    /// `3*x/(2*y)`, `-x`, `sqrt(2)/2`, `1/(x + 1)`.
    static func product(coefficient c: Rational, factors: [(base: Expr, exponent: Expr)], _ value: (Expr) -> Printed) -> Printed {
        if c == .one, factors.count == 1, !(factors[0].exponent.rationalValue.map { $0.signum() < 0 } ?? false) {
            let (b, x) = factors[0]
            return power(b, value(b), exponent: exponent(x, value), value)
        }
        var c = c
        let flipped = DisplayKey.signFlip(coefficient: c, factors: factors) { value($0).negative }
        if flipped != nil { c = -c }
        var numerator: [(base: Expr, text: Text)] = []
        var denominator: [(base: Expr, text: Text, precedence: Precedence)] = []
        for (b, x) in factors {
            if let f = flipped, b == f, case .sum(let k, let terms) = b.kind {
                numerator.append((b, "(\(sum(constant: -k, terms: terms.map { ($0.term, -$0.coefficient) }, value).text))"))
            } else if let q = x.rationalValue, q.signum() < 0, !b.isZero {
                let p = power(b, value(b), exponent: number(-q), value)
                denominator.append((b, p.text, p.precedence))
            } else {
                let p = power(b, value(b), exponent: exponent(x, value), value)
                numerator.append((b, p.precedence < .power ? "(\(p.text))" : p.text))
            }
        }
        numerator.sort { DisplayKey.factorPrecedes($0, $1) }
        denominator.sort { DisplayKey.factorPrecedes(($0.base, $0.text), ($1.base, $1.text)) }
        var top: [Text] = []
        let p = c.numerator.magnitude
        if p != .one || numerator.isEmpty { top.append(Text(p.description)) }
        top.append(contentsOf: numerator.map(\.text))
        var bottom: [(text: Text, precedence: Precedence)] = denominator.map { ($0.text, $0.precedence) }
        // "/(2*(y + 1))" would read back as 1/(2*y + 2): then the number divides separately.
        var trailing = Text("")
        let q = c.denominator
        if q != .one {
            if bottom.count == 1 && bottom[0].precedence == .sum {
                trailing = Text("/" + q.description)
            } else {
                bottom.insert((Text(q.description), .atom), at: 0)
            }
        }
        var text = Text(c.signum() < 0 ? "-" : "")
        text += top.joined(separator: "*")
        if !bottom.isEmpty {
            if bottom.count == 1 {
                text += "/" + (bottom[0].precedence >= .power ? bottom[0].text : "(\(bottom[0].text))")
            } else {
                text += "/(" + bottom.map { $0.precedence < .product ? "(\($0.text))" : $0.text }.joined(separator: "*") + ")"
            }
        }
        text += trailing
        return Printed(text: text, precedence: .product, negative: c.signum() < 0)
    }

    /// A number exponent is printed directly (it may be a shared constant outside the DAG).
    static func exponent(_ x: Expr, _ value: (Expr) -> Printed) -> Printed {
        if let r = x.rationalValue { return number(r) }
        return value(x)
    }

    /// b^e: `sqrt(b)` for e = 1/2, b itself for e = 1; the base and exponent are
    /// parenthesised unless atomic (the exponent may also be a power: x^y^z).
    static func power(_ b: Expr, _ base: Printed, exponent: Printed, _ value: (Expr) -> Printed) -> Printed {
        if exponent.text == "1" { return base }
        if exponent.text == "1/2" { return Printed(text: "sqrt(\(base.text))", precedence: .atom) }
        let bt = base.precedence == .atom && !base.negative ? base.text : "(\(base.text))"
        let et = exponent.precedence >= .power && !exponent.negative ? exponent.text : "(\(exponent.text))"
        return Printed(text: bt + "^" + et, precedence: .power)
    }
}
