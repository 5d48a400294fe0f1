// The nonlinear interactions found by the Hessian's sparsity sweep, as a flat list of
// unordered pairs {j, k} (one UInt64 each, j ≤ k), and the symmetric pattern they make.
//
// An instruction that is nonlinear in operands with index sets A and B contributes the
// pairs A × B (a product; A × A for a unary function). Neighbouring instructions repeat
// the same pairs (x², then (x − y)² …), so a small direct-mapped table of recently added
// pairs drops most repeats on the spot, and a memo of (set, set) products already added
// drops whole repeated products of large sets (exp(sin(s)) over the same s). What remains
// is deduplicated when the pattern is built: two counting sorts (by column, then by row),
// which leave every row's columns ascending with repeats adjacent, O(pairs + n) and no
// comparison sort. When the list outgrows twice what it held after the last
// deduplication, it is deduplicated on the spot, so its memory stays within a constant
// factor of the pattern's.

/// Unordered pairs {j, k} of inputs (see the file header).
struct InteractionPairs {
    let inputCount: Int
    private(set) var pairs: [UInt64] = []
    /// Recently added pairs, by a hash of the pair (UInt64.max: empty).
    private var recent: [UInt64]
    private var memo: Set<ProductKey> = []
    private var limit: Int

    private struct ProductKey: Hashable {
        var a: UInt64
        var b: UInt64
        var union: Bool
    }

    /// `limit`: how many pairs the list holds before its first deduplication.
    init(inputCount: Int, limit: Int? = nil) {
        self.inputCount = inputCount
        recent = [UInt64](repeating: .max, count: Self.recentSize)
        self.limit = limit ?? Swift.max(1 << 20, 4 * inputCount)
    }

    static let recentSize = 1 << 12

    @inline(__always)
    mutating func add(_ j: Int32, _ k: Int32) {
        let key = j <= k ? UInt64(UInt32(j)) << 32 | UInt64(UInt32(k)) : UInt64(UInt32(k)) << 32 | UInt64(UInt32(j))
        let h = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 52)  // top 12 bits
        if recent[h] == key { return }
        recent[h] = key
        pairs.append(key)
        if pairs.count > limit { deduplicate() }
    }

    /// Every pair of A × B (B × A is the same pairs).
    mutating func addProduct(_ a: UnsafeBufferPointer<Int32>, _ b: UnsafeBufferPointer<Int32>, serials: (UInt64, UInt64)) {
        if a.isEmpty || b.isEmpty { return }
        if a.count * b.count >= 64 {
            let key = ProductKey(a: Swift.min(serials.0, serials.1), b: Swift.max(serials.0, serials.1), union: false)
            if !memo.insert(key).inserted { return }
        }
        if a.baseAddress == b.baseAddress && a.count == b.count {
            for x in 0..<a.count { for y in x..<a.count { add(a[x], a[y]) } }
        } else {
            for j in a { for k in b { add(j, k) } }
        }
    }

    /// Every pair of (A ∪ B) × (A ∪ B), the union given in `u`.
    mutating func addUnionSquare(_ u: [Int32], serials: (UInt64, UInt64)) {
        if u.count * u.count >= 64 {
            let key = ProductKey(a: Swift.min(serials.0, serials.1), b: Swift.max(serials.0, serials.1), union: true)
            if !memo.insert(key).inserted { return }
        }
        for x in 0..<u.count { for y in x..<u.count { add(u[x], u[y]) } }
    }

    /// Removes repeated pairs (the list then holds each pair once, j ≤ k, sorted).
    mutating func deduplicate() {
        let p = Self.symmetricRows(pairs, inputCount)
        pairs.removeAll(keepingCapacity: true)
        for r in 0..<inputCount {
            for e in p.starts[r]..<p.starts[r + 1] where p.columns[e] >= r {
                pairs.append(UInt64(r) << 32 | UInt64(p.columns[e]))
            }
        }
        limit = Swift.max(limit, 2 * pairs.count)
    }

    /// The symmetric n × n pattern of the pairs: {j, k} gives (j, k) and (k, j).
    func pattern() -> SparsityPattern {
        let p = Self.symmetricRows(pairs, inputCount)
        return SparsityPattern(unchecked: inputCount, inputCount, p.starts, p.columns)
    }

    /// Rows with ascending, distinct columns, by two counting sorts (see the file header).
    static func symmetricRows(_ pairs: [UInt64], _ n: Int) -> (starts: [Int], columns: [Int]) {
        // Both orientations have the same counts per index (the multiset is symmetric).
        var offsets = [Int](repeating: 0, count: n + 1)
        for key in pairs {
            let j = Int(key >> 32)
            let k = Int(key & 0xFFFF_FFFF)
            offsets[j + 1] += 1
            if j != k { offsets[k + 1] += 1 }
        }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        let total = offsets[n]
        // 1: rows grouped by column.
        var fill = offsets
        var rowsByColumn = [Int32](repeating: 0, count: total)
        for key in pairs {
            let j = Int(key >> 32)
            let k = Int(key & 0xFFFF_FFFF)
            rowsByColumn[fill[k]] = Int32(j)
            fill[k] += 1
            if j != k {
                rowsByColumn[fill[j]] = Int32(k)
                fill[j] += 1
            }
        }
        // 2: columns grouped by row, visiting columns in ascending order, so each row's
        // columns arrive ascending and a repeat is the row's last entry.
        var counts = [Int](repeating: 0, count: n)
        var columnsByRow = [Int32](repeating: 0, count: total)
        for c in 0..<n {
            for e in offsets[c]..<offsets[c + 1] {
                let r = Int(rowsByColumn[e])
                let at = offsets[r] + counts[r]
                if counts[r] > 0 && columnsByRow[at - 1] == Int32(c) { continue }
                columnsByRow[at] = Int32(c)
                counts[r] += 1
            }
        }
        var starts = [Int](repeating: 0, count: n + 1)
        var columns = [Int]()
        columns.reserveCapacity(counts.reduce(0, +))
        for r in 0..<n {
            let from = offsets[r]
            for e in from..<(from + counts[r]) { columns.append(Int(columnsByRow[e])) }
            starts[r + 1] = columns.count
        }
        return (starts, columns)
    }
}
