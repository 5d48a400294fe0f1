// W3: exact rational arithmetic, defined as in Benchmarks/peers/w3_rational.py and
// c/w3_gmp.c (the raw-GMP floor):
//   harmonic N   H_N = Σ_{k=1}^{N} 1/k by a plain loop (acc += 1/k), N = 10⁴, 10⁵
//   muladd S     S = 10⁶ steps acc = acc·p + q over a period-8 table (small values)
//   hilbert n    exact inverse of the n×n Hilbert matrix by Gauss–Jordan on [H | I], n = 20, 40
import Jacobi

enum W3 {
    static let tp: [(Int, Int)] = [(3, 5), (-7, 4), (5, 6), (2, 7), (7, 2), (6, 5), (-4, 7), (5, 3)]
    static let tq: [(Int, Int)] = [(1, 2), (-2, 3), (3, 4), (-1, 5), (7, 10), (-9, 10), (-8, 21), (-5, 6)]

    static func harmonic(_ n: Int) -> QHash {
        var acc = Rational.zero
        for k in 1...n { acc += Rational(1, k) }
        var h = QHash()
        h.combine(acc)
        return h
    }

    static func muladd(_ steps: Int) -> QHash {
        let p = tp.map { Rational($0.0, $0.1) }
        let q = tq.map { Rational($0.0, $0.1) }
        var acc = Rational(1, 3)
        for s in 0..<steps {
            acc = acc * p[s & 7] + q[s & 7]
        }
        var h = QHash()
        h.combine(acc)
        return h
    }

    /// Gauss–Jordan on [H | I], the same algorithm (and pivot rule) as the C floor.
    static func hilbert(_ n: Int) -> QHash {
        let m = 2 * n
        var a = [Rational](repeating: .zero, count: n * m)
        for i in 0..<n {
            for j in 0..<n { a[i * m + j] = Rational(1, i + j + 1) }
            a[i * m + n + i] = .one
        }
        for c in 0..<n {
            var p = c
            while p < n && a[p * m + c].isZero { p += 1 }
            precondition(p < n, "Hilbert matrices are not singular")
            if p != c {
                for j in 0..<m { a.swapAt(p * m + j, c * m + j) }
            }
            let f = a[c * m + c].reciprocal
            for j in c..<m { a[c * m + j] *= f }
            for r in 0..<n where r != c && !a[r * m + c].isZero {
                let g = a[r * m + c]
                for j in c..<m { a[r * m + j] -= g * a[c * m + j] }
            }
        }
        var h = QHash()
        for i in 0..<n {
            for j in n..<m { h.combine(a[i * m + j]) }
        }
        return h
    }

    /// The same inverse through the library: `Matrix<Rational>.hilbert(n).inverse()`.
    static func hilbertMatrixInverse(_ n: Int) -> QHash {
        var h = QHash()
        guard let inverse = try? Matrix<Rational>.hilbert(n).inverse() else { return h }  // Hilbert matrices are invertible
        for x in inverse.elements { h.combine(x) }
        return h
    }

    static func run(sizes: [Int]?) {
        for (task, defaults) in [("harmonic", [10_000, 100_000]), ("muladd", [1_000_000]), ("hilbert", [20, 40])] {
            for n in sizes ?? defaults {
                let m = measure { () -> QHash in
                    switch task {
                    case "harmonic": return harmonic(n)
                    case "muladd": return muladd(n)
                    default: return hilbert(n)
                    }
                }
                emit(workload: "W3", n: n, medianSeconds: m.medianWall,
                     extra: [("median_cpu_s", m.medianCPU), ("task", task), ("reps", m.reps), ("hash", m.result.hex)])
                if task == "hilbert" {
                    let lib = measure { hilbertMatrixInverse(n) }
                    emit(workload: "W3", system: "jacobi-matrix-inverse", n: n, medianSeconds: lib.medianWall,
                         extra: [("median_cpu_s", lib.medianCPU), ("task", task), ("reps", lib.reps), ("hash", lib.result.hex)])
                }
            }
        }
    }
}
