// The tape read as loops, for code generators: the sweep plan's blocks (runs of P
// instructions repeated R times, each operand moving by a fixed stride), exposed as plain
// values. A program whose loops are kept as loops (a repeated block with a count) maps to
// the same shape, so a generator that emits a loop per `TapeLoop` keeps them loops.

/// Where a loop's template instruction reads an operand.
public enum LoopOperand: Hashable, Sendable {
    /// The instruction has no such operand.
    case none
    /// Column `column` of this repetition (`back` = 0) or of `back` repetitions before
    /// (before the first repetition: slot `start − back·period + column`).
    case local(column: Int, back: Int)
    /// Slot `slot + stride·r` before the loop, at repetition r.
    case external(slot: Int, stride: Int)
}

/// One template instruction of a loop.
public struct LoopColumn: Hashable, Sendable {
    /// The instruction of repetition 0 (for `input`, `payload` is the input read at r = 0).
    public let instruction: Instruction
    /// Where its first operand is read.
    public let a: LoopOperand
    /// Where its second operand is read (`.none` for instructions with one operand).
    public let b: LoopOperand
    /// For `input`: the step of the input index per repetition.
    public let inputStride: Int
}

/// P instructions repeated R times from slot `start`: slot `start + r·P + j` is column j at
/// repetition r.
///
///     loop.slot(column: 2, repetition: 10)   // loop.start + 10·loop.period + 2
public struct TapeLoop: Hashable, Sendable {
    /// The first slot of repetition 0.
    public let start: Int
    /// P, the instructions per repetition.
    public let period: Int
    /// R, the repetitions.
    public let count: Int
    /// The P template instructions (repetition 0) with their operands' strides.
    public let columns: [LoopColumn]

    /// The slot of column `j` at repetition `r`.
    public func slot(column j: Int, repetition r: Int) -> Int { start + r * period + j }
    /// One past the last slot.
    public var end: Int { start + period * count }
}

/// A stretch of a tape: instructions one at a time, or a loop.
public enum TapeSegment: Hashable, Sendable {
    /// Slots computed one instruction at a time.
    case straight(Range<Int>)
    /// A repeated block.
    case loop(TapeLoop)
}

extension Tape {
    /// The tape as straight stretches and loops, in order, covering every slot once.
    ///
    ///     // Σᵢ xᵢ² over 100 inputs, recorded: [.straight(0..<101), .loop(…count: 100…)] or similar
    ///     tape.segments.count   // a handful, however many inputs
    ///
    /// The loops are those the sweep plan runs column by column (built on first use, kept).
    public var segments: [TapeSegment] {
        planCache.plan(for: self).segments.map { s in
            switch s {
            case .straight(let r): return .straight(r)
            case .block(let b):
                func operand(_ op: PlanOperand) -> LoopOperand {
                    switch op.kind {
                    case .none: .none
                    case .local: .local(column: op.column, back: op.distance)
                    case .external: .external(slot: op.base, stride: op.stride)
                    }
                }
                let columns = b.columns.map { c in
                    LoopColumn(
                        instruction: c.ins, a: c.ins.operandCount >= 1 ? operand(c.a) : .none,
                        b: c.ins.operandCount == 2 ? operand(c.b) : .none, inputStride: c.inputStride)
                }
                return .loop(TapeLoop(start: b.start, period: b.period, count: b.reps, columns: columns))
            }
        }
    }
}
