import AutoDiff

// Repeating a loop or sum body R times.
//
// A body is "stampable" (Analysis.isStampable, plus: it reads no intermediate vector)
// when the instructions of repetition r ≥ 1 are those of repetition 1 with every operand
// moved by a fixed stride: operands made in the same repetition or the previous one move
// by the body's length P, inputs x[a·i + b] by a, slots from before the loop by 0. (The
// first repetition may differ: it reads what came before the loop.) Such a body is walked
// three times (repetitions 0, 1, 2), checked to have one shape in repetitions 1 and 2, and
// repetitions 1 … R−2 become one `RepeatedBlock`: repetition 1 as its template, the
// strides from repetition 2, and the count (no syntax tree walked, no name looked up, no
// instruction written per repetition). The last repetition is walked again, which checks
// every index at its far end (indices are affine in the loop index, so both ends in range
// means all are). The sweep plan runs the block as a loop straight from its template.
//
// Anything else (nested loops, non-affine indices, traces) walks every repetition.

extension Lowering {
    mutating func repeatBody(
        index name: String, from a: Int, to b: Int, stampable: Bool, usesIndexValue: Bool, at l: SourceLocation,
        _ body: (inout Lowering) throws(ProgramError) -> Void
    ) throws(ProgramError) {
        let count = b - a + 1
        guard count > 0 else { return }
        depth += 1
        defer {
            depth -= 1
            integers[name] = nil
            indexSlots[name] = nil
        }
        // The index as a value: a slot counting a−1, a, a+1, … (one `addc` per repetition).
        var previousIndex = usesIndexValue ? emit(Instruction(.constant, payload: constantPayload(.init(a - 1)))) : 0
        let one = constantPayload(.one)
        func iteration(_ me: inout Lowering, _ r: Int) throws(ProgramError) {
            me.steps += 1
            if me.steps & 0xFFF == 0 { try me.checkLimits(at: l) }
            me.integers[name] = a + r
            if usesIndexValue {
                previousIndex = me.emit(Instruction(.addConstant, previousIndex, payload: one))
                me.indexSlots[name] = previousIndex
            }
            try body(&me)
        }
        let stamp = stampable && !tracing && count >= 5
        guard stamp else {
            for r in 0..<count { try iteration(&self, r) }
            return
        }
        try iteration(&self, 0)
        let s1 = slotCount
        writeLog = []
        try iteration(&self, 1)
        let writes1 = writeLog ?? []
        let scalars1 = scalars
        let s2 = slotCount
        writeLog = []
        try iteration(&self, 2)
        let writes2 = writeLog ?? []
        writeLog = nil
        let period = slotCount - s2
        let stamped = count - 4
        // The scalars after repetition count−2, each moved on by its stride from repetition
        // 1 to 2 (a slot made in the body by the period, an input x[k] by its index's
        // stride, a slot from before the loop not at all).
        var scalarsAfter: [String: Value] = [:]
        for (n, v) in scalars {
            guard let v1 = scalars1[n], let moved = Self.stepped(v1, v, by: stamped) else { break }
            scalarsAfter[n] = moved
        }
        guard period == s2 - s1, writes1.count == writes2.count, sameShape(s1, s2, period),
            scalarsAfter.count == scalars.count,
            zip(writes1, writes2).allSatisfy({ $0.name == $1.name && Self.stepped($0.value, $1.value, by: 1) != nil })
        else {
            for r in 3..<count { try iteration(&self, r) }
            return
        }
        // Repetitions 1 … count−2 as one block stored once: repetition 1 is its template,
        // repetition 2 gives the strides (repetition 2 is then the block's second row, and
        // 3 … count−2 are never written out).
        steps += max(stamped, 0)
        entries += max(stamped, 0) * writes2.count
        try checkLimits(adding: max(stamped, 0) * period, at: l)
        // A body that emits nothing (`y[k] = x[k]^1`) has no block: only its writes repeat.
        if stamped > 0 && period > 0 {
            let t1 = s1 - pieceSlots
            let t2 = s2 - pieceSlots
            var strideA = [Int](repeating: 0, count: period)
            var strideB = [Int](repeating: 0, count: period)
            for j in 0..<period {
                strideA[j] = Int(code[t2 + j].a) - Int(code[t1 + j].a)
                strideB[j] = Int(code[t2 + j].b) - Int(code[t1 + j].b)
            }
            var block = RepeatedBlock(
                template: Array(code[t1..<t1 + period]), strideA: strideA, strideB: strideB,
                payloadStride: [Int](repeating: 0, count: period), count: stamped + 2)
            // Repetition 0 joins the block when it follows the strides too (it usually
            // does: it reads the slot just before it where later ones read their predecessor).
            if t1 >= period, (0..<period).allSatisfy({ code[t1 - period + $0] == block.instruction($0, repetition: -1) }) {
                block = RepeatedBlock(
                    template: Array(code[(t1 - period)..<t1]), strideA: strideA, strideB: strideB,
                    payloadStride: block.payloadStride, count: block.count + 1)
                code.removeLast(3 * period)
            } else {
                code.removeLast(2 * period)
            }
            append(block)
        }
        if stamped > 0 {
            for k in 1...stamped {
                for (w1, w2) in zip(writes1, writes2) {
                    if let v = Self.stepped(w1.value, w2.value, by: k) {
                        vectors[w2.name, default: [:]][w2.index + k * (w2.index - w1.index)] = v
                    }
                }
            }
            // The state after repetition count−2: every slot made in repetition 2 moves on.
            let shift = stamped * period
            scalars = scalarsAfter
            for i in accumulators.indices where accumulators[i] >= s2 { accumulators[i] += shift }
            for (n, s) in indexSlots where s >= s2 { indexSlots[n] = s + shift }
            if usesIndexValue && previousIndex >= s2 { previousIndex += shift }
        }
        try iteration(&self, count - 1)
        // The last repetition joins the block when it follows the strides.
        if stamped > 0, period > 0, code.count == period, case .repeated(let block)? = pieces.last,
            (0..<period).allSatisfy({ code[$0] == block.instruction($0, repetition: block.count) })
        {
            pieces[pieces.count - 1] = .repeated(
                RepeatedBlock(
                    template: block.template, strideA: block.strideA, strideB: block.strideB,
                    payloadStride: block.payloadStride, count: block.count + 1))
            pieceSlots += period
            code = []
        }
    }

    /// The value k repetitions after `v2`, where `v1` was one repetition before it: slots move
    /// by their stride (v2 − v1), equal constants stay; nil when the values cannot be
    /// extrapolated (constants that differ).
    static func stepped(_ v1: Value, _ v2: Value, by k: Int) -> Value? {
        switch (v1, v2) {
        case (.slot(let a), .slot(let b)): return .slot(b + k * (b - a))
        case (.constant(let c), .constant(let d)): return c == d ? v2 : nil
        case (.slot, .constant), (.constant, .slot): return nil
        }
    }

    /// Repetitions at s1 and s2 (each `period` long) have the same opcodes and payloads.
    func sameShape(_ s1: Int, _ s2: Int, _ period: Int) -> Bool {
        for j in 0..<period {
            let x = code[s1 - pieceSlots + j]
            let y = code[s2 - pieceSlots + j]
            if x.opcode != y.opcode || x.payload != y.payload { return false }
        }
        return true
    }
}
