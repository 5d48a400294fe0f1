// The Double Taylor plan: Taylor-mode AD along one direction (c₀ … c_k of t ↦ f(a + t·v))
// run over the tape's sweep plan (AutoDiff/Plan) instead of one instruction at a time.
//
// The sweep plan reads the tape as straight segments and blocks (P template instructions
// repeated R times with fixed operand strides; a tape built from pieces hands its
// `RepeatedBlock`s over as they are, never written out). This file only reads that plan:
//
// * Slots that leave a block, and every slot of straight code (the sweep plan's global
//   slots), keep their series in one flat array, slot × (k + 1): the global slots are
//   numbered in order (`GlobalSlots`), and coefficient d of the i-th is at i·(k + 1) + d.
//   The slots inside blocks never get an entry, so a 9 M-slot tape whose loop is one block
//   holds a few series, and the budget (`Tape.taylorCoefficientBudget`) counts those.
// * A block runs chunk by chunk, column by column: the series of template instruction j
//   over a chunk's repetitions are k + 1 planes (one per degree) of a per-chunk buffer,
//   and each recurrence is a loop over the repetitions inside a loop over degrees
//   (TaylorPlan+Recurrences.swift), so dispatch is paid once per column and chunk and the
//   loops vectorise. Inputs a block reads straight from the point (x_i = a_i + t·v_i) are
//   gathered as two planes; their higher planes stay zero.
// * A column that reads itself some repetitions back (an accumulation chain s = s ⊕ t)
//   runs with the running value in a register (sums and differences one back), else one
//   repetition at a time, in the generic sweep's order. Never as a plane loop that reads
//   what it wrote an iteration before: such a loop was seen vectorised as if the reads and
//   writes did not overlap (wrong sums in release builds only).
//
// The coefficients are the generic sweep's (TaylorSweep) over Double to the last bits or
// so: the same recurrences, the same terms in the same order; the generic sweep skips
// products with a zero factor, which changes at most the sign of a zero. As for the other
// plan sweeps, anything unusual (a domain error, a guard that fails, a point where the
// generic sweep picks its rule by the numbers, a coefficient that is not finite) makes the
// plan return nil, and the caller runs the generic sweep, which gives the result or the
// typed error.

extension Tape {
    /// c₀ … c_k of t ↦ f(a + t·v) per output through the sweep plan; nil where the plan
    /// declines (the caller then runs the generic Taylor sweep).
    @usableFromInline
    func planTaylorDouble(_ point: [Double], _ direction: [Double], order k: Int) -> [[Double]]? {
        guard k >= 0, point.count == inputCount, direction.count == inputCount else { return nil }
        let plan = planCache.plan(for: self)
        let constants = self.constants.map { Double($0) }
        let K = k + 1
        let globals = GlobalSlots(plan.globalRanges)
        let held = (globals.count + (Swift.max(plan.maxPeriod, 1) + 4) * TaylorPlanRun.W).multipliedReportingOverflow(by: K)
        guard !held.overflow, held.partialValue <= Tape.taylorCoefficientBudget else { return nil }
        let g = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(globals.count * K, 1))
        defer { g.deallocate() }
        let ran = plan.straightCode.withUnsafeBufferPointer { code in
            point.withUnsafeBufferPointer { x in
                direction.withUnsafeBufferPointer { v in
                    constants.withUnsafeBufferPointer { c in
                        withExtendedLifetime(plan) {
                            var run = TaylorPlanRun(
                                plan: plan, order: k, slots: g, globals: globals, code: code.baseAddress, point: x.baseAddress,
                                direction: v.baseAddress, constants: c.baseAddress)
                            return run.sweep()
                        }
                    }
                }
            }
        }
        guard ran else { return nil }
        var result: [[Double]] = []
        for o in outputs {
            let series = Array(UnsafeBufferPointer(start: g + globals.index(o) * K, count: K))
            guard series.allSatisfy(\.isFinite) else { return nil }
            result.append(series)
        }
        return result
    }
}

/// One run of the Taylor plan: the slot array and the per-chunk buffers.
struct TaylorPlanRun: ~Copyable {
    let plan: SweepPlan
    let K: Int
    /// The series of the global slots, `globals.index(slot)·K` onwards.
    let g: UnsafeMutablePointer<Double>
    let globals: GlobalSlots
    let code: UnsafePointer<Instruction>?
    let point: UnsafePointer<Double>?
    let direction: UnsafePointer<Double>?
    let constants: UnsafePointer<Double>?
    let rec: TaylorRecurrences
    /// Block columns: column j's plane d at `valbuf + (j·K + d)·W + H`, repetition r at index r.
    let valbuf: UnsafeMutablePointer<Double>
    /// Gathered operands: slots read from the slot array (A, B) and inputs read from the point (inA, inB).
    let tmpA: TaylorColumn
    let tmpB: TaylorColumn
    let inA: TaylorColumn
    let inB: TaylorColumn
    let buffers: UnsafeMutablePointer<Double>

    /// Repetitions per chunk; H entries before each chunk hold the halo.
    static let chunk = 256
    static var H: Int { SweepPlan.maxHalo }
    static var W: Int { SweepPlan.maxHalo + chunk }

    init(
        plan: SweepPlan, order k: Int, slots: UnsafeMutablePointer<Double>, globals: GlobalSlots,
        code: UnsafePointer<Instruction>?,
        point: UnsafePointer<Double>?, direction: UnsafePointer<Double>?, constants: UnsafePointer<Double>?
    ) {
        self.plan = plan
        K = k + 1
        g = slots
        self.globals = globals
        self.code = code
        self.point = point
        self.direction = direction
        self.constants = constants
        rec = TaylorRecurrences(order: k, planeStride: Self.chunk)
        let columns = Swift.max(plan.maxPeriod, 1) * K * Self.W
        let gathered = 4 * K * Self.chunk
        buffers = .allocate(capacity: columns + gathered)
        buffers.initialize(repeating: 0, count: columns + gathered)
        valbuf = buffers
        let t = buffers + columns
        tmpA = TaylorColumn(t, Self.chunk)
        tmpB = TaylorColumn(t + K * Self.chunk, Self.chunk)
        inA = TaylorColumn(t + 2 * K * Self.chunk, Self.chunk)
        inB = TaylorColumn(t + 3 * K * Self.chunk, Self.chunk)
    }

    deinit {
        buffers.deallocate()
        rec.deallocate()
    }

    /// Every segment in order; false where the plan declines.
    mutating func sweep() -> Bool {
        for (k, s) in plan.segments.enumerated() {
            switch s {
            case .straight(let r):
                guard straight(r, delta: plan.straightDelta[k]) else { return false }
            case .block(let b):
                if !b.hasOperands && !b.escapes.contains(where: { !$0.isEmpty }) && !b.columns.contains(where: \.escapeAll) {
                    continue  // loads inputs or constants that only the block's readers read, directly
                }
                guard block(b) else { return false }
            }
        }
        return true
    }

    // MARK: straight code

    func straight(_ range: Range<Int>, delta: Int) -> Bool {
        guard let code else { return range.isEmpty }
        // A straight segment lies inside one run of global slots: slot i is entry i − shift
        // there, and so is every operand in the same run.
        guard let first = range.first else { return true }
        let (run, shift) = globals.run(first)
        guard run.contains(range.upperBound - 1) else { return false }  // never: every slot of straight code is global
        @inline(__always) func series(_ slot: Int) -> TaylorColumn {
            TaylorColumn(g + (run.contains(slot) ? slot - shift : globals.index(slot)) * K, 1)
        }
        for i in range {
            let ins = code[i + delta]
            let w = TaylorColumn(g + (i - shift) * K, 1)
            if ins.opcode == .input {
                load(input: Int(ins.payload), stride: 0, into: w, count: 1)
            } else if ins.opcode == .constant {
                load(constant: Int(ins.payload), into: w, count: 1)
            } else {
                let a = series(Int(ins.a))
                let b = ins.operandCount == 2 ? series(Int(ins.b)) : a
                let c = ins.usesConstant ? constants?[Int(ins.payload)] ?? 0 : 0
                guard rec.apply(ins, w, a, b, constant: c, 1) else { return false }
            }
        }
        return true
    }

    /// x_p = a_p + t·v_p for p = first + r·stride, r < count.
    func load(input first: Int, stride s: Int, into w: TaylorColumn, count: Int) {
        guard let point, let direction else { return }
        let w0 = w[0]
        for r in 0..<count { w0[r] = point[first &+ r &* s] }
        guard K > 1 else { return }
        let w1 = w[1]
        for r in 0..<count { w1[r] = direction[first &+ r &* s] }
        for d in 2..<K { w[d].update(repeating: 0, count: count) }
    }

    func load(constant k: Int, into w: TaylorColumn, count: Int) {
        w[0].update(repeating: constants?[k] ?? 0, count: count)
        for d in 1..<K { w[d].update(repeating: 0, count: count) }
    }

    // MARK: blocks

    func column(_ j: Int) -> TaylorColumn { TaylorColumn(valbuf + j * K * Self.W + Self.H, Self.W) }

    /// The series a template operand reads over repetitions c0 ..< c0 + cnt.
    func operand(_ op: PlanOperand, _ c0: Int, _ cnt: Int, slots tmp: TaylorColumn, inputs input: TaylorColumn) -> TaylorColumn {
        switch op.kind {
        case .none:
            return tmp
        case .local:
            return TaylorColumn(valbuf + op.column * K * Self.W + Self.H - op.distance, Self.W)
        case .external:
            if op.direct {
                // The point's own entries; planes past the first two stay zero in `input`.
                guard let point, let direction else { return input }
                let base = op.base + c0 * op.stride
                let (x0, s) = (input[0], op.stride)
                for r in 0..<cnt { x0[r] = point[base &+ r &* s] }
                if K > 1 {
                    let x1 = input[1]
                    for r in 0..<cnt { x1[r] = direction[base &+ r &* s] }
                }
                return input
            }
            for r in 0..<cnt {
                let src = g + globals.index(op.base + (c0 + r) * op.stride) * K
                for d in 0..<K { tmp[d][r] = src[d] }
            }
            return tmp
        }
    }

    /// Template instruction j over repetitions c0 ..< c0 + cnt.
    func forward(_ col: PlanColumn, _ j: Int, _ c0: Int, _ cnt: Int) -> Bool {
        let ins = col.ins
        let w = column(j)
        if ins.opcode == .input {
            load(input: Int(ins.payload) + c0 * col.inputStride, stride: col.inputStride, into: w, count: cnt)
            return true
        }
        if ins.opcode == .constant {
            load(constant: Int(ins.payload), into: w, count: cnt)
            return true
        }
        let a = operand(col.a, c0, cnt, slots: tmpA, inputs: inA)
        let b = ins.operandCount == 2 ? operand(col.b, c0, cnt, slots: tmpB, inputs: inB) : a
        let c = ins.usesConstant ? constants?[Int(ins.payload)] ?? 0 : 0
        let selfA = col.a.kind == .local && col.a.column == j
        let selfB = ins.operandCount == 2 && col.b.kind == .local && col.b.column == j
        if !selfA && !selfB { return rec.apply(ins, w, a, b, constant: c, cnt) }
        // A column that reads itself: never as a loop that reads through memory what it wrote
        // an iteration before (the optimiser has been seen to vectorise such a loop as if the
        // planes did not overlap). Sums and differences one repetition back keep the running
        // value in a register, as the sweep plan's chains do; the rest go one repetition at a
        // time, each through a call of its own.
        if (ins.opcode == .add || ins.opcode == .subtract) && selfA != selfB && (selfA ? col.a : col.b).distance == 1 {
            for d in 0..<K {
                let out = w[d]
                var s = out[-1]
                if selfA {
                    let y = b[d]
                    if ins.opcode == .add {
                        for r in 0..<cnt {
                            s = s + y[r]
                            out[r] = s
                        }
                    } else {
                        for r in 0..<cnt {
                            s = s - y[r]
                            out[r] = s
                        }
                    }
                } else {
                    let x = a[d]
                    if ins.opcode == .add {
                        for r in 0..<cnt {
                            s = x[r] + s
                            out[r] = s
                        }
                    } else {
                        for r in 0..<cnt {
                            s = x[r] - s
                            out[r] = s
                        }
                    }
                }
            }
            return true
        }
        for r in 0..<cnt {
            guard Self.applyOne(rec, ins, w.from(r), a.from(r), b.from(r), c) else { return false }
        }
        return true
    }

    /// One repetition of a kernel, kept out of line so that no loop spans repetitions.
    @inline(never)
    static func applyOne(
        _ rec: TaylorRecurrences, _ ins: Instruction, _ w: TaylorColumn, _ a: TaylorColumn, _ b: TaylorColumn, _ c: Double
    ) -> Bool {
        rec.apply(ins, w, a, b, constant: c, 1)
    }

    /// A block, chunk by chunk; the series of slots read outside it go to the slot array.
    func block(_ b: PlanBlock) -> Bool {
        let (p, h, chunk, K) = (b.period, b.halo, Self.chunk, K)
        var c0 = 0
        while c0 < b.reps {
            let cnt = Swift.min(chunk, b.reps - c0)
            if h > 0 {
                if c0 == 0 {
                    for link in b.haloLinks {
                        let col = column(link.column)
                        let src = g + globals.index(link.slot) * K
                        for d in 0..<K { col[d][-link.back] = src[d] }
                    }
                } else {
                    for j in 0..<p {
                        let col = column(j)
                        for d in 0..<K {
                            let plane = col[d]
                            for e in 1...h { plane[-e] = plane[chunk - e] }
                        }
                    }
                }
            }
            for j in 0..<p {
                guard forward(b.columns[j], j, c0, cnt) else { return false }
            }
            for j in 0..<p {
                let col = column(j)
                if b.columns[j].escapeAll {
                    for r in 0..<cnt {
                        let dst = g + globals.index(b.start + (c0 + r) * p + j) * K
                        for d in 0..<K { dst[d] = col[d][r] }
                    }
                } else if !b.escapes[j].isEmpty {
                    let list = b.escapes[j]
                    var e = lowerBound(list, c0)
                    while e < list.count && list[e] < c0 + cnt {
                        let rep = list[e]
                        let dst = g + globals.index(b.start + rep * p + j) * K
                        for d in 0..<K { dst[d] = col[d][rep - c0] }
                        e += 1
                    }
                }
            }
            c0 += chunk
        }
        return true
    }
}

/// The sweep plan's global slots (the runs `SweepPlan.globalRanges`) numbered in order: the
/// index of each in the Taylor plan's slot array.
struct GlobalSlots {
    let starts: [Int]
    let ends: [Int]
    /// The index of each run's first slot.
    let offsets: [Int]
    /// How many global slots.
    let count: Int

    init(_ runs: [Range<Int>]) {
        starts = runs.map(\.lowerBound)
        ends = runs.map(\.upperBound)
        var offsets: [Int] = []
        var total = 0
        for r in runs {
            offsets.append(total)
            total += r.count
        }
        self.offsets = offsets
        count = total
    }

    /// The run holding `slot` (a global slot) and `slot − index(slot)`.
    func run(_ slot: Int) -> (Range<Int>, shift: Int) {
        let i = Swift.max(lowerBound(starts, slot + 1) - 1, 0)
        return (starts[i]..<ends[i], starts[i] - offsets[i])
    }

    /// The index of a global slot.
    @inline(__always)
    func index(_ slot: Int) -> Int {
        let i = Swift.max(lowerBound(starts, slot + 1) - 1, 0)
        return offsets[i] + slot - starts[i]
    }
}
