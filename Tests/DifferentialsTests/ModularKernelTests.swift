import Exact
import TestSupport
import Testing

@testable import Differentials

// The pieces of the multi-modular solver, each against big-integer arithmetic: residues of
// a rational matrix from its table of distinct denominators, elimination modulo p with
// lazily reduced entries (every residue up to p − 1, where the lazy range [0, 2p) is
// stressed), and the Hölder size bound that decides how many primes prove a result.
@Suite struct ModularKernelTests {
    static let field = WordPrime(p: WordPrime.cached[1])

    /// x mod p through BigInt: numerator times the inverse of the denominator.
    static func residue(_ x: Rational, _ f: WordPrime) -> UInt64? {
        let (n, d) = x.residues(modulo: UInt(f.p))
        guard let inverse = f.inverse(UInt64(d)) else { return nil }
        return f.multiply(UInt64(n), inverse)
    }

    @Test func residueTable_matchesEntryByEntryResidues() throws {
        var g = SeededGenerator(seed: 41)
        for round in 0..<30 {
            let count = Int.random(in: 1...60, using: &g)
            let values: [Rational] = (0..<count).map { _ in
                switch Int.random(in: 0..<4, using: &g) {
                case 0: return ExactSamples.rational(using: &g)  // often past a word
                case 1: return Rational(Int.random(in: -5...5, using: &g))
                case 2: return Rational(Int.random(in: Int.min + 1...Int.max, using: &g), Int.random(in: 1...Int.max, using: &g))
                default: return Rational(Int.random(in: -30...30, using: &g), Int.random(in: 1...7, using: &g))
                }
            }
            var table = ResidueTable(values)
            let f = WordPrime(p: WordPrime.cached[round % 5])
            var out = [UInt64](repeating: 0, count: count)
            #expect(table.residues(field: f, into: &out))
            #expect(out == values.map { Self.residue($0, f) })
        }
        // A prime that divides a denominator (inline or GMP) is refused.
        let p = Int(WordPrime.cached[0])
        for x in [Rational(1, p), Rational(BigInt(3), BigInt(p) * BigInt(p))] {
            var table = ResidueTable([Rational(2, 3), x])
            var out = [UInt64](repeating: 0, count: 2)
            #expect(!table.residues(field: WordPrime(p: UInt64(p)), into: &out))
            #expect(table.residues(field: Self.field, into: &out))
        }
    }

    /// A·B mod p, row-major n×n, through BigInt.
    static func product(_ a: [UInt64], _ b: [UInt64], n: Int, m: Int, _ f: WordPrime) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: n * m)
        for i in 0..<n {
            for j in 0..<m {
                var s = BigInt.zero
                for k in 0..<n { s += BigInt(a[i * n + k]) * BigInt(b[k * m + j]) }
                out[i * m + j] = UInt64(s.residue(modulo: UInt(f.p)))
            }
        }
        return out
    }

    @Test func modularElimination_invertsAndSolvesWithFullSizeResidues() {
        var g = SeededGenerator(seed: 12)
        let f = Self.field
        var inverted = 0
        for n in 1...12 {
            for _ in 0..<3 {
                // Residues near p stress the lazy range; some rows repeat (singular).
                var a = (0..<(n * n)).map { _ in Bool.random(using: &g) ? f.p - 1 - g.next() % 8 : g.next() % f.p }
                if n > 2 && Int.random(in: 0..<4, using: &g) == 0 {
                    for j in 0..<n { a[(n - 1) * n + j] = a[j] }
                }
                let b = (0..<(n * 2)).map { _ in g.next() % f.p }
                var inverse = a
                let invertible = ModularElimination.invert(&inverse, n: n, field: f)
                var x = b
                var scratch = a
                #expect(ModularElimination.solve(&scratch, &x, n: n, m: 2, field: f) == invertible)
                guard invertible else { continue }
                inverted += 1
                let identity = (0..<(n * n)).map { $0 / n == $0 % n ? UInt64(1) : 0 }
                #expect(Self.product(a, inverse, n: n, m: n, f) == identity)
                #expect(inverse.allSatisfy { $0 < f.p })
                #expect(Self.product(a, x, n: n, m: 2, f) == b)
                #expect(x.allSatisfy { $0 < f.p })
            }
        }
        #expect(inverted > 20)
    }

    @Test func provingBits_boundTheResidualOfAnyCandidate() throws {
        var g = SeededGenerator(seed: 99)
        for n in [1, 3, 6, 10] {
            let a = Matrix<Rational>(rows: n, columns: n) { _, _ in
                Rational(Int.random(in: 1...40, using: &g) * (Bool.random(using: &g) ? 1 : -1), Int.random(in: 1...30, using: &g))
            }
            let b = Matrix<Rational>(rows: n, columns: 2) { _, _ in ExactSamples.rational(using: &g) }
            let bounds = try #require(SizeBounds(a, b))
            // Any integer candidate N/d (not a solution): |A'·N − d·B'| < 2^(bits − 1).
            let numerators = (0..<(2 * n)).map { _ in ExactSamples.integer(using: &g) * ExactSamples.integer(using: &g) }
            let d = ExactSamples.integer(using: &g).magnitude + 1
            let candidate = MultiModularSolver.Candidate(
                numerators: numerators, denominator: d, numeratorBits: numerators.map(\.bitWidth).max() ?? 0)
            let bits = bounds.provingBits(a, b, candidate)
            for i in 0..<n {
                let scale = Rational(bounds.rowScales[i])
                for j in 0..<2 {
                    var residual = Rational(d) * -(scale * b[i, j])
                    for k in 0..<n { residual += scale * a[i, k] * Rational(numerators[k * 2 + j]) }
                    #expect(residual.isInteger)
                    #expect(residual.numerator.magnitude.bitWidth + 1 <= bits)  // so M ≥ 2^bits exceeds 2·|residual|
                }
            }
        }
    }
}
