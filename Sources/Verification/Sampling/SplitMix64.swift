import Exact

/// A small, fast, seeded random number generator (Steele, Lea & Flood's SplitMix64), so
/// that every random check can be replayed from its seed.
///
///     var g = SplitMix64(seed: 7)
///     g.uniform(in: 1...6)   // the same number on every run and platform
///
/// Not cryptographic. Two generators with the same seed produce the same sequence.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is determined by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent generator for the `index`-th sub-task (a function, a point), so that
    /// adding a check to one sub-task does not shift the random numbers of the others.
    ///
    ///     SplitMix64(seed: 1).split(3)   // the generator of sub-task 3 of seed 1
    public func split(_ index: Int) -> SplitMix64 {
        var g = SplitMix64(seed: state ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        _ = g.next()
        return g
    }
}

/// How random rational coordinates (of points, directions and weights) are drawn.
///
///     var g = SplitMix64(seed: 1)
///     RationalSampler().rational(using: &g)   // such as -7/3
///
/// Mostly small fractions n/d, with n in ``numerators`` and d in ``denominators``; zero
/// turns up too (about one draw in ``numerators``' width), on purpose: points where a
/// function is undefined or not differentiable must be met, skipped and counted.
public struct RationalSampler: Sendable, Hashable {
    /// The range of numerators.
    public var numerators: ClosedRange<Int>
    /// The range of denominators (positive).
    public var denominators: ClosedRange<Int>
    /// The chance, in percent, that a draw is wide instead: numerator and denominator each a
    /// product of one to three random machine words plus a small offset, so values at and
    /// beyond the machine word (where arithmetic hands over to GMP) turn up. 0 by default,
    /// and then a draw consumes exactly the random numbers it did before this existed.
    public var widePercentage: Int

    /// A sampler of n/d for n in `numerators`, d in `denominators`, wide `widePercentage`% of the time.
    ///
    ///     RationalSampler(numerators: -4...4, denominators: 2...3).rational(using: &g)   // such as -3/2
    ///
    /// - Precondition: `denominators.lowerBound >= 1`, `widePercentage` in 0...100.
    public init(numerators: ClosedRange<Int> = -9...9, denominators: ClosedRange<Int> = 1...5, widePercentage: Int = 0) {
        precondition(denominators.lowerBound >= 1, "denominators must be positive")
        precondition((0...100).contains(widePercentage), "widePercentage is a percentage")
        self.numerators = numerators
        self.denominators = denominators
        self.widePercentage = widePercentage
    }

    /// One random rational.
    public func rational<G: RandomNumberGenerator>(using g: inout G) -> Rational {
        if widePercentage > 0 && g.uniform(in: 0..<100) < widePercentage {
            var denominator = Self.wideInteger(using: &g)
            if denominator.isZero { denominator = 1 }
            return Rational(Self.wideInteger(using: &g), denominator)
        }
        return Rational(g.uniform(in: numerators), g.uniform(in: denominators))
    }

    /// ±(w₁·w₂·…·wₖ) + c for k in 1...3 random 63-bit words and c in −5...5.
    static func wideInteger<G: RandomNumberGenerator>(using g: inout G) -> BigInt {
        var x = BigInt(Int(truncatingIfNeeded: g.next()))
        for _ in 0..<g.uniform(in: 0..<3) { x *= BigInt(Int(truncatingIfNeeded: g.next() >> 1)) }
        return x + BigInt(g.uniform(in: -5...5))
    }

    /// A vector of `count` random rationals.
    public func vector<G: RandomNumberGenerator>(_ count: Int, using g: inout G) -> [Rational] {
        (0..<count).map { _ in rational(using: &g) }
    }

    /// A vector of `count` random rationals that is not all zero (a direction or weights
    /// that actually probes something); `count` = 0 gives `[]`.
    public func nonzeroVector<G: RandomNumberGenerator>(_ count: Int, using g: inout G) -> [Rational] {
        var v = vector(count, using: &g)
        if count > 0 && v.allSatisfy(\.isZero) { v[g.uniform(in: 0..<count)] = .one }
        return v
    }
}
