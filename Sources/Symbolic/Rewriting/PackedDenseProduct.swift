// The dense kernel of expansion (the array method of Monagan and Pearce, as FLINT's
// fmpz_mpoly_mul_array does it): when the product's degrees per generator are small, its
// monomials, all but one generator, index a small dense array, and the product is
// accumulated there one exponent of the remaining ("main") generator at a time. Each pair
// of terms costs an index addition, a multiplication and an addition — no hashing, no
// probing — and the array (at most 2¹⁷ words) stays in cache. Coefficients are machine
// words with overflow checks: any overflow hands the product back to the Rational path.

enum PackedDenseProduct {
    /// The largest dense array used (entries), and how much larger than the pair count it may be.
    static let maximumBox = 1 << 17

    /// a·b for packed monomials with `w`-bit fields and word coefficients, or nil when the
    /// product's degree box is too large for the dense method (the hash kernel then runs).
    static func multiply(
        _ a: [(UInt64, Int)], _ b: [(UInt64, Int)], bitsPerGenerator w: Int,
        termLimit: Int
    ) -> PackedIntegerProduct.Outcome? {
        guard w < 64, !a.isEmpty, !b.isEmpty else { return nil }
        let mask: UInt64 = (1 << UInt64(w)) - 1
        var used: UInt64 = 0
        for (k, _) in a { used |= k }
        for (k, _) in b { used |= k }
        let fields = used == 0 ? 1 : (63 - used.leadingZeroBitCount) / w + 1
        // Degree bounds of the product, per field.
        var maxA = [Int](repeating: 0, count: fields)
        var maxB = [Int](repeating: 0, count: fields)
        for (k, _) in a {
            for f in 0..<fields { maxA[f] = max(maxA[f], Int((k >> UInt64(f * w)) & mask)) }
        }
        for (k, _) in b {
            for f in 0..<fields { maxB[f] = max(maxB[f], Int((k >> UInt64(f * w)) & mask)) }
        }
        let dims = (0..<fields).map { maxA[$0] + maxB[$0] + 1 }
        // The main generator: the one with the widest range, so the box of the others is smallest.
        let main = dims.indices.max { dims[$0] < dims[$1] } ?? 0
        var box = 1
        var strides = [Int](repeating: 0, count: fields)
        for f in 0..<fields where f != main {
            strides[f] = box
            let (next, overflow) = box.multipliedReportingOverflow(by: dims[f])
            if overflow || next > maximumBox { return nil }
            box = next
        }
        if box > 8 * a.count * b.count + 4096 { return nil }  // a sparse product: hashing is cheaper
        let la = Layout(a, groups: maxA[main] + 1, main: main, bitsPerGenerator: w, strides: strides)
        let lb = Layout(b, groups: maxB[main] + 1, main: main, bitsPerGenerator: w, strides: strides)
        // When Σ|a|·Σ|b| fits in a word, no product and no partial sum can overflow: the
        // inner loop then needs no checks (W8's coefficients are far below that).
        let (normA, o1) = la.norm
        let (normB, o2) = lb.norm
        let (_, o3) = normA.multipliedReportingOverflow(by: normB)
        let checked = o1 || o2 || o3
        if !checked,
            let out = scanningProduct(
                la, lb, box: box, main: main, dims: dims, bitsPerGenerator: w, pairs: a.count * b.count,
                termLimit: termLimit)
        {
            return out.count > termLimit ? .tooManyTerms : .product(out)
        }
        let accumulator = UnsafeMutableBufferPointer<Int>.allocate(capacity: box)
        let occupied = UnsafeMutableBufferPointer<Bool>.allocate(capacity: box)
        let keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: box)
        let touched = UnsafeMutableBufferPointer<Int>.allocate(capacity: box)
        occupied.initialize(repeating: false)
        defer {
            accumulator.deallocate()
            occupied.deallocate()
            keys.deallocate()
            touched.deallocate()
        }
        var out: [(UInt64, Int)] = []
        let overflowed = la.withPointers { aIndex, aCoefficient, aKey in
            lb.withPointers { bIndex, bCoefficient, bKey in
                for t in 0...(maxA[main] + maxB[main]) {
                    var touchedCount = 0
                    for ta in max(0, t - maxB[main])...min(t, maxA[main]) {
                        let tb = t - ta
                        let (a0, a1) = (la.start[ta], la.start[ta + 1])
                        let (b0, b1) = (lb.start[tb], lb.start[tb + 1])
                        if a0 == a1 || b0 == b1 { continue }
                        for i in a0..<a1 {
                            let ia = aIndex[i]
                            let ca = aCoefficient[i]
                            let ka = aKey[i]
                            if checked {
                                for j in b0..<b1 {
                                    let slot = ia &+ bIndex[j]
                                    let (p, o1) = ca.multipliedReportingOverflow(by: bCoefficient[j])
                                    if o1 { return true }
                                    if occupied[slot] {
                                        let (s, o2) = accumulator[slot].addingReportingOverflow(p)
                                        if o2 { return true }
                                        accumulator[slot] = s
                                    } else {
                                        occupied[slot] = true
                                        accumulator[slot] = p
                                        keys[slot] = ka &+ bKey[j]
                                        touched[touchedCount] = slot
                                        touchedCount &+= 1
                                    }
                                }
                            } else {
                                for j in b0..<b1 {
                                    let slot = ia &+ bIndex[j]
                                    let p = ca &* bCoefficient[j]
                                    if occupied[slot] {
                                        accumulator[slot] &+= p
                                    } else {
                                        occupied[slot] = true
                                        accumulator[slot] = p
                                        keys[slot] = ka &+ bKey[j]
                                        touched[touchedCount] = slot
                                        touchedCount &+= 1
                                    }
                                }
                            }
                        }
                    }
                    for k in 0..<touchedCount {
                        let slot = touched[k]
                        if accumulator[slot] != 0 { out.append((keys[slot], accumulator[slot])) }
                        occupied[slot] = false
                    }
                    if out.count > termLimit { return false }
                }
                return false
            }
        }
        if overflowed { return .overflow }
        return out.count > termLimit ? .tooManyTerms : .product(out)
    }

    /// The product without overflow checks and without tracking which slots a chunk
    /// touched: each pair is an index addition, a multiplication and an addition, and the
    /// chunk's results are read by scanning its index range (from the groups' smallest and
    /// largest indices), the packed key of each slot from a table. nil when the ranges
    /// would scan more than twice as many slots as there are pairs (the tracking kernel is
    /// then cheaper).
    ///
    /// - Precondition: Σ|a|·Σ|b| < 2⁶³ (no product or partial sum overflows).
    private static func scanningProduct(
        _ la: Layout, _ lb: Layout, box: Int, main: Int, dims: [Int], bitsPerGenerator w: Int, pairs: Int,
        termLimit: Int
    ) -> [(UInt64, Int)]? {
        let groupsA = la.start.count - 1
        let groupsB = lb.start.count - 1
        var ranges: [(lo: Int, hi: Int)] = []
        ranges.reserveCapacity(groupsA + groupsB - 1)
        var scanned = 0
        for t in 0...(groupsA + groupsB - 2) {
            var (lo, hi) = (Int.max, -1)
            for ta in max(0, t - groupsB + 1)...min(t, groupsA - 1) {
                let tb = t - ta
                if la.start[ta] == la.start[ta + 1] || lb.start[tb] == lb.start[tb + 1] { continue }
                lo = min(lo, la.minIndex[ta] + lb.minIndex[tb])
                hi = max(hi, la.maxIndex[ta] + lb.maxIndex[tb])
            }
            ranges.append((lo, hi))
            if hi >= lo { scanned += hi - lo + 1 }
        }
        if scanned > 2 * pairs { return nil }
        let accumulator = UnsafeMutableBufferPointer<Int>.allocate(capacity: box)
        let keyOf = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: box)
        accumulator.initialize(repeating: 0)
        defer {
            accumulator.deallocate()
            keyOf.deallocate()
        }
        // keyOf[slot]: the packed exponents of the generators other than the main one, by
        // an odometer over the slots in index order.
        var digits = [Int](repeating: 0, count: dims.count)
        var key: UInt64 = 0
        for slot in 0..<box {
            keyOf[slot] = key
            for f in dims.indices where f != main {
                digits[f] += 1
                key &+= 1 << UInt64(f * w)
                if digits[f] < dims[f] { break }
                key &-= UInt64(dims[f]) << UInt64(f * w)
                digits[f] = 0
            }
        }
        var out: [(UInt64, Int)] = []
        la.withPointers { aIndex, aCoefficient, _ in
            lb.withPointers { bIndex, bCoefficient, _ in
                for (t, range) in ranges.enumerated() where range.hi >= range.lo {
                    for ta in max(0, t - groupsB + 1)...min(t, groupsA - 1) {
                        let tb = t - ta
                        let (b0, b1) = (lb.start[tb], lb.start[tb + 1])
                        for i in la.start[ta]..<la.start[ta + 1] {
                            let ia = aIndex[i]
                            let ca = aCoefficient[i]
                            for j in b0..<b1 { accumulator[ia &+ bIndex[j]] &+= ca &* bCoefficient[j] }
                        }
                    }
                    let mainKey = UInt64(t) << UInt64(main * w)
                    for slot in range.lo...range.hi where accumulator[slot] != 0 {
                        out.append((mainKey | keyOf[slot], accumulator[slot]))
                        accumulator[slot] = 0
                    }
                    if out.count > termLimit { return }
                }
            }
        }
        return out
    }

    /// One factor's terms grouped by their exponent of the main generator: group g is
    /// start[g]..<start[g + 1], with each term's dense index (the other exponents), its
    /// coefficient and its packed key.
    private struct Layout {
        var start: [Int]
        var index: [Int]
        var coefficient: [Int]
        var key: [UInt64]
        /// The smallest and largest dense index in each group (Int.max and −1 when empty).
        var minIndex: [Int]
        var maxIndex: [Int]

        init(_ terms: [(UInt64, Int)], groups: Int, main: Int, bitsPerGenerator w: Int, strides: [Int]) {
            let mask: UInt64 = (1 << UInt64(w)) - 1
            let mainShift = UInt64(main * w)
            start = [Int](repeating: 0, count: groups + 1)
            for (k, _) in terms { start[Int((k >> mainShift) & mask) + 1] += 1 }
            for g in 0..<groups { start[g + 1] += start[g] }
            var fill = start
            index = [Int](repeating: 0, count: terms.count)
            coefficient = [Int](repeating: 0, count: terms.count)
            key = [UInt64](repeating: 0, count: terms.count)
            minIndex = [Int](repeating: Int.max, count: groups)
            maxIndex = [Int](repeating: -1, count: groups)
            for (k, c) in terms {
                let g = Int((k >> mainShift) & mask)
                var i = 0
                var rest = k
                for f in strides.indices {
                    if f != main { i &+= Int(rest & mask) &* strides[f] }
                    rest >>= UInt64(w)
                }
                let slot = fill[g]
                fill[g] += 1
                index[slot] = i
                minIndex[g] = min(minIndex[g], i)
                maxIndex[g] = max(maxIndex[g], i)
                coefficient[slot] = c
                key[slot] = k
            }
        }

        /// Σ|c| and whether it overflowed.
        var norm: (Int, Bool) {
            var total = 0
            for c in coefficient {
                guard c != Int.min else { return (0, true) }
                let (s, o) = total.addingReportingOverflow(abs(c))
                if o { return (0, true) }
                total = s
            }
            return (total, false)
        }

        func withPointers<R>(
            _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<UInt64>) -> R
        ) -> R {
            index.withUnsafeBufferPointer { i in
                coefficient.withUnsafeBufferPointer { c in
                    key.withUnsafeBufferPointer { k in body(i, c, k) }
                }
            }
        }
    }
}
