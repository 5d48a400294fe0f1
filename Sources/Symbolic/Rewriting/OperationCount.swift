import Exact

// The simplifier's cost measure: the number of operations SymPy's `count_ops` reports for
// the printed expression (read back by SymPy), so that "smaller" means the same here as in
// the W7 benchmark. Mirrors sympy/core/function.py `count_ops` (visual=False):
// an n-ary sum counts n − 1 (ADD or SUB) plus NEG when every summand is negative; a
// product counts NEG for a negative coefficient, then DIV when it has a denominator (and
// the numerator and denominator separately), else n − 1 MUL; a power counts POW (DIV when
// the exponent is −1), a call one; a rational leaf counts NEG when negative and DIV when
// not an integer.

extension Expr {
    /// The operation count of the printed expression, as SymPy's `count_ops` gives it.
    ///
    ///     try Expr.parse("y*(2*x + 3*y)").operationCount   // 4
    ///     try Expr.parse("-2*x/(x^2 + y^2)^2").operationCount   // 7
    ///
    /// Iterative over the DAG, but counts the tree (a shared node counts at every use).
    /// Saturates at `Int.max`.
    public var operationCount: Int {
        foldPostorder { (e: Expr, count: (Expr) -> Int) -> Int in
            OperationCount.node(e, count)
        }
    }
}

enum OperationCount {
    @inline(__always)
    static func add(_ a: Int, _ b: Int) -> Int {
        let (s, o) = a.addingReportingOverflow(b)
        return o ? Int.max : s
    }

    static func number(_ r: Rational) -> Int {
        (r.signum() < 0 ? 1 : 0) + (r.isInteger ? 0 : 1)
    }

    static func node(_ e: Expr, _ count: (Expr) -> Int) -> Int {
        switch e.kind {
        case .number(let r):
            return number(r)
        case .symbol:
            return 0
        case .call(_, let u):
            return add(1, count(u))
        case .power(let b, let x):
            return product(.one, [(b, x)], count)
        case .product(let c, let factors):
            return product(c, factors, count)
        case .sum(let c, let terms):
            return sum(c, terms, count)
        }
    }

    /// c + Σ kᵢ·tᵢ: n − 1 ADD/SUB, plus NEG when every summand is negative.
    static func sum(_ c: Rational, _ terms: [(term: Expr, coefficient: Rational)], _ count: (Expr) -> Int) -> Int {
        var n = terms.count - 1 + (c.isZero ? 0 : 1)
        var negatives = c.signum() < 0 ? 1 : 0
        if !c.isZero { n = add(n, number(c.magnitude)) }
        for (t, k) in terms {
            if k.signum() < 0 { negatives += 1 }
            n = add(n, term(t, k.magnitude, count))
        }
        let summands = terms.count + (c.isZero ? 0 : 1)
        return negatives == summands ? add(n, 1) : n
    }

    /// |k|·t for a sum's term t.
    static func term(_ t: Expr, _ k: Rational, _ count: (Expr) -> Int) -> Int {
        if k == .one { return count(t) }
        switch t.kind {
        case .product(_, let factors): return product(k, factors, count)
        case .power(let b, let x): return product(k, [(b, x)], count)
        default: return product(k, [(t, .one)], count)
        }
    }

    /// A factor b^x of a numerator or denominator (x > 0 there, or symbolic).
    static func power(_ b: Expr, _ x: Expr, _ count: (Expr) -> Int) -> Int {
        if x.isOne { return count(b) }
        let exponent = x.rationalValue.map(number) ?? count(x)
        return add(add(1, count(b)), exponent)
    }

    /// The count of a denominator factor b^x (x < 0 numerically, −k·t, or exp(−k·t)).
    static func denominatorCount(_ b: Expr, _ x: Expr, _ count: (Expr) -> Int) -> Int {
        if let r = x.rationalValue { return power(b, Expr(-r), count) }
        if isNegativeProduct(x) { return add(add(1, count(b)), negated(x, count)) }
        if case .call(.exp, let u) = b.kind { return add(1, negated(u, count)) }
        return power(b, x, count)
    }

    /// The count of −x for a product x with a negative coefficient, without building −x (a
    /// node outside the fold, whose count `count` does not know).
    static func negated(_ x: Expr, _ count: (Expr) -> Int) -> Int {
        guard case .product(let c, let factors) = x.kind else { return count(x) }
        return product(-c, factors, count)
    }

    /// `true` for a product with a negative coefficient (SymPy's `-2*x`, `-y`).
    static func isNegativeProduct(_ x: Expr) -> Bool {
        if case .product(let c, _) = x.kind { return c.signum() < 0 }
        return false
    }

    /// c · Π bᵢ^xᵢ as SymPy's `fraction` splits it: factors with a negative numeric exponent,
    /// or an exponent −k·t (a product with a negative coefficient), or exp(−k·t), go down.
    static func product(_ c: Rational, _ factors: [(base: Expr, exponent: Expr)], _ count: (Expr) -> Int) -> Int {
        if factors.count == 1 && c == .one {
            // A lone power is one Pow in SymPy, not a Mul: DIV for the exponent −1, else POW.
            let (b, x) = factors[0]
            if x.isOne { return count(b) }
            if let r = x.rationalValue, r == Rational(-1) { return add(1, count(b)) }
            return add(add(1, count(b)), x.rationalValue.map(number) ?? count(x))
        }
        // SymPy reads "p*(a + b)/…" as (p·a + p·b)/…: an integer times a single sum distributes
        // (also −1: "-(a + b)/…"), so count the numerator as that sum.
        let numeratorFactors = factors.filter { f in
            !(f.exponent.rationalValue.map { $0.signum() < 0 } ?? false) && !isNegativeProduct(f.exponent)
                && !(f.exponent.isOne && { if case .call(.exp, let u) = f.base.kind { return isNegativeProduct(u) } else { return false } }())
        }
        if c.numerator != .one, numeratorFactors.count == 1, numeratorFactors[0].exponent.isOne,
            case .sum(let k, let terms) = numeratorFactors[0].base.kind
        {
            let p = Rational(c.numerator)
            let distributed = sum(k * p, terms.map { ($0.term, $0.coefficient * p) }, count)
            var n = 0
            var bottom: [Int] = []
            for (b, x) in factors where !(b == numeratorFactors[0].base && x.isOne) {
                bottom.append(denominatorCount(b, x, count))
            }
            if c.denominator != .one { bottom.append(0) }
            if bottom.isEmpty { return distributed }
            n = add(add(1, distributed), bottom.reduce(bottom.count - 1) { add($0, $1) })
            return bottom.count == 1 && bottom[0] == 0 ? add(1, distributed) : n
        }
        var n = c.signum() < 0 ? 1 : 0
        var top: [Int] = []
        var bottom: [Int] = []
        for (b, x) in factors {
            if let r = x.rationalValue, r.signum() < 0 {
                bottom.append(power(b, Expr(-r), count))
            } else if isNegativeProduct(x) {
                bottom.append(x.isOne ? count(b) : add(add(1, count(b)), negated(x, count)))
            } else if x.isOne, case .call(.exp, let u) = b.kind, isNegativeProduct(u) {
                bottom.append(add(1, negated(u, count)))
            } else {
                top.append(power(b, x, count))
            }
        }
        let integerNumerator = top.isEmpty
        if c.numerator.magnitude != .one || top.isEmpty { top.append(0) }
        let integerDenominator = bottom.isEmpty
        if c.denominator != .one { bottom.append(0) }
        func mul(_ parts: [Int]) -> Int { parts.reduce(parts.count - 1) { add($0, $1) } }
        if bottom.isEmpty { return add(n, mul(top)) }
        n = add(n, 1)  // DIV
        if !integerNumerator { n = add(n, mul(top)) }
        return integerDenominator ? n : add(n, mul(bottom))
    }
}
