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
        var scratch = BatchInverse()
        let inverting = b == .identity(n)
        /// The solution modulo the next usable prime, or nil on a singular first prime.
        func nextSolution() -> (WordPrime, [UInt64])? {
            while true {
                let field = WordPrime(p: sequence.prime(next))
                next += 1
                guard scratch.residues(of: a.elements, field: field, into: &residuesA) else { continue }  // p divides a denominator
                if inverting {
                    if ModularElimination.invert(&residuesA, n: n, field: field) { return (field, residuesA) }
                } else {
                    guard scratch.residues(of: b.elements, field: field, into: &residuesB) else { continue }
                    if ModularElimination.solve(&residuesA, &residuesB, n: n, m: m, field: field) {
                        return (field, residuesB)
                    }
                }
                if fields.isEmpty { return nil }
            }
        }
        var checkpoint = 1
        while true {
            guard let (field, x) = nextSolution() else { return nil }
            fields.append(field)
            solutions.append(x)
            if fields.count < checkpoint { continue }
            checkpoint = max(checkpoint + 1, checkpoint * 3 / 2)
            guard let crt = ChineseRemainder(fields),
                let candidate = reconstruct(crt, solutions, count: n * m)
            else { continue }
            // Bits of M that prove the candidate (see the top of the file).
            let needed =
                max(
                    bounds.size.bitWidth + bounds.rowBitsA + candidate.numeratorBits,
                    candidate.denominator.bitWidth + bounds.rowBitsB) + 3
            var modulusBits = crt.modulusBits
            var agrees = true
            while agrees && modulusBits < needed {
                guard let (field, x) = nextSolution() else { return nil }
                fields.append(field)
                solutions.append(x)
                modulusBits += Int(UInt64.bitWidth - field.p.leadingZeroBitCount) - 1  // a lower bound
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
    static func reconstruct(_ crt: ChineseRemainder, _ solutions: [[UInt64]], count: Int) -> Candidate? {
        let k = crt.fields.count
        var d = BigInt.one
        var scale = crt.fields.map { f in (UInt64(1), f.shoup(1)) }
        var values: [BigInt] = []
        values.reserveCapacity(count)
        var words: [UInt] = []
        words.reserveCapacity(k + 1)
        var digits = [UInt64](repeating: 0, count: k)
        var numeratorBits = 0
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
            guard let (r, s) = crt.rationalReconstruction(y) else { return nil }
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

/// Bit bounds on the integer system A'·X = B' (A' = diag(D)·A, B' = diag(D)·B).
struct SizeBounds {
    /// n: the number of terms in each entry of A'·N.
    let size: Int
    /// Every entry of A' is below 2^rowBitsA in absolute value; of B', below 2^rowBitsB.
    let rowBitsA: Int
    let rowBitsB: Int

    /// nil when a row of A is zero (A is singular).
    init?(_ a: Matrix<Rational>, _ b: Matrix<Rational>) {
        var rowBitsA = 0
        var rowBitsB = 0
        for i in 0..<a.rows {
            var lcm = BigInt.one
            // |D·p/q| < 2^(bits(D) + bits(p) − bits(q) + 1).
            func visit(_ x: Rational, _ excess: inout Int) {
                if x.isZero { return }
                let (p, q) = x.partBitWidths
                excess = max(excess, p - q + 1)
                if let (_, d) = x.inlineParts {
                    if d == 1 { return }
                    let r = lcm.residue(modulo: UInt(d))
                    let g = SizeBounds.gcd(r, UInt(d))
                    if UInt(d) / g > 1 { lcm *= BigInt(UInt(d) / g) }
                } else {
                    lcm = BigInt.lcm(lcm, x.denominator)
                }
            }
            var excessA = Int.min
            var excessB = Int.min
            for j in 0..<a.columns { visit(a[i, j], &excessA) }
            for j in 0..<b.columns { visit(b[i, j], &excessB) }
            if excessA == Int.min { return nil }
            rowBitsA = max(rowBitsA, lcm.bitWidth + excessA)
            if excessB != Int.min { rowBitsB = max(rowBitsB, lcm.bitWidth + excessB) }
        }
        self.size = a.rows
        self.rowBitsA = rowBitsA
        self.rowBitsB = rowBitsB
    }

    static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}

/// Residues of rational entries modulo p, with one modular inverse for all denominators
/// (Montgomery's batch inversion: three multiplications per denominator instead of an inverse).
struct BatchInverse {
    private var positions: [Int] = []
    private var denominators: [UInt64] = []
    private var prefix: [UInt64] = []

    /// out[e] = x[e] mod p; false when p divides a denominator.
    mutating func residues(of x: [Rational], field: WordPrime, into out: inout [UInt64]) -> Bool {
        positions.removeAll(keepingCapacity: true)
        denominators.removeAll(keepingCapacity: true)
        prefix.removeAll(keepingCapacity: true)
        var running: UInt64 = 1
        for e in x.indices {
            let (p, q) = x[e].residues(modulo: UInt(field.p))
            out[e] = UInt64(p)
            if q == 1 || p == 0 { continue }
            if q == 0 { return false }
            positions.append(e)
            denominators.append(UInt64(q))
            running = field.multiply(running, UInt64(q))
            prefix.append(running)
        }
        guard var inverse = field.inverse(running) else { return false }
        for t in stride(from: positions.count - 1, through: 0, by: -1) {
            let inverseQ = t == 0 ? inverse : field.multiply(inverse, prefix[t - 1])
            inverse = field.multiply(inverse, denominators[t])
            out[positions[t]] = field.multiply(out[positions[t]], inverseQ)
        }
        return true
    }
}
