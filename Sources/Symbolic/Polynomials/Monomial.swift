/// A monomial x₁^e₁ ⋯ xₙ^eₙ as its exponent vector, ordered lexicographically
/// (x₁ > x₂ > … ; higher exponents first), the order the polynomial algorithms use.
///
///     Monomial([2, 0, 1])   // x₁²·x₃
public struct Monomial: Hashable, Sendable, Comparable {
    /// The exponents, one per variable of the polynomial ring.
    public var exponents: [Int]

    /// The monomial with these exponents (each ≥ 0), one per variable.
    public init(_ exponents: [Int]) { self.exponents = exponents }

    /// The monomial 1 in `count` variables.
    public static func one(variables count: Int) -> Monomial { Monomial(Array(repeating: 0, count: count)) }

    /// Total degree e₁ + ⋯ + eₙ.
    public var totalDegree: Int { exponents.reduce(0, +) }

    /// `true` for the monomial 1.
    public var isOne: Bool { exponents.allSatisfy { $0 == 0 } }

    /// Lexicographic order: `a < b` when the first differing exponent is smaller in `a`.
    public static func < (a: Monomial, b: Monomial) -> Bool {
        for (x, y) in zip(a.exponents, b.exponents) where x != y { return x < y }
        return false
    }

    /// The product: exponents add.
    public static func * (a: Monomial, b: Monomial) -> Monomial {
        var e = a.exponents
        for i in e.indices { e[i] += b.exponents[i] }
        return Monomial(e)
    }

    /// a / b when b divides a (every exponent of b at most a's), else `nil`.
    public func dividing(by b: Monomial) -> Monomial? {
        var e = exponents
        for i in e.indices {
            e[i] -= b.exponents[i]
            if e[i] < 0 { return nil }
        }
        return Monomial(e)
    }
}
