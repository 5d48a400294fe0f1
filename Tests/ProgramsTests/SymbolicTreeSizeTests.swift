import Programs
import Symbolic
import Testing

/// ``ProgramLimits/maximumSymbolicTreeSize``: a recurrence's outputs double as trees per step.
@Suite struct SymbolicTreeSizeTests {
    static let recurrence = "param n = 4\ninput x0, a\nxs[1] = x0\nfor k = 1..n\nxs[k+1] = sin(xs[k]) + a*xs[k]\nend\ny = xs[n+1]\noutput y"

    @Test func smallRecurrence_isSymbolic_largeOneIsRefusedByName() throws {
        let p = try Program(parsing: Self.recurrence)
        // n = 1: sin(x0) + a·x0.
        let one = try p.compile(parameters: ["n": 1]).expressions()
        #expect(one == [try Expr.parse("sin(x0) + a*x0")])
        // n = 60: 2^60-fold as a tree, a few hundred tape instructions.
        let large = try p.compile(parameters: ["n": 60])
        #expect(large.tape.count < 1000)
        do {
            _ = try large.expressions()
            Issue.record("a 2^60-node tree was accepted")
        } catch {
            #expect(error.isTooLargeForSymbolicEngine)
            #expect(error.message.contains("ProgramLimits.maximumSymbolicTreeSize"))
        }
        // As a tree, x[n+1] has 5·2ⁿ − 4 nodes: n = 10 gives 5 116 (under 10 000), n = 12
        // gives 20 476 (over); the limit is task-local, so raised, n = 12 passes.
        let ten = try p.compile(parameters: ["n": 10]).expressions()
        #expect(ten.map(\.treeSize) == [5 * 1024 - 4])
        let twelve = try p.compile(parameters: ["n": 12])
        #expect(throws: ProgramError.self) { try twelve.expressions() }
        let raised = try ProgramLimits.$maximumSymbolicTreeSize.withValue(1 << 30) { try twelve.expressions() }
        #expect(raised.map(\.treeSize) == [5 * 4096 - 4])
    }

    /// The instruction budget is the same kind of refusal.
    @Test func instructionBudget_isMarkedTooLargeForSymbolic() throws {
        let p = try Program(parsing: Self.recurrence).compile(parameters: ["n": 4])
        do {
            _ = try p.expressions(budget: 2)
            Issue.record("budget 2 accepted")
        } catch {
            #expect(error.isTooLargeForSymbolicEngine)
        }
    }
}
