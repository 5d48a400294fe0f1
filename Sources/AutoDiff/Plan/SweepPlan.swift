#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A sweep plan: the tape re-read as loops, for the floating-point sweeps.
//
// A recorded program that loops (Σᵢ termᵢ, a layer applied to every row, …) leaves a tape
// in which the same run of P instructions repeats R times, each operand moving by a fixed
// stride from one repetition to the next. The plan finds those runs ("blocks") and keeps
// everything else as it is ("straight" segments). A block is then executed column by
// column on chunks of `chunk` repetitions: template instruction j is applied to a whole
// chunk in one tight loop (one dispatch per chunk instead of one per instruction), and
// the block's slots live in small per-chunk buffers instead of the one-value-per-slot
// array, so a sweep over a 9 M-instruction tape touches only the inputs, the gradient and
// the few slots that escape the block.
//
// The reverse sweep of a block recomputes each chunk's values from a checkpoint (the
// values that flow from one chunk into the next, `halo` repetitions back) instead of
// storing them: the primal pass writes no per-instruction data at all.
//
// Column order within a chunk is legal when every operand of template instruction j reads
// an earlier column of the same repetition, or a column ≤ j of an earlier repetition, or a
// slot before the block; `build` only forms blocks for which this holds.
//
// What changes against the one-slot-per-instruction sweeps: values are bitwise the same
// (every instruction computes the same expression in the same order; accumulation chains
// stay sequential). In the reverse sweep the adjoint contributions that a slot receives are
// the same products, but within a block they are summed column by column rather than in
// strictly descending slot order, so a gradient entry may differ from the generic sweep's
// in the last bits (reassociation of a sum; see `PlanAgreementTests`).

/// Where a template instruction's operand lives.
struct PlanOperand {
    enum Kind: UInt8 { case none, local, external }
    var kind: Kind = .none
    /// `.local`: the producing column j′ and how many repetitions back (0 = this one).
    var column = 0
    var distance = 0
    /// `.external`: the slot read at repetition 0 and its step per repetition (any sign, 0 allowed).
    var base = 0
    var stride = 0
    /// `.external`: the slots are inputs k at slot k, read from the point itself.
    var direct = false
}

/// One template instruction of a block and what its slots need.
struct PlanColumn {
    var ins: Instruction
    var a = PlanOperand()
    var b = PlanOperand()
    /// `.input`: payload step per repetition.
    var inputStride = 0
    /// Whether every repetition's slot is read outside the block (or is an output); else
    /// `PlanBlock.escapes[j]` lists the repetitions whose slot is.
    var escapeAll = false
    /// Whether the reverse sweep reads this column's values (to form a partial, or to
    /// recompute a column whose values it reads).
    var neededInReverse = false
    /// Whether the reverse sweep writes (rather than adds) this column's adjoint into its
    /// operand a / b: that operand column has no other contribution, so its adjoint buffer
    /// need not be cleared. (0 + x = x exactly, up to the sign of a zero adjoint, which
    /// cannot reach the gradient: gradient entries start at +0 and +0 + (±0) = +0.)
    var assignA = false
    var assignB = false
    /// Whether this column's adjoint buffer must be cleared before each chunk.
    var clearAdjoint = true
    /// For an accumulation chain s = s + t: whether the chain's own adjoint receives
    /// nothing but the chain (and, at the last repetition, the outside), so that it is the
    /// same at every repetition of a chunk: wᵣ₋₁ = 0 + wᵣ.
    var pureChain = false
    /// Whether a slot of this column is read outside the block other than as an output.
    var readOutside = false
    /// Whether a sweep that returns no value (`gradient`, `hvp`) must compute this column
    /// in its primal pass: its values are read later (outside the block, or from the
    /// checkpoints by the reverse sweep), or it may throw (which the generic sweep would report).
    var neededWithoutValue = false

    mutating func setDirect(_ op: PlanOperand, _ direct: Bool) {
        if a.kind == .external && a.base == op.base && a.stride == op.stride { a.direct = direct }
        if b.kind == .external && b.base == op.base && b.stride == op.stride { b.direct = direct }
    }

    /// Whether the reverse kernel of this opcode can write its contributions instead of adding them.
    var canAssign: Bool { ins.opcode.reverseCanAssign }

    /// Whether the reverse rule reads operand values (and, for the table's opcodes, its own).
    var reverseReadsValues: (operands: Bool, own: Bool) { ins.opcode.reverseReads }
}

/// P instructions repeated R times from slot `start`.
final class PlanBlock {
    let start: Int
    let period: Int
    let reps: Int
    var columns: [PlanColumn]
    /// How many repetitions back any operand reaches (the checkpoint width).
    var halo = 0
    /// Halo entries that chunk 0 reads from slots before the block: (column, back, slot).
    var haloLinks: [(column: Int, back: Int, slot: Int)] = []
    /// Per column, when not `escapeAll`: the repetitions whose slot is read outside the block, ascending.
    var escapes: [[Int]] = []

    init(start: Int, period: Int, reps: Int, columns: [PlanColumn]) {
        self.start = start
        self.period = period
        self.reps = reps
        self.columns = columns
    }

    var end: Int { start + period * reps }

    /// Finds the columns whose adjoint has exactly one contribution, from the same
    /// repetition, by a kernel that can write it (`assignA`/`assignB`).
    func findAssignments() {
        var count = [Int](repeating: 0, count: period)
        var blocked = [Bool](repeating: false, count: period)
        for (j, col) in columns.enumerated() {
            if col.escapeAll || !escapes[j].isEmpty { blocked[j] = true }
            let ops = col.ins.operandCount == 2 ? [col.a, col.b] : col.ins.operandCount == 1 ? [col.a] : []
            for op in ops where op.kind == .local {
                count[op.column] += 1
                if op.distance > 0 || !col.canAssign { blocked[op.column] = true }
            }
        }
        for j in columns.indices where columns[j].ins.opcode == .add {
            let col = columns[j]
            let selfA = col.a.kind == .local && col.a.column == j && col.a.distance == 1
            let selfB = col.b.kind == .local && col.b.column == j && col.b.distance == 1
            columns[j].pureChain =
                selfA != selfB && count[j] == 1 && !col.escapeAll
                && escapes[j].allSatisfy { $0 == reps - 1 }
        }
        for j in columns.indices {
            let col = columns[j]
            func assignable(_ op: PlanOperand) -> Bool {
                op.kind == .local && op.distance == 0 && count[op.column] == 1 && !blocked[op.column]
            }
            if col.ins.operandCount >= 1 && assignable(col.a) {
                columns[j].assignA = true
                columns[col.a.column].clearAdjoint = false
            }
            if col.ins.operandCount == 2 && assignable(col.b) {
                columns[j].assignB = true
                columns[col.b.column].clearAdjoint = false
            }
        }
    }

    /// Marks the columns a primal pass without the value must compute (see `neededWithoutValue`).
    ///
    /// The reverse sweep recomputes every column it reads, chunk by chunk, from the halo
    /// saved in the checkpoints; so the primal pass computes such a column only when that
    /// halo holds it (a recomputed column reads it from an earlier repetition).
    func findGradientNeeds() {
        var inHalo = [Bool](repeating: false, count: period)
        for col in columns where col.neededInReverse {
            for op in [col.a, col.b] where op.kind == .local && op.distance > 0 { inHalo[op.column] = true }
        }
        for j in columns.indices {
            let total = columns[j].ins.opcode.isTotal
            columns[j].neededWithoutValue = (columns[j].neededInReverse && inHalo[j]) || columns[j].readOutside || !total
        }
        for j in columns.indices.reversed() where columns[j].neededWithoutValue {
            for op in [columns[j].a, columns[j].b] where op.kind == .local { columns[op.column].neededWithoutValue = true }
        }
    }

    /// Marks the columns the reverse sweep must recompute.
    func findReverseNeeds() {
        for j in columns.indices {
            let (operands, own) = columns[j].reverseReadsValues
            if own { columns[j].neededInReverse = true }
            if operands {
                for op in [columns[j].a, columns[j].b] where op.kind == .local { columns[op.column].neededInReverse = true }
            }
        }
        for j in columns.indices.reversed() where columns[j].neededInReverse {
            for op in [columns[j].a, columns[j].b] where op.kind == .local { columns[op.column].neededInReverse = true }
        }
    }

    /// Whether any template instruction reads a slot (else the reverse sweep has nothing to do).
    var hasOperands: Bool { columns.contains { $0.ins.operandCount > 0 } }
}

enum PlanSegment {
    case straight(Range<Int>)
    case block(PlanBlock)
}

/// The plan of one tape.
final class SweepPlan: @unchecked Sendable {  // immutable after `build`
    static let chunk = 512
    static let maxPeriod = 32
    static let maxHalo = 8
    static let minReps = 4

    let segments: [PlanSegment]
    /// The slots kept in the full-size value/adjoint arrays, as ranges (for zeroing adjoints).
    let globalRanges: [Range<Int>]
    /// The input slots whose adjoints are in the slot array (added to the gradient at the
    /// end), ascending. Blocks add the adjoints of inputs k read from slot k (the recorder's
    /// layout) directly into the gradient.
    let inputSlots: [Int]
    /// The input index each of `inputSlots` loads.
    let inputPayloads: [Int]
    let maxPeriod: Int
    /// The instructions of the straight segments: segment s reads slot k's instruction at
    /// `straightCode[k + straightDelta[s]]` (for a flat tape, the tape's list itself).
    let straightCode: [Instruction]
    let straightDelta: [Int]
    /// Whether any block was found (else the plan is the plain sweep).
    var hasBlocks: Bool { maxPeriod > 0 }

    private init(
        segments: [PlanSegment], globalRanges: [Range<Int>], inputSlots: [Int], inputPayloads: [Int], maxPeriod: Int,
        straightCode: [Instruction], straightDelta: [Int]
    ) {
        self.segments = segments
        self.globalRanges = globalRanges
        self.inputSlots = inputSlots
        self.inputPayloads = inputPayloads
        self.maxPeriod = maxPeriod
        self.straightCode = straightCode
        self.straightDelta = straightDelta
    }

    /// Finds the blocks of `tape` and what each slot needs. A tape built from pieces
    /// (`Tape+Repetition.swift`) gives its repeated blocks directly: nothing is searched and
    /// the tape's flat list is never written out.
    static func build(_ tape: Tape) -> SweepPlan {
        if let pieces = tape.code.pieces { return build(tape, pieces: pieces) }
        let code = tape.instructions
        let n = code.count
        var segments: [PlanSegment] = []
        var i = 0
        var straightStart = 0
        while i < n {
            if let block = findBlock(code, at: i) {
                if straightStart < i { segments.append(.straight(straightStart..<i)) }
                segments.append(.block(block))
                i = block.end
                straightStart = i
            } else {
                i += 1
            }
        }
        if straightStart < n { segments.append(.straight(straightStart..<n)) }
        return finish(tape, segments, straightCode: code, straightDelta: [Int](repeating: 0, count: segments.count)) { code[$0] }
    }

    /// What every slot needs, once the segments are known. `instruction(k)` is the
    /// instruction of slot k; straight segment s reads slot k at `straightCode[k + straightDelta[s]]`.
    static func finish(
        _ tape: Tape, _ segments: [PlanSegment], straightCode: [Instruction], straightDelta: [Int],
        directInputs known: Bool? = nil, instruction: (Int) -> Instruction
    ) -> SweepPlan {
        let n = tape.count
        // Slots 0 ..< inputCount holding inputs 0 ..< inputCount (as the recorder and the
        // expression compiler lay them out): blocks then read those directly from the point.
        let directInputs =
            known
            ?? (tape.inputCount <= n
                && (0..<tape.inputCount).allSatisfy {
                    let ins = instruction($0)
                    return ins.opcode == .input && Int(ins.payload) == $0
                })
        // Which slots live in the full-size arrays. `value`: written there by the primal
        // sweep (read by straight code, by a later block, or an output). `adjoint`: kept there
        // by the reverse sweep (also the inputs, for the gradient, and the slots blocks read
        // straight from the point).
        var value = SlotBits(count: n)
        var adjoint = SlotBits(count: n)
        func mark(_ k: Int, value v: Bool = true) {
            adjoint.insert(k)
            if v { value.insert(k) }
        }
        for case .straight(let r) in segments {
            for k in r {
                mark(k)
                let ins = instruction(k)
                if ins.operandCount >= 1 { mark(Int(ins.a)) }
                if ins.operandCount == 2 { mark(Int(ins.b)) }
            }
        }
        for case .block(let b) in segments {
            for j in b.columns.indices {
                for op in [b.columns[j].a, b.columns[j].b] where op.kind == .external {
                    let last = op.base + (b.reps - 1) * op.stride
                    let direct = directInputs && Swift.max(op.base, last) < tape.inputCount
                    b.columns[j].setDirect(op, direct)
                    if !direct {
                        for k in 0..<b.reps { mark(op.base + k * op.stride) }
                    }
                }
            }
            for link in b.haloLinks { mark(link.slot) }
        }
        let readInside = value  // before outputs: what the sweeps themselves read
        for o in tape.outputs { mark(o) }
        // Input slots whose adjoint the reverse sweep keeps in the slot array; the adjoints of
        // the slots blocks read directly go straight into the gradient.
        var inputSlots: [Int] = []
        var inputPayloads: [Int] = []
        adjoint.forEach(in: 0..<n) { k in
            let ins = instruction(k)
            if ins.opcode == .input {
                inputSlots.append(k)
                inputPayloads.append(Int(ins.payload))
            }
        }
        var maxP = 0
        for case .block(let b) in segments {
            maxP = Swift.max(maxP, b.period)
            // Per column, the repetitions whose slot escapes the block (ascending).
            var lists = [[Int]](repeating: [], count: b.period)
            value.forEach(in: b.start..<b.end) { slot in
                let offset = slot - b.start
                lists[offset % b.period].append(offset / b.period)
            }
            readInside.forEach(in: b.start..<b.end) { slot in b.columns[(slot - b.start) % b.period].readOutside = true }
            for j in 0..<b.period {
                let all = lists[j].count == b.reps
                b.columns[j].escapeAll = all
                b.escapes.append(all ? [] : lists[j])
            }
            b.findReverseNeeds()
            b.findAssignments()
            b.findGradientNeeds()
        }
        return SweepPlan(
            segments: segments, globalRanges: adjoint.runs(below: n), inputSlots: inputSlots, inputPayloads: inputPayloads,
            maxPeriod: maxP, straightCode: straightCode, straightDelta: straightDelta)
    }

    /// The longest legal block starting at `i`, if any.
    static func findBlock(_ code: [Instruction], at i: Int) -> PlanBlock? {
        let n = code.count
        let limit = Swift.min(maxPeriod, (n - i) / 2)
        guard limit >= 1 else { return nil }
        var best: PlanBlock?
        var bestCover = 0
        for p in 1...limit {
            if let b = best, p % b.period == 0 { continue }
            if code[i].opcode != code[i + p].opcode { continue }
            guard let block = candidate(code, at: i, period: p), block.reps * p > bestCover else { continue }
            best = block
            bestCover = block.reps * p
        }
        return best
    }

    /// The block of period `p` at `i`: strides from the second repetition, extended while
    /// every instruction follows them; nil when too short or not executable by columns.
    static func candidate(_ code: [Instruction], at i: Int, period p: Int) -> PlanBlock? {
        let n = code.count
        var sa = [Int](repeating: 0, count: p)
        var sb = [Int](repeating: 0, count: p)
        var sp = [Int](repeating: 0, count: p)
        for j in 0..<p {
            let x = code[i + j]
            let y = code[i + p + j]
            guard x.opcode == y.opcode else { return nil }
            if x.opcode == .input { sp[j] = Int(y.payload) - Int(x.payload) } else if x.payload != y.payload { return nil }
            if x.operandCount >= 1 { sa[j] = Int(y.a) - Int(x.a) }
            if x.operandCount == 2 { sb[j] = Int(y.b) - Int(x.b) }
        }
        var reps = 2
        extend: while i + (reps + 1) * p <= n {
            let base = i + reps * p
            for j in 0..<p {
                let x = code[i + j]
                let y = code[base + j]
                guard x.opcode == y.opcode else { break extend }
                if x.opcode == .input {
                    guard Int(y.payload) == Int(x.payload) + reps * sp[j] else { break extend }
                } else if x.payload != y.payload {
                    break extend
                }
                if x.operandCount >= 1 && Int(y.a) != Int(x.a) + reps * sa[j] { break extend }
                if x.operandCount == 2 && Int(y.b) != Int(x.b) + reps * sb[j] { break extend }
            }
            reps += 1
        }
        guard reps >= minReps else { return nil }
        return columns(at: i, period: p, reps: reps, template: Array(code[i..<i + p]), sa: sa, sb: sb, sp: sp)
    }

    /// The block of `reps` repetitions of `template` at slot `i` with these strides, if it
    /// can run by columns (every operand external to the block or a column of this or a
    /// recent repetition; no input loaded beside computing columns).
    static func columns(
        at i: Int, period p: Int, reps: Int, template: [Instruction], sa: [Int], sb: [Int], sp: [Int]
    ) -> PlanBlock? {
        var columns: [PlanColumn] = []
        var haloNeed = [Int](repeating: 0, count: p)  // per column: how far back it is read
        for j in 0..<p {
            let x = template[j]
            var col = PlanColumn(ins: x, inputStride: sp[j])
            func operand(_ a0: Int, _ s: Int) -> PlanOperand? {
                let last = a0 + (reps - 1) * s
                if Swift.max(a0, last) < i { return PlanOperand(kind: .external, base: a0, stride: s) }
                guard s == p else { return nil }
                let rel = a0 - i
                if rel >= 0 { return PlanOperand(kind: .local, column: rel, distance: 0) }
                let jj = ((rel % p) + p) % p
                let d = (jj - rel) / p
                guard d <= maxHalo && jj <= j else { return nil }
                return PlanOperand(kind: .local, column: jj, distance: d)
            }
            if x.operandCount >= 1 {
                guard let a = operand(Int(x.a), sa[j]) else { return nil }
                col.a = a
            }
            if x.operandCount == 2 {
                guard let b = operand(Int(x.b), sb[j]) else { return nil }
                col.b = b
            }
            for op in [col.a, col.b] where op.kind == .local {
                haloNeed[op.column] = Swift.max(haloNeed[op.column], op.distance)
            }
            columns.append(col)
        }
        if columns.contains(where: { $0.ins.opcode == .input }) && columns.contains(where: { $0.ins.operandCount > 0 }) {
            return nil  // an input's adjoint must reach the gradient: keep inputs out of computing blocks
        }
        let block = PlanBlock(start: i, period: p, reps: reps, columns: columns)
        block.halo = haloNeed.max() ?? 0
        for (j, d) in haloNeed.enumerated() where d > 0 {
            for e in 1...d { block.haloLinks.append((column: j, back: e, slot: i - e * p + j)) }
        }
        return block
    }
}

/// The tape's plan, built on first use by a floating-point sweep and kept.
final class SweepPlanCache: @unchecked Sendable {  // guarded by `mutex`
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var plan: SweepPlan?

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func plan(for tape: Tape) -> SweepPlan {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let plan { return plan }
        let p = SweepPlan.build(tape)
        plan = p
        return p
    }
}
