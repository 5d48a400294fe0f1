// Heap storage for GMP values that do not fit in a machine word.
//
// The GMP header (`__mpz_struct` / `__mpq_struct`) is tail-allocated in a ManagedBuffer,
// so its address is stable for the object's lifetime and there is one allocation for the
// header (GMP allocates the limbs). GMP functions may alias output and input operands,
// which is safe here because we only ever hand GMP raw pointers, never `inout` Swift
// values (passing one Swift value as two `inout` arguments would violate exclusivity).
//
// Not Sendable itself (ManagedBuffer forbids it); the enums that hold it are
// @unchecked Sendable because a storage object is written only while it is being built (or when its
// owner holds the only reference, checked with `isKnownUniquelyReferenced`), so sharing
// a published one across threads is safe.

import CGMP

/// An owned `mpz_t`.
final class MPZStorage: ManagedBuffer<Void, __mpz_struct> {
    /// A new storage initialised to 0 and then written by `body`.
    @inline(__always)
    static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) throws -> Void) rethrows -> MPZStorage {
        let storage = unsafeDowncast(
            MPZStorage.create(minimumCapacity: 1) { _ in () }, to: MPZStorage.self)
        try storage.withUnsafeMutablePointerToElements { p in
            __gmpz_init(p)
            try body(p)
        }
        return storage
    }

    deinit {
        withUnsafeMutablePointerToElements { __gmpz_clear($0) }
    }

    @inline(__always)
    func withPointer<R>(_ body: (UnsafeMutablePointer<__mpz_struct>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements(body)
    }
}

/// An owned `mpq_t` (always canonical once published).
final class MPQStorage: ManagedBuffer<Void, __mpq_struct> {
    @inline(__always)
    static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) throws -> Void) rethrows -> MPQStorage {
        let storage = unsafeDowncast(
            MPQStorage.create(minimumCapacity: 1) { _ in () }, to: MPQStorage.self)
        try storage.withUnsafeMutablePointerToElements { p in
            __gmpq_init(p)
            try body(p)
        }
        return storage
    }

    deinit {
        withUnsafeMutablePointerToElements { __gmpq_clear($0) }
    }

    @inline(__always)
    func withPointer<R>(_ body: (UnsafeMutablePointer<__mpq_struct>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements(body)
    }
}

/// Reads an `mpz_t` that fits a word as an `Int` in the inline range
/// (`-Int.max ... Int.max`; `Int.min` is kept out so negation never overflows).
@inline(__always)
func mpzInlineValue(_ z: UnsafePointer<__mpz_struct>) -> Int? {
    guard __gmpz_fits_slong_p(z) != 0 else { return nil }
    let v = __gmpz_get_si(z)
    return v == Int.min ? nil : v
}

/// Runs `body` with a read-only `mpz_t` view of a word-sized value, on the stack.
@inline(__always)
func withMPZView<R>(of value: Int, _ body: (UnsafePointer<__mpz_struct>) throws -> R) rethrows -> R {
    var limb = mp_limb_t(value.magnitude)
    var z = __mpz_struct()
    return try withUnsafeMutablePointer(to: &limb) { lp in
        try withUnsafeMutablePointer(to: &z) { zp in
            jc_mpz_roinit_small(zp, lp, Int32(value.signum()))
            return try body(UnsafePointer(zp))
        }
    }
}

/// Runs `body` with a read-only `mpq_t` view of a word-sized canonical fraction, on the stack.
@inline(__always)
func withMPQView<R>(
    numerator: Int, denominator: Int, _ body: (UnsafePointer<__mpq_struct>) throws -> R
) rethrows -> R {
    var limbs: (mp_limb_t, mp_limb_t) = (mp_limb_t(numerator.magnitude), mp_limb_t(denominator.magnitude))
    var q = __mpq_struct()
    return try withUnsafeMutablePointer(to: &limbs) { lp in
        try lp.withMemoryRebound(to: mp_limb_t.self, capacity: 2) { limb in
            try withUnsafeMutablePointer(to: &q) { qp in
                jc_mpz_roinit_small(jc_mpq_numref(qp), limb, Int32(numerator.signum()))
                jc_mpz_roinit_small(jc_mpq_denref(qp), limb + 1, 1)
                return try body(UnsafePointer(qp))
            }
        }
    }
}

/// Decimal digits of an `mpz_t`.
func decimalString(of z: UnsafePointer<__mpz_struct>) -> String {
    let capacity = __gmpz_sizeinbase(z, 10) + 2  // sign and NUL
    var buffer = [CChar](repeating: 0, count: capacity)
    buffer.withUnsafeMutableBufferPointer { b in _ = __gmpz_get_str(b.baseAddress, 10, z) }
    let length = buffer.firstIndex(of: 0) ?? buffer.count
    return buffer[..<length].withUnsafeBufferPointer { b in
        b.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
    }
}
