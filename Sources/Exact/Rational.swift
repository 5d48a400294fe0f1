import CGMP

/// An exact rational number p/q.
///
///     let h = (1...10).reduce(Rational.zero) { $0 + Rational(1, $1) }   // 7381/2520
///
/// Invariants (checked by `isCanonical`, asserted in debug builds):
/// - always canonical: gcd(p, q) = 1, q > 0, and zero is 0/1;
/// - small values stay inline: when p and q both lie in `-Int.max ... Int.max` the value is
///   stored as two machine words (`.small`) and computed with overflow-checked machine
///   arithmetic, with no heap allocation; otherwise it is a GMP `mpq_t` (`.large`). A result
///   that fits the words again moves back, so each value has exactly one representation.
public struct Rational: Sendable {
    enum Storage: @unchecked Sendable {
        case small(numerator: Int, denominator: Int)
        case large(MPQStorage)
    }

    var storage: Storage

    @inline(__always)
    init(storage: Storage) { self.storage = storage }

    /// Wraps a canonical GMP result, moving it inline when both parts fit.
    @inline(__always)
    init(normalizing s: MPQStorage) {
        let small: (Int, Int)? = s.withPointer { q in
            guard let n = mpzInlineValue(jc_mpq_numref(q)), let d = mpzInlineValue(jc_mpq_denref(q)) else {
                return nil
            }
            return (n, d)
        }
        if let (n, d) = small {
            storage = .small(numerator: n, denominator: d)
        } else {
            storage = .large(s)
        }
    }

    /// The integer `value`.
    public init(_ value: Int) {
        if value == Int.min {
            self.init(storage: .large(MPQStorage.make { __gmpq_set_si($0, value, 1) }))
        } else {
            self.init(storage: .small(numerator: value, denominator: 1))
        }
    }

    /// The integer `value`.
    public init(_ value: BigInt) {
        if let v = value.inlineValue {
            self.init(storage: .small(numerator: v, denominator: 1))
        } else {
            let s = value.withMPZ { z in MPQStorage.make { __gmpq_set_z($0, z) } }
            self.init(storage: .large(s))
        }
    }

    /// The fraction numerator/denominator, reduced to lowest terms.
    ///
    ///     Rational(6, -4)   // -3/2
    ///
    /// - Precondition: `denominator != 0` (use ``init(numerator:denominator:)`` to get an error).
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational with a zero denominator")
        if numerator != Int.min && denominator != Int.min {
            let g = Int(wordGCD(numerator.magnitude, denominator.magnitude))
            let sign = denominator < 0 ? -1 : 1
            self.init(storage: .small(numerator: sign * (numerator / g), denominator: sign * (denominator / g)))
        } else {
            self.init(BigInt(numerator), BigInt(denominator))
        }
    }

    /// The fraction numerator/denominator of big integers, reduced to lowest terms.
    ///
    /// - Precondition: `denominator != 0`.
    public init(_ numerator: BigInt, _ denominator: BigInt) {
        precondition(!denominator.isZero, "Rational with a zero denominator")
        if let n = numerator.inlineValue, let d = denominator.inlineValue {
            self.init(n, d)
            return
        }
        let s = numerator.withMPZ { pn in
            denominator.withMPZ { pd in
                MPQStorage.make { q in
                    __gmpz_set(jc_mpq_numref(q), pn)
                    __gmpz_set(jc_mpq_denref(q), pd)
                    __gmpq_canonicalize(q)
                }
            }
        }
        self.init(normalizing: s)
    }

    /// The fraction numerator/denominator, or ``ExactError/divisionByZero``.
    public init(numerator: BigInt, denominator: BigInt) throws(ExactError) {
        if denominator.isZero { throw .divisionByZero }
        self.init(numerator, denominator)
    }

    /// Runs `body` with a read-only canonical `mpq_t` view (no allocation when inline).
    @inline(__always)
    func withMPQ<R>(_ body: (UnsafePointer<__mpq_struct>) throws -> R) rethrows -> R {
        switch storage {
        case .small(let n, let d): return try withMPQView(numerator: n, denominator: d, body)
        case .large(let s): return try s.withPointer { try body(UnsafePointer($0)) }
        }
    }

    /// The storage and canonical-form invariants.
    var isCanonical: Bool {
        switch storage {
        case .small(let n, let d):
            return n != Int.min && d > 0 && wordGCD(n.magnitude, d.magnitude) == 1
        case .large(let s):
            return s.withPointer { q in
                let fits = mpzInlineValue(jc_mpq_numref(q)) != nil && mpzInlineValue(jc_mpq_denref(q)) != nil
                var g = __mpz_struct()
                __gmpz_init(&g)
                defer { __gmpz_clear(&g) }
                __gmpz_gcd(&g, jc_mpq_numref(q), jc_mpq_denref(q))
                return !fits && jc_mpz_sgn(jc_mpq_denref(q)) > 0 && __gmpz_cmp_ui(&g, 1) == 0
            }
        }
    }

    /// `true` when the value is stored in GMP (for tests of the storage invariant).
    public var isHeapAllocated: Bool {
        if case .large = storage { return true }
        return false
    }
}

extension Rational {
    /// 0.
    public static let zero = Rational(0)
    /// 1.
    public static let one = Rational(1)

    /// The numerator p of the canonical form p/q (its sign is the sign of the value).
    public var numerator: BigInt {
        switch storage {
        case .small(let n, _): return BigInt(n)
        case .large(let s): return s.withPointer { q in BigInt(normalizing: MPZStorage.make { __gmpz_set($0, jc_mpq_numref(q)) }) }
        }
    }

    /// The denominator q > 0 of the canonical form p/q.
    public var denominator: BigInt {
        switch storage {
        case .small(_, let d): return BigInt(d)
        case .large(let s): return s.withPointer { q in BigInt(normalizing: MPZStorage.make { __gmpz_set($0, jc_mpq_denref(q)) }) }
        }
    }

    /// The numerator and denominator as words, when both fit (the fast path's own view).
    public var inlineParts: (numerator: Int, denominator: Int)? {
        if case .small(let n, let d) = storage { return (n, d) }
        return nil
    }

    /// −1, 0 or 1.
    public func signum() -> Int {
        switch storage {
        case .small(let n, _): return n.signum()
        case .large(let s): return Int(s.withPointer { jc_mpq_sgn($0) })
        }
    }

    /// `true` for 0.
    public var isZero: Bool {
        if case .small(let n, _) = storage { return n == 0 }
        return false
    }

    /// `true` when the denominator is 1.
    public var isInteger: Bool {
        switch storage {
        case .small(_, let d): return d == 1
        case .large(let s): return s.withPointer { __gmpz_cmp_ui(jc_mpq_denref($0), 1) == 0 }
        }
    }

    /// Bits of the numerator plus bits of the denominator: the size measure the limits use.
    /// Read from the representation (no copy).
    public var bitWidth: Int {
        switch storage {
        case .small(let n, let d):
            return 2 * Int.bitWidth - n.magnitude.leadingZeroBitCount - d.magnitude.leadingZeroBitCount
        case .large(let s):
            return s.withPointer { q in
                let n = jc_mpz_sgn(jc_mpq_numref(q)) == 0 ? 0 : Int(__gmpz_sizeinbase(jc_mpq_numref(q), 2))
                return n + Int(__gmpz_sizeinbase(jc_mpq_denref(q), 2))
            }
        }
    }

    /// Throws when ``bitWidth`` exceeds ``ExactLimits/maximumBitWidth``: for code that
    /// combines values with the unchecked operators and checks each result, so that no
    /// operand ever exceeds the limit (one product or sum then stays within twice it).
    ///
    ///     try Rational(3).checkingSizeLimit()   // returns
    ///
    /// - Throws: ``ExactError/sizeLimitExceeded(bits:limit:)``.
    public func checkingSizeLimit() throws(ExactError) {
        if case .small = storage { return }  // two words: far below any limit worth setting
        try ExactLimits.check(bits: bitWidth)
    }
}

extension Rational: Equatable {
    public static func == (a: Rational, b: Rational) -> Bool {
        switch (a.storage, b.storage) {
        case (.small(let n1, let d1), .small(let n2, let d2)): return n1 == n2 && d1 == d2
        case (.large(let x), .large(let y)):
            return x === y || x.withPointer { px in y.withPointer { py in __gmpq_equal(px, py) != 0 } }
        default: return false  // canonical and unique representation
        }
    }
}

extension Rational: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .small(let n, let d):
            hasher.combine(n)
            hasher.combine(d)
        case .large:
            hasher.combine(numerator)
            hasher.combine(denominator)
        }
    }
}

extension Rational: Comparable {
    public static func < (a: Rational, b: Rational) -> Bool {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage {
            if d1 == d2 { return n1 < n2 }
            // n1/d1 < n2/d2 ⟺ n1·d2 < n2·d1 (d's positive), in 128-bit arithmetic
            let l = n1.multipliedFullWidth(by: d2)
            let r = n2.multipliedFullWidth(by: d1)
            return l.high < r.high || (l.high == r.high && l.low < r.low)
        }
        return a.withMPQ { pa in b.withMPQ { pb in __gmpq_cmp(pa, pb) < 0 } }
    }
}
