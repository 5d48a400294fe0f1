import Differentials
import Exact
import Jacobi
import Symbolic
import TestSupport
import Testing

@Suite struct FunctionSparsityTests {
    static func function(_ texts: [String], _ vars: [String]) throws -> Function {
        try Function(texts.map { try Expr.parse($0) }, variables: vars.map(Symbol.init))
    }

    @Test func exactPattern_dropsEntriesThatCancel_structuralKeepsThem() throws {
        // Canonical forms keep these; the simplified derivatives are 0.
        let f = try Self.function(["z^2 + x*(y + 1) - x*y - x", "sin(x)^2 + cos(x)^2 + y"], ["x", "y", "z"])
        #expect(try f.jacobianSparsity(.structural).drawing == "x x x\nx x .")
        #expect(try f.jacobianSparsity(.exact).drawing == ". . x\n. x .")
        let g = try Self.function(["sin(x)^2*y + cos(x)^2*y + z^3"], ["x", "y", "z"])
        #expect(try g.hessianSparsity(.structural).drawing == "x x .\nx . .\n. . x")
        #expect(try g.hessianSparsity(.exact).drawing == ". . .\n. . .\n. . x")
    }

    @Test func exactPattern_isInsideStructural_andEqualWithoutCancellation() throws {
        var g = SeededGenerator(seed: 11)
        let symbols = (0..<5).map { Symbol("x\($0)") }
        let generator = ExpressionGenerator(symbols: symbols, maximumDepth: 3, includesFunctions: true)
        for _ in 0..<40 {
            let exprs = (0..<3).map { _ in generator.expression(using: &g) }
            let f = try Function(exprs, variables: symbols)
            let exact = try f.jacobianSparsity(.exact)
            #expect(exact.isSubset(of: try f.jacobianSparsity(.structural)))
            // The exact pattern is where the simplified symbolic Jacobian is not 0.
            let j = try f.jacobian()
            for i in 0..<3 {
                for k in 0..<5 {
                    let vanishes = j[i, k].isZero || j[i, k].isZeroAsRationalFunction
                    #expect(exact.contains(row: i, column: k) == !vanishes, "\(exprs[i])")
                }
            }
            let h = try Function(exprs[0], variables: symbols)
            #expect(try h.hessianSparsity(.exact).isSubset(of: h.hessianSparsity(.structural)))
        }
        // Banded, arrow and block structures built without cancellation: the two agree.
        let n = 8
        let xs = (0..<n).map { "x\($0)" }
        let tri = (0..<(n - 1)).map { "100*(x\($0 + 1) - x\($0)^2)^2 + (1 - x\($0))^2" }.joined(separator: " + ")
        let arrow = (1..<n).map { "x0*x\($0) + x\($0)^4" }.joined(separator: " + ")
        let blocks = stride(from: 0, to: n, by: 2).map { "(x\($0) + x\($0 + 1))^3" }.joined(separator: " + ")
        for text in [tri, arrow, blocks] {
            let f = try Self.function([text], xs)
            #expect(try f.hessianSparsity(.exact) == f.hessianSparsity(.structural), "\(text)")
        }
        let system = try Self.function((0..<n).map { i in "x\(i)*x\((i + 1) % n) + exp(x\(i))" }, xs)
        #expect(try system.jacobianSparsity(.exact) == system.jacobianSparsity(.structural))
    }

    @Test func sparseDerivatives_equalDenseOnes_everyEngine() throws {
        let n = 7
        let xs = (0..<n).map { "x\($0)" }
        let rosen = try Self.function([(0..<(n - 1)).map { "100*(x\($0 + 1) - x\($0)^2)^2 + (1 - x\($0))^2" }.joined(separator: " + ")], xs)
        let a = (0..<n).map { Rational($0 - 3, 2) }
        let c = try rosen.hessianCompression()
        #expect(c.coloring.count == 3)
        #expect(c.pattern.nonzeroCount == 3 * n - 2)
        for engine in [DifferentialEngine.reverse, .symbolic] {
            let h = try rosen.sparseHessian(at: a, engine: engine)
            #expect(h.dense == (try rosen.hessian(at: a)), "\(engine)")
            #expect(h.pattern == c.pattern)
        }
        let system = try Self.function((0..<n).map { i in "x\(i)^2*x\((i + 1) % n) - x\((i + n - 1) % n)/(1 + x\(i)^2)" }, xs)
        for engine in [DifferentialEngine?.none, .forward, .reverse, .symbolic] {
            let j = try system.sparseJacobian(at: a, engine: engine)
            #expect(j.dense == (try system.jacobian(at: a)), "\(String(describing: engine))")
        }
        // Over expressions: exact values that are not rational.
        let e = try Self.function(["sin(x0)*x1 + x1^2*x2"], ["x0", "x1", "x2"])
        let point = [Expr(Rational(1, 2)), Expr(2), Expr(3)]
        #expect(try e.sparseHessian(at: point).dense == e.hessian(at: point))
        #expect(try e.sparseJacobian(at: point).dense == e.jacobian(at: point))
    }

    @Test func zerosAtThePoint_stayInTheSparseResult() throws {
        let f = try Self.function(["x*y + y^3"], ["x", "y"])
        let h = try f.sparseHessian(at: [Rational(5), 0])  // H = [[0, 1], [1, 6y]]: 6y = 0 here
        #expect(h.pattern.drawing == ". x\nx x")
        #expect(h.values == [1, 1, 0])
    }
}
