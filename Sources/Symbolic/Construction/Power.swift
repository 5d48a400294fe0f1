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
    /// Rules: u^0 = 1 (also 0^0), u^1 = u, 1^u = 1, E^u = exp(u), 0^r = 0 for a number r > 0 (and for a
    /// constant whose sign is exactly positive, such as 3^(10^18)); a rational to
    /// a rational is evaluated when the result is rational (4^(1/2) = 2, (1/4)^(−1/2) = 2);
    /// a positive rational to a non-integer rational r^(n + f), 0 < f < 1, becomes
    /// rⁿ · r^f (2^(3/2) = 2·sqrt(2)); a negative rational to a non-integer power stays.
    /// 0 to a negative power stays unevaluated (evaluation reports the division by zero);
    /// so does a rational power whose size would exceed `ExactLimits.maximumBitWidth`.
    public static func power(_ base: Expr, _ exponent: Expr) -> Expr {
        if exponent.isZero { return .one }
        if exponent.isOne { return base }
        if base.isOne { return .one }
        if base.isE { return Expr.call(.exp, exponent) }  // E^u is exp(u)
        guard let q = exponent.rationalValue else {
            // 0^c = 0 for a constant c too large to fold but exactly positive (0^(3^(10^18)),
            // found by the fuzzer: 1/0^(…) was not caught as a division by zero).
            if base.isZero && exponent.constantSign == 1 { return .zero }
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
        // 0^q and (−1)^n whatever their size (0^(103^100) = 0: found by the fuzzer, it stayed
        // unevaluated because the exponent does not fit an Int, and the tape refused it).
        if r.isZero && q.signum() > 0 { return .zero }
        if r == Rational(-1) && q.isInteger { return q.numerator.isOdd ? .minusOne : .one }
        if q.isInteger {
            guard let n = Int(exactly: q.numerator) else { return nil }
            if r.isZero && n < 0 { return nil }
            return (try? r.power(n)).map { Expr($0) }
        }
        if r.isZero { return q.signum() > 0 ? .zero : nil }
        if r.signum() < 0 { return nil }
        // A perfect d-th power (q = a/d): the root first, then its power, so that no
        // intermediate is larger than the result (found by the fuzzer under a lowered size
        // limit: (10^−3333)^(−4/3) = 10^4444 stayed a power because r^⌊q⌋ = 10^6666 did not fit).
        if let d = Int(exactly: q.denominator), let a = Int(exactly: q.numerator),
            let num = integerRoot(r.numerator, d), let den = integerRoot(r.denominator, d)
        {
            return (try? Rational(num, den).power(a)).map { Expr($0) }
        }
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
        // Pull d-th powers of small primes out of the radical, as SymPy does:
        // 8^(1/2) = 2·2^(1/2), (8/27)^(1/2) = (2/3)·(2/3)^(1/2), 48^(2/3) = 4·6^(2/3).
        var coefficient = rn
        var radicand = r
        let (sa, ta) = radicalSplit(r.numerator, d)
        let (sb, tb) = radicalSplit(r.denominator, d)
        if sa != .one || sb != .one, let k = try? Rational(sa, sb).power(p) {
            coefficient = rn * k
            radicand = Rational(ta, tb)
        }
        let rest = Expr(canonical: .power(base: Expr(radicand), exponent: Expr(f)))
        return coefficient == .one ? rest : rest.scaled(by: coefficient)
    }

    /// a = s^d · t with s the product of the primes below 2¹⁰ that divide a at least d times
    /// (each to its multiplicity ÷ d): the part of a d-th root that comes out of the radical.
    /// Trial division only by small primes, so the split is cheap and deterministic (a
    /// repeated large prime factor stays inside: the form is still canonical, just less reduced).
    static func radicalSplit(_ a: BigInt, _ d: Int) -> (outside: BigInt, inside: BigInt) {
        var s = BigInt.one
        var t = a
        if t.bitWidth < 2 || d < 2 { return (s, t) }
        for prime in smallPrimes {
            let pb = BigInt(prime)
            var count = 0
            while true {
                let (q, r) = t.quotientAndRemainder(dividingBy: pb)
                if !r.isZero { break }
                t = q
                count += 1
            }
            // prime^count = (prime^(count / d))^d · prime^(count mod d): the first part leaves.
            for _ in 0..<(count / d) { s = s * pb }
            for _ in 0..<(count % d) { t = t * pb }
            if t.bitWidth <= 1 { break }
        }
        return (s, t)
    }

    /// The primes below 2¹⁰, by a sieve run once.
    static let smallPrimes: [Int] = {
        var composite = [Bool](repeating: false, count: 1 << 10)
        var primes: [Int] = []
        for n in 2..<(1 << 10) where !composite[n] {
            primes.append(n)
            for m in stride(from: n * n, to: 1 << 10, by: n) { composite[m] = true }
        }
        return primes
    }()

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
