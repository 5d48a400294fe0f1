import Jacobi
import TestSupport
import Testing

/// The cliff hunt: 2 000 functions from the Verification generator at larger sizes (sums of
/// 10–40 terms, each a rational coefficient times a draw calling exp, log, sin and cos),
/// each simplified under the standard budget: within it, never larger, equal in value. The
/// timing side (slowest against median) is `jacobi-bench W13H`, which builds the very same
/// functions; no time is asserted here.
@Suite struct SimplificationCliffTests {
    static let count = 2_000
    static let chunks = 20

    /// The i-th function of the hunt (as `Benchmarks/Sources/JacobiBench/W13Hunt.swift`).
    static func function(_ i: Int) -> Expr {
        let symbols = [Symbol("x"), Symbol("y"), Symbol("z")]
        let spec = ExpressionGenerator.Specification.calling([.exp, .log, .sin, .cos], variables: symbols, maximumDepth: 3)
        var g = SplitMix64(seed: 13).split(i)
        let generator = ExpressionGenerator(spec)
        let count = Int.random(in: 10...40, using: &g)
        let coefficients = RationalSampler(numerators: -9...9, denominators: 1...7)
        return Expr.sum((0..<count).map { _ in Expr(coefficients.rational(using: &g)) * generator.expression(using: &g) })
    }

    @Test(arguments: 0..<chunks)
    func generatedSums_simplifyWithinTheBudget_keepingTheirValue(chunk: Int) {
        let budget = SimplificationBudget.standard
        for i in stride(from: chunk, to: Self.count, by: Self.chunks) {
            let f = Self.function(i)
            let outcome = f.simplification(budget: budget)
            #expect(outcome.work <= budget.search, "function \(i)")
            #expect(outcome.result.operationCount <= f.operationCount, "function \(i)")
            let verdict = ValueComparison.compare(f, outcome.result, points: 4, minimumPoints: 0, seed: UInt64(i))
            #expect(verdict == .equal, "function \(i): \(f) → \(outcome.result): \(verdict)")
        }
    }
}
