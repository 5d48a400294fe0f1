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
        let (x, y) = (a.exponents, b.exponents)
        for i in 0..<min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] }
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

/// A binary max-heap of monomials (lex order), for the division loop's "largest remaining
/// monomial". Duplicates are allowed; the caller skips entries it has already consumed.
struct MonomialHeap {
    private var items: [Monomial]

    init(_ items: [Monomial]) {
        self.items = items
        var i = items.count / 2
        while i > 0 {
            i -= 1
            siftDown(i)
        }
    }

    mutating func push(_ m: Monomial) {
        items.append(m)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[parent] < items[i] else { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func popMax() -> Monomial? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        if !items.isEmpty { siftDown(0) }
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var largest = i
            if l < items.count && items[largest] < items[l] { largest = l }
            if r < items.count && items[largest] < items[r] { largest = r }
            if largest == i { return }
            items.swapAt(i, largest)
            i = largest
        }
    }
}
