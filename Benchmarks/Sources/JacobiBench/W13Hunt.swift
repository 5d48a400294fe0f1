// W13H: the cliff hunt. 2 000 functions from the Verification generator at larger sizes
// (sums of 10–40 terms, each a rational coefficient times a draw of depth ≤ 3 calling exp,
// log, sin and cos over x, y, z; seed 13), each simplified once under the standard budget:
// the median and the slowest time per function, and their ratio (the goal: ≤ 50×). The
// same functions are checked for value in Tests/VerificationTests/SimplificationCliffTests.
import Foundation
import Jacobi

#if canImport(Glibc)
import Glibc
#endif

/// CPU time of the calling thread, in seconds.
func threadCPU() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

enum W13Hunt {
    /// The i-th function of the hunt (the test builds the very same ones).
    static func function(_ i: Int) -> Expr {
        let symbols = [Symbol("x"), Symbol("y"), Symbol("z")]
        let spec = ExpressionGenerator.Specification.calling([.exp, .log, .sin, .cos], variables: symbols, maximumDepth: 3)
        var g = SplitMix64(seed: 13).split(i)
        let generator = ExpressionGenerator(spec)
        let count = Int.random(in: 10...40, using: &g)
        let coefficients = RationalSampler(numerators: -9...9, denominators: 1...7)
        return Expr.sum((0..<count).map { _ in Expr(coefficients.rational(using: &g)) * generator.expression(using: &g) })
    }

    static func run(sizes: [Int]?) {
        let n = sizes?.first ?? 2_000
        // Thread CPU time as well as wall time: on a shared machine a single wall time can
        // include a descheduling of the process, the CPU time cannot.
        var walls: [Double] = []
        var cpus: [Double] = []
        var works: [Int] = []
        var ranOut = 0
        // W13H_ONLY=i simplifies the i-th function alone (for a profiler).
        let only = ProcessInfo.processInfo.environment["W13H_ONLY"].flatMap { Int($0) }
        for i in only.map({ $0...$0 }) ?? 0...(n - 1) {
            let f = function(i)
            let c0 = threadCPU()
            let t0 = Clock.wall()
            let outcome = f.simplification(budget: .standard)
            walls.append(Clock.wall() - t0)
            cpus.append(threadCPU() - c0)
            works.append(outcome.work)
            if outcome.budgetRanOut { ranOut += 1 }
        }
        let indices = Array(only.map({ $0...$0 }) ?? 0...(n - 1))
        let slowest = cpus.indices.max { cpus[$0] < cpus[$1] } ?? 0
        if ProcessInfo.processInfo.environment["W13H_SHOW"] != nil {
            for i in cpus.indices.sorted(by: { cpus[$0] > cpus[$1] }).prefix(5) {
                FileHandle.standardError.write(Data("#\(indices[i]) cpu \(cpus[i]) s, work \(works[i]): \(function(indices[i]))\n".utf8))
            }
        }
        emit(workload: "W13H", system: "jacobi-simplify", n: n, medianSeconds: median(walls),
             extra: [("median_cpu_s", median(cpus)), ("max_cpu_s", cpus[slowest]), ("slowest_index", indices[slowest]),
                     ("max_over_median_cpu", cpus[slowest] / median(cpus)), ("max_wall_s", walls.max() ?? 0),
                     ("total_s", walls.reduce(0, +)),
                     ("max_work", works.max() ?? 0), ("budget_ran_out", ranOut)])
    }
}
