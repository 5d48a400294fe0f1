// W13H: the cliff hunt. 2 000 functions from the Verification generator at larger sizes
// (sums of 10–40 terms, each a rational coefficient times a draw of depth ≤ 3 calling exp,
// log, sin and cos over x, y, z; seed 13), each simplified once under the standard budget:
// the median and the slowest time per function, and their ratio (the goal: ≤ 50×). The
// same functions are checked for value in Tests/VerificationTests/SimplificationCliffTests.
import Jacobi

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
        var times: [Double] = []
        var slowest = (time: 0.0, index: 0)
        for i in 0..<n {
            let f = function(i)
            let t0 = Clock.wall()
            _ = f.simplified()
            let t = Clock.wall() - t0
            times.append(t)
            if t > slowest.time { slowest = (t, i) }
        }
        let mid = median(times)
        emit(workload: "W13H", system: "jacobi-simplify", n: n, medianSeconds: mid,
             extra: [("max_s", slowest.time), ("slowest_index", slowest.index), ("max_over_median", slowest.time / mid),
                     ("total_s", times.reduce(0, +))])
    }
}
