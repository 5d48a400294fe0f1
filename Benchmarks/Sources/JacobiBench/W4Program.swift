// W4 through a program: the same extended Rosenbrock, written in the program language
// (Docs/Examples/programs/rosenbrock.jac), parsed and compiled to a tape instead of
// recorded. Lines: system "jacobi-program", what = "f" and "grad" as W4, extra.build_s =
// parse + compile (the recorded tape's build_s is its recording), extra.parse_s apart.
import Jacobi

enum W4Program {
    static let text = """
        param n = 1000000
        input x[n]
        f = sum(i = 1..n-1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)
        output f
        """

    /// Parse + compile only, 5 times (`jacobi-bench W4C`): extra.build_cpu_s, for profiling.
    static func compileOnly(sizes: [Int]?) {
        for n in sizes ?? [1_000_000] {
            var walls: [Double] = []
            var cpus: [Double] = []
            for _ in 0..<5 {
                let w0 = Clock.wall()
                let c0 = Clock.cpu()
                blackHole(try! Program(parsing: text).compile(parameters: ["n": n]).tape)
                walls.append(Clock.wall() - w0)
                cpus.append(Clock.cpu() - c0)
            }
            emit(workload: "W4C", system: "jacobi-program", n: n, medianSeconds: median(walls), extra: [
                ("median_cpu_s", median(cpus)), ("what", "parse+compile"),
            ])
        }
    }

    static func run(n: Int) {
        let b0 = Clock.wall()
        let c0 = Clock.cpu()
        let program = try! Program(parsing: text)
        let parse = Clock.wall() - b0
        let tape = try! program.compile(parameters: ["n": n]).tape
        let build = Clock.wall() - b0
        let buildCPU = Clock.cpu() - c0
        let x = W4.point(n)
        let workspace = Workspace()
        let p0 = Clock.wall()
        blackHole(try! tape.evaluate(at: x, workspace: workspace))
        let firstCall = Clock.wall() - p0
        let f = measureFast { blackHole(try! tape.evaluate(at: x, workspace: workspace)) }
        let value = try! tape.evaluate(at: x)[0]
        emit(workload: "W4", system: "jacobi-program", n: n, medianSeconds: f.medianWall, extra: [
            ("median_cpu_s", f.medianCPU), ("what", "f"), ("inner", f.inner), ("check1", value),
            ("build_s", build), ("build_cpu_s", buildCPU), ("parse_s", parse), ("first_call_s", firstCall),
            ("n_instructions", tape.count),
        ])
        let g = measureFast { blackHole(try! tape.gradient(at: x, workspace: workspace)) }
        let (c1, c2) = checks(try! tape.gradient(at: x))
        emit(workload: "W4", system: "jacobi-program", n: n, medianSeconds: g.medianWall, extra: [
            ("median_cpu_s", g.medianCPU), ("what", "grad"), ("inner", g.inner), ("check1", c1), ("check2", c2),
            ("build_s", build), ("n_instructions", tape.count),
        ])
    }
}
