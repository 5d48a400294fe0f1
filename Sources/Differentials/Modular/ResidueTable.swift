import Exact

// Residues of a rational matrix modulo one word prime after another. A matrix such as
// Hilbert's has n² entries but few distinct denominators (2n − 1), so the table is built
// once per solve: each word-sized entry keeps its numerator and the index of its
// denominator among the distinct ones. Per prime, the distinct denominators are inverted
// together (Montgomery's batch inversion: one modular inverse and three products each) and
// every entry costs one reduction and one product. Entries past a word keep their GMP
// residues, computed per prime, in the same batch.

struct ResidueTable {
    /// Per entry: the numerator when the entry is word-sized, and its denominator's index
    /// into `denominators` (−1 for an integer); entries past a word are listed in `large`.
    private let numerators: [Int]
    private let denominatorIndex: [Int32]
    private let denominators: [Int]
    private let large: [Int]
    private let values: [Rational]
    // Scratch, reused from prime to prime.
    private var inverses: [UInt64] = []
    private var prefix: [UInt64] = []
    private var largeResidues: [UInt64] = []

    init(_ values: [Rational]) {
        var numerators = [Int](repeating: 0, count: values.count)
        var denominatorIndex = [Int32](repeating: -1, count: values.count)
        var denominators: [Int] = []
        var large: [Int] = []
        var seen: [Int: Int32] = [:]
        for (e, x) in values.enumerated() {
            guard let (n, d) = x.inlineParts else {
                large.append(e)
                continue
            }
            numerators[e] = n
            if d == 1 { continue }
            if let i = seen[d] {
                denominatorIndex[e] = i
            } else {
                let i = Int32(denominators.count)
                seen[d] = i
                denominators.append(d)
                denominatorIndex[e] = i
            }
        }
        self.numerators = numerators
        self.denominatorIndex = denominatorIndex
        self.denominators = denominators
        self.large = large
        self.values = large.isEmpty ? [] : values
    }

    /// out[e] = value[e] mod p; `false` when p divides a denominator.
    mutating func residues(field: WordPrime, into out: inout [UInt64]) -> Bool {
        let p = field.p
        let k = denominators.count
        // Batch inversion of the distinct denominators, then of the large entries' ones.
        inverses.removeAll(keepingCapacity: true)
        prefix.removeAll(keepingCapacity: true)
        largeResidues.removeAll(keepingCapacity: true)
        var running: UInt64 = 1
        for d in denominators {
            let r = field.residue(d)
            if r == 0 { return false }
            inverses.append(r)
            running = field.multiply(running, r)
            prefix.append(running)
        }
        for e in large {
            let (numerator, denominator) = values[e].residues(modulo: UInt(p))
            if denominator == 0 { return false }
            largeResidues.append(UInt64(numerator))
            inverses.append(UInt64(denominator))
            running = field.multiply(running, UInt64(denominator))
            prefix.append(running)
        }
        guard var inverse = field.inverse(running) else { return false }
        for t in stride(from: inverses.count - 1, through: 0, by: -1) {
            let inverseT = t == 0 ? inverse : field.multiply(inverse, prefix[t - 1])
            inverse = field.multiply(inverse, inverses[t])
            inverses[t] = inverseT
        }
        numerators.withUnsafeBufferPointer { numerators in
            denominatorIndex.withUnsafeBufferPointer { index in
                inverses.withUnsafeBufferPointer { inverses in
                    out.withUnsafeMutableBufferPointer { out in
                        for e in 0..<numerators.count {
                            let r = field.residue(numerators[e])
                            let i = Int(index[e])
                            out[e] = i < 0 || r == 0 ? r : field.multiply(r, inverses[i])
                        }
                    }
                }
            }
        }
        for (t, e) in large.enumerated() {
            out[e] = field.multiply(largeResidues[t], inverses[k + t])
        }
        return true
    }
}
