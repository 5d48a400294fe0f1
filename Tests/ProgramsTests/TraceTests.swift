import AutoDiff
import Exact
import Programs
import Symbolic
import Testing

/// The trace of f = x*y + sin(x) at (x, y) = (1/2, 3), by hand:
///
///     row  expression      value            tangent (v = (1, 0))   adjoint (w = 1)
///     x    x               1/2              1                      y + cos(x) = 3 + cos(1/2)
///     y    y               3                0                      x = 1/2
///     f    x*y + sin(x)    3/2 + sin(1/2)   y + cos(x) = 3 + cos(1/2)   1
@Suite struct TraceTests {
    static let program = "input x, y\nf = x*y + sin(x)\noutput f"
    static let point: [Expr] = [Expr(Rational(1, 2)), Expr(3)]
    static let half = Expr(Rational(1, 2))

    @Test func forwardTrace_matchesTheHandTable() throws {
        let t = try Program(parsing: Self.program).trace(at: Self.point, seed: [Expr(1), Expr(0)], mode: .forward)
        #expect(t.rows.map(\.name) == ["x", "y", "f"])
        #expect(t.rows.map(\.expression) == ["x", "y", "x*y + sin(x)"])
        #expect(t.rows.map(\.value) == [Self.half, Expr(3), Expr(Rational(3, 2)) + .call(.sin, Self.half)])
        #expect(t.rows.map(\.derivative) == [Expr(1), Expr(0), Expr(3) + .call(.cos, Self.half)])
        #expect(t.rows.map(\.isOutput) == [false, false, true])
    }

    @Test func reverseTrace_listsAdjointsInReverseOrder() throws {
        let t = try Program(parsing: Self.program).trace(at: Self.point, seed: [Expr(1)], mode: .reverse)
        #expect(t.rows.map(\.name) == ["f", "y", "x"])
        #expect(t.rows.map(\.derivative) == [Expr(1), Self.half, Expr(3) + .call(.cos, Self.half)])
        #expect(t.result == [Expr(3) + .call(.cos, Self.half), Self.half])
    }

    @Test func allSlots_giveOneRowPerInstruction() throws {
        let t = try Program(parsing: Self.program).trace(at: Self.point, seed: [Expr(1), Expr(0)], mode: .forward, allSlots: true)
        #expect(t.rows.map(\.name) == ["x", "y", "v2", "v3", "f"])
        #expect(t.rows.map(\.expression) == ["x", "y", "x*y", "sin(x)", "v2 + v3"])
        #expect(t.rows[2].value == Expr(Rational(3, 2)) && t.rows[2].derivative == Expr(3))
        #expect(t.rows[3].value == .call(.sin, Self.half) && t.rows[3].derivative == .call(.cos, Self.half))
    }

    @Test func loopRows_carryTheirIteration() throws {
        let p = try Program(parsing: "param n = 3\ninput x[n], a\nh = a\nfor k = 1..n\n  h = h*x[k]\nend\noutput h")
        let one = Expr(1)
        let t = try p.trace(at: [Expr(2), Expr(3), Expr(5), Expr(7)], seed: [Expr(0), Expr(0), Expr(0), Expr(1)], mode: .forward)
        let loopRows = t.rows.filter { $0.iteration != nil }
        #expect(loopRows.map(\.iteration) == [1, 2, 3])
        #expect(loopRows.map(\.expression) == ["h*x[1]", "h*x[2]", "h*x[3]"])
        #expect(loopRows.map(\.value) == [Expr(14), Expr(42), Expr(210)])
        #expect(loopRows.map(\.derivative) == [Expr(2), Expr(6), Expr(30)])
        #expect(loopRows.last?.isOutput == true && one == Expr(1))
    }
}
