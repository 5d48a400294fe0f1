// One bit per tape slot: which slots a sweep plan keeps in its full-size arrays. A 9 M-slot
// tape needs 1.1 MB of bits instead of 9 MB of Bools, and the plan visits only the slots that
// are set (a word at a time), so building the plan of a tape whose loops are stored once
// costs time in its marked slots, not in its length.

struct SlotBits {
    private(set) var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) >> 6) }

    subscript(k: Int) -> Bool { words[k >> 6] & (1 << UInt64(k & 63)) != 0 }

    mutating func insert(_ k: Int) { words[k >> 6] |= 1 << UInt64(k & 63) }

    /// Calls `body` with every set slot in `range`, ascending.
    func forEach(in range: Range<Int>, _ body: (Int) -> Void) {
        guard !range.isEmpty else { return }
        let first = range.lowerBound >> 6
        let last = (range.upperBound - 1) >> 6
        for w in first...last {
            var bits = words[w]
            if w == first { bits &= ~0 << UInt64(range.lowerBound & 63) }
            if w == last, range.upperBound & 63 != 0 { bits &= (1 << UInt64(range.upperBound & 63)) - 1 }
            while bits != 0 {
                body(w << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    /// The maximal runs of set slots below `count`, ascending.
    func runs(below count: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        forEach(in: 0..<count) { k in
            if let last = out.last, last.upperBound == k {
                out[out.count - 1] = last.lowerBound..<(k + 1)
            } else {
                out.append(k..<(k + 1))
            }
        }
        return out
    }
}
