import AutoDiff
import Exact
import Testing

@Suite struct GuardAndDomainTests {
    @Test func guardViolation_isDetected_whenReplayedAcrossTheBranch() throws {
        let tape = try Tape.record(at: [Rational(1)]) { x in x[0] > 0 ? x[0] : -x[0] }
        #expect(try tape.evaluate(at: [Rational(5)]) == [5])
        #expect(try tape.gradient(at: [Rational(1, 3)]) == [1])
        #expect(throws: TapeError.guardViolated(instruction: 2, source: nil)) { try tape.gradient(at: [Rational(-1)]) }
        #expect(throws: TapeError.guardViolated(instruction: 2, source: nil)) { try tape.evaluate(at: [-1.0]) }
        // 0 is not > 0: exact ties are decided exactly.
        #expect(throws: TapeError.guardViolated(instruction: 2, source: nil)) { try tape.evaluate(at: [Rational(0)]) }
    }

    @Test func guard_isDecidedExactly_atRationalPoints() throws {
        // x·x < 2 at 7/5 (49/25 < 2) but not at 71/50 (5041/2500 > 2).
        let tape = try Tape.record(at: [Rational(7, 5)]) { x in x[0] * x[0] < 2 ? x[0] : 2 * x[0] }
        #expect(try tape.gradient(at: [Rational(141, 100)]) == [1])
        // [x0, sq(0), 2, guard(1<2), mulc(0,2)]: the guard is instruction 3.
        #expect(throws: TapeError.guardViolated(instruction: 3, source: nil)) {
            try tape.gradient(at: [Rational(71, 50)])
        }
    }

    @Test func recordedFunction_reRecordsOnAGuardViolation() throws {
        var f = try RecordedFunction(at: [Rational(1)]) { x in [x[0] > 0 ? x[0] * x[0] : -x[0]] }
        #expect(try f.gradient(at: [Rational(3)]) == [6])
        #expect(f.recordings == 1)
        #expect(try f.gradient(at: [Rational(-3)]) == [-1])
        #expect(f.recordings == 2)
        #expect(try f.gradient(at: [Rational(-2)]) == [-1])
        #expect(f.recordings == 2)
    }

    @Test func comparisonWithoutAPoint_isATypedError() {
        #expect(throws: TapeError.comparisonWithoutPoint(instruction: 2)) {
            try Tape.record(inputs: 1) { x in x[0] > 0 ? x[0] : -x[0] }
        }
    }

    @Test func divisionByZero_isReported_atItsInstruction() throws {
        let tape = try Tape.record(inputs: 2) { x in x[0] + 1 / (x[0] - x[1]) }
        #expect(throws: TapeError.domain(.divisionByZero, instruction: 3, source: nil)) {
            try tape.evaluate(at: [Rational(2), 2])
        }
        #expect(throws: TapeError.domain(.divisionByZero, instruction: 3, source: nil)) {
            try tape.gradient(at: [0.5, 0.5])
        }
    }

    @Test func logOfZero_isReported_atItsInstruction_neverNaN() throws {
        let tape = try Tape.record(inputs: 1) { x in x[0] * 2 + log(x[0] * x[0]) }
        #expect(throws: TapeError.domain(.outsideDomain(expression: "log(0)"), instruction: 3, source: nil)) {
            try tape.evaluate(at: [Rational(0)])
        }
        #expect(throws: TapeError.domain(.outsideDomain(expression: "log(0.0)"), instruction: 3, source: nil)) {
            try tape.gradient(at: [0.0])
        }
        #expect(throws: TapeError.domain(.outsideDomain(expression: "sqrt(-1.0)"), instruction: 1, source: nil)) {
            try Tape.record(inputs: 1) { x in sqrt(x[0]) }.evaluate(at: [-1.0])
        }
    }

    @Test func domainErrorsAtTheRecordingPoint_areReported() {
        #expect(throws: TapeError.domain(.divisionByZero, instruction: 1, source: nil)) {
            try Tape.record(at: [Rational(0)]) { x in 1 / x[0] }
        }
    }

    @Test func errorMessages_nameTheInstruction() {
        let e = TapeError.domain(.divisionByZero, instruction: 3, source: "1/(x - y)")
        #expect(e.description == "division by zero at instruction 3 (in 1/(x - y))")
    }

    /// y ← y·(y + 1) doubles the size of an exact value at every step: the sweeps check each
    /// value, tangent and adjoint they write, so such a program stops with a typed error
    /// instead of asking GMP for gigabytes (forty steps from 3 would need 2⁴¹ bits). Here
    /// 16 steps (2¹⁷ bits, quick to compute) against a limit lowered to 2¹² bits.
    @Test func exactValuesThatOutgrowTheLimit_areATypedError() throws {
        let tape = try Tape.record(inputs: 1) { x in
            var y = x[0]
            for _ in 0..<16 { y = y * (y + 1) }
            return y
        }
        func isSizeError(_ error: any Error) -> Bool {
            guard case TapeError.domain(.sizeLimitExceeded(let bits, let limit), _, _) = error else { return false }
            return bits > limit && limit == 1 << 12
        }
        try ExactLimits.$maximumBitWidth.withValue(1 << 12) { () throws in
            #expect(performing: { try tape.evaluate(at: [Rational(3)]) }, throws: isSizeError)
            #expect(performing: { try tape.gradient(at: [Rational(3)]) }, throws: isSizeError)
            #expect(performing: { try tape.jvp(at: [Rational(3)], direction: [Rational(1)]) }, throws: isSizeError)
            #expect(performing: { try tape.hvp(at: [Rational(3)], direction: [Rational(1)]) }, throws: isSizeError)
            // Below the limit the same sweeps are exact: at 0 every yₖ is 0 and y′ = 1.
            #expect(try tape.gradient(at: [Rational(0)]) == [1])
        }
    }
}
