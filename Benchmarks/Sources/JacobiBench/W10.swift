// W10: W4 and W5 through a compiled tape (system "jacobi-compiled"): the recorded extended
// Rosenbrock tape of W4 (same f, point x_i = ((i mod 13) − 6)/7, direction
// v_i = ((i mod 5) − 2)/3), compiled to C by `Tape.compiled()` (system cc, -O2), then
// f, the gradient (W4, n = 10⁵, 10⁶) and H·v (W5, n = 10⁵) called through C function
// pointers, results written in place. extra.compile_s is the one-off generate + cc +
// dlopen time, measured with an empty cache directory (and extra.cached says whether a
// previous run had built it), reported apart like the peers' compile_s. Its W9 line is the
// full sparse Hessian through the compiled compressed-Hessian sweep (`CompiledSparseHessian`).
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
            // W9 through the compiled tape: the full sparse Hessian (every entry of the
            // pattern, as the interpreted W9 line) from the compiled compressed-Hessian sweep:
            // the three colours in one sweep, seeded from one colour byte per input, products
            // interleaved, entries read into the pattern's order. Pattern and colouring are
            // found once (not timed, as in W9); the buffers are reused, as the C floor's are.
            let compression = try! SparseCompression.hessian(of: tape)
            let coloured = tape.compiled(options: CompileOptions(cacheDirectory: cache, hessianColours: compression.coloring.count))
            let sparse = try! CompiledSparseHessian(coloured, compression: compression)
            var values: [Double] = []
            var products: [Double] = []
            let hs = measureFast { try! sparse.evaluate(at: x, into: &values, products: &products) }
            let (s1, s2) = W9.checks(compression.pattern, try! sparse.evaluate(at: x)) { $0 }
            emit(workload: "W9", system: "jacobi-compiled", n: n, medianSeconds: hs.medianWall, extra: [
                ("median_cpu_s", hs.medianCPU), ("what", "hess"), ("inner", hs.inner), ("colors", compression.coloring.count),
                ("nnz", compression.pattern.nonzeroCount), ("check1", s1), ("check2", s2),
                ("compile_s", coloured.compileSeconds), ("cached", coloured.cached),
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
