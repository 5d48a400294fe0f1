import Exact

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A tape whose loops are stored as loops: a block of P instructions repeated R times is
// kept once, as its first repetition (the template) and, per instruction, how far its
// operands (and, for `input`, its input index) move from one repetition to the next.
// This is CasADi's `mapaccum` / JAX's `scan` for a Wengert list: a program whose sum runs
// over 10⁶ terms compiles to a few dozen instructions and a count, not to 9 M instructions
// (144 MB) that the sweep plan would then have to find the loop in again.
//
// The floating-point sweeps (the sweep plan) run such a block straight from its template,
// column by column, forward, reverse and forward-over-reverse, without ever writing the
// repetitions out. The generic sweeps (exact Rationals, expressions) walk one instruction
// at a time and read the flat list, which is written out once, on first use, and kept.

/// A block of instructions repeated with fixed strides: repetition r of template
/// instruction j reads slots `a + r·strideA[j]` and `b + r·strideB[j]` (and, for `input`,
/// input `payload + r·payloadStride[j]`).
///
///     // Σᵢ xᵢ² over 1000 inputs: s ← s + xᵢ·xᵢ, one `mul` and one `add` per term
///     RepeatedBlock(template: [Instruction(.multiply, 0, 0), Instruction(.add, 1000, 1001)],
///                   strideA: [1, 2], strideB: [1, 2], payloadStride: [0, 0], count: 999)
///
/// Slot numbers in a tape built from pieces run on through the repetitions: the block
/// starting at slot s fills slots s ..< s + P·R, repetition r at s + r·P.
public struct RepeatedBlock: Hashable, Sendable {
    /// The P instructions of repetition 0, operands as slots.
    public let template: [Instruction]
    /// Per template instruction: how far operand `a` moves per repetition.
    public let strideA: [Int]
    /// Per template instruction: how far operand `b` moves per repetition.
    public let strideB: [Int]
    /// Per template instruction: how far the input index moves (`input` only; 0 for others).
    public let payloadStride: [Int]
    /// R, the number of repetitions (at least 1).
    public let count: Int

    /// A block from its template and strides (checked when the tape is built).
    public init(template: [Instruction], strideA: [Int], strideB: [Int], payloadStride: [Int], count: Int) {
        self.template = template
        self.strideA = strideA
        self.strideB = strideB
        self.payloadStride = payloadStride
        self.count = count
    }

    /// P, the instructions per repetition.
    public var period: Int { template.count }

    /// Template instruction `j` at repetition `r`.
    ///
    ///     block.instruction(1, repetition: 3)   // add(1006,1007) for the block above
    @inlinable
    public func instruction(_ j: Int, repetition r: Int) -> Instruction {
        var ins = template[j]
        ins.a = UInt32(truncatingIfNeeded: Int(ins.a) &+ r &* strideA[j])
        ins.b = UInt32(truncatingIfNeeded: Int(ins.b) &+ r &* strideB[j])
        ins.payload = Int32(truncatingIfNeeded: Int(ins.payload) &+ r &* payloadStride[j])
        return ins
    }
}

/// One stretch of a tape built from pieces: instructions one by one, or a repeated block.
public enum TapePiece: Hashable, Sendable {
    /// Instructions, one slot each.
    case instructions([Instruction])
    /// A block stored once with its repeat count.
    case repeated(RepeatedBlock)

    /// The number of slots the piece fills.
    public var slotCount: Int {
        switch self {
        case .instructions(let code): code.count
        case .repeated(let block): block.period * block.count
        }
    }
}

/// A tape's instructions: a flat list, or pieces whose flat list is written on first use.
final class TapeCode: @unchecked Sendable {  // `flatList` is guarded by `mutex`; the rest is immutable
    /// The pieces with their first slots, when the tape was built from pieces.
    let pieces: [(start: Int, piece: TapePiece)]?
    let count: Int
    /// The instructions of a tape built flat: immutable, so read without the lock (the
    /// threads of a batch sweep the same tape; a shared lock per sweep serialised them).
    private let givenFlat: [Instruction]?
    private var flatList: [Instruction]?
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init(flat: [Instruction]) {
        pieces = nil
        count = flat.count
        givenFlat = flat
        flatList = flat
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    init(pieces: [TapePiece]) {
        var start = 0
        var placed: [(start: Int, piece: TapePiece)] = []
        for p in pieces where p.slotCount > 0 {
            placed.append((start, p))
            start += p.slotCount
        }
        self.pieces = placed
        count = start
        givenFlat = nil
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Whether the tape was built from pieces.
    var isCompact: Bool { pieces != nil }

    /// Whether the flat list exists (always for a flat tape; for pieces, once written out).
    var isWrittenOut: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return flatList != nil
    }

    /// Every instruction, in slot order (written out once for a tape built from pieces).
    var flat: [Instruction] {
        if let givenFlat { return givenFlat }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let flatList { return flatList }
        var out: [Instruction] = []
        out.reserveCapacity(count)
        for (_, piece) in pieces ?? [] {
            switch piece {
            case .instructions(let code): out.append(contentsOf: code)
            case .repeated(let b):
                for r in 0..<b.count {
                    for j in 0..<b.period { out.append(b.instruction(j, repetition: r)) }
                }
            }
        }
        flatList = out
        return out
    }
}

extension Tape {
    /// A tape from pieces (instructions one by one, and blocks stored once with a repeat
    /// count), checked like ``init(inputCount:instructions:constants:outputs:sources:)``: every
    /// operand names an earlier slot, every constant and input index is in range. A block is
    /// checked at its first and last repetition (its operands move by fixed strides, so both
    /// ends in range means every repetition is), in time independent of its count.
    ///
    ///     // f = Σᵢ₌₁³ xᵢ²: inputs, s = x₁², then s ← s + xᵢ² twice
    ///     let t = try Tape(inputCount: 3, pieces: [
    ///         .repeated(RepeatedBlock(template: [Instruction(.input)], strideA: [0], strideB: [0], payloadStride: [1], count: 3)),
    ///         .instructions([Instruction(.square, 0)]),
    ///         .repeated(RepeatedBlock(template: [Instruction(.square, 1), Instruction(.add, 3, 4)],
    ///                                 strideA: [1, 2], strideB: [1, 2], payloadStride: [0, 0], count: 2))],
    ///         outputs: [7])
    ///     try t.gradient(at: [Rational(1), 2, 3])   // [2, 4, 6]
    ///
    /// The floating-point sweeps run each block from its template without writing out its
    /// repetitions; ``instructions`` writes them out on first use (the exact sweeps read it).
    ///
    /// - Throws: ``TapeError/malformed(instruction:reason:)`` (a block with no instructions,
    ///   strides of the wrong length, a count below 1, a moving constant index, or any rule
    ///   of a flat tape broken at either end of a block).
    public init(
        inputCount: Int, pieces: [TapePiece], constants: [Rational] = [], outputs: [Int]
    ) throws(TapeError) {
        var start = 0
        for piece in pieces {
            switch piece {
            case .instructions(let code):
                for (k, ins) in code.enumerated() {
                    try Self.check(ins, at: start + k, inputCount: inputCount, constants: constants.count)
                }
            case .repeated(let b):
                let p = b.period
                guard p > 0, b.count >= 1, b.strideA.count == p, b.strideB.count == p, b.payloadStride.count == p else {
                    throw .malformed(instruction: start, reason: "a repeated block needs a template, one stride per instruction and a count ≥ 1")
                }
                for j in 0..<p where b.payloadStride[j] != 0 && b.template[j].opcode != .input {
                    throw .malformed(instruction: start + j, reason: "only an input index may move from one repetition to the next")
                }
                for r in b.count == 1 ? [0] : [0, b.count - 1] {
                    for j in 0..<p {
                        let ins = b.template[j]
                        let slot = start + r * p + j
                        // Operands are checked in Int, before narrowing to a slot index.
                        if ins.operandCount >= 1 {
                            let a = Int(ins.a) + r * b.strideA[j]
                            if a < 0 || a >= slot { throw .malformed(instruction: slot, reason: "operand \(a) is not an earlier slot") }
                        }
                        if ins.operandCount == 2 {
                            let bb = Int(ins.b) + r * b.strideB[j]
                            if bb < 0 || bb >= slot { throw .malformed(instruction: slot, reason: "operand \(bb) is not an earlier slot") }
                        }
                        try Self.check(b.instruction(j, repetition: r), at: slot, inputCount: inputCount, constants: constants.count)
                    }
                }
            }
            start += piece.slotCount
            guard start < Int(UInt32.max) else {
                throw .malformed(instruction: Int(UInt32.max), reason: "more slots than 32-bit indices reach")
            }
        }
        for o in outputs where !(0..<start).contains(o) {
            throw .malformed(instruction: start, reason: "output slot \(o) does not exist")
        }
        self.init(unchecked: inputCount, TapeCode(pieces: pieces), constants, outputs, nil)
    }

    /// The rules every instruction obeys, at slot `i`.
    static func check(_ ins: Instruction, at i: Int, inputCount: Int, constants: Int) throws(TapeError) {
        if ins.operandCount >= 1 && Int(ins.a) >= i { throw .malformed(instruction: i, reason: "operand \(ins.a) is not an earlier slot") }
        if ins.operandCount == 2 && Int(ins.b) >= i { throw .malformed(instruction: i, reason: "operand \(ins.b) is not an earlier slot") }
        if ins.usesConstant && !(0..<constants).contains(Int(ins.payload)) {
            throw .malformed(instruction: i, reason: "constant index \(ins.payload) out of range")
        }
        if ins.opcode == .input && !(0..<inputCount).contains(Int(ins.payload)) {
            throw .malformed(instruction: i, reason: "input index \(ins.payload) out of range")
        }
        if ins.opcode == .branchGuard && ins.payload & 3 == 3 {
            throw .malformed(instruction: i, reason: "unknown guard relation")
        }
    }

    /// The pieces the tape was built from, with their first slots (nil for a flat tape):
    /// repeated blocks stay stored once.
    ///
    ///     tape.pieces?.count   // 3 for the example of init(inputCount:pieces:constants:outputs:)
    public var pieces: [(start: Int, piece: TapePiece)]? { code.pieces }
}
