/// Errors of exact arithmetic that a caller can recover from.
///
///     try Rational(1).dividing(by: 0)        // throws ExactError.divisionByZero
///     try BigInt(2).power(1_000_000_000_000) // throws ExactError.sizeLimitExceeded
public enum ExactError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A division (or a negative power) by zero.
    case divisionByZero
    /// The result would need about `bits` bits, more than ``ExactLimits/maximumBitWidth``.
    /// Thrown before GMP is asked, because GMP aborts the process when memory runs out.
    case sizeLimitExceeded(bits: Int, limit: Int)

    public var description: String {
        switch self {
        case .divisionByZero:
            return "division by zero"
        case .sizeLimitExceeded(let bits, let limit):
            return "result too large: about \(bits) bits, the limit is \(limit) bits"
        }
    }
}

/// Limits that keep exact arithmetic from exhausting memory.
///
/// The limit is task-local, so a caller can raise or lower it for one computation:
///
///     try ExactLimits.$maximumBitWidth.withValue(1 << 30) { try BigInt(3).power(100_000_000) }
public enum ExactLimits {
    /// The largest result, in bits, that a size-checked operation (powers, shifts, parsing of
    /// exponents, the throwing arithmetic methods) may produce: 2²⁶ bits (about 20 million
    /// decimal digits, 8 MiB) unless set.
    @TaskLocal public static var maximumBitWidth: Int = 1 << 26

    /// Throws ``ExactError/sizeLimitExceeded(bits:limit:)`` when `bits` exceeds the limit.
    @inline(__always)
    static func check(bits: Int) throws(ExactError) {
        let limit = maximumBitWidth
        if bits > limit { throw .sizeLimitExceeded(bits: bits, limit: limit) }
    }
}
