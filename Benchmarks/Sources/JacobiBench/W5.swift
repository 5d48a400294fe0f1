// W5: Hessian-vector product of the extended Rosenbrock function (W4's f and point),
// v_i = ((i mod 5) − 2)/3, n = 10⁵, as in Benchmarks/peers/w5_hvp.py and c/w4_rosen.c hvp.
// H·v by forward-over-reverse (the reverse sweep over dual numbers); f and grad through
// the same tape for the ratios hvp/f and hvp/grad.
import Jacobi

enum W5 {
    static func run(sizes: [Int]?) {
        for n in sizes ?? [100_000] {
            let b0 = Clock.wall()
            let tape = W4.rosenbrockTape(n)
            let build = Clock.wall() - b0
            let x = W4.point(n)
            let v = (0..<n).map { Double(($0 % 5) - 2) / 3.0 }
            let workspace = Workspace()
            blackHole(try! tape.evaluate(at: x, workspace: workspace))  // builds the sweep plan (see W4)
            for what in ["f", "grad", "hvp"] {
                let m: FastMeasurement
                var extra: [(String, Any)]
                switch what {
                case "f":
                    m = measureFast { blackHole(try! tape.evaluate(at: x, workspace: workspace)) }
                    extra = [("check1", try! tape.evaluate(at: x)[0])]
                case "grad":
                    m = measureFast { blackHole(try! tape.gradient(at: x, workspace: workspace)) }
                    let (c1, c2) = checks(try! tape.gradient(at: x))
                    extra = [("check1", c1), ("check2", c2)]
                default:
                    m = measureFast { blackHole(try! tape.hvp(at: x, direction: v, workspace: workspace)) }
                    let (c1, c2) = checks(try! tape.hvp(at: x, direction: v))
                    extra = [("check1", c1), ("check2", c2)]
                }
                emit(workload: "W5", n: n, medianSeconds: m.medianWall, extra: [
                    ("median_cpu_s", m.medianCPU), ("what", what), ("inner", m.inner),
                ] + extra + [("build_s", build), ("n_instructions", tape.count)])
            }
        }
    }
}
