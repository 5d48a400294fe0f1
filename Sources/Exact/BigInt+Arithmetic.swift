import CGMP

// Each operation tries the inline word path first (overflow-checked) and falls back to
// GMP, through stack views of inline operands, only when the word path overflows.

extension BigInt {
    @inline(__always)
    static func gmp(
        _ a: BigInt, _ b: BigInt,
        _ op: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void
    ) -> BigInt {
        a.withMPZ { pa in b.withMPZ { pb in BigInt(normalizing: MPZStorage.make { op($0, pa, pb) }) } }
    }

    /// a + b.
    public static func + (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            let (r, o) = x.addingReportingOverflow(y)
            if !o && r != Int.min { return BigInt(storage: .small(r)) }
        }
        return gmp(a, b) { __gmpz_add($0, $1, $2) }
    }

    /// a − b.
    public static func - (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o && r != Int.min { return BigInt(storage: .small(r)) }
        }
        return gmp(a, b) { __gmpz_sub($0, $1, $2) }
    }

    /// a · b.
    public static func * (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if !o && r != Int.min { return BigInt(storage: .small(r)) }
        }
        return gmp(a, b) { __gmpz_mul($0, $1, $2) }
    }

    /// −a.
    public static prefix func - (a: BigInt) -> BigInt {
        switch a.storage {
        case .small(let x): return BigInt(storage: .small(-x))  // never overflows: x ≠ Int.min
        case .large(let s):
            return s.withPointer { p in BigInt(normalizing: MPZStorage.make { __gmpz_neg($0, p) }) }
        }
    }

    public static func += (a: inout BigInt, b: BigInt) { a = a + b }
    public static func -= (a: inout BigInt, b: BigInt) { a = a - b }
    public static func *= (a: inout BigInt, b: BigInt) { a = a * b }

    /// |a|.
    public var magnitude: BigInt { signum() < 0 ? -self : self }

    /// Truncating division: q = trunc(a/b), r = a − q·b, so r has the sign of a
    /// (Swift's convention for `Int`).
    ///
    ///     BigInt(-7).quotientAndRemainder(dividingBy: 2)   // (-3, -1)
    ///
    /// - Precondition: `divisor != 0` (see ``quotientAndRemainder(dividingBy:)``'s
    ///   throwing sibling ``dividedTruncating(by:)``).
    public func quotientAndRemainder(dividingBy divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!divisor.isZero, "BigInt division by zero")
        if case .small(let x) = storage, case .small(let y) = divisor.storage {
            return (BigInt(storage: .small(x / y)), BigInt(storage: .small(x % y)))
        }
        return withMPZ { pa in
            divisor.withMPZ { pb in
                var r: MPZStorage?
                let q = MPZStorage.make { pq in r = MPZStorage.make { pr in __gmpz_tdiv_qr(pq, pr, pa, pb) } }
                return (BigInt(normalizing: q), r.map { BigInt(normalizing: $0) } ?? .zero)
            }
        }
    }

    /// Truncating division that throws ``ExactError/divisionByZero`` instead of trapping.
    public func dividedTruncating(by divisor: BigInt) throws(ExactError) -> (quotient: BigInt, remainder: BigInt) {
        if divisor.isZero { throw .divisionByZero }
        return quotientAndRemainder(dividingBy: divisor)
    }

    /// Floored division: q = ⌊a/b⌋, m = a − q·b, so m has the sign of b (Python's `//`, `%`).
    ///
    ///     BigInt(-7).flooredQuotientAndModulo(dividingBy: 2)   // (-4, 1)
    ///
    /// - Precondition: `divisor != 0`.
    public func flooredQuotientAndModulo(dividingBy divisor: BigInt) -> (quotient: BigInt, modulo: BigInt) {
        precondition(!divisor.isZero, "BigInt division by zero")
        if case .small(let x) = storage, case .small(let y) = divisor.storage {
            var q = x / y
            var m = x % y
            if m != 0 && (m < 0) != (y < 0) {
                q -= 1  // |q| ≤ Int.max, so no overflow
                m += y
            }
            return (BigInt(storage: .small(q)), BigInt(storage: .small(m)))
        }
        return withMPZ { pa in
            divisor.withMPZ { pb in
                var m: MPZStorage?
                let q = MPZStorage.make { pq in m = MPZStorage.make { pm in __gmpz_fdiv_qr(pq, pm, pa, pb) } }
                return (BigInt(normalizing: q), m.map { BigInt(normalizing: $0) } ?? .zero)
            }
        }
    }

    /// Truncating quotient. - Precondition: `b != 0`.
    public static func / (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).quotient }
    /// Truncating remainder (sign of `a`). - Precondition: `b != 0`.
    public static func % (a: BigInt, b: BigInt) -> BigInt { a.quotientAndRemainder(dividingBy: b).remainder }

    /// The greatest common divisor, always ≥ 0; gcd(0, 0) = 0.
    ///
    ///     BigInt.gcd(12, -18)   // 6
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        if case .small(let x) = a.storage, case .small(let y) = b.storage {
            return BigInt(storage: .small(Int(wordGCD(x.magnitude, y.magnitude))))
        }
        return gmp(a, b) { __gmpz_gcd($0, $1, $2) }
    }

    /// The least common multiple, always ≥ 0; lcm(a, 0) = 0.
    ///
    ///     BigInt.lcm(4, 6)   // 12
    public static func lcm(_ a: BigInt, _ b: BigInt) -> BigInt {
        gmp(a, b) { __gmpz_lcm($0, $1, $2) }
    }

    /// aⁿ for n ≥ 0 (0⁰ = 1), size-checked before GMP is asked.
    ///
    ///     try BigInt(3).power(40)   // 12157665459056928801
    ///
    /// - Throws: ``ExactError/sizeLimitExceeded(bits:limit:)`` when the result would have more
    ///   than ``ExactLimits/maximumBitWidth`` bits.
    /// - Precondition: `exponent >= 0`.
    public func power(_ exponent: Int) throws(ExactError) -> BigInt {
        precondition(exponent >= 0, "BigInt.power needs a non-negative exponent")
        if exponent == 0 { return .one }
        let width = bitWidth
        if width <= 1 {  // 0, 1, -1
            return signum() < 0 && exponent % 2 == 0 ? .one : self
        }
        let (bits, overflow) = (width - 1).multipliedReportingOverflow(by: exponent)
        try ExactLimits.check(bits: overflow ? Int.max : bits + 1)
        if case .small(let x) = storage {
            var result = 1
            var base = x
            var e = exponent
            var fits = true
            while fits {
                if e & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base)
                    if o {
                        fits = false
                        break
                    }
                    result = r
                }
                e >>= 1
                if e == 0 { break }
                let (b2, o) = base.multipliedReportingOverflow(by: base)
                if o {
                    fits = false
                    break
                }
                base = b2
            }
            if fits && result != Int.min { return BigInt(storage: .small(result)) }
        }
        return withMPZ { p in BigInt(normalizing: MPZStorage.make { __gmpz_pow_ui($0, p, UInt(exponent)) }) }
    }

    /// a · 2ⁿ, size-checked. - Precondition: `n >= 0`.
    public func shiftedLeft(by n: Int) throws(ExactError) -> BigInt {
        precondition(n >= 0)
        if isZero || n == 0 { return self }
        let (bits, o) = bitWidth.addingReportingOverflow(n)
        try ExactLimits.check(bits: o ? Int.max : bits)
        return unboundedShiftedLeft(by: n)
    }

    /// a · 2ⁿ without the size check, for callers that bounded `n` themselves.
    func unboundedShiftedLeft(by n: Int) -> BigInt {
        if n == 0 || isZero { return self }
        if case .small(let x) = storage, n < Int.bitWidth - 1, x.magnitude.leadingZeroBitCount > n + 1 {
            return BigInt(storage: .small(x << n))
        }
        return withMPZ { p in BigInt(normalizing: MPZStorage.make { __gmpz_mul_2exp($0, p, UInt(n)) }) }
    }

    /// ⌊a / 2ⁿ⌋ (an arithmetic shift). - Precondition: `n >= 0`.
    public func shiftedRight(by n: Int) -> BigInt {
        precondition(n >= 0)
        if n == 0 { return self }
        if case .small(let x) = storage { return BigInt(storage: .small(n >= Int.bitWidth ? (x < 0 ? -1 : 0) : x >> n)) }
        return withMPZ { p in BigInt(normalizing: MPZStorage.make { __gmpz_fdiv_q_2exp($0, p, UInt(n)) }) }
    }

    /// The number of trailing zero bits of |a| (0 for 0).
    public var trailingZeroBitCount: Int {
        switch storage {
        case .small(let x): return x == 0 ? 0 : x.trailingZeroBitCount
        case .large(let s): return s.withPointer { Int(__gmpz_scan1($0, 0)) }
        }
    }
}

/// gcd of two machine words by Stein's binary algorithm (no division instructions).
@inline(__always)
func wordGCD(_ a: UInt, _ b: UInt) -> UInt {
    var u = a
    var v = b
    if u == 0 { return v }
    if v == 0 { return u }
    let shift = (u | v).trailingZeroBitCount
    u >>= u.trailingZeroBitCount
    repeat {
        v >>= v.trailingZeroBitCount
        if u > v { swap(&u, &v) }
        v -= u
    } while v != 0
    return u << shift
}
