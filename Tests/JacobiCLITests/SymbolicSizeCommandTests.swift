import Foundation
import Jacobi
import Testing

/// Programs whose outputs are too large for the symbolic engine: values at a point still
/// come from the tape, and exact values too large to print are a named error, not a hang.
@Suite struct SymbolicSizeCommandTests {
    static func path(_ name: String) -> String { ProgramCommandTests.path(name) }

    /// Rosenbrock at n = 30 000 has 269 993 tape instructions (over the symbolic budget);
    /// at x = 1/2 everywhere, ∂f/∂x1 = −400·(1/2)(1/4) − 2(1/2) = −51, ∂f/∂xi = 200(1/4) − 51 = −1
    /// in the middle, ∂f/∂xn = 200(1/4) = 50.
    @Test func largeProgram_reverseEngineGivesValuesWithoutTheSymbolicColumn() throws {
        let j = try ProgramCommandTests.json([
            "grad", "--file", Self.path("rosenbrock.jac"), "--param", "n=30000", "--at", "x=1/2", "--engine", "reverse",
        ])
        let exact = j["exact"] as? [String] ?? []
        #expect(exact.count == 30_000)
        #expect(exact.first == "-51" && exact[1] == "-1" && exact[29_998] == "-1" && exact.last == "50")
        #expect(j["symbolic"] == nil)
    }

    /// x[k+1] = sin(x[k]) + a·x[k] doubles its expression tree per step. At x0 = 0, a = −1
    /// every x[k] is 0 and each step's derivative factor is cos(0) + a = 0: ∇f = (0, 0) exactly.
    @Test func recurrence_exactAtARationalPoint_andNamedErrorsOtherwise() throws {
        let file = Self.path("recurrence.jac")
        let j = try ProgramCommandTests.json(["grad", "--file", file, "--param", "n=40", "--at", "x0=0,a=-1"])
        #expect(j["exact"] as? [String] == ["0", "0"])
        let irrational = try CLI.run(["grad", "--file", file, "--param", "n=40", "--at", "x0=1/2,a=-1"])
        #expect(irrational.status == 2)
        #expect(irrational.stderr.contains("Function.maximumExactValueSize"))
        #expect(irrational.stderr.split(separator: "\n").count == 1)
        let symbolic = try CLI.run(["diff", "--file", file, "--param", "n=40"])
        #expect(symbolic.status == 2)
        #expect(symbolic.stderr.contains("ProgramLimits.maximumSymbolicTreeSize"))
    }
}
