import CGMP

// The word paths follow Henrici's algorithms (Knuth, TAOCP vol. 2, §4.5.1): they divide
// out common factors before multiplying, so a result is canonical without a final gcd of
// the full products, and overflow is detected at every multiplication. On overflow the
// operation is redone by GMP on stack views of the operands.

extension Rational {
    typealias MPQOp = (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void

    @inline(__always)
    static func gmp(_ a: Rational, _ b: Rational, _ op: MPQOp) -> Rational {
        a.withMPQ { pa in b.withMPQ { pb in Rational(normalizing: MPQStorage.make { op($0, pa, pb) }) } }
    }

    @inline(__always)
    static func small(_ n: Int, _ d: Int) -> Rational? {
        n == Int.min ? nil : Rational(storage: .small(numerator: n, denominator: d))
    }

    /// a/b + c/d on words, or nil on overflow.
    @inline(__always)
    static func wordSum(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        if b == d {
            let (t, o) = a.addingReportingOverflow(c)
            if o { return nil }
            if b == 1 { return small(t, 1) }
            if t == 0 { return .zero }
            let g = Int(wordGCD(t.magnitude, UInt(b)))
            return small(t / g, b / g)
        }
        let g = Int(wordGCD(UInt(b), UInt(d)))
        if g == 1 {
            let (ad, o1) = a.multipliedReportingOverflow(by: d)
            let (cb, o2) = c.multipliedReportingOverflow(by: b)
            let (bd, o3) = b.multipliedReportingOverflow(by: d)
            let (t, o4) = ad.addingReportingOverflow(cb)
            if o1 || o2 || o3 || o4 { return nil }
            return t == 0 ? .zero : small(t, bd)
        }
        let bg = b / g
        let dg = d / g
        let (x, o1) = a.multipliedReportingOverflow(by: dg)
        let (y, o2) = c.multipliedReportingOverflow(by: bg)
        let (t, o3) = x.addingReportingOverflow(y)
        if o1 || o2 || o3 { return nil }
        if t == 0 { return .zero }
        let g2 = Int(wordGCD(t.magnitude, UInt(g)))
        let (den, o4) = bg.multipliedReportingOverflow(by: d / g2)
        if o4 { return nil }
        return small(t / g2, den)
    }

    /// (a/b)·(c/d) on words, or nil on overflow.
    @inline(__always)
    static func wordProduct(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        if a == 0 || c == 0 { return .zero }
        let g1 = Int(wordGCD(a.magnitude, UInt(d)))
        let g2 = Int(wordGCD(c.magnitude, UInt(b)))
        let (n, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
        let (den, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        if o1 || o2 { return nil }
        return small(n, den)
    }

    /// a + b.
    public static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage,
            let r = wordSum(n1, d1, n2, d2)
        {
            return r
        }
        return gmp(a, b) { __gmpq_add($0, $1, $2) }
    }

    /// a − b.
    public static func - (a: Rational, b: Rational) -> Rational {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage,
            let r = wordSum(n1, d1, -n2, d2)
        {
            return r
        }
        return gmp(a, b) { __gmpq_sub($0, $1, $2) }
    }

    /// a · b.
    public static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage,
            let r = wordProduct(n1, d1, n2, d2)
        {
            return r
        }
        return gmp(a, b) { __gmpq_mul($0, $1, $2) }
    }

    /// a / b.
    ///
    /// - Precondition: `b != 0`; ``dividing(by:)`` throws instead.
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "Rational division by zero")
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage,
            let r = wordProduct(n1, d1, n2 < 0 ? -d2 : d2, Int(n2.magnitude))
        {
            return r
        }
        return gmp(a, b) { __gmpq_div($0, $1, $2) }
    }

    /// −a.
    public static prefix func - (a: Rational) -> Rational {
        switch a.storage {
        case .small(let n, let d): return Rational(storage: .small(numerator: -n, denominator: d))
        case .large(let s): return s.withPointer { p in Rational(normalizing: MPQStorage.make { __gmpq_neg($0, p) }) }
        }
    }

    /// Applies `op` in place when `self` is the only owner of its GMP storage (as `mpq_add(a, a, b)`
    /// does in C); returns false when the caller must compute a fresh value instead.
    @inline(__always)
    mutating func formInPlace(_ b: Rational, _ op: MPQOp) -> Bool {
        guard case .large(var s) = storage else { return false }
        storage = .small(numerator: 0, denominator: 1)  // drop our reference for the uniqueness test
        if isKnownUniquelyReferenced(&s) {
            b.withMPQ { pb in s.withPointer { p in op(p, UnsafePointer(p), pb) } }
            self = Rational(normalizing: s)
            return true
        }
        storage = .large(s)
        return false
    }

    public static func += (a: inout Rational, b: Rational) {
        if !a.formInPlace(b, { __gmpq_add($0, $1, $2) }) { a = a + b }
    }

    public static func -= (a: inout Rational, b: Rational) {
        if !a.formInPlace(b, { __gmpq_sub($0, $1, $2) }) { a = a - b }
    }

    public static func *= (a: inout Rational, b: Rational) {
        if !a.formInPlace(b, { __gmpq_mul($0, $1, $2) }) { a = a * b }
    }

    /// - Precondition: `b != 0`.
    public static func /= (a: inout Rational, b: Rational) {
        precondition(!b.isZero, "Rational division by zero")
        if !a.formInPlace(b, { __gmpq_div($0, $1, $2) }) { a = a / b }
    }

    /// |a|.
    public var magnitude: Rational { signum() < 0 ? -self : self }

    /// 1/a. - Precondition: `a != 0`.
    public var reciprocal: Rational { .one / self }

    // MARK: Throwing, size-checked arithmetic

    /// a / b, throwing ``ExactError/divisionByZero`` for b = 0 and
    /// ``ExactError/sizeLimitExceeded(bits:limit:)`` for a result past the limit.
    ///
    ///     try Rational(1).dividing(by: 3)   // 1/3
    public func dividing(by b: Rational) throws(ExactError) -> Rational {
        if b.isZero { throw .divisionByZero }
        try Rational.checkProductSize(self, b)
        return self / b
    }

    /// a · b, size-checked.
    public func multiplied(by b: Rational) throws(ExactError) -> Rational {
        try Rational.checkProductSize(self, b)
        return self * b
    }

    /// a + b, size-checked.
    public func adding(_ b: Rational) throws(ExactError) -> Rational {
        try Rational.checkProductSize(self, b)
        return self + b
    }

    /// a − b, size-checked.
    public func subtracting(_ b: Rational) throws(ExactError) -> Rational {
        try Rational.checkProductSize(self, b)
        return self - b
    }

    @inline(__always)
    static func checkProductSize(_ a: Rational, _ b: Rational) throws(ExactError) {
        if case .small = a.storage, case .small = b.storage { return }
        try ExactLimits.check(bits: a.bitWidth + b.bitWidth)
    }

    /// aⁿ for any integer n (negative powers invert); 0⁰ = 1.
    ///
    ///     try Rational(2, 3).power(-3)   // 27/8
    ///
    /// - Throws: ``ExactError/divisionByZero`` for 0 to a negative power;
    ///   ``ExactError/sizeLimitExceeded(bits:limit:)`` when the result would be too large.
    public func power(_ n: Int) throws(ExactError) -> Rational {
        if n == 0 { return .one }
        if isZero {
            if n < 0 { throw .divisionByZero }
            return .zero
        }
        let e = n.magnitude
        guard e <= UInt(Int.max) else { throw .sizeLimitExceeded(bits: Int.max, limit: ExactLimits.maximumBitWidth) }
        let p = try numerator.power(Int(e))
        let q = try denominator.power(Int(e))
        // gcd(p, q) = 1 already, so only the sign needs fixing when inverting.
        if n > 0 { return Rational(p, q) }
        return Rational(q, p)
    }

    /// gcd of two rationals: gcd(numerators)/lcm(denominators), the largest r with a/r, b/r ∈ ℤ.
    ///
    ///     Rational.gcd(Rational(1, 2), Rational(1, 3))   // 1/6
    public static func gcd(_ a: Rational, _ b: Rational) -> Rational {
        Rational(BigInt.gcd(a.numerator, b.numerator), BigInt.lcm(a.denominator, b.denominator))
    }

    /// lcm of two rationals: lcm(numerators)/gcd(denominators); 0 when either is 0.
    ///
    ///     Rational.lcm(Rational(1, 2), Rational(2, 3))   // 2
    public static func lcm(_ a: Rational, _ b: Rational) -> Rational {
        Rational(BigInt.lcm(a.numerator, b.numerator), BigInt.gcd(a.denominator, b.denominator))
    }
}
