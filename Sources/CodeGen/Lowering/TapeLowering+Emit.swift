import AutoDiff
import Exact

// What each pass computes (liveness over slots and loop columns), then the statements of
// the forward pass and of the adjoint pass.

extension TapeLowering {
    struct Needs {
        /// Slots whose value the forward pass computes (outside loop bodies, or whose loop
        /// column is computed).
        var slot: [Bool]
        /// Per loop: columns computed by the forward loop.
        var forward: [Int: [Bool]] = [:]
        /// Per loop: columns recomputed in the reverse loop's body.
        var recompute: [Int: [Bool]] = [:]
        /// Per loop: columns stored in `V` by the forward loop for the reverse loop.
        var stored: [Int: [Bool]] = [:]
    }

    /// What the forward pass computes: the outputs (`gradient` false), or what the adjoint
    /// pass reads and every check (`gradient` true).
    func needs(gradient: Bool, checks: Bool) -> Needs {
        let key = (gradient ? 2 : 0) + (checks ? 1 : 0)
        if let cached = needsCache[key] { return cached }
        let result = computeNeeds(gradient: gradient, checks: checks)
        needsCache[key] = result
        return result
    }

    private func computeNeeds(gradient: Bool, checks: Bool) -> Needs {
        var needs = Needs(slot: [Bool](repeating: false, count: code.count))
        if !gradient { for o in tape.outputs { needs.slot[o] = true } }
        func needExternal(_ op: LoopOperand, _ count: Int) {
            if case .external(let s, let st) = op { for r in 0..<(st == 0 ? 1 : count) { needs.slot[s + st * r] = true } }
        }
        for (k, s) in segments.enumerated().reversed() {
            switch s {
            case .straight(let range):
                for i in range.reversed() {
                    let ins = code[i]
                    if !gradient && checks && (requirement(ins, .zero, .zero) ?? derivativeRequirement(ins, .zero, .zero, own: .zero)) != nil {
                        needs.slot[i] = true
                    }
                    if gradient {
                        if checks && (requirement(ins, .zero, .zero) ?? derivativeRequirement(ins, .zero, .zero, own: .zero)) != nil {
                            needs.slot[i] = true
                        }
                        let reads = ins.opcode.reverseReads
                        if reads.own { needs.slot[i] = true }
                        if reads.operands { for a in Self.operands(ins) { needs.slot[a] = true } }
                    }
                    if needs.slot[i] { for a in Self.operands(ins) { needs.slot[a] = true } }
                }
            case .loop(let loop):
                let p = loop.period
                var fwd = [Bool](repeating: false, count: p)
                var rec = [Bool](repeating: false, count: p)
                var sto = [Bool](repeating: false, count: p)
                for j in 0..<p where (0..<loop.count).contains(where: { needs.slot[loop.slot(column: j, repetition: $0)] }) {
                    fwd[j] = true
                }
                if !gradient && checks {
                    for (j, c) in loop.columns.enumerated()
                    where (requirement(c.instruction, .zero, .zero) ?? derivativeRequirement(c.instruction, .zero, .zero, own: .zero)) != nil {
                        fwd[j] = true
                    }
                }
                if gradient {
                    for (j, c) in loop.columns.enumerated() {
                        if checks
                            && (requirement(c.instruction, .zero, .zero)
                                ?? derivativeRequirement(c.instruction, .zero, .zero, own: .zero)) != nil
                        {
                            fwd[j] = true
                        }
                        let reads = c.instruction.opcode.reverseReads
                        if reads.own { rec[j] = true }
                        if reads.operands {
                            for op in Self.operands(c) {
                                if case .local(let jj, let e) = op { if e == 0 { rec[jj] = true } else { sto[jj] = true } }
                                needExternal(op, loop.count)
                            }
                        }
                    }
                    for j in (0..<p).reversed() where rec[j] {
                        for op in Self.operands(loop.columns[j]) {
                            if case .local(let jj, let e) = op { if e == 0 { rec[jj] = true } else { sto[jj] = true } }
                            needExternal(op, loop.count)
                        }
                    }
                    for j in 0..<p where sto[j] { fwd[j] = true }
                }
                for j in (0..<p).reversed() where fwd[j] {
                    for op in Self.operands(loop.columns[j]) {
                        if case .local(let jj, let e) = op {
                            fwd[jj] = true
                            if e > 0 { for e2 in 1...e { needs.slot[loop.start - e2 * p + jj] = true } }
                        }
                        needExternal(op, loop.count)
                    }
                }
                let depth = carried[k] ?? []
                for j in 0..<p where fwd[j] {
                    for r in 0..<loop.count { needs.slot[loop.slot(column: j, repetition: r)] = true }
                    // the carried variables start from the slots before the loop, all of them
                    if depth.indices.contains(j) && depth[j] > 0 {
                        for e in 1...depth[j] { needs.slot[loop.start - e * p + j] = true }
                    }
                }
                needs.forward[k] = fwd
                needs.recompute[k] = rec
                needs.stored[k] = sto
            }
        }
        return needs
    }

    // MARK: forward

    func carriedName(_ k: Int, _ j: Int, _ e: Int) -> String { "p\(k)_\(j)_\(e)" }
    /// Column j of loop k in the current repetition (unique per loop, so dead-code
    /// elimination, which goes by name, sees each loop's columns apart).
    func columnName(_ k: Int, _ j: Int) -> String { "c\(k)_\(j)" }
    /// The adjoint of column j of loop k in the current repetition.
    func adjointName(_ k: Int, _ j: Int) -> String { "b\(k)_\(j)" }

    /// The operand terms of a column inside a loop body: in the forward loop, values
    /// carried from earlier repetitions are the carried variables; in the reverse loop,
    /// the columns stored in `V`.
    func operandTerm(_ op: LoopOperand, loop: TapeLoop, k: Int, reverse: Bool) -> Term {
        switch op {
        case .none: return .zero
        case .local(let jj, 0): return .local(columnName(k, jj))
        case .local(let jj, let e):
            return reverse
                ? .element("V", Index(base: loop.start - e * loop.period + jj, stride: loop.period))
                : .local(carriedName(k, jj, e))
        case .external(let s, let st): return value(s, stride: st)
        }
    }

    /// The definition of column j's value in a loop body, with its check when `checks`.
    func columnStatements(
        _ loop: TapeLoop, k: Int, _ j: Int, reverse: Bool, checks: Bool, derivativeChecks: Bool = false
    ) -> [Statement] {
        let c = loop.columns[j]
        let ins = c.instruction
        switch ins.opcode {
        case .input:
            return [.define(columnName(k, j), .element("x", Index(base: Int(ins.payload), stride: c.inputStride)))]
        case .branchGuard:
            let a = operandTerm(c.a, loop: loop, k: k, reverse: reverse)
            let b = operandTerm(c.b, loop: loop, k: k, reverse: reverse)
            guard checks, let req = requirement(ins, a, b) else { return [] }
            return [.require(req, code: Index(base: loop.start + j, stride: loop.period))]
        case .constant, .add, .subtract, .multiply, .divide, .negate, .addConstant, .subtractFromConstant,
            .multiplyConstant, .square, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log,
            .sqrt, .atan, .asin, .acos, .sinh, .cosh, .tanh, .abs:
            let a = operandTerm(c.a, loop: loop, k: k, reverse: reverse)
            let b = operandTerm(c.b, loop: loop, k: k, reverse: reverse)
            var out: [Statement] = []
            if checks, let req = requirement(ins, a, b) {
                out.append(.require(req, code: Index(base: loop.start + j, stride: loop.period)))
            }
            out.append(.define(columnName(k, j), term(ins, a, b)))
            if checks && derivativeChecks, let req = derivativeRequirement(ins, a, b, own: .local(columnName(k, j))) {
                out.append(.require(req, code: Index(base: loop.start + j, stride: loop.period)))
            }
            return out
        }
    }

    /// The forward pass: every needed value, checked where asked.
    func forward(_ needs: Needs, checks: Bool, derivativeChecks: Bool = false) -> [Statement] {
        var out: [Statement] = []
        for (k, s) in segments.enumerated() {
            switch s {
            case .straight(let range):
                for i in range where needs.slot[i] {
                    let ins = code[i]
                    switch ins.opcode {
                    case .input, .constant:
                        if stridedRead[i] { out.append(.assign(.element("V", .at(i)), value(i))) }
                        continue
                    case .branchGuard:
                        if checks, let req = requirement(ins, value(Int(ins.a)), value(Int(ins.b))) {
                            out.append(.require(req, code: .at(i)))
                        }
                        continue
                    case .add, .subtract, .multiply, .divide, .negate, .addConstant, .subtractFromConstant, .multiplyConstant,
                        .square, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan,
                        .asin, .acos, .sinh, .cosh, .tanh, .abs:
                        break
                    }
                    let a = value(Int(ins.a))
                    let b = value(Int(ins.b))
                    if checks, let req = requirement(ins, a, b) { out.append(.require(req, code: .at(i))) }
                    let t = term(ins, a, b)
                    out.append(stridedRead[i] ? .assign(.element("V", .at(i)), t) : .define("v\(i)", t))
                    if checks && derivativeChecks, let req = derivativeRequirement(ins, a, b, own: value(i)) {
                        out.append(.require(req, code: .at(i)))
                    }
                }
            case .loop(let loop):
                guard let fwd = needs.forward[k], fwd.contains(true) else { continue }
                out += forwardLoop(
                    loop, k: k, fwd: fwd, stored: needs.stored[k] ?? [], checks: checks, derivativeChecks: derivativeChecks)
            }
        }
        return out
    }

    private func forwardLoop(
        _ loop: TapeLoop, k: Int, fwd: [Bool], stored: [Bool], checks: Bool, derivativeChecks: Bool
    ) -> [Statement] {
        let p = loop.period
        let depth = carried[k] ?? []
        let esc = escapes[k] ?? []
        var out: [Statement] = []
        for j in 0..<p where fwd[j] && depth[j] > 0 {
            for e in 1...depth[j] {
                let halo = value(loop.start - e * p + j)
                out.append(.variable(carriedName(k, j, e), halo))
                if stored.indices.contains(j) && stored[j] { out.append(.assign(.element("V", .at(loop.start - e * p + j)), halo)) }
            }
        }
        var body: [Statement] = []
        for j in 0..<p where fwd[j] {
            body += columnStatements(loop, k: k, j, reverse: false, checks: checks, derivativeChecks: derivativeChecks)
            if loop.columns[j].instruction.opcode == .branchGuard { continue }
            let store = Statement.assign(.element("V", Index(base: loop.start + j, stride: p)), .local(columnName(k, j)))
            if case .array(let list) = esc[j] {
                if let list, !(stored.indices.contains(j) && stored[j]) {
                    body.append(.when(indices: list, body: [store]))
                } else {
                    body.append(store)
                }
            } else if stored.indices.contains(j) && stored[j] {
                body.append(store)
            }
        }
        for j in 0..<p where fwd[j] && depth[j] > 0 {
            var e = depth[j]
            while e > 1 {
                body.append(.assign(.local(carriedName(k, j, e)), .local(carriedName(k, j, e - 1))))
                e -= 1
            }
            body.append(.assign(.local(carriedName(k, j, 1)), .local(columnName(k, j))))
        }
        out.append(.loop(count: loop.count, descending: false, body: body))
        for j in 0..<p where fwd[j] && esc[j] == .last {
            out.append(.define("v\(loop.slot(column: j, repetition: loop.count - 1))", .local(carriedName(k, j, 1))))
        }
        return out
    }

    /// f: the outputs into `out`.
    /// With `derivativeChecks`, also every check of the derivative (for forward mode,
    /// whose interpreted sweep differentiates every instruction it evaluates).
    func primal(into array: String = "out", checks: Bool, derivativeChecks: Bool = false) -> [Statement] {
        var out = forward(needs(gradient: false, checks: checks), checks: checks, derivativeChecks: derivativeChecks)
        for (k, o) in tape.outputs.enumerated() { out.append(.assign(.element(array, .at(k)), value(o))) }
        return out
    }
}
