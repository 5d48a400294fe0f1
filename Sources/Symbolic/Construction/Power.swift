import Exact

// Powers (Cohen, ch. 3, "simplify_power"): numeric powers are evaluated exactly when the
// result is rational and small enough; a sum to an integer power has its content pulled
// out ((2x + 2)^2 = 4·(x + 1)^2, (1 − x)^(−1) = −(x − 1)^(−1)); (b^a)^n = b^(a·n) and (c·Π bᵢ^aᵢ)^n = cⁿ·Π bᵢ^(aᵢ·n)
// only for integer n, so (x²)^(1/2) stays (it is |x|, not x).

extension Expr {
    /// The canonical power `base^exponent`.
    ///
    ///     Expr.power(Expr(8), Expr(Rational(2, 3)))   // 4
    ///     Expr.power(Expr(2), Expr(Rational(1, 2)))   // sqrt(2)
    ///     Expr.power(x * y, Expr(2))                  // x^2*y^2
    ///
    /// Rules: u^0 = 1 (also 0^0), u^1 = u, 1^u = 1, 0^r = 0 for a number r > 0; a rational to
    /// a rational is evaluated when the result is rational (4^(1/2) = 2, (1/4)^(−1/2) = 2);
    /// a positive rational to a non-integer rational r^(n + f), 0 < f < 1, becomes
    /// rⁿ · r^f (2^(3/2) = 2·sqrt(2)); a negative rational to a non-integer power stays.
    /// 0 to a negative power stays unevaluated (evaluation reports the division by zero);
    /// so does a rational power whose size would exceed `ExactLimits.maximumBitWidth`.
    public static func power(_ base: Expr, _ exponent: Expr) -> Expr {
        if exponent.isZero { return .one }
        if exponent.isOne { return base }
        if base.isOne { return .one }
        guard let q = exponent.rationalValue else {
            return Expr(canonical: .power(base: base, exponent: exponent))
        }
        switch base.kind {
        case .number(let r):
            if let value = numericPower(r, q) { return value }
        case .power(let b, let a) where q.isInteger:
            return power(b, a * exponent)
        case .sum where q.isInteger:
            if let (k, s) = base.primitiveSum, let n = Int(exactly: q.numerator), let kn = try? k.power(n) {
                let p = Expr(canonical: .power(base: s, exponent: exponent))
                return kn == .one ? p : p.scaled(by: kn)
            }
        case .product(let c, let factors) where q.isInteger:
            guard let n = Int(exactly: q.numerator), let cn = try? c.power(n) else { break }
            var builder = ProductBuilder()
            builder.coefficient = cn
            for (b, a) in factors { builder.multiply(by: power(b, a * exponent)) }
            return builder.build()
        default:
            break
        }
        return Expr(canonical: .power(base: base, exponent: exponent))
    }

    /// The square root u^(1/2).
    ///
    ///     Expr.sqrt(Expr(9))   // 3
    public static func sqrt(_ u: Expr) -> Expr { power(u, .half) }

    /// r^q in canonical form, or `nil` when it stays the plain power r^q.
    static func numericPower(_ r: Rational, _ q: Rational) -> Expr? {
        if q.isInteger {
            guard let n = Int(exactly: q.numerator) else { return nil }
            if r.isZero && n < 0 { return nil }
            return (try? r.power(n)).map { Expr($0) }
        }
        if r.isZero { return q.signum() > 0 ? .zero : nil }
        if r.signum() < 0 { return nil }
        // r > 0, q = n + p/d with 0 < p/d < 1.
        let n = q.floor
        let f = q - Rational(n)
        guard let ni = Int(exactly: n), let d = Int(exactly: f.denominator), let p = Int(exactly: f.numerator),
            let rn = try? r.power(ni)
        else { return nil }
        if let num = integerRoot(r.numerator, d), let den = integerRoot(r.denominator, d),
            let root = try? Rational(num, den).power(p)
        {
            return Expr(rn * root)
        }
        let rest = Expr(canonical: .power(base: Expr(r), exponent: Expr(f)))
        return rn == .one ? rest : rest.scaled(by: rn)
    }

    /// The exact d-th root of a ≥ 0, or `nil` when a is not a perfect d-th power.
    static func integerRoot(_ a: BigInt, _ d: Int) -> BigInt? {
        precondition(d >= 1 && a.signum() >= 0)
        if d == 1 || a.isZero || a == .one { return a }
        if d >= a.bitWidth { return nil }  // 2^d > a > 1
        // Newton's method from above: x ← ((d−1)·x + a / x^(d−1)) / d, starting at 2^⌈bits/d⌉.
        var x = BigInt.one
        guard let start = try? BigInt(2).power((a.bitWidth + d - 1) / d) else { return nil }
        x = start
        let dd = BigInt(d)
        while true {
            guard let xd1 = try? x.power(d - 1) else { return nil }
            let y = (dd - .one) * x + a / xd1
            let next = y / dd
            if next >= x { break }
            x = next
        }
        guard let check = try? x.power(d), check == a else { return nil }
        return x
    }
}
