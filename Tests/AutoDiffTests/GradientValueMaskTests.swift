import Exact
import TestSupport
import Testing

@testable import AutoDiff

/// The exact gradient skips the values no reverse rule reads (`Sweep.valuesNeededForGradient`):
/// it must still equal the full vector-Jacobian product and report the same errors.
@Suite struct GradientValueMaskTests {
    /// Σ xᵢ²/(1 + xᵢ₊₁²), the exact-gradient benchmark's function.
    static func ratioSum(_ n: Int) throws -> Tape {
        try Tape.record(inputs: n) { x in
            var s = x[0].constant(0)
            for i in 0..<(n - 1) { s = s + x[i] * x[i] / (1 + x[i + 1] * x[i + 1]) }
            return s
        }
    }

    @Test func runningSums_areNotNeeded_theirOperandsOfProductsAre() throws {
        let tape = try Self.ratioSum(6)
        let needed = tape.instructions.withUnsafeBufferPointer { Sweep.valuesNeededForGradient($0) }
        for (i, ins) in tape.instructions.enumerated() {
            switch ins.opcode {
            case .add: #expect(!needed[i], "running sum at \(i)")
            case .divide, .input: #expect(needed[i], "\(ins.opcode) at \(i)")
            default: break
            }
        }
    }

    @Test func gradient_equalsFullVJP_exactly() throws {
        let n = 40
        let tape = try Self.ratioSum(n)
        let x = (1...n).map { Rational($0, 7) }
        let g = try tape.gradient(at: x)
        #expect(g == (try tape.vjp(at: x, weights: [.one]).cotangent))
        // The hand-derived gradient: 2xₖ/(1 + xₖ₊₁²) − 2xₖxₖ₋₁²/(1 + xₖ²)².
        for k in 0..<n {
            var e = Rational.zero
            if k < n - 1 { e += 2 * x[k] / (1 + x[k + 1] * x[k + 1]) }
            if k > 0 { e -= 2 * x[k] * x[k - 1] * x[k - 1] / ((1 + x[k] * x[k]) * (1 + x[k] * x[k])) }
            #expect(g[k] == e, "∂f/∂x\(k)")
        }
    }

    @Test func agreesWithFullVJP_onRandomPrograms() throws {
        let checked = try RandomPrograms.forEach(count: 150, seed: 7, outputs: 1) { tape, x, _ in
            let g = try tape.gradient(at: x)
            let full = try tape.vjp(at: x, weights: [.one]).cotangent
            #expect(g == full, "tape \(tape) at \(x)")
        }
        #expect(checked > 100)
    }

    @Test func domainErrorsOfUnreadValues_stillThrow() throws {
        // log(x) only feeds a sum: its value is not read by any reverse rule, but log(−1)
        // must throw as the full primal sweep does.
        let tape = try Tape.record(inputs: 2) { x in log(x[0]) + x[1] }
        #expect(throws: TapeError.self) { try tape.gradient(at: [Rational(-1), Rational(2)]) }
        #expect(try tape.gradient(at: [Rational(1), Rational(5)]) == [Rational(1), Rational(1)])
    }
}
