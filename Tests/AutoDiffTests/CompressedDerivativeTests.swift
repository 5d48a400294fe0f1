import AutoDiff
import Exact
import Symbolic
import TestSupport
import Testing

/// Compressed Jacobians and Hessians against the dense ones: exactly equal over Rational
/// and Expr, entry for entry (every structural entry, zeros included).
@Suite struct CompressedDerivativeTests {
    static func systems(_ n: Int) -> [Tape] {
        [
            SparseStructures.bandedSystem(n, halfBandwidth: 1), SparseStructures.bandedSystem(n, halfBandwidth: 2),
            SparseStructures.arrowSystem(n), SparseStructures.blockSystem(n, block: 3),
        ]
    }

    static func objectives(_ n: Int) -> [Tape] {
        [
            SparseStructures.bandedObjective(n, halfBandwidth: 1), SparseStructures.bandedObjective(n, halfBandwidth: 2),
            SparseStructures.rosenbrock(n), SparseStructures.arrowObjective(n), SparseStructures.blockObjective(n, block: 3),
        ]
    }

    @Test func compressedJacobian_equalsDense_exactly() throws {
        var g = SeededGenerator(seed: 5)
        var tapes = Self.systems(7) + Self.systems(12)
        for _ in 0..<30 { tapes.append(SparseStructures.randomSparse(inputs: 9, outputs: 7, using: &g)) }
        for tape in tapes {
            let x = RandomPrograms.vector(tape.inputCount, using: &g)
            let dense = try tape.jacobian(at: x)
            for mode in [JacobianMode.forward, .reverse, .automatic] {
                let c = SparseCompression.jacobian(of: tape, mode: mode)
                let sparse = try tape.sparseJacobian(at: x, compression: c)
                #expect(sparse == SparseStructures.gather(dense, c.pattern), "\(mode) \(tape)")
            }
        }
    }

    @Test func compressedHessian_equalsDense_exactly() throws {
        var g = SeededGenerator(seed: 6)
        var tapes = Self.objectives(6) + Self.objectives(13)
        for _ in 0..<30 { tapes.append(SparseStructures.randomSparseObjective(inputs: 10, terms: 6, using: &g)) }
        for tape in tapes {
            let x = RandomPrograms.vector(tape.inputCount, using: &g)
            let dense = try tape.hessian(at: x)
            for order in ColoringOrder.allCases {
                let c = try SparseCompression.hessian(of: tape, order: order)
                let sparse = try tape.sparseHessian(at: x, compression: c)
                #expect(sparse == SparseStructures.gather(dense, c.pattern), "\(order) \(tape)")
            }
        }
    }

    @Test func compressedHessian_overExpressions_equalsDense() throws {
        let tape = try Tape.record(inputs: 4) { x in sin(x[0]) * x[1] + exp(x[2]) * x[3] + x[3] * x[3] * x[0] }
        let x = [Expr(Rational(1, 2)), Expr(3), Expr(0), Expr(Rational(-1, 3))]
        let c = try SparseCompression.hessian(of: tape)
        let sparse = try tape.sparseHessian(at: x, compression: c)
        #expect(sparse == SparseStructures.gather(try tape.hessian(at: x), c.pattern))
        let j = SparseCompression.jacobian(of: tape)
        #expect(try tape.sparseJacobian(at: x, compression: j) == SparseStructures.gather(try tape.jacobian(at: x), j.pattern))
    }

    @Test func compressedHessian_overDouble_agreesWithDense() throws {
        for tape in Self.objectives(50) {
            let x = (0..<50).map { Double(($0 % 13) - 6) / 7 }
            let c = try SparseCompression.hessian(of: tape)
            let sparse = try tape.sparseHessian(at: x, compression: c)
            let dense = SparseStructures.gather(try tape.hessian(at: x), c.pattern)
            let scale = dense.map(abs).max() ?? 1
            #expect(zip(sparse, dense).allSatisfy { abs($0 - $1) <= 1e-13 * scale })
        }
    }

    @Test func mismatchedColorings_areErrors_notWrongNumbers() throws {
        let tape = SparseStructures.bandedObjective(6, halfBandwidth: 1)
        let p = try tape.hessianPattern()
        let x = [Rational](repeating: 1, count: 6)
        #expect(throws: SparsityError.self) {
            try tape.sparseHessian(at: x, pattern: p, coloring: Coloring(kind: .star, colors: [0, 1, 0, 1, 0, 1]))
        }
        #expect(throws: SparsityError.self) {
            try tape.sparseHessian(at: x, pattern: p, coloring: Coloring(kind: .star, colors: [0, 0, 1, 2, 0, 1]))
        }
        #expect(throws: SparsityError.self) { try tape.sparseHessian(at: x, pattern: p, coloring: p.columnColoring()) }
        let system = SparseStructures.bandedSystem(6, halfBandwidth: 1)
        let j = system.jacobianPattern()
        #expect(throws: SparsityError.self) {
            try system.sparseJacobian(at: x, pattern: j, coloring: Coloring(kind: .columns, colors: [0, 1, 0, 1, 0, 1]))
        }
        #expect(throws: SparsityError.self) { try system.sparseJacobian(at: x, pattern: p.transposed, coloring: try p.starColoring()) }
    }
}
