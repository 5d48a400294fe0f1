import AutoDiff
import Exact
import Testing
import Verification

/// The extended Rosenbrock function f(x) = Σᵢ 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², i = 0 … n−2,
/// and hand-written gradients of it: one right, two with the classic mistakes.
enum Rosenbrock {
    static func f(_ x: [Traced]) -> Traced {
        var sum = x[0].constant(0)
        for i in 0..<(x.count - 1) {
            let a = x[i + 1] - x[i] * x[i]
            let b = 1 - x[i]
            sum += 100 * a * a + b * b
        }
        return sum
    }

    /// ∂f/∂xᵢ = −400·xᵢ·(xᵢ₊₁ − xᵢ²) − 2·(1 − xᵢ)  [i < n−1]  + 200·(xᵢ − xᵢ₋₁²)  [i > 0].
    static func gradient(_ x: [Rational]) -> [Rational] {
        let n = x.count
        var g = [Rational](repeating: .zero, count: n)
        for i in 0..<n {
            if i < n - 1 { g[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]) }
            if i > 0 { g[i] += 200 * (x[i] - x[i - 1] * x[i - 1]) }
        }
        return g
    }

    /// A sign error: + 2·(1 − xᵢ).
    static func gradientWithSignError(_ x: [Rational]) -> [Rational] {
        let n = x.count
        var g = [Rational](repeating: .zero, count: n)
        for i in 0..<n {
            if i < n - 1 { g[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) + 2 * (1 - x[i]) }
            if i > 0 { g[i] += 200 * (x[i] - x[i - 1] * x[i - 1]) }
        }
        return g
    }

    /// An off-by-one loop bound: the 200·(xᵢ − xᵢ₋₁²) term stops one short, missing xₙ₋₁.
    static func gradientWithOffByOne(_ x: [Rational]) -> [Rational] {
        let n = x.count
        var g = [Rational](repeating: .zero, count: n)
        for i in 0..<(n - 1) { g[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]) }
        for i in 1..<(n - 1) { g[i] += 200 * (x[i] - x[i - 1] * x[i - 1]) }
        return g
    }
}

@Suite struct GradientCheckerTests {
    @Test(arguments: [2, 4, 7])
    func correctRosenbrockGradient_passes(n: Int) throws {
        #expect(GradientChecker.check(Rosenbrock.f, gradient: Rosenbrock.gradient, dimension: n).passed)
        try GradientChecker.verify(Rosenbrock.f, gradient: Rosenbrock.gradient, dimension: n)
    }

    @Test func signError_isCaught_atTheFirstEntry() throws {
        let result = GradientChecker.check(Rosenbrock.f, gradient: Rosenbrock.gradientWithSignError, dimension: 4)
        #expect(!result.passed)
        guard case .wrongEntry(.gradient, let index, let point, _, let expected, let actual)? = result.failure else {
            Issue.record("expected a wrong entry, got \(result)")
            return
        }
        #expect(index == 0)
        #expect(expected == Rosenbrock.gradient(point)[0])
        #expect(actual - expected == 4 * (1 - point[0]))
    }

    @Test func offByOneIndex_isCaught_atTheLastEntry() throws {
        let result = GradientChecker.check(Rosenbrock.f, gradient: Rosenbrock.gradientWithOffByOne, dimension: 5)
        guard case .wrongEntry(.gradient, let index, let point, _, let expected, let actual)? = result.failure else {
            Issue.record("expected a wrong entry, got \(result)")
            return
        }
        #expect(index == 4)
        #expect(expected - actual == 200 * (point[4] - point[3] * point[3]))
        #expect(throws: GradientCheckFailure.self) {
            try GradientChecker.verify(Rosenbrock.f, gradient: Rosenbrock.gradientWithOffByOne, dimension: 5)
        }
    }

    @Test func failureMessage_namesTheEntryThePointAndBothValues() {
        let result = GradientChecker.check(
            { x in x[0] * x[0] }, gradient: { x in [3 * x[0]] }, dimension: 1,
            configuration: .init(points: 3, seed: 1))
        let text = result.failure?.description ?? ""
        #expect(text.hasPrefix("gradient[0] is wrong at ("))
        #expect(text.contains("the tape says") && text.contains("the hand-written rule"))
    }

    @Test func handWrittenJVPAndVJP_areCheckedAgainstForwardAndReverseMode() throws {
        // f(x, y) = (x·y, x − y²): J = [[y, x], [1, −2y]].
        let f: ([Traced]) -> [Traced] = { x in [x[0] * x[1], x[0] - x[1] * x[1]] }
        let jvp: ([Rational], [Rational]) -> [Rational] = { x, v in [x[1] * v[0] + x[0] * v[1], v[0] - 2 * x[1] * v[1]] }
        let vjp: ([Rational], [Rational]) -> [Rational] = { x, w in [w[0] * x[1] + w[1], w[0] * x[0] - 2 * x[1] * w[1]] }
        try GradientChecker.verify(f, jvp: jvp, dimension: 2)
        try GradientChecker.verify(f, vjp: vjp, dimension: 2)
        // A transposed Jacobian used as the VJP is wrong.
        let transposedWrong: ([Rational], [Rational]) -> [Rational] = { x, w in [w[0] * x[1] + w[1] * x[0], w[0] - 2 * x[1] * w[1]] }
        #expect(!GradientChecker.check(f, vjp: transposedWrong, dimension: 2).passed)
    }

    @Test func wrongLength_isReported() {
        let result = GradientChecker.check({ x in x[0] * x[1] }, gradient: { x in [x[1]] }, dimension: 2)
        guard case .wrongLength(.gradient, _, let expected, let actual)? = result.failure else {
            Issue.record("expected a length failure, got \(result)")
            return
        }
        #expect(expected == 2 && actual == 1)
    }

    @Test func pointsWithoutADerivative_areSkipped_andACheckOfNothingFails() {
        // 1/x² at x = 0 has no value: those points are skipped, the others checked.
        let pole = GradientChecker.check(
            { x in 1 / (x[0] * x[0]) }, gradient: { x in [-2 / (x[0] * x[0] * x[0])] }, dimension: 1,
            configuration: .init(points: 40, sampler: RationalSampler(numerators: -2...2, denominators: 1...1)))
        #expect(pole.passed && pole.skippedPoints > 0)
        // sin(x) has no rational derivative except where cos x = 1 is exact (x = 0).
        let transcendental = GradientChecker.check(
            { x in sin(x[0]) + x[0] }, gradient: { _ in [2] }, dimension: 1,
            configuration: .init(points: 5, sampler: RationalSampler(numerators: 1...9)))
        #expect(!transcendental.passed && transcendental.checkedPoints == 0)
    }
}
