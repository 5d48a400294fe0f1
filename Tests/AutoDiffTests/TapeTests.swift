import AutoDiff
import Exact
import Testing

@Suite struct TapeTests {
    @Test func instruction_isSixteenBytes() {
        #expect(MemoryLayout<Instruction>.size == 16)
        #expect(MemoryLayout<Instruction>.stride == 16)
    }

    @Test func workedExample_recordsAsDocumented() throws {
        let tape = try Tape.record(inputs: 2) { x in x[0] * x[1] + sin(x[0]) }
        #expect(tape.description == "[x0, x1, mul(0,1), sin(0), add(2,3)]")
        #expect(tape.outputs == [4])
        #expect(try tape.gradient(at: [0.0, 2.0]) == [3.0, 0.0])
        #expect(try tape.gradient(at: [Rational(0), 2]) == [3, 0])
    }

    @Test func constants_goToTheSideTable_once() throws {
        let tape = try Tape.record(inputs: 1) { x in 100 * (x[0] + 1) * 100 - (1 - x[0]) / 4 }
        #expect(tape.constants == [1, 100, Rational(1, 4)])
        #expect(tape.description == "[x0, addc(0,1), mulc(1,100), mulc(2,100), rsubc(0,1), mulc(4,1/4), sub(3,5)]")
        #expect(try tape.evaluate(at: [Rational(1)]) == [20000])
    }

    @Test func validation_rejectsForwardReferencesAndBadIndices() {
        #expect(throws: TapeError.malformed(instruction: 1, reason: "operand 1 is not an earlier slot")) {
            try Tape(inputCount: 1, instructions: [Instruction(.input), Instruction(.sin, 1)], outputs: [1])
        }
        #expect(throws: TapeError.malformed(instruction: 1, reason: "constant index 0 out of range")) {
            try Tape(inputCount: 1, instructions: [Instruction(.input), Instruction(.addConstant, 0)], outputs: [1])
        }
        #expect(throws: TapeError.malformed(instruction: 0, reason: "input index 2 out of range")) {
            try Tape(inputCount: 1, instructions: [Instruction(.input, payload: 2)], outputs: [0])
        }
        #expect(throws: (any Error).self) {
            try Tape(inputCount: 1, instructions: [Instruction(.input)], outputs: [3])
        }
    }

    @Test func handBuiltTape_evaluates() throws {
        let tape = try Tape(
            inputCount: 2,
            instructions: [
                Instruction(.input, payload: 0), Instruction(.input, payload: 1), Instruction(.multiply, 0, 1),
                Instruction(.powerInteger, 2, payload: 3),
            ],
            outputs: [3, 2])
        #expect(try tape.evaluate(at: [Rational(2), 3]) == [216, 6])
        #expect(try tape.jacobian(at: [Rational(2), 3]) == [[324, 216], [3, 2]])
    }

    @Test func vectorValuedTape_jacobianModesAgree_andChooseFewerSweeps() throws {
        let tape = try Tape.record(inputs: 2) { x in [x[0] * x[1], x[0] / x[1], x[0] - x[1]] }
        let x: [Rational] = [3, 4]
        let j = try tape.jacobian(at: x)
        #expect(j == [[4, 3], [Rational(1, 4), Rational(-3, 16)], [1, -1]])
        #expect(try tape.jacobian(at: x, mode: .reverse) == j)
    }

    @Test func dimensionMismatch_andScalarRequirement_areTypedErrors() throws {
        let tape = try Tape.record(inputs: 2) { x in [x[0], x[1]] }
        #expect(throws: TapeError.dimensionMismatch(what: "point", expected: 2, actual: 1)) {
            try tape.evaluate(at: [Rational(1)])
        }
        #expect(throws: TapeError.notScalarValued(outputs: 2)) { try tape.gradient(at: [Rational(1), 2]) }
    }

    @Test func workspace_givesTheSameResults_acrossCallsAndTypes() throws {
        let tape = try Tape.record(inputs: 2) { x in x[0] * x[0] * x[1] + exp(x[1]) }
        let ws = Workspace()
        let a = try tape.gradient(at: [1.5, 0.25], workspace: ws)
        let b = try tape.gradient(at: [Rational(3, 2), 0], workspace: ws)
        let c = try tape.hvp(at: [1.5, 0.25], direction: [1, 0], workspace: ws)
        #expect(a == (try tape.gradient(at: [1.5, 0.25])))
        #expect(b == [0, Rational(13, 4)])
        #expect(c == (try tape.hvp(at: [1.5, 0.25], direction: [1, 0])))
    }
}
