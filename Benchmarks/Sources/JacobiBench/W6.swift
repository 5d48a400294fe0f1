// W6: exact gradient of f(x) = Σ_{i=1}^{n-1} x_i² / (1 + x_{i+1}²) at x_i = i/7,
// n = 100, 1000, as in Benchmarks/peers/w6_exact_grad.py and c/w6_gmp.c (the raw-GMP
// hand formula, the floor). Jacobi records f once (extra.build_s) and runs one reverse
// sweep over exact Rationals; median_s is the sweep (primal + reverse) at the point.
// extra.hash is the peers' qhash of the gradient, which must equal theirs.
import Jacobi

enum W6 {
    static func tape(_ n: Int) -> Tape {
        try! Tape.record(inputs: n) { x in
            var s = x[0].constant(0)
            for i in 0..<(n - 1) { s = s + x[i] * x[i] / (1 + x[i + 1] * x[i + 1]) }
            return s
        }
    }

    static func run(sizes: [Int]?) {
        for n in sizes ?? [100, 1000] {
            let b0 = Clock.wall()
            let tape = tape(n)
            let build = Clock.wall() - b0
            let x = (1...n).map { Rational($0, 7) }
            let workspace = Workspace()
            let m = measure { try! tape.gradient(at: x, workspace: workspace) }
            var h = QHash()
            for g in m.result { h.combine(g) }
            emit(workload: "W6", n: n, medianSeconds: m.medianWall, extra: [
                ("median_cpu_s", m.medianCPU), ("reps", m.reps), ("hash", h.hex), ("all_exact", true),
                ("build_s", build), ("n_instructions", tape.count),
            ])
        }
    }
}
