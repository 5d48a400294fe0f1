import AutoDiff
import Exact
import Programs
import Symbolic
import TestSupport
import Testing

/// Hostile programs stop with a `ProgramError` naming the limit they hit (ProgramLimits,
/// ExactLimits), at a `line:column`, instead of overflowing the stack, running for minutes
/// or exhausting memory.
@Suite struct ProgramHostileInputTests {
    /// The `ProgramError` `body` throws (nil when it throws none or another error).
    func error(_ body: () throws -> Void) -> ProgramError? {
        do { try body() } catch { return error as? ProgramError }
        return nil
    }

    func nested(_ open: String, _ close: String, _ n: Int) -> String {
        String(repeating: open, count: n) + "x" + String(repeating: close, count: n)
    }

    // MARK: nesting (the parser's recursion)

    @Test(arguments: [("(", ")"), ("sin(", ")"), ("-(", ")"), ("x^(", ")"), ("sum(i = 1..1, ", ")")])
    func nestingPastTheLimit_isANamedError(open: String, close: String) throws {
        let limit = ProgramLimits.maximumNesting
        for n in [limit + 1, 20_000] {
            let e = error { _ = try Program(parsing: "input x\nf = \(nested(open, close, n))\noutput f") }
            #expect(e?.message.contains("ProgramLimits.maximumNesting") == true)
            #expect(e?.location?.line == 2)
        }
    }

    /// At the limit, parsing, compiling and both sweeps run on a 4 MiB stack (the recursion the
    /// limit bounds needs about 2 MiB in a debug build). f = sin(sin(…x)) at 0 has f' = 1.
    @Test func nestingAtTheLimit_compilesOnASmallStack() throws {
        let limit = ProgramLimits.maximumNesting
        let parens = nested("(", ")", limit - 1)
        let sines = nested("sin(", ")", limit - 2)
        let gradients = try onSmallStack(stackSize: 4 << 20) {
            try [parens, sines].map { body in
                try Program(parsing: "input x\nf = \(body)\noutput f").compile().tape.gradient(at: [Rational.zero])
            }
        }
        #expect(gradients == [[1], [1]])
    }

    @Test func nestedLoopsPastTheLimit_areANamedError() {
        let n = ProgramLimits.maximumNesting + 1
        let text =
            "input x\nh = x\n" + String(repeating: "for i = 1..1\n", count: n) + "h = h*x\n"
            + String(repeating: "end\n", count: n) + "output h"
        let e = error { _ = try Program(parsing: text) }
        #expect(e?.message.contains("ProgramLimits.maximumNesting") == true)
    }

    // MARK: depth (the syntax tree's height: chains)

    /// x + x + … + x with d operands is a tree of height d: past `maximumDepth` an error,
    /// at it a program whose gradient is d, compiled on a 4 MiB stack.
    @Test func chainsAreBoundedByTheTreeHeight() throws {
        let limit = ProgramLimits.maximumDepth
        for op in ["+", "*"] {
            let long = Array(repeating: "x", count: limit + 1).joined(separator: op)
            let e = error { _ = try Program(parsing: "input x\nf = \(long)\noutput f") }
            #expect(e?.message.contains("ProgramLimits.maximumDepth") == true)
            #expect(e?.location?.line == 2)
        }
        let sum = Array(repeating: "x", count: limit).joined(separator: " + ")
        let gradient = try onSmallStack(stackSize: 4 << 20) {
            try Program(parsing: "input x\nf = \(sum)\noutput f").compile().tape.gradient(at: [Rational(3)])
        }
        #expect(gradient == [Rational(limit)])
    }

    // MARK: compile work

    /// Nested loops with huge counts stop at the step limit, at the loop's line, however
    /// little the body emits; the limit lowered for one computation takes effect.
    @Test func hugeLoopCounts_stopAtTheStepLimit() throws {
        let idle = "param n = 1000000000\ninput x\nfor i = 1..n\n  for j = 1..n\n    c = 1\n  end\nend\noutput x"
        let e = ProgramLimits.$maximumSteps.withValue(10_000) { error { _ = try Program(parsing: idle).compile() } }
        #expect(e?.message.contains("ProgramLimits.maximumSteps") == true)
        #expect(e?.location?.line == 4)
        let text = "param n = 1000000000\ninput x\nh = x\nc = 0\nfor i = 1..n\n  for j = 1..n\n    c = 1\n    h = h*x\n  end\nend\noutput h"
        // 30 × 30 iterations of 5 steps (2 iterations' counts, 3 expression nodes) fit in 10 000.
        let small = ProgramLimits.$maximumSteps.withValue(10_000) {
            try? Program(parsing: text).compile(parameters: ["n": 30]).tape.evaluate(at: [Rational(1, 2)])
        }
        #expect(try small == [Rational(1, 2).power(901)])
    }

    @Test func hugeTapes_stopAtTheInstructionLimit() {
        let text = "param n = 1000000000\ninput x[n]\nf = sum(i = 1..n, x[i]^2)\noutput f"
        let e = error { _ = try Program(parsing: text).compile() }
        #expect(e?.message.contains("ProgramLimits.maximumInstructions") == true)
        #expect(e?.location?.line == 2)
    }

    /// A vector written entry by entry, and a vector output, are bounded by `maximumEntries`
    /// (an assignment of an input emits no instruction, so the instruction limit cannot catch it).
    @Test func hugeVectors_stopAtTheEntryLimit() {
        let limit = ProgramLimits.maximumEntries
        let written = "param n = \(limit + 10)\ninput x\nfor k = 1..n\n  y[k] = x\nend\noutput y"
        let e1 = error { _ = try Program(parsing: written).compile() }
        #expect(e1?.message.contains("ProgramLimits.maximumEntries") == true)
        let output = "param n = \(limit + 1)\ninput x[n]\noutput x"
        let e2 = error { _ = try Program(parsing: output).compile() }
        #expect(e2?.message.contains("ProgramLimits.maximumEntries") == true)
        #expect(e2?.location?.line == 3)
    }

    // MARK: constants

    /// Constant folding is size-checked: one product past `ExactLimits.maximumBitWidth`, and
    /// large constants that add up past it (a loop folding a huge power in every iteration).
    @Test func hugeConstants_areRefusedBeforeGMPIsAsked() throws {
        let product = "input x\nc = 3^100000\nd = c*c*c*c*c*c*c*c\nf = x*d\noutput f"
        let e1 = ExactLimits.$maximumBitWidth.withValue(1 << 20) { error { _ = try Program(parsing: product).compile() } }
        #expect(e1?.message.contains("ExactLimits.maximumBitWidth") == true)
        #expect(e1?.location?.line == 3)
        let loop = "input x\nfor i = 1..1000\n  for j = 1..1000\n    c = 3^100000\n  end\nend\noutput x"
        let e2 = ExactLimits.$maximumBitWidth.withValue(1 << 20) { error { _ = try Program(parsing: loop).compile() } }
        #expect(e2?.message.contains("ExactLimits.maximumBitWidth") == true)
        #expect(e2?.location?.line == 4)
        // Below the budget the same fold is exact: 3^1000 · 3^1000 = 3^2000.
        let fine = try? Program(parsing: "input x\nc = 3^1000\nf = x*c*c\noutput f").compile().tape.evaluate(at: [Rational.one])
        #expect(try fine == [Rational(3).power(2000)])
    }

    // MARK: error lines

    @Test func errorsQuotingLongNames_stayShort() {
        let name = String(repeating: "q", count: 10_000)
        for text in ["input x\nf = \(name) + 1\noutput f", "input x\n\(name) = x\noutput \(name)z"] {
            let e = error { _ = try Program(parsing: text) }
            #expect(e != nil)
            for line in (e?.description ?? "").split(separator: "\n") { #expect(line.count <= 200) }
        }
    }
}
