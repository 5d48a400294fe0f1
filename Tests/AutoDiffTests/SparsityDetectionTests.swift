import Exact
import TestSupport
import Testing

@testable import AutoDiff

/// The one-pass detection (shared index sets in flat storage, interactions as a flat pair
/// list) against the definition computed the naive way: a `Set<Int>` per slot, every
/// pair of every live nonlinear instruction.
@Suite struct SparsityDetectionTests {
    /// Row lists of the Jacobian and Hessian patterns by the definitions in
    /// `Tape+SparsityDetection.swift`, with no sharing, no liveness shortcuts and no memo.
    static func reference(_ tape: Tape) -> (jacobian: [[Int]], hessian: [Set<Int>]) {
        var sets = [Set<Int>](repeating: [], count: tape.count)
        var live = [Bool](repeating: false, count: tape.count)
        for o in tape.outputs { live[o] = true }
        for i in stride(from: tape.count - 1, through: 0, by: -1) where live[i] {
            let ins = tape.instructions[i]
            if ins.opcode == .branchGuard { continue }
            if ins.operandCount >= 1 { live[Int(ins.a)] = true }
            if ins.operandCount == 2 { live[Int(ins.b)] = true }
        }
        var hessian = [Set<Int>](repeating: [], count: tape.inputCount)
        func pairs(_ a: Set<Int>, _ b: Set<Int>) {
            for j in a {
                for k in b {
                    hessian[j].insert(k)
                    hessian[k].insert(j)
                }
            }
        }
        for (i, ins) in tape.instructions.enumerated() {
            let a = ins.operandCount >= 1 ? sets[Int(ins.a)] : []
            let b = ins.operandCount == 2 ? sets[Int(ins.b)] : a
            if ins.opcode == .input {
                sets[i] = [Int(ins.payload)]
            } else if ins.opcode != .constant && ins.opcode != .branchGuard {
                sets[i] = a.union(b)
            }
            guard live[i] else { continue }
            switch tape.interaction(of: i) {
            case .none: break
            case .unary: pairs(a, a)
            case .product: pairs(a, b)
            case .quotient:
                pairs(a, b)
                pairs(b, b)
            case .general: pairs(a.union(b), a.union(b))
            }
        }
        return (tape.outputs.map { sets[$0].sorted() }, hessian)
    }

    static func rows(_ p: SparsityPattern) -> [[Int]] { (0..<p.rows).map { Array(p.columns(inRow: $0)) } }

    /// A random tape of raw instructions: operands anywhere before (often the slot just
    /// before, so long accumulations grow sets in place), every opcode of the interaction
    /// table, constants 0 and 1 among the exponents (which are linear or constant).
    static func randomTape(inputs n: Int, steps: Int, outputs m: Int, using g: inout SeededGenerator) -> Tape {
        let constants: [Rational] = [0, 1, 2, Rational(1, 2)]
        var code = (0..<n).map { Instruction(.input, payload: Int32($0)) }
        code.append(Instruction(.constant, payload: 2))
        let ops: [Opcode] = [
            .add, .add, .subtract, .multiply, .divide, .negate, .addConstant, .multiplyConstant, .square,
            .reciprocal, .powerInteger, .powerConstant, .power, .sin, .exp, .abs, .tanh,
        ]
        for _ in 0..<steps {
            let count = code.count
            func operand() -> Int { g.next() % 3 == 0 ? count - 1 : Int(g.next() % UInt64(count)) }
            let op = ops[Int(g.next() % UInt64(ops.count))]
            let usesConstant = [.addConstant, .multiplyConstant, .powerConstant].contains(op)
            let payload = op == .powerInteger ? Int32(g.next() % 4) - 1 : usesConstant ? Int32(g.next() % 4) : 0
            let binary = [.add, .subtract, .multiply, .divide, .power].contains(op)
            code.append(Instruction(op, operand(), binary ? operand() : nil, payload: payload))
        }
        let outputs = (0..<m).map { k in k == 0 ? code.count - 1 : Int(g.next() % UInt64(code.count)) }
        return try! Tape(inputCount: n, instructions: code, constants: constants, outputs: outputs)
    }

    @Test func onePassDetection_equalsTheNaiveDefinition_onRandomTapes() throws {
        var g = SeededGenerator(seed: 151)
        for trial in 0..<120 {
            let n = 1 + Int(g.next() % 40)
            let steps = 20 + Int(g.next() % 400)
            let tape = Self.randomTape(inputs: n, steps: steps, outputs: 1 + trial % 3, using: &g)
            let expected = Self.reference(tape)
            #expect(Self.rows(tape.jacobianPattern()) == expected.jacobian, "trial \(trial)")
            let scalar = try Tape(
                inputCount: n, instructions: tape.instructions, constants: tape.constants,
                outputs: [tape.outputs[0]])
            let h = try scalar.hessianPattern()
            #expect(Self.rows(h) == Self.reference(scalar).hessian.map { $0.sorted() }, "trial \(trial)")
        }
    }

    @Test func accumulations_growInPlace_andStayExact() throws {
        // s = Σ xᵢ·xᵢ₊₁ over shuffled index order, then exp(s)·s: every set merges into a
        // running one (in place, from where the new indices begin), then a dense Hessian.
        var g = SeededGenerator(seed: 152)
        let n = 300
        let order = (0..<(n - 1)).shuffled(using: &g)
        let tape = try Tape.record(inputs: n) { x in
            var s = x[0] * x[1]
            for i in order { s = s + x[i] * x[i + 1] }
            return s
        }
        let expected = Self.reference(tape)
        #expect(Self.rows(tape.jacobianPattern()) == expected.jacobian)
        #expect(Self.rows(try tape.hessianPattern()) == expected.hessian.map { $0.sorted() })
        let dense = try Tape.record(inputs: 40) { x in
            var s = x[0]
            for i in 1..<40 { s = s + x[i] }
            return exp(s) * sin(s) + s * s
        }
        #expect(try dense.hessianPattern() == .dense(rows: 40, columns: 40))
    }

    @Test func interactionPairs_deduplicateOnTheWay_likeAtTheEnd() {
        var g = SeededGenerator(seed: 153)
        let n = 50
        var small = InteractionPairs(inputCount: n, limit: 64)
        var expected = [Set<Int>](repeating: [], count: n)
        for _ in 0..<5000 {
            let j = Int32(g.next() % UInt64(n))
            let k = Int32(g.next() % UInt64(n))
            small.add(j, k)
            expected[Int(j)].insert(Int(k))
            expected[Int(k)].insert(Int(j))
        }
        #expect(small.pairs.count <= 2 * (n * (n + 1) / 2) + 64)
        #expect(Self.rows(small.pattern()) == expected.map { $0.sorted() })
    }
}
