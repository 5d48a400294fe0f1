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
        func layout(_ terms: [(UInt64, Int)], groups: Int) -> (start: [Int], index: [Int], coefficient: [Int], key: [UInt64]) {
            var start = [Int](repeating: 0, count: groups + 1)
            for (k, _) in terms { start[Int((k >> UInt64(main * w)) & mask) + 1] += 1 }
            for g in 0..<groups { start[g + 1] += start[g] }
            var fill = start
            var index = [Int](repeating: 0, count: terms.count)
            var coefficient = [Int](repeating: 0, count: terms.count)
            var key = [UInt64](repeating: 0, count: terms.count)
            for (k, c) in terms {
                let g = Int((k >> UInt64(main * w)) & mask)
                var i = 0
                for f in 0..<fields where f != main { i += Int((k >> UInt64(f * w)) & mask) * strides[f] }
                let slot = fill[g]
                fill[g] += 1
                index[slot] = i
                coefficient[slot] = c
                key[slot] = k
            }
            return (start, index, coefficient, key)
        }
        let la = layout(a, groups: maxA[main] + 1)
        let lb = layout(b, groups: maxB[main] + 1)
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
        let overflowed = la.index.withUnsafeBufferPointer { aIndex in
            la.coefficient.withUnsafeBufferPointer { aCoefficient in
                lb.index.withUnsafeBufferPointer { bIndex in
                    lb.coefficient.withUnsafeBufferPointer { bCoefficient in
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
                                            keys[slot] = la.key[i] &+ lb.key[j]
                                            touched[touchedCount] = slot
                                            touchedCount += 1
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
            }
        }
        if overflowed { return .overflow }
        return out.count > termLimit ? .tooManyTerms : .product(out)
    }
}
