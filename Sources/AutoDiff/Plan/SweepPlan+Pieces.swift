// The sweep plan of a tape built from pieces (`Tape+Repetition.swift`): every repeated block
// is already a loop with its strides and count, so nothing is searched and the repetitions
// are never written out; only a block the plan cannot run by columns (too short, too long a
// period, an input beside computing instructions) runs as straight code, written out for
// the plan alone.

extension SweepPlan {
    /// The plan of a tape built from pieces: each repeated block becomes a plan block as it
    /// is (or, when it cannot run by columns, straight code).
    static func build(_ tape: Tape, pieces: [(start: Int, piece: TapePiece)]) -> SweepPlan {
        var segments: [PlanSegment] = []
        var straightCode: [Instruction] = []
        var straightDelta: [Int] = []
        var starts: [Int] = []  // per piece, for instruction lookup
        for (start, piece) in pieces {
            starts.append(start)
            switch piece {
            case .instructions(let code):
                segments.append(.straight(start..<start + code.count))
                straightDelta.append(straightCode.count - start)
                straightCode.append(contentsOf: code)
            case .repeated(let r):
                if let block = block(r, at: start) {
                    segments.append(.block(block))
                    straightDelta.append(0)
                } else {
                    // Not runnable by columns (too short, too long a period, …): one
                    // instruction at a time, its repetitions written out for the plan only.
                    segments.append(.straight(start..<start + r.period * r.count))
                    straightDelta.append(straightCode.count - start)
                    for k in 0..<r.count {
                        for j in 0..<r.period { straightCode.append(r.instruction(j, repetition: k)) }
                    }
                }
            }
        }
        if straightCode.isEmpty { straightCode = [Instruction(.input)] }  // never read; gives the sweeps a base address
        // Inputs k at slots k, checked piece by piece (a block of inputs: by its template).
        var direct = tape.inputCount <= tape.count
        for (start, piece) in pieces where start < tape.inputCount && direct {
            switch piece {
            case .instructions(let code):
                for (k, ins) in code.enumerated() where start + k < tape.inputCount {
                    if ins.opcode != .input || Int(ins.payload) != start + k { direct = false }
                }
            case .repeated(let r):
                for (j, ins) in r.template.enumerated() {
                    if ins.opcode != .input || Int(ins.payload) != start + j || r.payloadStride[j] != r.period { direct = false }
                }
            }
        }
        return finish(tape, segments, straightCode: straightCode, straightDelta: straightDelta, directInputs: direct) { slot in
            let k = lowerBound(starts, slot + 1) - 1  // the piece holding `slot`
            switch pieces[k].piece {
            case .instructions(let code): return code[slot - pieces[k].start]
            case .repeated(let r):
                let offset = slot - pieces[k].start
                return r.instruction(offset % r.period, repetition: offset / r.period)
            }
        }
    }

    /// A repeated block as a plan block, if it can run by columns.
    static func block(_ r: RepeatedBlock, at start: Int) -> PlanBlock? {
        let p = r.period
        guard p <= maxPeriod, r.count >= minReps else { return nil }
        return columns(at: start, period: p, reps: r.count, template: r.template, sa: r.strideA, sb: r.strideB, sp: r.payloadStride)
    }
}
