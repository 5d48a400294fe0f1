import Exact
// The tests draw from the library's own generators (one SplitMix64, one expression
// generator), so a test and `jacobi check --seed` replay the same way everywhere.
@_exported import Verification

/// The tests' seeded generator: the library's `SplitMix64`, so that a failing random test
/// can be replayed from its seed.
public typealias SeededGenerator = SplitMix64

/// Random exact values that deliberately include the word boundaries, where the inline
/// fast path hands over to GMP.
public enum ExactSamples {
    /// Integers at and around ±2⁶³ and ±2⁶⁴, small values, and zero.
    public static let boundaryIntegers: [BigInt] = {
        let max = BigInt(Int.max)
        let min = BigInt(Int.min)
        let words: [BigInt] = [
            0, 1, -1, 2, -2, 3, 7, -12, BigInt(1 << 31), BigInt(-(1 << 32)), max, max - 1, -max, min, min + 1,
            max + 1, min - 1, max * 2 + 1, max * 2 + 2, -(max * 2 + 2), max * max, -(max * max) + 17,
        ]
        return words
    }()

    /// A random integer: a third small, a third near the word boundary, a third big.
    public static func integer(using g: inout SeededGenerator) -> BigInt {
        switch g.next() % 6 {
        case 0: return BigInt(Int.random(in: -20...20, using: &g))
        case 1: return BigInt(Int.random(in: -1_000_000...1_000_000, using: &g))
        case 2: return boundaryIntegers[Int(g.next() % UInt64(boundaryIntegers.count))]
        case 3:
            return BigInt(Int.max - Int.random(in: 0...3, using: &g)) * BigInt(Int.random(in: -3...3, using: &g))
                + BigInt(Int.random(in: -5...5, using: &g))
        case 4: return BigInt(Int.random(in: Int.min + 1...Int.max, using: &g))
        default:
            var x = BigInt(Int.random(in: -1000...1000, using: &g))
            for _ in 0..<Int(g.next() % 4) { x = x * BigInt(Int.random(in: Int.min + 1...Int.max, using: &g)) + 1 }
            return x
        }
    }

    /// A random rational whose numerator and denominator come from ``integer(using:)``.
    public static func rational(using g: inout SeededGenerator) -> Rational {
        var d = integer(using: &g)
        if d.isZero { d = 1 }
        return Rational(integer(using: &g), d)
    }
}

/// Runs `check` on every input, prefixing any failure message with the input that caused it.
public func withEvery<T>(_ inputs: [T], _ check: (T) throws -> Void) rethrows {
    for input in inputs { try check(input) }
}
