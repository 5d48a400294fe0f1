import AutoDiff
import Exact
import TestSupport
import Testing

@Suite struct SparsityPatternTests {
    static func point(_ n: Int, _ g: inout SeededGenerator) -> [Rational] { RandomPrograms.vector(n, using: &g) }

    @Test func bandedJacobianPattern_isTheBand() {
        for k in 1...2 {
            let n = 9
            let p = SparseStructures.bandedSystem(n, halfBandwidth: k).jacobianPattern()
            for i in 0..<n {
                #expect(Array(p.columns(inRow: i)) == Array(Swift.max(0, i - k)...Swift.min(n - 1, i + k)))
            }
        }
    }

    @Test func rosenbrockHessianPattern_isTridiagonal() throws {
        let n = 7
        let p = try SparseStructures.rosenbrock(n).hessianPattern()
        #expect(p.nonzeroCount == 3 * n - 2)
        for i in 0..<n { #expect(Array(p.columns(inRow: i)) == Array(Swift.max(0, i - 1)...Swift.min(n - 1, i + 1))) }
    }

    @Test func hessianPattern_separatesLinearFromNonlinear() throws {
        // f = 3x + y·z + sin(w) + |x|: no entry for x (linear, and |x|″ = 0), y–z off the diagonal only, w on it.
        let tape = try Tape.record(inputs: 4) { x in 3 * x[0] + x[1] * x[2] + sin(x[3]) }
        #expect(try tape.hessianPattern().drawing == ". . . .\n. . x .\n. x . .\n. . . x")
        let quotient = try Tape.record(inputs: 2) { x in x[0] / x[1] }  // ∂²/∂x² = 0
        #expect(try quotient.hessianPattern().drawing == ". x\nx x")
    }

    @Test func structuralPatterns_containEveryNonzero_onRandomPrograms() throws {
        var g = SeededGenerator(seed: 91)
        for _ in 0..<40 {
            let tape = SparseStructures.randomSparse(inputs: 8, outputs: 6, using: &g)
            let p = tape.jacobianPattern()
            for _ in 0..<3 {
                let x = Self.point(8, &g)
                let nonzero = SparseStructures.nonzeros(try tape.jacobian(at: x))
                #expect(nonzero.allSatisfy { p.contains(row: $0[0], column: $0[1]) }, "\(tape)")
            }
            let f = SparseStructures.randomSparseObjective(inputs: 8, terms: 5, using: &g)
            let h = try f.hessianPattern()
            #expect(h.isSymmetric)
            let x = Self.point(8, &g)
            let nonzero = SparseStructures.nonzeros(try f.hessian(at: x))
            #expect(nonzero.allSatisfy { h.contains(row: $0[0], column: $0[1]) }, "\(f)")
        }
        // The recorder's random programs (shared subexpressions, every opcode of a field).
        try RandomPrograms.forEach(count: 60, seed: 92, inputs: 5, outputs: 3, steps: 12) { tape, x, _ in
            let nonzero = SparseStructures.nonzeros(try tape.jacobian(at: x))
            let p = tape.jacobianPattern()
            #expect(nonzero.allSatisfy { p.contains(row: $0[0], column: $0[1]) })
        }
        try RandomPrograms.forEach(count: 60, seed: 93, inputs: 5, outputs: 1, steps: 12) { tape, x, _ in
            let nonzero = SparseStructures.nonzeros(try tape.hessian(at: x))
            let p = try tape.hessianPattern()
            #expect(nonzero.allSatisfy { p.contains(row: $0[0], column: $0[1]) })
        }
    }

    @Test func patternConstruction_sortsDeduplicatesAndChecks() throws {
        let p = try SparsityPattern(rows: 2, columns: 3, entries: [(1, 2), (0, 1), (1, 0), (0, 1)])
        #expect(p.rowStarts == [0, 1, 3])
        #expect(p.columnIndices == [1, 0, 2])
        #expect(p.transposed.transposed == p)
        #expect(p.transposed.entries.map { [$0.row, $0.column] } == [[0, 1], [1, 0], [2, 1]])
        #expect(throws: SparsityError.entryOutOfRange(row: 2, column: 0, rows: 2, columns: 3)) {
            try SparsityPattern(rows: 2, columns: 3, entries: [(2, 0)])
        }
        #expect(throws: SparsityError.self) { try SparsityPattern(rows: 1, columns: 2, rowStarts: [0, 2], columnIndices: [1, 0]) }
        #expect(try SparsityPattern(rows: 1, columns: 2, rowStarts: [0, 2], columnIndices: [0, 1]) == .dense(rows: 1, columns: 2))
        #expect(SparsityPattern.diagonal(3).isSubset(of: .dense(rows: 3, columns: 3)))
        #expect(!SparsityPattern.dense(rows: 3, columns: 3).isSubset(of: .diagonal(3)))
    }
}
