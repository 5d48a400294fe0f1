import Exact

/// Exact scalars. Rational is a field but not ``CheckedElementaryFunctions``: a tape run over
/// Rational evaluates an elementary function only where its value is rational, at the
/// exact special points (sin 0 = 0, cos 0 = 1, exp 0 = 1, log 1 = 0, sqrt of a perfect
/// square, atan 0 = 0, asin 0 = 0, acos 1 = 0, sinh 0 = 0, cosh 0 = 1, tanh 0 = 0, |x|),
/// and throws ``ScalarError/notRational(expression:)`` elsewhere: by Lindemann–Weierstrass
/// those are the only rational values these functions take at rational points.
///
///     try Rational.evaluate(.sqrt, Rational(9, 4))   // 3/2
///     try Rational.evaluate(.exp, Rational(1))       // throws .notRational("exp(1)")
extension Rational: TapeScalar {
    /// `value` itself (lets generic code convert tape constants).
    @inlinable
    public init(_ value: Rational) { self = value }

    public func divided(by b: Rational) throws(ScalarError) -> Rational {
        do throws(ExactError) { return try dividing(by: b) } catch { throw ScalarError(error) }
    }

    public func raised(to n: Int) throws(ScalarError) -> Rational {
        do throws(ExactError) { return try power(n) } catch { throw ScalarError(error) }
    }

    public static func compare(_ a: Rational, _ b: Rational) throws(ScalarError) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }

    public var errorDescription: String { description }

    public static func checkSize(_ x: Rational) throws(ScalarError) {
        do throws(ExactError) { try x.checkingSizeLimit() } catch { throw ScalarError(error) }
    }

    public static func evaluate(_ f: UnaryFunction, _ x: Rational) throws(ScalarError) -> Rational {
        let zero = x.isZero
        switch f {
        case .sin, .tan, .atan, .asin, .sinh, .tanh:
            if f == .asin && x.magnitude > 1 { throw .outsideDomain(expression: "asin(\(x))") }
            if zero { return .zero }
        case .cos, .cosh, .exp:
            if zero { return .one }
        case .log:
            if x.signum() <= 0 { throw .outsideDomain(expression: "log(\(x))") }
            if x == .one { return .zero }
        case .acos:
            if x.magnitude > 1 { throw .outsideDomain(expression: "acos(\(x))") }
            if x == .one { return .zero }
        case .sqrt:
            if x.signum() < 0 { throw .outsideDomain(expression: "sqrt(\(x))") }
            if let r = x.exactRoot(2) { return r }
        case .abs:
            return x.magnitude
        }
        throw .notRational(expression: "\(f)(\(x))")
    }

    /// xʸ, exact when it is rational: y an integer, or y = p/q with x ≥ 0 a perfect q-th power.
    public static func power(_ x: Rational, exponent y: Rational) throws(ScalarError) -> Rational {
        if y.isInteger, let n = Int(exactly: y.numerator) {
            return try x.raised(to: n)
        }
        if y.isInteger {  // beyond Int: exact only for 0, 1, −1 (found by the fuzzer: (−1)^(13·22¹¹¹))
            if x.isZero { if y.signum() < 0 { throw .divisionByZero } else { return .zero } }
            if x == .one { return .one }
            if x == Rational(-1) { return y.numerator.isOdd ? x : .one }
            throw .sizeLimitExceeded(bits: Int.max, limit: ExactLimits.maximumBitWidth)
        }
        // y = p/q with q ≥ 2: x^(p/q) = (x^(1/q))^p needs a real q-th root.
        // A negative base to a non-integer power is outside the real domain for every q, odd
        // too: (−8)^(1/3) is not −2 here, as in symbolic evaluation, in Double (pow gives NaN)
        // and in SymPy (whose principal value is complex). Found by the fuzzer (Fuzz/).
        if x.signum() < 0 { throw .outsideDomain(expression: "(\(x))^(\(y))") }
        if x.isZero {
            if y.signum() < 0 { throw .divisionByZero }
            return .zero
        }
        // 1^y = 1 whatever the size of p and q, as in symbolic evaluation (found by the fuzzer:
        // 1^((−5/2)^103), whose denominator 2¹⁰³ is beyond Int, was "not rational" here).
        if x == .one { return .one }
        // Only 0 and 1 are q-th powers for a q beyond Int.
        guard let q = Int(exactly: y.denominator), let root = x.exactRoot(q) else {
            throw .notRational(expression: "(\(x))^(\(y))")
        }
        guard let p = Int(exactly: y.numerator) else {
            throw .sizeLimitExceeded(bits: Int.max, limit: ExactLimits.maximumBitWidth)
        }
        return try root.raised(to: p)
    }
}

extension Rational {
    /// The rational k-th root (k ≥ 2) when numerator and denominator are perfect k-th
    /// powers (a negative value needs an odd k), else nil.
    ///
    ///     Rational(8, 27).exactRoot(3)   // 2/3
    public func exactRoot(_ k: Int) -> Rational? {
        precondition(k >= 2)
        let negative = signum() < 0
        if negative && k % 2 == 0 { return nil }
        guard let n = numerator.magnitude.exactRoot(k), let d = denominator.exactRoot(k) else { return nil }
        return Rational(negative ? -n : n, d)
    }
}

extension BigInt {
    /// The integer k-th root of a ≥ 0 when a is a perfect k-th power, else nil (Newton's
    /// iteration from above, on exact integers).
    func exactRoot(_ k: Int) -> BigInt? {
        precondition(k >= 2 && signum() >= 0)
        if self <= BigInt.one { return self }
        let bits = bitWidth
        if k >= bits { return nil }  // 1 < root < 2
        // Start above the root: 2^⌈bits/k⌉ > a^(1/k).
        var x = BigInt.one.shiftedLeftUnchecked((bits + k - 1) / k)
        let km1 = BigInt(k - 1)
        let kk = BigInt(k)
        while true {
            guard let xk1 = try? x.power(k - 1) else { return nil }
            let y = (km1 * x + self / xk1) / kk
            if y >= x { break }
            x = y
        }
        return (try? x.power(k)) == self ? x : nil
    }

    /// 2ⁿ · self for the small shifts used here (n below the operand's own bit width).
    func shiftedLeftUnchecked(_ n: Int) -> BigInt {
        (try? shiftedLeft(by: n)) ?? self
    }
}
