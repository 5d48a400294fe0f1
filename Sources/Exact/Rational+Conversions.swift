import CGMP

extension Rational: CustomStringConvertible, LosslessStringConvertible {
    /// `"p"` for an integer, else `"p/q"` (q > 0): the form ``init(parsing:)`` reads back.
    public var description: String {
        switch storage {
        case .small(let n, let d): return d == 1 ? String(n) : "\(n)/\(d)"
        case .large(let s):
            return s.withPointer { q in
                let n = decimalString(of: jc_mpq_numref(q))
                return __gmpz_cmp_ui(jc_mpq_denref(q), 1) == 0 ? n : n + "/" + decimalString(of: jc_mpq_denref(q))
            }
        }
    }

    /// Parses as ``init(parsing:)`` does; `nil` on any error.
    public init?(_ description: String) {
        guard let value = try? Rational(parsing: description) else { return nil }
        self = value
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    /// An integer literal of any size.
    public init(integerLiteral literal: StaticBigInt) {
        self.init(BigInt(integerLiteral: literal))
    }
}

extension Rational: SignedNumeric {
    public init?<T: BinaryInteger>(exactly source: T) { self.init(BigInt(source)) }

    /// The integer `source`.
    public init<T: BinaryInteger>(_ source: T) { self.init(BigInt(source)) }
}

extension Rational: Codable {
    /// Decodes the string form `"p/q"` (or any form ``init(parsing:)`` reads).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Rational(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the string form `"p/q"` (exact; a JSON number would not be).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

// MARK: Rounding to integers

extension Rational {
    /// ⌊x⌋.
    ///
    ///     Rational(-7, 2).floor   // -4
    public var floor: BigInt {
        if case .small(let n, let d) = storage {
            return BigInt(n).flooredQuotientAndModulo(dividingBy: BigInt(d)).quotient
        }
        return numerator.flooredQuotientAndModulo(dividingBy: denominator).quotient
    }

    /// ⌈x⌉.
    ///
    ///     Rational(-7, 2).ceiling   // -3
    public var ceiling: BigInt { -((-self).floor) }

    /// x rounded to an integer by `rule` (default: to nearest, ties away from zero, as
    /// `Double.rounded()`).
    ///
    ///     Rational(5, 2).rounded(.toNearestOrEven)   // 2
    public func rounded(_ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> BigInt {
        let f = floor
        let fraction = self - Rational(f)  // in [0, 1)
        if fraction.isZero { return f }
        let half = Rational(1, 2)
        switch rule {
        case .down: return f
        case .up: return f + .one
        case .towardZero: return signum() < 0 ? f + .one : f
        case .awayFromZero: return signum() < 0 ? f : f + .one
        case .toNearestOrAwayFromZero:
            if fraction == half { return signum() < 0 ? f : f + .one }
            return fraction < half ? f : f + .one
        case .toNearestOrEven:
            if fraction == half { return f.isOdd ? f + .one : f }
            return fraction < half ? f : f + .one
        @unknown default:
            return fraction < half ? f : f + .one
        }
    }
}

// MARK: Double

extension Double {
    /// The Double nearest to `x`, ties to even: correctly rounded, unlike `mpq_get_d`
    /// (which truncates). Beyond the range: ±∞; below half the smallest subnormal: ±0.
    ///
    ///     Double(Rational(1, 3))   // 0.3333333333333333
    public init(_ x: Rational) {
        if let (n, d) = x.inlineParts, n.magnitude <= 1 << 53, d <= 1 << 53 {
            self = Double(n) / Double(d)  // both exact, and IEEE division rounds correctly
        } else {
            self = correctlyRoundedQuotient(x.numerator, x.denominator)
        }
    }
}

/// n/d as the nearest Double (ties to even), for d > 0.
///
/// Computes q = ⌊|n|·2ᵏ/d⌋ with 55–56 significant bits plus a sticky bit (remainder ≠ 0),
/// then rounds q to the precision available at the value's exponent (53 bits for normal
/// numbers, fewer for subnormals), so every case is rounded once.
func correctlyRoundedQuotient(_ n: BigInt, _ d: BigInt) -> Double {
    if n.isZero { return 0 }
    let negative = n.signum() < 0
    let a = n.magnitude
    let k = 56 - (a.bitWidth - d.bitWidth)
    // Shifts are bounded by the operands' own sizes, so they cannot exceed the limit by much.
    let num = k > 0 ? a.unboundedShiftedLeft(by: k) : a
    let den = k < 0 ? d.unboundedShiftedLeft(by: -k) : d
    let (qBig, r) = num.quotientAndRemainder(dividingBy: den)
    guard let qInt = qBig.inlineValue else { return negative ? -.infinity : .infinity }  // unreachable: q < 2^57
    var q = UInt64(qInt)
    let sticky = !r.isZero
    let length = 64 - q.leadingZeroBitCount  // 56 or 57
    let e = length - 1 - k  // value ∈ [2^e, 2^(e+1))
    if e > 1023 { return negative ? -.infinity : .infinity }
    let precision = e >= -1022 ? 53 : 53 - (-1022 - e)
    if precision < 0 { return negative ? -0.0 : 0.0 }  // below 2^-1075: rounds to zero
    let drop = length - precision  // ≥ 3
    let remainder = q & ((1 << UInt64(drop)) - 1)
    let half: UInt64 = 1 << UInt64(drop - 1)
    q >>= UInt64(drop)
    if remainder > half || (remainder == half && (sticky || q & 1 == 1)) { q += 1 }
    let magnitude = Double(sign: .plus, exponent: drop - k, significand: Double(q))
    return negative ? -magnitude : magnitude
}

extension Rational {
    /// The exact value of a finite Double (every finite Double is a dyadic rational);
    /// `nil` for NaN and ±∞.
    ///
    ///     Rational(exactly: 0.1)   // 3602879701896397/36028797018963968
    public init?(exactly x: Double) {
        guard x.isFinite else { return nil }
        if x == 0 {
            self = .zero
            return
        }
        var m = x.significandBitPattern
        var e: Int
        if x.exponentBitPattern == 0 {
            e = -1074  // subnormal: m · 2^-1074
        } else {
            m |= 1 << 52
            e = Int(x.exponentBitPattern) - 1075
        }
        let tz = m.trailingZeroBitCount
        m >>= UInt64(tz)
        e += tz
        var numerator = BigInt(m)
        if x < 0 { numerator = -numerator }
        if e >= 0 {
            self.init(numerator.unboundedShiftedLeft(by: e))
        } else {
            self.init(numerator, BigInt.one.unboundedShiftedLeft(by: -e))
        }
    }
}

extension Rational {
    /// The value in scientific notation, m.mmm…e±k with `significantDigits` digits, rounded
    /// half to even, computed exactly from p/q: never through `Double`, so it also describes
    /// values far outside Double's range (`3^100000`, `1/7^5000`).
    ///
    ///     Rational(2, 3).scientificDescription(significantDigits: 4)   // "6.667e-1"
    ///
    /// The digits d₁d₂…d_s and exponent k are those of the integer nearest to |p/q|·10^(s−1−k)
    /// with 10^(s−1) ≤ it < 10^s. Returns ``description`` when the scaling power itself would
    /// pass ``ExactLimits/maximumBitWidth``.
    public func scientificDescription(significantDigits: Int = 17) -> String {
        let s = Swift.max(1, significantDigits)
        if isZero { return "0" }
        let a = numerator.magnitude
        let b = denominator
        guard let low = try? BigInt(10).power(s - 1), let high = try? BigInt(10).power(s) else { return description }
        // log₁₀|p/q| ≈ (bits(p) − bits(q))·log₁₀2, off by at most one or two: corrected below.
        var k = Int((Double(a.bitWidth - b.bitWidth) * 0.301_029_995_663_981_2).rounded(.down))
        for _ in 0..<8 {
            let shift = s - 1 - k
            guard let scale = try? BigInt(10).power(Swift.abs(shift)) else { return description }
            let (num, den) = shift >= 0 ? (a * scale, b) : (a, b * scale)
            var (q, r) = num.quotientAndRemainder(dividingBy: den)
            if q >= high {
                k += 1
                continue
            }
            if q < low {
                k -= 1
                continue
            }
            let twice = r + r
            if twice > den || (twice == den && q.isOdd) { q += 1 }
            if q == high {  // 9.99…5 rounded up to 10.0…
                q = low
                k += 1
            }
            let digits = q.description
            let mantissa = digits.count > 1 ? "\(digits.prefix(1)).\(digits.dropFirst())" : digits
            return (signum() < 0 ? "-" : "") + mantissa + "e" + (k < 0 ? "-" : "+") + String(Swift.abs(k))
        }
        return description  // not reached: the estimate is within one of k
    }
}
