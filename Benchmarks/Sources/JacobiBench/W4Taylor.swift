// W4T: Taylor-mode AD along one direction on W4's function (the extended Rosenbrock
// function, recorded as in W4.swift, at W4's point x_i = ((i mod 13) − 6)/7), against one
// gradient of the same tape in the same run:
//   c_0, …, c_k of t ↦ f(x + t·v), v_i = ((i mod 5) − 2)/3, for k = 2, 4, 8; n = 10⁵.
// Lines: what = "grad" (one reverse sweep, the unit) and what = "taylor" with extra.order k
// and extra.ratio_to_grad (median Taylor time / median gradient time). The recurrences
// cost O(k²) multiplications per instruction, so the ratio grows about as k² (a gradient
// is a few sweeps' worth; the Taylor sweep is generic, without the gradient's sweep plan).
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
            let g = measureFast { blackHole(try! tape.gradient(at: x, workspace: workspace)) }
            let gradient = try! tape.gradient(at: x)
            let dot = zip(gradient, v).reduce(0) { $0 + $1.0 * $1.1 }
            emit(workload: "W4T", n: n, medianSeconds: g.medianWall, extra: [
                ("median_cpu_s", g.medianCPU), ("what", "grad"), ("inner", g.inner), ("n_instructions", tape.count),
            ])
            for k in [2, 4, 8] {
                let t = measureFast { blackHole(try! tape.taylorCoefficients(at: x, direction: v, order: k)) }
                let c = try! tape.taylorCoefficients(at: x, direction: v, order: k)[0]
                emit(workload: "W4T", n: n, medianSeconds: t.medianWall, extra: [
                    ("median_cpu_s", t.medianCPU), ("what", "taylor"), ("order", k), ("inner", t.inner),
                    ("ratio_to_grad", t.medianWall / g.medianWall), ("check1", c[1]), ("check2", dot), ("check3", c[k]),
                    ("n_instructions", tape.count),
                ])
            }
        }
    }
}
