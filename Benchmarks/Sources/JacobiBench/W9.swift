// W9: the sparse Hessian of extended Rosenbrock (W4's f and point), as in
// the peers' w9_sparse_hess.py: H is tridiagonal (3n − 2 entries), recovered from
// three Hessian-vector products by a star colouring. Lines:
//   what = "hess"        time to the full sparse H (every entry of the pattern) at n = 10⁵, 10⁶,
//                        given the pattern and colouring (found once: extra.pattern_s,
//                        extra.coloring_s, like the peers' build_s / compile_s)
//   what = "hess-exact"  the same over Rational (exact) at n = 10⁴
// check1 = Σ of all stored entries (each off-diagonal twice), check2 = Σ H[r][c]·(r mod 7)
// (= the peers' Σ dᵢ(i mod 7) + Σ oᵢ((i mod 7) + ((i+1) mod 7))).
import Jacobi

enum W9 {
    static func checks<S>(_ pattern: SparsityPattern, _ values: [S], _ double: (S) -> Double) -> (Double, Double) {
        var c1 = 0.0
        var c2 = 0.0
        let rows = pattern.rowIndices
        for (k, v) in values.enumerated() {
            let d = double(v)
            c1 += d
            c2 += d * Double(rows[k] % 7)
        }
        return (c1, c2)
    }

    static func run(sizes: [Int]?) {
        for n in sizes ?? [100_000, 1_000_000] {
            let b0 = Clock.wall()
            let tape = W4.rosenbrockTape(n)
            let build = Clock.wall() - b0
            let p0 = Clock.wall()
            let pattern = try! tape.hessianPattern()
            let patternTime = Clock.wall() - p0
            let c0 = Clock.wall()
            let coloring = try! pattern.starColoring()
            let coloringTime = Clock.wall() - c0
            let compression = SparseCompression(pattern: pattern, coloring: coloring)
            let x = W4.point(n)
            let f0 = Clock.wall()
            let first = try! tape.sparseHessian(at: x, compression: compression)
            let firstCall = Clock.wall() - f0
            // Like the C floor (which fills preallocated arrays), repeated calls reuse the
            // workspace and the result's storage.
            let workspace = Workspace()
            var values: [Double] = []
            let m = measureFast {
                try! tape.sparseHessian(at: x, compression: compression, workspace: workspace, into: &values)
                blackHole(values)
            }
            let (c1, c2) = checks(pattern, first) { $0 }
            emit(workload: "W9", n: n, medianSeconds: m.medianWall, extra: [
                ("median_cpu_s", m.medianCPU), ("what", "hess"), ("inner", m.inner), ("check1", c1), ("check2", c2),
                ("colors", coloring.count), ("nnz", pattern.nonzeroCount), ("build_s", build), ("pattern_s", patternTime),
                ("coloring_s", coloringTime), ("first_call_s", firstCall), ("n_instructions", tape.count),
            ])
        }
        let n = 10_000
        if sizes == nil || sizes?.contains(n) == true {
            let tape = W4.rosenbrockTape(n)
            let compression = try! SparseCompression.hessian(of: tape)
            let x = (0..<n).map { Rational(($0 % 13) - 6, 7) }
            let m = measure { try! tape.sparseHessian(at: x, compression: compression) }
            let (c1, c2) = checks(compression.pattern, m.result) { Double($0) }
            var hash = QHash()
            for v in m.result { hash.combine(v) }
            emit(workload: "W9", n: n, medianSeconds: m.medianWall, extra: [
                ("median_cpu_s", m.medianCPU), ("what", "hess-exact"), ("reps", m.reps), ("check1", c1), ("check2", c2),
                ("hash", hash.hex), ("colors", compression.coloring.count), ("nnz", compression.pattern.nonzeroCount),
            ])
        }
    }
}
