import AutoDiff
import Exact
import TestSupport
import Testing

@Suite struct ExactPropertyTests {
    @Test func forwardAndReverse_agreeExactly_onRecordedPrograms() throws {
        let checked = try RandomPrograms.forEach(count: 150, seed: 1) { tape, x, _ in
            let forward = try tape.jacobian(at: x, mode: .forward)
            let reverse = try tape.jacobian(at: x, mode: .reverse)
            #expect(forward == reverse, "tape \(tape) at \(x)")
        }
        #expect(checked > 100)
    }

    @Test func jvpAndVJP_areAdjoint_exactly() throws {
        let checked = try RandomPrograms.forEach(count: 150, seed: 2) { tape, x, g in
            let v = RandomPrograms.vector(tape.inputCount, using: &g)
            let w = RandomPrograms.vector(tape.outputCount, using: &g)
            let jv = try tape.jvp(at: x, direction: v).tangent
            let jtw = try tape.vjp(at: x, weights: w).cotangent
            #expect(dot(w, jv) == dot(jtw, v), "tape \(tape) at \(x)")
        }
        #expect(checked > 100)
    }

    @Test func severalDirectionsAtOnce_equalOneSweepEach() throws {
        try RandomPrograms.forEach(count: 60, seed: 3) { tape, x, g in
            let vs = (0..<3).map { _ in RandomPrograms.vector(tape.inputCount, using: &g) }
            let together = try tape.jvp(at: x, directions: vs)
            for (j, v) in vs.enumerated() {
                let single = try tape.jvp(at: x, direction: v)
                #expect(together.tangents[j] == single.tangent)
                #expect(together.value == single.value)
            }
        }
    }

    @Test func hvp_equalsHessianTimesDirection_exactly() throws {
        let checked = try RandomPrograms.forEach(count: 120, seed: 4, outputs: 1) { tape, x, g in
            let v = RandomPrograms.vector(tape.inputCount, using: &g)
            let h = try tape.hessian(at: x)
            let hv = try tape.hvp(at: x, direction: v)
            #expect(h.map { dot($0, v) } == hv, "tape \(tape) at \(x)")
        }
        #expect(checked > 80)
    }

    @Test func hessian_isExactlySymmetric() throws {
        try RandomPrograms.forEach(count: 120, seed: 5, inputs: 4, outputs: 1, steps: 14) { tape, x, _ in
            let h = try tape.hessian(at: x)
            for i in h.indices {
                for j in h.indices { #expect(h[i][j] == h[j][i], "tape \(tape) at \(x)") }
            }
        }
    }

    @Test func hvp_gradientPart_equalsReverseGradient() throws {
        try RandomPrograms.forEach(count: 80, seed: 6, outputs: 1) { tape, x, g in
            let v = RandomPrograms.vector(tape.inputCount, using: &g)
            let r = try tape.hvp(at: x, direction: v, weights: [1])
            #expect(r.gradient == (try tape.gradient(at: x)))
            #expect(r.value == (try tape.evaluate(at: x)))
        }
    }

    @Test func jvp_isLinearInTheDirection() throws {
        try RandomPrograms.forEach(count: 60, seed: 7) { tape, x, g in
            let u = RandomPrograms.vector(tape.inputCount, using: &g)
            let v = RandomPrograms.vector(tape.inputCount, using: &g)
            let a = RandomPrograms.rational(using: &g)
            let combined = zip(u, v).map { a * $0 + $1 }
            let ju = try tape.jvp(at: x, direction: u).tangent
            let jv = try tape.jvp(at: x, direction: v).tangent
            #expect(try tape.jvp(at: x, direction: combined).tangent == zip(ju, jv).map { a * $0 + $1 })
        }
    }

    @Test func doubleSweeps_approximateTheExactOnes() throws {
        try RandomPrograms.forEach(count: 60, seed: 8, outputs: 1) { tape, x, _ in
            let exact = try tape.gradient(at: x)
            guard let approx = try? tape.gradient(at: x.map { Double($0) }) else { return }
            for (e, a) in zip(exact, approx) {
                let scale = Swift.max(1, Swift.abs(Double(e)))
                #expect(Swift.abs(Double(e) - a) <= 1e-6 * scale, "\(e) vs \(a)")
            }
        }
    }
}
