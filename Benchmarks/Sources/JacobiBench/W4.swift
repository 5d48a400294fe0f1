// W4: Double gradient of the extended Rosenbrock function by tape AD, defined as in
// Benchmarks/peers/w4_grad.py and c/w4_rosen.c (the hand-written floor):
//   f(x) = Σ_{i=0}^{n-2} 100 (x_{i+1} − x_i²)² + (1 − x_i)²,  x_i = ((i mod 13) − 6)/7,
//   n = 10⁵, 10⁶. Lines: what = "f" (the tape's evaluation) and "grad" (one reverse sweep),
//   with extra.build_s the one-off recording time (like the peers' compile_s / build_s) and
//   extra.first_call_s the first evaluation, which also builds the tape's sweep plan.
import Jacobi

enum W4 {
    /// The program as a user would write it, recorded onto a tape.
    static func rosenbrockTape(_ n: Int) -> Tape {
        try! Tape.record(inputs: n) { x in
            var s = x[0].constant(0)
            for i in 0..<(n - 1) {
                let t = x[i + 1] - x[i] * x[i]
                let u = 1 - x[i]
                s = s + (100 * (t * t) + u * u)  // as the C floor associates it: s += 100t² + u²
            }
            return s
        }
    }

    static func point(_ n: Int) -> [Double] { (0..<n).map { Double(($0 % 13) - 6) / 7.0 } }

    static func run(sizes: [Int]?) {
        for n in sizes ?? [100_000, 1_000_000] {
            let b0 = Clock.wall()
            let tape = rosenbrockTape(n)
            let build = Clock.wall() - b0
            let x = point(n)
            let workspace = Workspace()
            // The first Double sweep also builds the tape's sweep plan (kept with the tape):
            // reported apart, like build_s, and kept out of the timed calls.
            let p0 = Clock.wall()
            blackHole(try! tape.evaluate(at: x, workspace: workspace))
            let firstCall = Clock.wall() - p0
            let f = measureFast { blackHole(try! tape.evaluate(at: x, workspace: workspace)) }
            let value = try! tape.evaluate(at: x)[0]
            emit(workload: "W4", n: n, medianSeconds: f.medianWall, extra: [
                ("median_cpu_s", f.medianCPU), ("what", "f"), ("inner", f.inner), ("check1", value),
                ("build_s", build), ("first_call_s", firstCall), ("n_instructions", tape.count),
            ])
            let g = measureFast { blackHole(try! tape.gradient(at: x, workspace: workspace)) }
            let (c1, c2) = checks(try! tape.gradient(at: x))
            emit(workload: "W4", n: n, medianSeconds: g.medianWall, extra: [
                ("median_cpu_s", g.medianCPU), ("what", "grad"), ("inner", g.inner), ("check1", c1), ("check2", c2),
                ("build_s", build), ("n_instructions", tape.count),
            ])
            W4Program.run(n: n)  // the same function as a program, in the same run
        }
    }
}
