import AutoDiff
import Exact

// The tape strategy: a Wengert list written out as code, with the tape's repeated blocks
// (`Tape.segments`) kept as loops, so a 10⁶-input recording gives a few dozen lines.
//
// Storage. Straight-line slots are locals `v<i>` (adjoints `a<i>`); inputs are `x[k]`,
// constants are literals. Inside a loop, column j of the current repetition is `c<j>`;
// values carried from earlier repetitions (s = s + t) are `p<L>_<j>_<e>` (e repetitions
// back), their pending adjoints `q<L>_<j>_<e>`. Only slots a later loop reads with a
// stride, or loop slots read afterwards at other than the last repetition, go to the
// array `V` (adjoints `A`); loop slots read afterwards only at the last repetition leave
// the loop in their carried variable.
//
// Adjoint code (Griewank & Walther ch. 3; Tapenade's "store-all / recompute" trade-off):
// the forward pass computes what the reverse pass needs from earlier in the program; each
// loop is reversed as a loop running backwards that recomputes, per repetition, the values
// its partials read (only values carried across repetitions are stored in `V`). Every
// partial is the directional derivative of the instruction's own term with one operand
// seeded by the adjoint (`TangentTransform.derivative`), so the generator has one table.

final class TapeLowering {
    let tape: Tape
    let segments: [TapeSegment]
    let code: [Instruction]
    /// Slots 0 ..< n hold inputs 0 ..< n (as recorder and expression compiler lay them out).
    let direct: Bool
    /// Slots some loop reads with a nonzero stride (they must be in `V`).
    var stridedRead: [Bool]
    /// Slots read one at a time after (or before) their own segment: straight code,
    /// stride-0 loop operands, the values a loop starts from, outputs.
    var scalarRead: [Bool]
    /// Per loop (by index in `segments`): per column, how its escaping values leave.
    var escapes: [Int: [Escape]] = [:]
    /// Per loop: per column, how many repetitions back it is read (0: not carried).
    var carried: [Int: [Int]] = [:]
    /// `needs(gradient:checks:)`, computed once per argument pair (each is a pass over every slot).
    var needsCache: [Int: Needs] = [:]

    enum Escape: Equatable {
        case none
        /// Only the last repetition is read afterwards, one at a time: from the carried variable.
        case last
        /// These repetitions (nil: all) are stored in `V` (adjoints in `A`).
        case array([Int]?)
    }

    init(_ tape: Tape) {
        self.tape = tape
        segments = tape.segments
        let code = tape.instructions
        self.code = code
        let n = tape.inputCount
        direct = n <= code.count && (0..<n).allSatisfy { code[$0].opcode == .input && Int(code[$0].payload) == $0 }
        stridedRead = [Bool](repeating: false, count: code.count)
        scalarRead = [Bool](repeating: false, count: code.count)
        analyse()
    }

    static func operands(_ ins: Instruction) -> [Int] {
        ins.operandCount == 2 ? [Int(ins.a), Int(ins.b)] : ins.operandCount == 1 ? [Int(ins.a)] : []
    }

    static func operands(_ c: LoopColumn) -> [LoopOperand] {
        c.instruction.operandCount == 2 ? [c.a, c.b] : c.instruction.operandCount == 1 ? [c.a] : []
    }

    func isDirectInput(_ slot: Int) -> Bool { direct && slot < tape.inputCount }

    private func analyse() {
        for o in tape.outputs { scalarRead[o] = true }
        for (k, s) in segments.enumerated() {
            switch s {
            case .straight(let r):
                for i in r { for a in Self.operands(code[i]) { scalarRead[a] = true } }
            case .loop(let loop):
                var back = [Int](repeating: 0, count: loop.period)
                for c in loop.columns {
                    for op in Self.operands(c) {
                        switch op {
                        case .none: break
                        case .local(let j, let e): back[j] = Swift.max(back[j], e)
                        case .external(let slot, 0): scalarRead[slot] = true
                        case .external(let slot, let stride):
                            for r in 0..<loop.count where !isDirectInput(slot + stride * r) { stridedRead[slot + stride * r] = true }
                        }
                    }
                }
                for (j, d) in back.enumerated() where d > 0 {
                    for e in 1...d { scalarRead[loop.start - e * loop.period + j] = true }
                }
                carried[k] = back
            }
        }
        for (k, s) in segments.enumerated() {
            guard case .loop(let loop) = s else { continue }
            var list: [Escape] = []
            for j in 0..<loop.period {
                switch loop.columns[j].instruction.opcode {
                case .input, .constant, .branchGuard:
                    // read as x[k] or a literal wherever they are used; a guard has no value
                    list.append(.none)
                    continue
                case .add, .subtract, .multiply, .divide, .negate, .addConstant, .subtractFromConstant, .multiplyConstant,
                    .square, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan,
                    .asin, .acos, .sinh, .cosh, .tanh, .abs:
                    break
                }
                var reps: [Int] = []
                var strided = false
                for r in 0..<loop.count {
                    let slot = loop.slot(column: j, repetition: r)
                    if scalarRead[slot] || stridedRead[slot] { reps.append(r) }
                    if stridedRead[slot] { strided = true }
                }
                if reps.isEmpty {
                    list.append(.none)
                } else if reps == [loop.count - 1] && !strided {
                    list.append(.last)
                    if carried[k]![j] == 0 { carried[k]![j] = 1 }
                } else {
                    list.append(.array(reps.count == loop.count || reps.count > 4 ? nil : reps))
                    for r in 0..<loop.count { stridedRead[loop.slot(column: j, repetition: r)] = true }
                }
            }
            escapes[k] = list
        }
    }

    // MARK: terms

    /// The value of `slot` outside loop bodies.
    func value(_ slot: Int) -> Term {
        let ins = code[slot]
        switch ins.opcode {
        case .constant: return .number(tape.constants[Int(ins.payload)])
        case .input: return .element("x", .at(Int(ins.payload)))
        case .add, .subtract, .multiply, .divide, .negate, .addConstant, .subtractFromConstant, .multiplyConstant, .square,
            .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan, .asin, .acos,
            .sinh, .cosh, .tanh, .abs, .branchGuard:
            return stridedRead[slot] ? .element("V", .at(slot)) : .local("v\(slot)")
        }
    }

    /// The value of slots `slot + stride·r` read inside a loop.
    func value(_ slot: Int, stride: Int) -> Term {
        if stride == 0 { return value(slot) }
        let ins = code[slot]
        if ins.opcode == .input && isDirectInput(slot) { return .element("x", Index(base: slot, stride: stride)) }
        return .element("V", Index(base: slot, stride: stride))
    }

    /// The term instruction `ins` computes from operand terms `a`, `b`.
    func term(_ ins: Instruction, _ a: Term, _ b: Term) -> Term {
        let c: Term = ins.usesConstant ? .number(tape.constants[Int(ins.payload)]) : .zero
        switch ins.opcode {
        case .input, .constant, .branchGuard: return c
        case .add: return .add(a, b)
        case .subtract: return .subtract(a, b)
        case .multiply: return .multiply(a, b)
        case .divide: return .divide(a, b)
        case .negate: return .negate(a)
        case .addConstant: return .add(a, c)
        case .subtractFromConstant: return .subtract(c, a)
        case .multiplyConstant: return .multiply(c, a)
        case .square: return .multiply(a, a)
        case .reciprocal: return .divide(.one, a)
        case .powerInteger: return .powerInteger(a, Int(ins.payload))
        case .powerConstant:
            let q = tape.constants[Int(ins.payload)]
            if q.isInteger, let n = Int(exactly: q.numerator) { return .powerInteger(a, n) }
            return .powerRational(a, q)
        case .power: return .power(a, b)
        case .sin, .cos, .tan, .exp, .log, .sqrt, .atan, .asin, .acos, .sinh, .cosh, .tanh, .abs:
            return .call(ins.function!, a)
        }
    }

    /// What instruction `i` requires of its operands before it is computed (checked code only).
    func requirement(_ ins: Instruction, _ a: Term, _ b: Term) -> Requirement? {
        switch ins.opcode {
        case .divide: return .nonzero(b)
        case .reciprocal: return .nonzero(a)
        case .powerInteger: return ins.payload < 0 ? .nonzero(a) : nil
        case .powerConstant:
            let q = tape.constants[Int(ins.payload)]
            if q.isInteger { return q.signum() < 0 ? .nonzero(a) : nil }
            return q.signum() > 0 ? .nonnegative(a) : .positive(a)
        case .power: return .powerDefined(a, b)
        case .log: return .positive(a)
        case .sqrt: return .nonnegative(a)
        case .asin, .acos: return .unitInterval(a)
        case .branchGuard:
            let (relation, expected) = ins.guardCondition
            return .branch(relation, expected: expected, a, b)
        case .input, .constant, .add, .subtract, .multiply, .negate, .addConstant, .subtractFromConstant,
            .multiplyConstant, .square, .sin, .cos, .tan, .exp, .atan, .sinh, .cosh, .tanh, .abs:
            return nil
        }
    }

    /// What the instruction's derivative requires beyond its value's domain (the
    /// interpreter's `notDifferentiable` cases, and log a for a varying exponent), given the
    /// operand terms and its own value.
    func derivativeRequirement(_ ins: Instruction, _ a: Term, _ b: Term, own: Term) -> Requirement? {
        switch ins.opcode {
        case .sqrt: return .nonzero(own)
        case .abs: return .nonzero(a)
        case .asin, .acos: return .nonzero(.subtract(.one, .multiply(a, a)))
        case .powerInteger: return ins.payload > 1 || ins.payload == 0 ? nil : .nonzero(a)
        case .powerConstant:
            let q = tape.constants[Int(ins.payload)]
            return q.isZero || q >= .one ? nil : .nonzero(a)
        case .power: return .positive(a)
        case .input, .constant, .add, .subtract, .multiply, .divide, .negate, .addConstant, .subtractFromConstant,
            .multiplyConstant, .square, .reciprocal, .sin, .cos, .tan, .exp, .log, .atan, .sinh, .cosh, .tanh,
            .branchGuard:
            return nil
        }
    }

    /// The contributions of adjoint `w` to operands a and b of `ins` (nil: none), given
    /// the operand terms and the instruction's own value.
    func partials(_ ins: Instruction, _ a: Term, _ b: Term, own: Term, w: Term) -> (a: Term?, b: Term?) {
        if ins.opcode == .square { return ((a + a) * w, nil) }  // the interpreter's form of 2a·w
        let pa = Term.local("%a")
        let pb = Term.local("%b")
        let t = term(ins, pa, pb)
        func seeded(_ seed: Term) -> Term? {
            let d = TangentTransform.derivative(t, result: own) { $0 == seed ? w : .zero }
            return d.isZero ? nil : d.substituting(["%a": a, "%b": b])
        }
        switch ins.operandCount {
        case 0: return (nil, nil)
        case 1: return (seeded(pa), nil)
        default: return (seeded(pa), seeded(pb))
        }
    }
}

extension Term {
    /// The term with locals replaced.
    func substituting(_ map: [String: Term]) -> Term {
        switch self {
        case .number, .element, .indicator: return self
        case .local(let n): return map[n] ?? self
        case .add(let a, let b): return .add(a.substituting(map), b.substituting(map))
        case .subtract(let a, let b): return .subtract(a.substituting(map), b.substituting(map))
        case .multiply(let a, let b): return .multiply(a.substituting(map), b.substituting(map))
        case .divide(let a, let b): return .divide(a.substituting(map), b.substituting(map))
        case .negate(let a): return .negate(a.substituting(map))
        case .powerInteger(let a, let n): return .powerInteger(a.substituting(map), n)
        case .powerRational(let a, let c): return .powerRational(a.substituting(map), c)
        case .power(let a, let b): return .power(a.substituting(map), b.substituting(map))
        case .call(let f, let a): return .call(f, a.substituting(map))
        }
    }
}
