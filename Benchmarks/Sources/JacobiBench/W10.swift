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
            // W9 through the compiled tape: the tridiagonal Hessian from three H·v (the colours
            // i mod 3, as the JAX peer colours by hand) in one batched sweep, then d and o.
            let batched = tape.compiled(options: CompileOptions(cacheDirectory: cache, hvpBatch: 3))
            let colours = (0..<3).flatMap { c in (0..<n).map { $0 % 3 == c ? 1.0 : 0.0 } }
            var products = [Double](repeating: 0, count: 3 * n)
            var d = [Double](repeating: 0, count: n)
            var o = [Double](repeating: 0, count: n - 1)
            func hessian() {
                try! batched.hvp(at: x, directions: colours, into: &products)
                // H[i][i] is in the product of colour i mod 3, H[i][i+1] in that of (i+1) mod 3
                for c in 0..<3 {
                    var i = c
                    while i < n {
                        d[i] = products[c * n + i]
                        if i >= 1 { o[i - 1] = products[c * n + i - 1] }
                        i += 3
                    }
                }
            }
            let hs = measureFast { hessian() }
            var (s1, s2) = (0.0, 0.0)
            for i in 0..<n { s1 += d[i]; s2 += d[i] * Double(i % 7) }
            for i in 0..<(n - 1) { s1 += 2 * o[i]; s2 += o[i] * Double((i % 7) + ((i + 1) % 7)) }
            emit(workload: "W9", system: "jacobi-compiled", n: n, medianSeconds: hs.medianWall, extra: [
                ("median_cpu_s", hs.medianCPU), ("what", "hess"), ("inner", hs.inner), ("colors", 3), ("check1", s1), ("check2", s2),
                ("compile_s", batched.compileSeconds), ("cached", batched.cached),
            ])
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
