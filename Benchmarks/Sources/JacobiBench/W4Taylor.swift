// W4T: Taylor-mode AD along one direction on W4's function (the extended Rosenbrock
// function, recorded as in W4.swift, at W4's point x_i = ((i mod 13) − 6)/7), against one
// gradient of the same tape in the same run:
//   c_0, …, c_k of t ↦ f(x + t·v), v_i = ((i mod 5) − 2)/3, for k = 2, 4, 8; n = 10⁵.
// Three rounds, each: one gradient (what = "grad", the unit), then k = 2, 4, 8 (what =
// "taylor", extra.order k), each a median of 7 samples (measureFast). extra.ratio_cpu is
// the Taylor CPU median over the same round's gradient CPU median (the machine is shared,
// so CPU time is the measure); extra.ratio_to_grad the same with wall times. Double Taylor
// coefficients along one direction run through the Taylor plan (the tape's sweep plan,
// blocks by columns); the recurrences cost (k + 1)(k + 2)/2 multiplications per product.
// check1 = c_1 (= ∇f·v, compared with the gradient's dot product in check2), check3 = c_k.
import Jacobi

enum W4Taylor {
    static func direction(_ n: Int) -> [Double] { (0..<n).map { Double(($0 % 5) - 2) / 3.0 } }

    static func run(sizes: [Int]?) {
        for n in sizes ?? [100_000] {
            let tape = W4.rosenbrockTape(n)
            let x = W4.point(n)
            let v = direction(n)
            let workspace = Workspace()
            blackHole(try! tape.gradient(at: x, workspace: workspace))  // builds the sweep plan
            let gradient = try! tape.gradient(at: x)
            let dot = zip(gradient, v).reduce(0) { $0 + $1.0 * $1.1 }
            for round in 0..<3 {
                let g = measureFast { blackHole(try! tape.gradient(at: x, workspace: workspace)) }
                emit(workload: "W4T", n: n, medianSeconds: g.medianWall, extra: [
                    ("median_cpu_s", g.medianCPU), ("what", "grad"), ("round", round), ("inner", g.inner),
                    ("n_instructions", tape.count),
                ])
                for k in [2, 4, 8] {
                    let t = measureFast { blackHole(try! tape.taylorCoefficients(at: x, direction: v, order: k)) }
                    let c = try! tape.taylorCoefficients(at: x, direction: v, order: k)[0]
                    emit(workload: "W4T", n: n, medianSeconds: t.medianWall, extra: [
                        ("median_cpu_s", t.medianCPU), ("what", "taylor"), ("order", k), ("round", round), ("inner", t.inner),
                        ("ratio_cpu", t.medianCPU / g.medianCPU), ("ratio_to_grad", t.medianWall / g.medianWall),
                        ("check1", c[1]), ("check2", dot), ("check3", c[k]), ("n_instructions", tape.count),
                    ])
                }
            }
        }
    }
}
