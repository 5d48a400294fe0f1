import Exact
import TestSupport
import Testing

@testable import AutoDiff

/// Several HVP directions in one plan sweep (`DualBundle`) give bitwise the HVPs of one
/// sweep each.
@Suite struct BatchedHVPTests {
    @Test func bundledDirections_equalOneSweepEach_bitwise() throws {
        var g = SeededGenerator(seed: 17)
        let tapes = [
            SparseStructures.rosenbrock(1500), SparseStructures.bandedObjective(700, halfBandwidth: 2),
            SparseStructures.arrowObjective(600), SparseStructures.blockObjective(900, block: 3),
        ]
        for tape in tapes {
            let n = tape.inputCount
            let x = (0..<n).map { _ in Double(Int.random(in: -40...40, using: &g)) / 16 }
            for k in 1...6 {
                let directions = (0..<k).map { _ in (0..<n).map { _ in Double(Int.random(in: -3...3, using: &g)) } }
                let batched = try #require(tape.planHVPs(x, directions))
                for (d, h) in zip(directions, batched) {
                    let single = try tape.hvp(at: x, direction: d)
                    #expect(h.map(\.bitPattern) == single.map(\.bitPattern), "k = \(k)")
                }
            }
        }
    }

    @Test func bundle_declines_whereTheSweepFails_andTheGenericSweepDecides() throws {
        let tape = try Tape.record(inputs: 2) { x in log(x[0]) * x[1] }
        #expect(tape.planHVPs([-1, 2], [[1, 0], [0, 1]]) == nil)
        let c = try SparseCompression.hessian(of: tape)
        #expect(throws: TapeError.self) { try tape.sparseHessian(at: [-1.0, 2], compression: c) }
    }
}
