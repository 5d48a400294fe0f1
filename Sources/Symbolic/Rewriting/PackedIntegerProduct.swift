// The hot loop of expansion, specialised: packed monomials with word-sized integer
// coefficients, multiplied into an open-addressing hash table (linear probing, Fibonacci
// hashing). It skips Swift's Dictionary (SipHash, generic Rational arithmetic) for the common
// case of integer polynomials; any overflow hands the product back to the generic path.

enum PackedIntegerProduct {
    enum Outcome {
        case product([(UInt64, Int)])
        /// A coefficient or key does not fit: use the generic Rational path.
        case overflow
        /// More than the term limit.
        case tooManyTerms
    }

    /// (monomial bits, integer coefficient) pairs of p, or nil when some coefficient is not
    /// a word-sized integer.
    static func integerTerms(_ p: ExpansionPolynomial<PackedMonomial>) -> [(UInt64, Int)]? {
        var out: [(UInt64, Int)] = []
        out.reserveCapacity(p.terms.count)
        for (m, c) in p.terms {
            guard let (n, d) = c.inlineParts, d == 1, m.bits != empty else { return nil }
            out.append((m.bits, n))
        }
        return out
    }

    static let empty = UInt64.max

    static func multiply(_ a: [(UInt64, Int)], _ b: [(UInt64, Int)], termLimit: Int) -> Outcome {
        var capacity = 64
        while capacity < 2 * min(a.count * b.count, 4096) { capacity <<= 1 }
        var keys = [UInt64](repeating: empty, count: capacity)
        var values = [Int](repeating: 0, count: capacity)
        var count = 0
        var shift = UInt64(64 - capacity.trailingZeroBitCount)
        var mask = capacity - 1

        func grow() {
            let oldKeys = keys
            let oldValues = values
            capacity <<= 1
            mask = capacity - 1
            shift -= 1
            keys = [UInt64](repeating: empty, count: capacity)
            values = [Int](repeating: 0, count: capacity)
            for (i, k) in oldKeys.enumerated() where k != empty {
                var slot = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while keys[slot] != empty { slot = (slot + 1) & mask }
                keys[slot] = k
                values[slot] = oldValues[i]
            }
        }

        for (ka, ca) in a {
            for (kb, cb) in b {
                let key = ka &+ kb
                if key == empty { return .overflow }
                let (term, o1) = ca.multipliedReportingOverflow(by: cb)
                if o1 { return .overflow }
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while true {
                    let k = keys[slot]
                    if k == key {
                        let (sum, o2) = values[slot].addingReportingOverflow(term)
                        if o2 { return .overflow }
                        values[slot] = sum
                        break
                    }
                    if k == empty {
                        keys[slot] = key
                        values[slot] = term
                        count += 1
                        if count > termLimit { return .tooManyTerms }
                        if 2 * count > capacity { grow() }
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        var out: [(UInt64, Int)] = []
        out.reserveCapacity(count)
        for (i, k) in keys.enumerated() where k != empty && values[i] != 0 { out.append((k, values[i])) }
        return .product(out)
    }
}
