// W10: W4 and W5 through a compiled tape (system "jacobi-compiled"): the recorded extended
// Rosenbrock tape of W4 (same f, point x_i = ((i mod 13) − 6)/7, direction
// v_i = ((i mod 5) − 2)/3), compiled to C by `Tape.compiled()` (system cc, -O2), then
// f, the gradient (W4, n = 10⁵, 10⁶) and H·v (W5, n = 10⁵) called through C function
// pointers, results written in place. extra.compile_s is the one-off generate + cc +
// dlopen time, measured with an empty cache directory (and extra.cached says whether a
// previous run had built it), reported apart like the peers' compile_s.
import Jacobi

#if canImport(Glibc)
import Glibc
#endif

enum W10 {
    static func run(sizes: [Int]?) {
        let cache = "/tmp/jacobi-bench-w10-\(getpid())"
        for n in sizes ?? [100_000, 1_000_000] {
            let b0 = Clock.wall()
            let tape = W4.rosenbrockTape(n)
            let build = Clock.wall() - b0
            let fast = tape.compiled(options: CompileOptions(cacheDirectory: cache))
            guard fast.isCompiled else {
                print("{\"workload\": \"W10\", \"error\": \"\(fast.fallbackReason ?? "not compiled")\"}")
                return
            }
            let x = W4.point(n)
            let v = (0..<n).map { Double(($0 % 5) - 2) / 3.0 }
            let common: [(String, Any)] = [
                ("build_s", build), ("compile_s", fast.compileSeconds), ("cached", fast.cached), ("n_instructions", tape.count),
            ]
            let f = measureFast { blackHole(try! fast.evaluate(at: x)) }
            emit(workload: "W4", system: "jacobi-compiled", n: n, medianSeconds: f.medianWall, extra: [
                ("median_cpu_s", f.medianCPU), ("what", "f"), ("inner", f.inner), ("check1", try! fast.evaluate(at: x)[0]),
            ] + common)
            var g = [Double](repeating: 0, count: n)
            let gm = measureFast { try! fast.gradient(at: x, into: &g) }
            let (c1, c2) = checks(try! fast.gradient(at: x))
            emit(workload: "W4", system: "jacobi-compiled", n: n, medianSeconds: gm.medianWall, extra: [
                ("median_cpu_s", gm.medianCPU), ("what", "grad"), ("inner", gm.inner), ("check1", c1), ("check2", c2),
            ] + common)
            if n == 100_000 || sizes != nil {
                var h = [Double](repeating: 0, count: n)
                let hm = measureFast { try! fast.hvp(at: x, direction: v, into: &h) }
                let (h1, h2) = checks(try! fast.hvp(at: x, direction: v))
                emit(workload: "W5", system: "jacobi-compiled", n: n, medianSeconds: hm.medianWall, extra: [
                    ("median_cpu_s", hm.medianCPU), ("what", "hvp"), ("inner", hm.inner), ("check1", h1), ("check2", h2),
                ] + common)
            }
        }
    }
}
