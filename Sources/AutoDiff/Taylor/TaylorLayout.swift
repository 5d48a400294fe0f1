// How a truncated multivariate Taylor series is laid out in memory, and the product table
// that multiplies two of them.
//
// A series in m variables s₁, …, s_m truncated at total degree k has one coefficient per
// multi-index α with |α| ≤ k: C(m + k, k) of them. They are stored in graded
// lexicographic order — by degree, then by the exponent of s₁ (descending), then of s₂, … —
// so the coefficients of degree d (a homogeneous polynomial) form one contiguous block:
//
//     m = 2, k = 2:   1 | s₁ s₂ | s₁² s₁s₂ s₂²        (offsets 0 | 1 2 | 3 4 5)
//
// Every recurrence of Taylor-mode AD works degree by degree on these blocks: the product of
// the degree-i block of u and the degree-j block of v lands in the degree-(i + j) block of
// u·v. The product table lists, for each pair (i, j), the triples (α, β, α + β) as offsets.
// For m = 1 (one direction) each block is one coefficient and each table one triple.

/// The layout of a truncated Taylor series in `variables` variables up to total degree
/// `order`: the multi-indices in graded lexicographic order and the product table.
///
///     TaylorLayout.multiIndices(variables: 2, order: 2)   // [[0,0], [1,0], [0,1], [2,0], [1,1], [0,2]]
public struct TaylorLayout: Sendable {
    /// m, the number of series variables.
    public let variables: Int
    /// k, the truncation order.
    public let order: Int
    /// Every multi-index α with |α| ≤ k, in graded lexicographic order.
    public let multiIndices: [[Int]]
    /// The offset of the first coefficient of degree d (index d), and the total count at index k + 1.
    @usableFromInline let degreeStart: [Int]
    /// For the pair of degrees (i, j) with i + j ≤ k, at `pairStart[i * (k + 1) + j]`, the
    /// triples (offset of α, offset of β, offset of α + β) with |α| = i, |β| = j, flattened.
    @usableFromInline let pairStart: [Int]
    @usableFromInline let triples: [Int32]

    /// The number of coefficients C(m + k, k) of a series, or nil when it exceeds `limit`.
    ///
    ///     TaylorLayout.coefficientCount(variables: 3, order: 2)   // 10
    public static func coefficientCount(variables m: Int, order k: Int, limit: Int = Int.max) -> Int? {
        // C(m + k, k) built as a product of exact binomials C(m + i, i), i = 1…k.
        var c = 1
        for i in stride(from: 1, through: k, by: 1) {
            let (p, overflow) = c.multipliedReportingOverflow(by: m + i)
            if overflow { return nil }
            c = p / i
            if c > limit { return nil }
        }
        return c
    }

    /// The multi-indices α ∈ ℕᵐ with |α| ≤ k in graded lexicographic order: by total degree,
    /// then descending in α₁, then α₂, ….
    ///
    ///     TaylorLayout.multiIndices(variables: 2, order: 1)   // [[0,0], [1,0], [0,1]]
    public static func multiIndices(variables m: Int, order k: Int) -> [[Int]] {
        var all: [[Int]] = []
        for d in stride(from: 0, through: k, by: 1) { homogeneous(m, d, prefix: [], into: &all) }
        return all
    }

    private static func homogeneous(_ m: Int, _ d: Int, prefix: [Int], into all: inout [[Int]]) {
        if prefix.count == m - 1 || m == 0 {
            if m == 0 { if d == 0 { all.append([]) } } else { all.append(prefix + [d]) }
            return
        }
        for first in stride(from: d, through: 0, by: -1) { homogeneous(m, d - first, prefix: prefix + [first], into: &all) }
    }

    /// The layout for m variables and order k.
    ///
    /// - Precondition: m ≥ 1, k ≥ 0, and C(m + k, k) fits the caller's budget (checked by
    ///   ``coefficientCount(variables:order:limit:)`` first).
    public init(variables m: Int, order k: Int) {
        precondition(m >= 1 && k >= 0, "a Taylor layout needs m ≥ 1 variables and order k ≥ 0")
        variables = m
        order = k
        multiIndices = Self.multiIndices(variables: m, order: k)
        var offset: [[Int]: Int] = [:]
        var start = [Int](repeating: 0, count: k + 2)
        for (i, alpha) in multiIndices.enumerated() {
            offset[alpha] = i
            let d = alpha.reduce(0, +)
            start[d + 1] = i + 1
        }
        degreeStart = start
        var pairs = [Int](repeating: 0, count: (k + 1) * (k + 1) + 1)
        var table: [Int32] = []
        for i in 0...k {
            for j in 0...k {
                pairs[i * (k + 1) + j] = table.count
                guard i + j <= k else { continue }
                for a in start[i]..<start[i + 1] {
                    for b in start[j]..<start[j + 1] {
                        let sum = zip(multiIndices[a], multiIndices[b]).map { $0 + $1 }
                        table.append(Int32(a))
                        table.append(Int32(b))
                        table.append(Int32(offset[sum] ?? 0))
                    }
                }
            }
        }
        pairs[(k + 1) * (k + 1)] = table.count
        pairStart = pairs
        triples = table
    }

    /// The number of coefficients of one series, C(m + k, k).
    @inlinable public var width: Int { degreeStart[order + 1] }

    /// The offsets of the coefficients of degree d.
    @inlinable public func block(_ d: Int) -> Range<Int> { degreeStart[d]..<degreeStart[d + 1] }

    /// The number of multiplications one series product costs (Σ over i + j ≤ k of the
    /// block sizes' products).
    public var productCost: Int { triples.count / 3 }
}
