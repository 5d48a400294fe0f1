import AutoDiff
import Exact

// The adjoint pass: wᵀJ into `into` (the gradient for w = 1). Straight code is reversed
// instruction by instruction; each loop is reversed as a loop running backwards (see the
// file header of TapeLowering.swift).

extension TapeLowering {
    struct AdjointState {
        var declared: Set<String> = []
        let into: String
    }

    /// Where the adjoint of `slot` is kept, outside loop bodies (nil: a constant).
    func adjointPlace(_ slot: Int, _ state: AdjointState) -> Place? {
        let ins = code[slot]
        if ins.opcode == .constant || ins.opcode == .branchGuard { return nil }
        if stridedRead[slot] { return .element("A", .at(slot)) }
        if ins.opcode == .input { return .element(state.into, .at(Int(ins.payload))) }
        return .local("a\(slot)")
    }

    /// Adds `t` to the adjoint of `slot` (declaring a local on its first contribution).
    func contribute(_ slot: Int, _ t: Term, _ state: inout AdjointState) -> [Statement] {
        guard let p = adjointPlace(slot, state) else { return [] }
        if case .local(let n) = p, !state.declared.contains(n) {
            state.declared.insert(n)
            return [.variable(n, t)]
        }
        return [.accumulate(p, t)]
    }

    /// The adjoint of `slot` as a term, when anything has been added to it.
    func adjointTerm(_ slot: Int, _ state: AdjointState) -> Term? {
        guard let p = adjointPlace(slot, state) else { return nil }
        if case .local(let n) = p { return state.declared.contains(n) ? p.term : nil }
        return p.term
    }

    /// wᵀJ(x) into `into` (n entries), with the weights as terms (1 for the gradient).
    func adjoint(weights: [Term], into: String = "out", checks: Bool, derivativeChecks: Bool = false) -> [Statement] {
        var state = AdjointState(into: into)
        var out: [Statement] = [.clear(into, 0..<tape.inputCount)]
        var k0 = 0
        while k0 < code.count {
            guard stridedRead[k0] && code[k0].opcode != .constant && code[k0].opcode != .branchGuard else {
                k0 += 1
                continue
            }
            let s = k0
            while k0 < code.count && stridedRead[k0] && code[k0].opcode != .constant && code[k0].opcode != .branchGuard { k0 += 1 }
            out.append(.clear("A", s..<k0))
        }
        let needs = self.needs(gradient: true, checks: checks)
        out += forward(needs, checks: checks, derivativeChecks: derivativeChecks)
        for (k, o) in tape.outputs.enumerated() { out += contribute(o, weights[k], &state) }
        for (k, s) in segments.enumerated().reversed() {
            switch s {
            case .straight(let range):
                for i in range.reversed() {
                    let ins = code[i]
                    guard ins.operandCount > 0, ins.opcode != .branchGuard, let w = adjointTerm(i, state) else { continue }
                    if checks, let req = derivativeRequirement(ins, value(Int(ins.a)), value(Int(ins.b)), own: value(i)) {
                        out.append(.require(.unlessZero(w, req), code: .at(i)))
                    }
                    let (pa, pb) = partials(ins, value(Int(ins.a)), value(Int(ins.b)), own: value(i), w: w)
                    if let pa { out += contribute(Int(ins.a), pa, &state) }
                    if let pb { out += contribute(Int(ins.b), pb, &state) }
                }
            case .loop(let loop):
                out += reverseLoop(loop, k: k, needs: needs, checks: checks, &state)
            }
        }
        for i in 0..<code.count where code[i].opcode == .input && stridedRead[i] {
            out.append(.accumulate(.element(into, .at(Int(code[i].payload))), .element("A", .at(i))))
        }
        return out
    }

    func pendingName(_ k: Int, _ j: Int, _ e: Int) -> String { "q\(k)_\(j)_\(e)" }

    private func reverseLoop(
        _ loop: TapeLoop, k: Int, needs: Needs, checks: Bool, _ state: inout AdjointState
    ) -> [Statement] {
        let p = loop.period
        let esc = escapes[k] ?? []
        let columns = loop.columns
        let rec = needs.recompute[k] ?? []
        let sto = needs.stored[k] ?? []
        // How far back each column's adjoint is pending (reads of it with back > 0).
        var back = [Int](repeating: 0, count: p)
        for c in columns where c.instruction.opcode != .branchGuard {
            for op in Self.operands(c) { if case .local(let jj, let e) = op, e > 0 { back[jj] = Swift.max(back[jj], e) } }
        }
        let pendingDepth = (0..<p).map { esc[$0] == .last ? Swift.max(back[$0], 1) : back[$0] }
        var receives = (0..<p).map { j -> Bool in
            if pendingDepth[j] > 0 { return true }
            if case .array = esc[j] { return true }
            return false
        }
        for j in (0..<p).reversed() where receives[j] && columns[j].instruction.opcode != .branchGuard {
            for op in Self.operands(columns[j]) { if case .local(let jj, 0) = op { receives[jj] = true } }
        }
        if esc.contains(.last) == false && !receives.contains(true) { return [] }
        var out: [Statement] = []
        // Adjoints the body adds to one at a time (stride-0 operands) must exist before the loop.
        for (j, c) in columns.enumerated() where receives[j] {
            for op in Self.operands(c) {
                if case .external(let s, 0) = op, let place = adjointPlace(s, state), case .local(let n) = place,
                    !state.declared.contains(n)
                {
                    state.declared.insert(n)
                    out.append(.variable(n, .zero))
                }
            }
        }
        for j in 0..<p where pendingDepth[j] > 0 {
            for e in 1...pendingDepth[j] {
                var initial = Term.zero
                if e == 1 && esc[j] == .last, let t = adjointTerm(loop.slot(column: j, repetition: loop.count - 1), state) {
                    initial = t
                }
                out.append(.variable(pendingName(k, j, e), initial))
            }
        }
        var body: [Statement] = []
        for j in 0..<p where sto[j] {
            body.append(.define(columnName(k, j), .element("V", Index(base: loop.start + j, stride: p))))
        }
        for j in 0..<p where rec[j] && !sto[j] {
            body += columnStatements(loop, k: k, j, reverse: true, checks: false)
        }
        // Adjoints of this repetition's columns: declared by their first contribution (so no
        // 0 + w), or at the top when they start from pending or escaping contributions.
        var declared: Set<Int> = []
        for j in 0..<p where receives[j] {
            var initial: Term?
            if pendingDepth[j] > 0 { initial = .local(pendingName(k, j, 1)) }
            if case .array(nil) = esc[j] {
                let a = Term.element("A", Index(base: loop.start + j, stride: p))
                initial = initial.map { $0 + a } ?? a
            }
            if case .array(let list?) = esc[j] {
                body.append(.variable(adjointName(k, j), initial ?? .zero))
                body.append(
                    .when(indices: list, body: [.accumulate(.local(adjointName(k, j)), .element("A", Index(base: loop.start + j, stride: p)))]))
                declared.insert(j)
            } else if let initial {
                body.append(.variable(adjointName(k, j), initial))
                declared.insert(j)
            }
        }
        // Pending adjoints move one repetition down; the deepest is rewritten by its first
        // contribution below, or cleared at the end of the body.
        var cleared: Set<Int> = []
        for j in 0..<p where pendingDepth[j] > 0 {
            for e in 1..<pendingDepth[j] { body.append(.assign(.local(pendingName(k, j, e)), .local(pendingName(k, j, e + 1)))) }
            cleared.insert(j)
        }
        for j in (0..<p).reversed() where receives[j] && declared.contains(j) {
            let c = columns[j]
            let ins = c.instruction
            let w = Term.local(adjointName(k, j))
            if ins.opcode == .input {
                body.append(.accumulate(.element(state.into, Index(base: Int(ins.payload), stride: c.inputStride)), w))
                continue
            }
            guard ins.operandCount > 0, ins.opcode != .branchGuard else { continue }
            let a = operandTerm(c.a, loop: loop, k: k, reverse: true)
            let b = operandTerm(c.b, loop: loop, k: k, reverse: true)
            let own = Term.local(columnName(k, j))
            if checks, let req = derivativeRequirement(ins, a, b, own: own) {
                body.append(.require(.unlessZero(w, req), code: Index(base: loop.start + j, stride: p)))
            }
            let (pa, pb) = partials(ins, a, b, own: own, w: w)
            for (op, contribution) in [(c.a, pa), (c.b, pb)] {
                guard let t = contribution else { continue }
                switch op {
                case .none: break
                case .local(let jj, 0):
                    if declared.contains(jj) {
                        body.append(.accumulate(.local(adjointName(k, jj)), t))
                    } else {
                        body.append(.variable(adjointName(k, jj), t))
                        declared.insert(jj)
                    }
                case .local(let jj, let e):
                    if e == pendingDepth[jj] && cleared.contains(jj) {
                        body.append(.assign(.local(pendingName(k, jj, e)), t))
                        cleared.remove(jj)
                    } else {
                        body.append(.accumulate(.local(pendingName(k, jj, e)), t))
                    }
                case .external(let s, 0): body += contribute(s, t, &state)
                case .external(let s, let st):
                    if code[s].opcode == .constant { break }
                    if code[s].opcode == .input && isDirectInput(s) {
                        body.append(.accumulate(.element(state.into, Index(base: s, stride: st)), t))
                    } else {
                        body.append(.accumulate(.element("A", Index(base: s, stride: st)), t))
                    }
                }
            }
        }
        for j in cleared.sorted() { body.append(.assign(.local(pendingName(k, j, pendingDepth[j])), .zero)) }
        out.append(.loop(count: loop.count, descending: true, body: body))
        for j in 0..<p where back[j] > 0 {
            for e in 1...back[j] {
                out += contribute(loop.start - e * p + j, .local(pendingName(k, j, e)), &state)
            }
        }
        return out
    }
}
