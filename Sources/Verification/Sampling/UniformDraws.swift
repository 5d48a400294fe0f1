/// Bounded draws written out here rather than left to `Int.random(in:using:)`, whose
/// algorithm the standard library does not promise: a seed must give the same points,
/// directions and expressions with every toolchain, so that `jacobi check --seed S` and a
/// failing random test can be replayed anywhere.
///
/// The method is Lemire's ("Fast random integer generation in an interval", 2019): the
/// product of a 64-bit draw and the bound, as a 128-bit number, has its high word uniform
/// in 0..<bound once the draws whose low word falls below 2⁶⁴ mod bound are rejected. (It is
/// also what the standard library does today, so these are the values it draws.)
///
///     var g = SplitMix64(seed: 0)
///     g.uniform(in: 1...6)   // 6
extension RandomNumberGenerator {
    /// A uniformly distributed value in 0..<`bound`.
    ///
    ///     var g = SplitMix64(seed: .max)
    ///     g.uniform(below: 1000)   // 893
    ///
    /// - Precondition: `bound > 0`.
    public mutating func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "the bound of a uniform draw must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let rejected = (0 &- bound) % bound  // 2⁶⁴ mod bound: the biased low words
            while product.low < rejected { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }

    /// A uniformly distributed integer in `range` (every one of its values equally likely).
    ///
    ///     var g = SplitMix64(seed: 7)
    ///     g.uniform(in: -9...9)   // -2
    public mutating func uniform(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound)
        if width == .max { return Int(truncatingIfNeeded: next()) }
        return Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: range.lowerBound) &+ uniform(below: width + 1))
    }

    /// A uniformly distributed integer in `range`.
    ///
    ///     var g = SplitMix64(seed: 42)
    ///     g.uniform(in: 1..<6)   // 4
    ///
    /// - Precondition: `range` is not empty.
    public mutating func uniform(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "a uniform draw needs a non-empty range")
        let width = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound)
        return Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: range.lowerBound) &+ uniform(below: width))
    }
}
