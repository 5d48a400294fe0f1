import CGMP

/// An arbitrary-precision signed integer.
///
///     let f: BigInt = 2432902008176640000      // 20!
///     f * 21                                    // 51090942171709440000
///
/// Storage invariant: a value in `-Int.max ... Int.max` is stored inline (`.small`) and
/// computed with overflow-checked machine arithmetic, with no heap allocation; every other
/// value lives in a GMP `mpz_t` (`.large`). Each operation that leaves the word range moves
/// to GMP, and each GMP result that fits again moves back, so the representation of a value
/// is unique (which `==` and `hash(into:)` rely on).
public struct BigInt: Sendable {
    enum Storage: @unchecked Sendable {
        case small(Int)
        case large(MPZStorage)
    }

    var storage: Storage

    @inline(__always)
    init(storage: Storage) { self.storage = storage }

    /// Wraps a GMP result, moving it back inline when it fits.
    @inline(__always)
    init(normalizing s: MPZStorage) {
        if let v = s.withPointer({ mpzInlineValue($0) }) {
            storage = .small(v)
        } else {
            storage = .large(s)
        }
    }

    /// The integer `value`.
    public init(_ value: Int) {
        if value == Int.min {
            self.init(storage: .large(MPZStorage.make { __gmpz_set_si($0, value) }))
        } else {
            self.init(storage: .small(value))
        }
    }

    /// The value of any binary integer, exactly.
    ///
    ///     BigInt(UInt64.max)     // 18446744073709551615
    public init<T: BinaryInteger>(_ source: T) {
        if let v = Int(exactly: source) {
            self.init(v)
            return
        }
        let words = Array(source.magnitude.words)
        let s = MPZStorage.make { p in
            words.withUnsafeBufferPointer { w in
                __gmpz_import(p, w.count, -1, MemoryLayout<UInt>.size, 0, 0, w.baseAddress)
            }
            if source < 0 { __gmpz_neg(p, p) }
        }
        self.init(normalizing: s)
    }

    /// Runs `body` with a read-only GMP view of the value (no allocation for inline values).
    @inline(__always)
    func withMPZ<R>(_ body: (UnsafePointer<__mpz_struct>) throws -> R) rethrows -> R {
        switch storage {
        case .small(let v): return try withMPZView(of: v, body)
        case .large(let s): return try s.withPointer { try body(UnsafePointer($0)) }
        }
    }

    /// The inline value, when the value fits in `-Int.max ... Int.max`.
    public var inlineValue: Int? {
        if case .small(let v) = storage { return v }
        return nil
    }

    /// `true` when the value is stored in GMP (for tests of the storage invariant).
    public var isHeapAllocated: Bool {
        if case .large = storage { return true }
        return false
    }

    /// Debug check of the storage invariant: `.large` only outside the inline range.
    var isCanonical: Bool {
        switch storage {
        case .small(let v): return v != Int.min
        case .large(let s): return s.withPointer { mpzInlineValue($0) } == nil
        }
    }
}

extension BigInt {
    /// Zero.
    public static let zero = BigInt(0)
    /// One.
    public static let one = BigInt(1)

    /// −1, 0 or 1.
    public func signum() -> Int {
        switch storage {
        case .small(let v): return v.signum()
        case .large(let s): return Int(s.withPointer { jc_mpz_sgn($0) })
        }
    }

    /// `true` when the value is 0.
    public var isZero: Bool {
        if case .small(let v) = storage { return v == 0 }
        return false
    }

    /// The number of bits of |self| (0 for 0): ⌊log₂|x|⌋ + 1.
    ///
    ///     BigInt(255).bitWidth   // 8
    public var bitWidth: Int {
        switch storage {
        case .small(let v): return Int.bitWidth - v.magnitude.leadingZeroBitCount
        case .large(let s): return s.withPointer { Int(__gmpz_sizeinbase($0, 2)) }
        }
    }

    /// `true` when the value is odd.
    public var isOdd: Bool {
        switch storage {
        case .small(let v): return v & 1 != 0
        case .large(let s): return s.withPointer { jc_mpz_odd_p($0) } != 0
        }
    }
}

extension BigInt: Equatable {
    public static func == (a: BigInt, b: BigInt) -> Bool {
        switch (a.storage, b.storage) {
        case (.small(let x), .small(let y)): return x == y
        case (.large(let x), .large(let y)):
            return x === y || x.withPointer { px in y.withPointer { py in __gmpz_cmp(px, py) == 0 } }
        default: return false  // the representation is unique
        }
    }
}

extension BigInt: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .small(let v):
            hasher.combine(v)
        case .large(let s):
            s.withPointer { p in
                hasher.combine(jc_mpz_sgn(p))
                let n = jc_mpz_limb_count(p)
                if let limbs = jc_mpz_limbs(p) {
                    for i in 0..<n { hasher.combine(limbs[i]) }
                }
            }
        }
    }
}

extension BigInt: Comparable {
    public static func < (a: BigInt, b: BigInt) -> Bool {
        if case .small(let x) = a.storage, case .small(let y) = b.storage { return x < y }
        return a.withMPZ { pa in b.withMPZ { pb in __gmpz_cmp(pa, pb) < 0 } }
    }
}
