import AutoDiff
import Exact
import Verification

/// A deliberate mistake in one local derivative rule of the tape engine.
struct TapeMutation: Sendable {
    /// How a rule's coefficient is made wrong.
    enum Perturbation: Sendable {
        /// p ↦ −p (a sign error).
        case negated
        /// p ↦ p + 1 (an off-by-one in the formula).
        case plusOne
    }

    /// Which instructions get the wrong rule, and which coefficient (∂/∂a or ∂/∂b) it touches.
    let applies: @Sendable (Instruction) -> (a: Bool, b: Bool)
    let perturbation: Perturbation

    /// The rule of every instruction with `opcode` made wrong in its first coefficient.
    static func opcode(_ opcode: Opcode, _ perturbation: Perturbation = .negated) -> TapeMutation {
        TapeMutation(applies: { ($0.opcode == opcode, false) }, perturbation: perturbation)
    }

    func perturb<S: TapeScalar>(_ p: S) -> S {
        switch perturbation {
        case .negated: -p
        case .plusOne: p + .one
        }
    }
}

/// The tape engine with one wrong rule, for mutation tests: it runs its own copy of the
/// three sweeps over the production table of local partials (`LocalPartials`, public), and
/// perturbs the linearization of the mutated instructions. The production engine is not
/// touched. `sweeps` chooses which of forward, reverse and forward-over-reverse get the
/// wrong rule; the others are the production `AutoDiffEngine`.
struct MutantTapeEngine: TapeEngine {
    let mutation: TapeMutation
    let sweeps: Set<CrossCheck.Engine>
    private let production = AutoDiffEngine()

    init(_ mutation: TapeMutation, in sweeps: Set<CrossCheck.Engine> = [.forward, .reverse, .forwardOverReverse]) {
        self.mutation = mutation
        self.sweeps = sweeps
    }

    func jvp<S: TapeScalar>(_ tape: Tape, at point: [S], direction: [S]) throws(TapeError) -> (value: [S], tangent: [S]) {
        guard sweeps.contains(.forward) else { return try production.jvp(tape, at: point, direction: direction) }
        var values: [S] = []
        var tangents: [S] = []
        let constants = tape.constants.map { S($0) } + [.zero]
        let inputs = point + [.zero]
        for (i, ins) in tape.instructions.enumerated() {
            values.append(.zero)
            let v = try value(ins, i, values, constants, inputs)
            values[i] = v
            if ins.opcode == .input {
                tangents.append(direction[Int(ins.payload)])
            } else {
                let lin = try linearization(ins, i, values, constants)
                tangents.append(lin.tangent(tangents[Int(ins.a)], tangents[Int(ins.b)]))
            }
        }
        return (tape.outputs.map { values[$0] }, tape.outputs.map { tangents[$0] })
    }

    func vjp<S: TapeScalar>(_ tape: Tape, at point: [S], weights: [S]) throws(TapeError) -> (value: [S], cotangent: [S]) {
        guard sweeps.contains(.reverse) else { return try production.vjp(tape, at: point, weights: weights) }
        return try reverse(tape, at: point, weights: weights)
    }

    func hvp<S: TapeScalar>(_ tape: Tape, at point: [S], direction: [S], weights: [S]) throws(TapeError) -> [S] {
        guard sweeps.contains(.forwardOverReverse) else {
            return try production.hvp(tape, at: point, direction: direction, weights: weights)
        }
        let x = zip(point, direction).map { Dual($0, $1) }
        return try reverse(tape, at: x, weights: weights.map { Dual($0, .zero) }).cotangent.map(\.tangent)
    }

    private func reverse<S: TapeScalar>(_ tape: Tape, at point: [S], weights: [S]) throws(TapeError) -> (value: [S], cotangent: [S]) {
        var values: [S] = []
        let constants = tape.constants.map { S($0) } + [.zero]
        let inputs = point + [.zero]
        for (i, ins) in tape.instructions.enumerated() {
            values.append(.zero)
            values[i] = try value(ins, i, values, constants, inputs)
        }
        var adjoint = [S](repeating: .zero, count: tape.count)
        for (r, slot) in tape.outputs.enumerated() { adjoint[slot] = adjoint[slot] + weights[r] }
        for i in stride(from: tape.count - 1, through: 0, by: -1) where !adjoint[i].isZero {
            let ins = tape.instructions[i]
            let lin = try linearization(ins, i, values, constants)
            let w = adjoint[i]
            adjoint.withUnsafeMutableBufferPointer { lin.pullback(w, into: $0.baseAddress!, Int(ins.a), Int(ins.b)) }
        }
        var gradient = [S](repeating: .zero, count: tape.inputCount)
        for (i, ins) in tape.instructions.enumerated() where ins.opcode == .input {
            gradient[Int(ins.payload)] = gradient[Int(ins.payload)] + adjoint[i]
        }
        return (tape.outputs.map { values[$0] }, gradient)
    }

    private func value<S: TapeScalar>(_ ins: Instruction, _ i: Int, _ values: [S], _ constants: [S], _ inputs: [S]) throws(TapeError) -> S {
        do throws(ScalarError) {
            return try values.withUnsafeBufferPointer { (v) throws(ScalarError) -> S in
                try constants.withUnsafeBufferPointer { (c) throws(ScalarError) -> S in
                    try inputs.withUnsafeBufferPointer { (x) throws(ScalarError) -> S in
                        try LocalPartials.value(of: ins, values: v.baseAddress!, constants: c.baseAddress!, inputs: x.baseAddress!)
                    }
                }
            }
        } catch {
            throw .domain(error, instruction: i, source: nil)
        }
    }

    private func linearization<S: TapeScalar>(_ ins: Instruction, _ i: Int, _ values: [S], _ constants: [S]) throws(TapeError) -> Linearization<S> {
        var lin: Linearization<S>
        do throws(ScalarError) {
            lin = try values.withUnsafeBufferPointer { (v) throws(ScalarError) -> Linearization<S> in
                try constants.withUnsafeBufferPointer { (c) throws(ScalarError) -> Linearization<S> in
                    try LocalPartials.linearization(of: ins, values: v.baseAddress!, value: v[i], constants: c.baseAddress!)
                }
            }
        } catch {
            throw .domain(error, instruction: i, source: nil)
        }
        let (a, b) = mutation.applies(ins)
        if a { lin.p = mutation.perturb(lin.p) }
        if b { lin.q = mutation.perturb(lin.q) }
        return lin
    }
}
