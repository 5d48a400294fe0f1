import Exact

// A·X = B over ℚ by multi-modular elimination (the method of FLINT's fmpq_mat_solve_multi_mod):
// solve modulo word primes p₁, p₂, … (Gauss–Jordan, O(n³) word operations each), rebuild
// X from its residues (CRT and rational reconstruction) once enough primes agree, and
// prove the result exactly without multiplying it back.
//
// The proof. Let Dᵢ be the lcm of the denominators of row i of [A | B]; A' = diag(D)·A and
// B' = diag(D)·B are integer matrices with the same solutions. The candidate is N/d with
// N integral and N ≡ d·X (mod M = Πpⱼ), where A·X ≡ B mod every pⱼ; so A'·N ≡ d·B' (mod M).
// Every entry of A'·N − d·B' is below n·‖A'‖·‖N‖ + d·‖B'‖ in absolute value, and a
// multiple of M below M/2 is 0: once M is past twice that bound, A'·N = d·B' exactly and
// N/d is the solution (A is invertible: it is invertible modulo p₁). Primes are added
// until the bound is met; every added prime must agree with the candidate.

enum MultiModularSolver {
    /// Below this size Gauss–Jordan over ℚ (small entries stay in machine words) is faster.
    static let minimumSize = 4

    /// X with A·X = B, or nil when A is singular modulo the first prime (singular over ℚ,
    /// or an unlucky prime: the caller's Gauss–Jordan decides).
    ///
    /// - Precondition: A is square, B has A's row count.
    static func solve(_ a: Matrix<Rational>, _ b: Matrix<Rational>) -> Matrix<Rational>? {
        let n = a.rows
        let m = b.columns
        if n == 0 || m == 0 { return Matrix(rows: n, columns: m, repeating: .zero) }
        guard let bounds = SizeBounds(a, b) else { return nil }
        var sequence = WordPrime.Sequence()
        var next = 0
        var fields: [WordPrime] = []
        var solutions: [[UInt64]] = []
        var residuesA = [UInt64](repeating: 0, count: n * n)
        var residuesB = [UInt64](repeating: 0, count: n * m)
        let inverting = b == .identity(n)
        var tableA = ResidueTable(a.elements)
        var tableB = ResidueTable(inverting ? [] : b.elements)
        /// The solution modulo the next usable prime, or nil on a singular first prime.
        func nextSolution() -> (WordPrime, [UInt64])? {
            while true {
                let field = WordPrime(p: sequence.prime(next))
                next += 1
                guard tableA.residues(field: field, into: &residuesA) else { continue }  // p divides a denominator
                if inverting {
                    if ModularElimination.invert(&residuesA, n: n, field: field) { return (field, residuesA) }
                } else {
                    guard tableB.residues(field: field, into: &residuesB) else { continue }
                    if ModularElimination.solve(&residuesA, &residuesB, n: n, m: m, field: field) {
                        return (field, residuesB)
                    }
                }
                if fields.isEmpty { return nil }
            }
        }
        var checkpoint = 1
        var hardest = 0  // the entry whose reconstruction failed last: tried first next time
        while true {
            guard let (field, x) = nextSolution() else { return nil }
            fields.append(field)
            solutions.append(x)
            if fields.count < checkpoint { continue }
            checkpoint = max(checkpoint + 1, checkpoint * 3 / 2)
            guard let crt = ChineseRemainder(fields),
                let candidate = reconstruct(crt, solutions, count: n * m, hardest: &hardest)
            else { continue }
            // Bits of M that prove the candidate (see the top of the file).
            let needed = bounds.provingBits(a, b, candidate)
            var modulus = crt.modulus
            var agrees = true
            while agrees && modulus.bitWidth - 1 < needed {
                guard let (field, x) = nextSolution() else { return nil }
                fields.append(field)
                solutions.append(x)
                modulus *= BigInt(field.p)
                let p = UInt(field.p)
                let dp = UInt64(candidate.denominator.residue(modulo: p))
                let dq = field.shoup(dp)
                for e in 0..<(n * m) where UInt64(candidate.numerators[e].residue(modulo: p)) != field.multiply(dp, shoup: dq, x[e]) {
                    agrees = false
                    break
                }
            }
            if !agrees { continue }
            let d = candidate.denominator
            return Matrix(rows: n, columns: m, elements: candidate.numerators.map { d == .one ? Rational($0) : Rational($0, d) })
        }
    }

    /// A candidate solution N/d.
    struct Candidate {
        var numerators: [BigInt]
        var denominator: BigInt
        var numeratorBits: Int
    }

    /// N and d with N ≡ d·X (mod M) entry by entry, where each entry is either a small
    /// multiple of the running d or a rational reconstruction that extends d; nil when an
    /// entry is neither (more primes are needed).
    static func reconstruct(_ crt: ChineseRemainder, _ solutions: [[UInt64]], count: Int, hardest: inout Int) -> Candidate? {
        let k = crt.fields.count
        var d = BigInt.one
        var scale = crt.fields.map { f in (UInt64(1), f.shoup(1)) }
        var values: [BigInt] = []
        values.reserveCapacity(count)
        var words: [UInt] = []
        words.reserveCapacity(k + 1)
        var digits = [UInt64](repeating: 0, count: k)
        var numeratorBits = 0
        // The entry that failed last time fails again unless enough primes are in: try it
        // alone first (reconstructing it is cheap next to a whole failed pass).
        // So are entries spread over the matrix: a sample of about 64 (and the last one)
        // finds a too-small modulus before a pass over every entry.
        let stride = max(1, count / 64)
        for e in [hardest] + Array(Swift.stride(from: stride - 1, to: count, by: stride)) + [count - 1] where e > 0 && e < count {
            let negative = crt.symmetricValue(solutions, entry: e, scale: scale, digits: &digits, into: &words)
            let bits = ChineseRemainder.bitWidth(words)
            if bits + 3 > crt.modulusBits && crt.rationalReconstruction(BigInt(magnitudeWords: words, isNegative: negative)) == nil {
                hardest = e
                return nil
            }
        }
        for e in 0..<count {
            let negative = crt.symmetricValue(solutions, entry: e, scale: scale, digits: &digits, into: &words)
            let bits = ChineseRemainder.bitWidth(words)
            let y = BigInt(magnitudeWords: words, isNegative: negative)
            if bits + d.bitWidth + 2 <= crt.modulusBits {
                values.append(y)
                numeratorBits = max(numeratorBits, bits)
                continue
            }
            // y ≡ d·x; a fraction r/s ≡ y gives x ≡ r/(s·d).
            guard let (r, s) = crt.rationalReconstruction(y) else {
                hardest = e
                return nil
            }
            for i in values.indices { values[i] *= s }
            d *= s
            scale = crt.fields.map { f in
                let v = UInt64(d.residue(modulo: UInt(f.p)))
                return (v, f.shoup(v))
            }
            values.append(r)
            numeratorBits = values.reduce(0) { max($0, $1.bitWidth) }
        }
        return Candidate(numerators: values, denominator: d, numeratorBits: numeratorBits)
    }
}
