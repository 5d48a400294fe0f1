import Exact

// The reading order shared by the printers. Storage order (by structural hash) is stable
// but arbitrary; people expect polynomial terms by descending degree, variables
// alphabetically, and function terms after them: x^2 + 2*x*y + y^2 + cos(x) + 1. Calls
// count as variables for the degree (x^2 + 2*x*sin(x) + sin(x)^2); other terms (with
// fractional or negative powers) come last, by their text.

/// The sort key of one summand or factor for display.
struct DisplayKey {
    /// 0: a monomial in symbols and calls (x, x^3, x*sin(y)^2); 1: anything else.
    let group: Int
    /// Total degree of a monomial (0 otherwise).
    let degree: Int
    /// The monomial's (symbol, exponent) pairs, by symbol name.
    let powers: [(Text, Int)]
    /// The printed text: the last tie-breaker (distinct canonical terms print differently).
    let text: Text

    init(term: Expr, text: Text, textOf: (Expr) -> Text) {
        self.text = text
        if let powers = DisplayKey.monomialPowers(term, textOf) {
            group = 0
            degree = powers.reduce(0) { $0 &+ $1.1 }
            self.powers = powers
        } else {
            group = 1
            degree = 0
            powers = []
        }
    }

    /// Is `a` printed before `b`?
    static func precedes(_ a: DisplayKey, _ b: DisplayKey) -> Bool {
        if a.group != b.group { return a.group < b.group }
        if a.degree != b.degree { return a.degree > b.degree }
        for (p, q) in zip(a.powers, b.powers) {
            if p.0 != q.0 { return p.0 < q.0 }
            if p.1 != q.1 { return p.1 > q.1 }
        }
        if a.powers.count != b.powers.count { return a.powers.count < b.powers.count }
        return a.text < b.text
    }

    /// A factor b^n with a positive integer n, keyed for display: a symbol by its name,
    /// anything else by its text after every symbol ("\u{10FFFF}" sorts last).
    static func atomPower(_ b: Expr, _ e: Expr, _ text: (Expr) -> Text) -> (Text, Int)? {
        guard let q = e.rationalValue, q.isInteger, q.signum() > 0, let n = Int(exactly: q.numerator) else { return nil }
        switch b.kind {
        case .symbol(let s): return (Text(s.name), n)
        case .call: return ("\u{10FFFF}" + text(b), n)
        case .number, .sum, .product, .power: return nil
        }
    }

    /// The (key, exponent) pairs when `t` is a product of symbols and calls to positive
    /// integer powers, sorted by key; else nil.
    static func monomialPowers(_ t: Expr, _ text: (Expr) -> Text) -> [(Text, Int)]? {
        var out: [(Text, Int)] = []
        for (b, e) in factors(of: t) {
            guard let p = atomPower(b, e, text) else { return nil }
            out.append(p)
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// Display rank of a factor's base: numbers (sqrt(2)) first, then symbols
    /// alphabetically, then the rest by text.
    static func factorPrecedes(_ a: (base: Expr, text: Text), _ b: (base: Expr, text: Text)) -> Bool {
        func rank(_ e: Expr) -> Int {
            switch e.kind {
            case .number: return 0
            case .symbol: return 1
            default: return 2
            }
        }
        let ra = rank(a.base)
        let rb = rank(b.base)
        if ra != rb { return ra < rb }
        if case .symbol(let s) = a.base.kind, case .symbol(let t) = b.base.kind { return s < t }
        return a.text < b.text
    }
}

extension DisplayKey {
    /// The sum factor a product is better shown negated, if any: c·S·R with c < 0, where S
    /// is the product's only sum factor with exponent 1 (denominators do not count) and S's
    /// display starts with a minus,
    /// reads better as (−c)·(−S)·R: `-(-x^2 + y^2)/d` as `(x^2 - y^2)/d`. Display only: the
    /// printed text parses back to the same canonical expression.
    static func signFlip(
        coefficient c: Rational, factors: [(base: Expr, exponent: Expr)], startsNegative: (Expr) -> Bool
    ) -> Expr? {
        guard c.signum() < 0 else { return nil }
        var candidate: Expr?
        for (b, x) in factors {
            guard case .sum = b.kind, x.isOne else { continue }
            if candidate != nil { return nil }  // two such sums: no single obvious choice
            candidate = b
        }
        guard let candidate, startsNegative(candidate) else { return nil }
        return candidate
    }
}
