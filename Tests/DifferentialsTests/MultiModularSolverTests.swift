import Exact
import TestSupport
import Testing

@testable import Differentials

// The multi-modular solver against the reference Gauss–Jordan over ℚ, exactly, on random
// matrices (small entries, huge entries, singular ones, ones that are singular or undefined
// modulo the first prime), plus the arithmetic it is built from.
@Suite struct MultiModularSolverTests {
    static func random(_ g: inout SeededGenerator, rows: Int, columns: Int, huge: Bool = false) -> Matrix<Rational> {
        Matrix(rows: rows, columns: columns) { _, _ in
            if huge { return ExactSamples.rational(using: &g) }
            if Int.random(in: 0..<4, using: &g) == 0 { return .zero }
            return Rational(Int.random(in: -20...20, using: &g), Int.random(in: 1...12, using: &g))
        }
    }

    /// Gauss–Jordan's answer (or its error) and the multi-modular one are the same, and so is
    /// the public path's. The solver declines (nil) only when A is singular modulo the first
    /// prime: `unlucky` says that this is such a matrix.
    static func expectAgreement(_ a: Matrix<Rational>, _ b: Matrix<Rational>, unlucky: Bool = false) {
        let reference = Result { () throws(MatrixError) in try Matrix.gaussJordan(a, b) }
        #expect(Result { () throws(MatrixError) in try Matrix.exactSolution(a, b) } == reference)
        let modular = MultiModularSolver.solve(a, b)
        switch reference {
        case .success(let x):
            #expect(modular == (unlucky ? nil : x))
        case .failure(let error):
            #expect(error == .singular)
            #expect(modular == nil)  // singular modulo every prime
        }
    }

    @Test func randomSystems_agreeExactlyWithGaussJordan() {
        var g = SeededGenerator(seed: 2026)
        for n in 1...14 {
            for columns in [1, 3, n] {
                let a = Self.random(&g, rows: n, columns: n)
                let b = Self.random(&g, rows: n, columns: columns)
                Self.expectAgreement(a, b)
            }
            Self.expectAgreement(Self.random(&g, rows: n, columns: n), .identity(n))
        }
    }

    @Test func hugeEntries_agreeExactlyWithGaussJordan() {
        var g = SeededGenerator(seed: 77)
        for n in [2, 4, 6, 9] {
            let a = Self.random(&g, rows: n, columns: n, huge: true)
            Self.expectAgreement(a, .identity(n))
            Self.expectAgreement(a, Self.random(&g, rows: n, columns: 2, huge: true))
        }
    }

    @Test func singularMatrices_areSingularForBoth() throws {
        var g = SeededGenerator(seed: 5)
        for n in 4...10 {
            var a = Self.random(&g, rows: n, columns: n)
            // The last row is a combination of the first two: rank ≤ n − 1.
            let (s, t) = (Rational(Int.random(in: -5...5, using: &g), 3), Rational(Int.random(in: 1...5, using: &g), 7))
            for j in 0..<n { a[n - 1, j] = s * a[0, j] + t * a[1, j] }
            Self.expectAgreement(a, .identity(n))
            #expect(throws: MatrixError.singular) { try a.inverse() }
        }
        // A zero row.
        var z = Matrix<Rational>.identity(5)
        z[2, 2] = .zero
        Self.expectAgreement(z, .identity(5))
    }

    @Test func unluckyPrimes_areSkippedOrHandedToGaussJordan() throws {
        let p = Int(WordPrime.cached[0])
        // det = p: singular modulo the first prime only.
        var a = Matrix<Rational>.identity(5)
        a[0, 0] = Rational(p)
        a[1, 0] = Rational(3)
        let inverse = try a.inverse()
        #expect(inverse * a == .identity(5))
        Self.expectAgreement(a, .identity(5), unlucky: true)
        // An entry with the first prime as its denominator: that prime is skipped.
        var b = Matrix<Rational>.hilbert(6)
        b[3, 4] = Rational(1, p)
        let x = MultiModularSolver.solve(b, .identity(6))
        #expect(x != nil)
        #expect(x.map { $0 * b } == .identity(6))
        Self.expectAgreement(b, .identity(6))
    }

    @Test func hilbertInverses_haveTheClosedForm() throws {
        // (H⁻¹)ᵢⱼ = (−1)^(i+j)·(i+j+1)·C(n+i, n−j−1)·C(n+j, n−i−1)·C(i+j, i)² (zero-based).
        func binomial(_ n: Int, _ k: Int) -> BigInt {
            if k < 0 || k > n { return 0 }
            var c = BigInt.one
            for t in 0..<k { c = c * BigInt(n - t) / BigInt(t + 1) }
            return c
        }
        for n in [4, 9, 25] {
            let inverse = try Matrix<Rational>.hilbert(n).inverse()
            for i in 0..<n {
                for j in 0..<n {
                    let c = binomial(i + j, i)
                    let magnitude = BigInt(i + j + 1) * binomial(n + i, n - j - 1) * binomial(n + j, n - i - 1) * c * c
                    #expect(inverse[i, j] == Rational((i + j) % 2 == 0 ? magnitude : -magnitude))
                }
            }
        }
    }

    @Test func solve_usesTheSameSolver() throws {
        var g = SeededGenerator(seed: 9)
        let a = Self.random(&g, rows: 8, columns: 8)
        let b = (0..<8).map { Rational($0 - 3, 5) }
        let x = try a.solve(b)
        #expect(a.applied(to: x) == b)
    }

    @Test func wordPrimes_areTheLargestPrimesBelow2To62() {
        let primes = WordPrime.cached
        #expect(primes.allSatisfy { $0 < 1 << 62 })
        #expect(zip(primes, primes.dropFirst()).allSatisfy { $0 > $1 })
        // Every entry is prime and no prime is skipped, by Miller–Rabin with eight other bases
        // (trial division up to 2³¹ would be too slow).
        func probablePrime(_ n: UInt64) -> Bool {
            let f = WordPrime(p: n)
            var d = n - 1
            var s = 0
            while d & 1 == 0 {
                d >>= 1
                s += 1
            }
            for a: UInt64 in [41, 43, 47, 53, 59, 61, 67, 71] {
                var x = f.power(a, d)
                if x == 1 || x == n - 1 { continue }
                var composite = true
                for _ in 1..<s {
                    x = f.multiply(x, x)
                    if x == n - 1 {
                        composite = false
                        break
                    }
                }
                if composite { return false }
            }
            return true
        }
        #expect(primes.allSatisfy(probablePrime))
        var gaps = 0
        for (hi, lo) in zip([UInt64(1) << 62] + primes, primes) {
            var c = hi - 1
            while c > lo {
                if c & 1 == 1 && probablePrime(c) { gaps += 1 }
                c -= 1
            }
        }
        #expect(gaps == 0)
        // Small numbers against trial division.
        for n: UInt64 in 0...2000 {
            let trial = n >= 2 && (2..<n).prefix { $0 * $0 <= n }.allSatisfy { n % $0 != 0 }
            #expect(WordPrime.isPrime(n) == trial)
        }
        var sequence = WordPrime.Sequence()
        let beyond = (0..<(primes.count + 20)).map { sequence.prime($0) }
        #expect(Array(beyond.prefix(primes.count)) == primes)
        #expect(zip(beyond, beyond.dropFirst()).allSatisfy { $0 > $1 && WordPrime.isPrime($1) })
    }

    @Test func wordArithmetic_matchesBigIntegers() {
        var g = SeededGenerator(seed: 11)
        let f = WordPrime(p: WordPrime.cached[3])
        let p = BigInt(f.p)
        for _ in 0..<500 {
            let a = g.next() % f.p
            let b = g.next() % f.p
            let product = (BigInt(a) * BigInt(b)).flooredQuotientAndModulo(dividingBy: p).modulo
            #expect(BigInt(f.multiply(a, b)) == product)
            #expect(BigInt(f.multiply(a, shoup: f.shoup(a), b)) == product)
            if let inverse = f.inverse(a) { #expect(f.multiply(a, inverse) == 1) } else { #expect(a == 0) }
        }
    }

    @Test func chineseRemainder_rebuildsSignedValuesAndFractions() throws {
        let fields = (0..<3).map { WordPrime(p: WordPrime.cached[$0]) }
        let crt = try #require(ChineseRemainder(fields))
        var g = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            let v = ExactSamples.integer(using: &g) * ExactSamples.integer(using: &g)
            if v.bitWidth + 2 >= crt.modulusBits { continue }
            let residues = fields.map { [UInt64(v.residue(modulo: UInt($0.p)))] }
            var digits = [UInt64](repeating: 0, count: 3)
            var words: [UInt] = []
            let negative = crt.symmetricValue(
                residues, entry: 0, scale: fields.map { (1, $0.shoup(1)) },
                digits: &digits, into: &words)
            #expect(BigInt(magnitudeWords: words, isNegative: negative) == v)
        }
        // 22/7 from its residue modulo M.
        let x = (BigInt(22) * (try #require(inverseModulo(7, crt.modulus)))).flooredQuotientAndModulo(dividingBy: crt.modulus).modulo
        let fraction = try #require(crt.rationalReconstruction(x))
        #expect(fraction.0 == 22 && fraction.1 == 7)
    }

    /// a⁻¹ mod m by the extended Euclidean algorithm on big integers.
    func inverseModulo(_ a: BigInt, _ m: BigInt) -> BigInt? {
        var (r0, r1) = (m, a)
        var (t0, t1) = (BigInt.zero, BigInt.one)
        while !r1.isZero {
            let q = r0 / r1
            (r0, r1) = (r1, r0 - q * r1)
            (t0, t1) = (t1, t0 - q * t1)
        }
        return r0 == .one ? t0.flooredQuotientAndModulo(dividingBy: m).modulo : nil
    }
}
