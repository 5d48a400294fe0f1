import Exact

// The LaTeX printer: the plain printer's structure and order with TeX notation. Products
// are juxtaposed (`2 x y`), with `\cdot` only where two numbers would touch; negative
// powers go into `\frac`; u^(1/n) is `\sqrt[n]{u}`.

extension Expr {
    /// The expression as LaTeX math (without the surrounding `$`).
    ///
    ///     try Expr.parse("x^2/(2*y) + sin(x)").latex   // "\frac{x^{2}}{2 y} + \sin\left(x\right)"
    ///
    /// Symbols: one letter as is, `x_1` as `x_{1}`, Greek names as letters (`alpha` → `\alpha`),
    /// other names upright (`\mathrm{rate}`).
    public var latex: String {
        let plain = PlainPrinter.texts(self)
        return foldPostorder { (e: Expr, value: (Expr) -> Printed) -> Printed in LaTeXPrinter.printed(e, value, plain) }
            .text.description
    }
}

enum LaTeXPrinter {
    static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta",
        "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    ]

    static func symbol(_ name: String) -> String {
        func word(_ w: Substring) -> String {
            if greek.contains(String(w)) { return "\\" + w }
            return w.count == 1 ? String(w) : "\\mathrm{\(w)}"
        }
        if let i = name.firstIndex(of: "_"), i != name.startIndex, name.index(after: i) != name.endIndex {
            let subscriptText = name[name.index(after: i)...]
            return word(name[..<i]) + "_{" + (greek.contains(String(subscriptText)) ? "\\" + subscriptText : subscriptText.replacingUnderscores) + "}"
        }
        return word(Substring(name.replacingUnderscores))
    }

    static func number(_ r: Rational) -> Printed {
        let negative = r.signum() < 0
        if r.isInteger { return Printed(text: Text(r.description), precedence: negative ? .product : .atom, negative: negative) }
        let m = r.magnitude
        return Printed(text: "\(negative ? "-" : "")\\frac{\(m.numerator)}{\(m.denominator)}", precedence: .product, negative: negative)
    }

    static func function(_ f: ElementaryFunction, _ u: Text) -> Text {
        switch f {
        case .abs: return "\\left|\(u)\\right|"
        case .asin: return "\\arcsin\\left(\(u)\\right)"
        case .acos: return "\\arccos\\left(\(u)\\right)"
        case .atan: return "\\arctan\\left(\(u)\\right)"
        case .sin, .cos, .tan, .exp, .log, .sinh, .cosh, .tanh: return "\\\(f.name)\\left(\(u)\\right)"
        }
    }

    static func printed(_ e: Expr, _ value: (Expr) -> Printed, _ plain: (Expr) -> Text) -> Printed {
        switch e.kind {
        case .number(let r): return number(r)
        case .symbol(let s): return Printed(text: Text(symbol(s.name)), precedence: .atom)
        case .call(let f, let u):
            if let c = e.namedConstant { return Printed(text: Text(c.latex), precedence: .atom) }
            return Printed(text: function(f, value(u).text), precedence: .atom)
        case .power(let b, let x): return product(coefficient: .one, factors: [(b, x)], value, plain)
        case .product(let c, let factors): return product(coefficient: c, factors: factors, value, plain)
        case .sum(let c, let terms): return sum(constant: c, terms: terms, value, plain)
        }
    }

    /// The terms in the plain printer's display order (`plain` gives each node's plain text).
    static func sum(
        constant c: Rational, terms: [(term: Expr, coefficient: Rational)], _ value: (Expr) -> Printed, _ plain: (Expr) -> Text
    ) -> Printed {
        var items = terms.map { t, k in
            (key: DisplayKey(term: t, text: plain(t), textOf: plain), coefficient: k, term: t)
        }
        items.sort { DisplayKey.precedes($0.key, $1.key) }
        var pieces: [(negative: Bool, text: Text)] = items.map {
            (
                $0.coefficient.signum() < 0,
                product(coefficient: $0.coefficient.magnitude, factors: factors(of: $0.term), value, plain).text
            )
        }
        if !c.isZero {
            let constant = (c.signum() < 0, number(c.magnitude).text)
            if pieces[0].negative && !constant.0 { pieces.insert(constant, at: 0) } else { pieces.append(constant) }
        }
        var text = pieces[0].negative ? "-" + pieces[0].text : pieces[0].text
        for p in pieces.dropFirst() { text += (p.negative ? " - " : " + ") + p.text }
        return Printed(text: text, precedence: .sum, negative: pieces[0].negative)
    }

    static func exponent(_ x: Expr, _ value: (Expr) -> Printed) -> Printed {
        if let r = x.rationalValue { return number(r) }
        return value(x)
    }

    /// b^e: `\sqrt{b}`, `\sqrt[n]{b}`, or `b^{e}` with the base in `\left(…\right)` unless atomic.
    static func power(_ b: Expr, _ x: Expr, exponent q: Rational?, _ value: (Expr) -> Printed) -> Printed {
        let base = value(b)
        if let q, q == .one { return base }
        if let q, q.numerator == .one, q.denominator > .one, q.denominator < BigInt(100) {
            let index = q.denominator == BigInt(2) ? "" : "[\(q.denominator)]"
            return Printed(text: "\\sqrt\(index){\(base.text)}", precedence: .atom)
        }
        let e = q.map { number($0) } ?? exponent(x, value)
        let bt = base.precedence == .atom && !base.negative && !base.text.hasPrefix("\\frac") ? base.text : "\\left(\(base.text)\\right)"
        return Printed(text: "\(bt)^{\(e.text)}", precedence: .power)
    }

    static func product(
        coefficient c: Rational, factors: [(base: Expr, exponent: Expr)], _ value: (Expr) -> Printed, _ plain: (Expr) -> Text
    ) -> Printed {
        // `inner`: the text inside `\left(…\right)` when the factor was parenthesised here.
        var top: [(base: Expr, text: Text, inner: Text?)] = []
        var bottom: [(base: Expr, text: Text)] = []
        var c = c
        let flipped = DisplayKey.signFlip(coefficient: c, factors: factors) { value($0).negative }
        if flipped != nil { c = -c }
        for (b, x) in factors {
            let q = x.rationalValue
            if let f = flipped, b == f, case .sum(let k, let terms) = b.kind {
                let inner = sum(constant: -k, terms: terms.map { ($0.term, -$0.coefficient) }, value, plain).text
                top.append((b, "\\left(\(inner)\\right)", inner))
            } else if let q, q.signum() < 0, !b.isZero {
                let p = power(b, x, exponent: -q, value)
                bottom.append((b, p.text))
            } else {
                let p = power(b, x, exponent: q, value)
                top.append(p.precedence == .sum ? (b, "\\left(\(p.text)\\right)", p.text) : (b, p.text, nil))
            }
        }
        if c == .one && bottom.isEmpty && top.count == 1 {
            return power(factors[0].base, factors[0].exponent, exponent: factors[0].exponent.rationalValue, value)
        }
        top.sort { DisplayKey.factorPrecedes(($0.base, $0.text), ($1.base, $1.text)) }
        bottom.sort { DisplayKey.factorPrecedes($0, $1) }
        var numerator = top.map(\.text)
        var denominator: [Text] = bottom.map { b in
            bottom.count > 1 && value(b.base).precedence == .sum && !b.text.hasPrefix("\\left(") ? "\\left(\(b.text)\\right)" : b.text
        }
        let p = c.numerator.magnitude
        let q = c.denominator
        if p != .one || numerator.isEmpty { numerator.insert(Text(p.description), at: 0) }
        if q != .one { denominator.insert(Text(q.description), at: 0) }
        func join(_ parts: [Text]) -> Text {
            var out = Text("")
            for (i, part) in parts.enumerated() {
                if i > 0 {
                    let first = part.firstScalar
                    out += first.map { ($0.value >= 48 && $0.value <= 57) || $0 == "-" } == true ? " \\cdot " : " "
                }
                out += part
            }
            return out
        }
        var text = Text(c.signum() < 0 ? "-" : "")
        // A lone parenthesised numerator needs no parentheses inside \frac{…}{…}.
        if !denominator.isEmpty, numerator.count == 1, top.count == 1, let inner = top[0].inner,
            value(top[0].base).precedence == .sum
        {
            numerator = [inner]
        }
        text += denominator.isEmpty ? join(numerator) : "\\frac{\(join(numerator))}{\(join(denominator))}"
        return Printed(text: text, precedence: .product, negative: c.signum() < 0)
    }
}

extension StringProtocol {
    /// Underscores escaped for TeX text (`\_`).
    fileprivate var replacingUnderscores: String {
        var out = ""
        for ch in self { out += ch == "_" ? "\\_" : String(ch) }
        return out
    }
}
