import Exact

// Executing a `SweepPlan`: the primal sweep and the reverse sweep for Double (and
// Dual<Double>, for forward-over-reverse), block by block, chunk by chunk. Dual numbers
// are stored as two planes (primal parts, tangents; `DualPlanes`), not as pairs: the same
// generic kernels then compile to loops over plain Doubles, which halved the time of H·v.
//
// Semantics are those of `Sweep.primal` / `Sweep.reverse`: every value comes from the same
// expression as in `LocalPartials` (the ring operations are spelled out below in exactly
// the table's form; every other opcode calls the table itself). Anything unusual — a
// domain error, a violated guard, a value or gradient that is not finite — makes the plan
// give up (return nil); the caller then runs the generic sweeps, which produce the same
// result or the proper error. The plan therefore never has to reproduce error paths.

/// One run of a plan: the full-size slot arrays (only the plan's global slots are touched)
/// and the per-chunk buffers.
struct PlanRun<S: PlanScalar>: ~Copyable {
    let plan: SweepPlan
    let code: UnsafePointer<Instruction>
    let cp: UnsafePointer<S>
    let inputs: S.Memory
    let v: S.Memory
    let adj: S.Memory
    /// The gradient, indexed by input: where blocks add the adjoints of inputs they read directly.
    let gradient: S.Memory
    let scratch: S.Memory
    let valbuf: S.Memory
    let adjbuf: S.Memory
    let tmpA: S.Memory
    let tmpB: S.Memory
    let carry: S.Memory
    let scratchCount: Int

    /// Column stride in the chunk buffers; repetition r of column j is at j·W + H + r, and
    /// H − e holds the value e repetitions before the chunk.
    static var H: Int { SweepPlan.maxHalo }
    static var W: Int { SweepPlan.maxHalo + SweepPlan.chunk }

    init(
        plan: SweepPlan, code: UnsafePointer<Instruction>, cp: UnsafePointer<S>, inputs: S.Memory,
        v: S.Memory, adj: S.Memory, gradient: S.Memory
    ) {
        self.gradient = gradient
        self.plan = plan
        self.code = code
        self.cp = cp
        self.inputs = inputs
        self.v = v
        self.adj = adj
        let p = Swift.max(plan.maxPeriod, 1)
        let w = Self.W
        scratchCount = 2 * p * w + 2 * SweepPlan.chunk + p * SweepPlan.maxHalo
        scratch = .allocate(capacity: scratchCount)
        scratch.update(repeating: .zero, count: scratchCount)  // trivial scalars: writing is initialising
        valbuf = scratch
        adjbuf = scratch + p * w
        tmpA = scratch + 2 * p * w
        tmpB = tmpA + SweepPlan.chunk
        carry = tmpB + SweepPlan.chunk
    }

    deinit {
        scratch.deallocate()
    }

    // MARK: columns

    @inline(__always)
    func values(_ op: PlanOperand, _ c0: Int, _ cnt: Int, _ tmp: S.Memory) -> S.Memory {
        switch op.kind {
        case .none: return tmp
        case .local: return valbuf + op.column * Self.W + Self.H - op.distance
        case .external:
            let src = op.direct ? inputs : v
            if op.stride == 1 { return src + op.base + c0 }
            let base = op.base + c0 * op.stride
            for r in 0..<cnt { tmp[r] = src[base &+ r &* op.stride] }
            return tmp
        }
    }

    @inline(__always)
    func target(_ op: PlanOperand, _ c0: Int) -> (S.Memory, Int) {
        switch op.kind {
        case .none: return (tmpA, 0)
        case .local: return (adjbuf + op.column * Self.W + Self.H - op.distance, 1)
        case .external: return ((op.direct ? gradient : adj) + op.base + c0 * op.stride, op.stride)
        }
    }

    /// Template instruction `j` of a block over repetitions c0 ..< c0+cnt.
    func forwardColumn(_ col: PlanColumn, _ j: Int, _ c0: Int, _ cnt: Int) -> Bool {
        let ins = col.ins
        let out = valbuf + j * Self.W + Self.H
        let A = values(col.a, c0, cnt, tmpA)
        let B = ins.operandCount == 2 ? values(col.b, c0, cnt, tmpB) : A
        let c = ins.usesConstant ? cp[Int(ins.payload)] : S.zero
        switch ins.opcode {
        case .input:
            let s = col.inputStride
            let p0 = Int(ins.payload) + c0 * s
            for r in 0..<cnt { out[r] = inputs[p0 &+ r &* s] }
        case .constant: for r in 0..<cnt { out[r] = c }
        case .add where Self.isChain(col.a, j) && !Self.isChain(col.b, j):
            // s = s + t: the running value stays in a register (the loop through memory
            // would wait on store-to-load forwarding at every step)
            var x = out[-1]
            for r in 0..<cnt {
                x = x + B[r]
                out[r] = x
            }
        case .add where Self.isChain(col.b, j) && !Self.isChain(col.a, j):
            var x = out[-1]
            for r in 0..<cnt {
                x = A[r] + x
                out[r] = x
            }
        case .add: for r in 0..<cnt { out[r] = A[r] + B[r] }
        case .subtract where Self.isChain(col.a, j) && !Self.isChain(col.b, j):
            var x = out[-1]
            for r in 0..<cnt {
                x = x - B[r]
                out[r] = x
            }
        case .subtract: for r in 0..<cnt { out[r] = A[r] - B[r] }
        case .multiply where Self.isChain(col.a, j) && !Self.isChain(col.b, j):
            var x = out[-1]
            for r in 0..<cnt {
                x = x * B[r]
                out[r] = x
            }
        case .multiply: for r in 0..<cnt { out[r] = A[r] * B[r] }
        case .negate: for r in 0..<cnt { out[r] = -A[r] }
        case .addConstant: for r in 0..<cnt { out[r] = A[r] + c }
        case .subtractFromConstant: for r in 0..<cnt { out[r] = c - A[r] }
        case .multiplyConstant: for r in 0..<cnt { out[r] = c * A[r] }
        case .square: for r in 0..<cnt { out[r] = A[r] * A[r] }
        case .branchGuard:
            let (relation, expected) = ins.guardCondition
            for r in 0..<cnt {
                out[r] = .zero
                guard let sign = try? S.compare(A[r], B[r]), relation.holds(sign: sign) == expected else { return false }
            }
        case .divide, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan,
            .asin, .acos, .sinh, .cosh, .tanh, .abs:
            for r in 0..<cnt {
                do throws(ScalarError) {
                    out[r] = try LocalPartials.value(of: ins, ValueOperands(A[r], B[r], c))
                } catch {
                    return false
                }
            }
        }
        return true
    }

    /// The transposed linearization of column `j`, repetitions descending.
    func reverseColumn(_ col: PlanColumn, _ j: Int, _ c0: Int, _ cnt: Int) -> Bool {
        let ins = col.ins
        let w = adjbuf + j * Self.W + Self.H
        let (ta, sa) = target(col.a, c0)
        let (tb, sb) = ins.operandCount == 2 ? target(col.b, c0) : (ta, sa)
        let (xa, xb) = (col.assignA, col.assignB)
        switch ins.opcode {
        case .input, .constant, .branchGuard: break
        case .add where Self.isChain(col.a, j) && !Self.isChain(col.b, j) && cnt > 0:
            Self.chain(cnt, w, tb, sb, xb, pure: col.pureChain)
        case .add where Self.isChain(col.b, j) && !Self.isChain(col.a, j) && cnt > 0:
            Self.chain(cnt, w, ta, sa, xa, pure: col.pureChain)
        case .add:
            Self.scatter(cnt, ta, sa, xa) { w[$0] }
            Self.scatter(cnt, tb, sb, xb) { w[$0] }
        case .subtract:
            Self.scatter(cnt, ta, sa, xa) { w[$0] }
            Self.scatter(cnt, tb, sb, xb) { -w[$0] }  // x + (−w) is x − w, bit for bit
        case .negate, .subtractFromConstant:
            Self.scatter(cnt, ta, sa, xa) { -w[$0] }
        case .addConstant:
            Self.scatter(cnt, ta, sa, xa) { w[$0] }
        case .multiplyConstant:
            let c = cp[Int(ins.payload)]
            Self.scatter(cnt, ta, sa, xa) { c * w[$0] }
        case .square:
            let A = values(col.a, c0, cnt, tmpA)
            Self.scatter(cnt, ta, sa, xa) { (A[$0] + A[$0]) * w[$0] }
        case .multiply:
            let A = values(col.a, c0, cnt, tmpA)
            let B = values(col.b, c0, cnt, tmpB)
            Self.scatter(cnt, ta, sa, xa) { B[$0] * w[$0] }
            Self.scatter(cnt, tb, sb, xb) { A[$0] * w[$0] }
        case .divide, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan,
            .asin, .acos, .sinh, .cosh, .tanh, .abs:
            let A = values(col.a, c0, cnt, tmpA)
            let B = ins.operandCount == 2 ? values(col.b, c0, cnt, tmpB) : A
            let V = valbuf + j * Self.W + Self.H
            let c = ins.usesConstant ? cp[Int(ins.payload)] : S.zero
            var r = cnt
            while r > 0 {
                r -= 1
                let x = w[r]
                if x.isZero { continue }
                let lin: Linearization<S>
                do throws(ScalarError) {
                    lin = try LocalPartials.linearization(of: ins, ValueOperands(A[r], B[r], c), value: V[r])
                } catch {
                    return false
                }
                Self.pull(lin, x, ta + r * sa, tb + r * sb)
            }
        }
        return true
    }

    /// Adds `x` to the adjoint at `p`, or writes it there when `p` has no other contribution.
    @inline(__always)
    static func put(_ p: S.Memory, _ x: S, _ assign: Bool) {
        p[0] = assign ? x : p[0] + x
    }

    /// Whether `op` is this column one repetition back: an accumulation chain s = s + t.
    @inline(__always)
    static func isChain(_ op: PlanOperand, _ j: Int) -> Bool { op.kind == .local && op.column == j && op.distance == 1 }

    /// The reverse of the chain wᵣ₋₁ += wᵣ, t += wᵣ (r descending) with the running adjoint
    /// kept in a register: the same additions in the same order as the loop would do
    /// through memory.
    ///
    /// `pure`: nothing else adds to the chain's adjoint below the top of the chunk, so
    /// wᵣ₋₁ = 0 + wᵣ = wᵣ exactly and the loop needs no running sum: t += w_top for every r,
    /// and the adjoint left one repetition below the chunk is 0 + w_top.
    @inline(__always)
    static func chain(
        _ cnt: Int, _ w: S.Memory, _ t: S.Memory, _ st: Int, _ assign: Bool, pure: Bool
    ) {
        let prev = w - 1
        var x = w[cnt - 1]
        if pure {
            let top = x
            scatter(cnt, t, st, assign) { _ in top }
            prev[0] = prev[0] + top
            return
        }
        var r = cnt - 1
        if st == 1 {
            while true {
                put(t + r, x, assign)
                x = prev[r] + x
                prev[r] = x
                if r == 0 { break }
                r &-= 1
            }
        } else {
            while true {
                put(t + r &* st, x, assign)
                x = prev[r] + x
                prev[r] = x
                if r == 0 { break }
                r &-= 1
            }
        }
    }

    /// t[r·st] = x(r), or t[r·st] += x(r) (`assign` false), for r = cnt−1 … 0: descending,
    /// because a column may feed itself a few repetitions later. The four variants are
    /// separate loops so that the unit-stride ones vectorise.
    ///
    /// A binary instruction scatters into its two operands in two such loops, one after the
    /// other, where the generic sweep alternates between them; that changes the order of the
    /// additions only where both operands name the same slot (then the same products are
    /// summed in another order).
    @inline(__always)
    static func scatter(
        _ cnt: Int, _ t: S.Memory, _ st: Int, _ assign: Bool, _ x: (Int) -> S
    ) {
        var r = cnt
        switch (st == 1, assign) {
        case (true, true):
            while r > 0 {
                r &-= 1
                t[r] = x(r)
            }
        case (true, false):
            while r > 0 {
                r &-= 1
                t[r] = t[r] + x(r)
            }
        case (false, true):
            while r > 0 {
                r &-= 1
                t[r &* st] = x(r)
            }
        case (false, false):
            while r > 0 {
                r &-= 1
                t[r &* st] = t[r &* st] + x(r)
            }
        }
    }

    /// `Linearization.pullback` into two targets (which may be the same).
    @inline(__always)
    static func pull(_ lin: Linearization<S>, _ w: S, _ a: S.Memory, _ b: S.Memory) {
        switch lin.shape {
        case .zero: break
        case .identity: a[0] = a[0] + w
        case .negation: a[0] = a[0] - w
        case .sum:
            a[0] = a[0] + w
            b[0] = b[0] + w
        case .difference:
            a[0] = a[0] + w
            b[0] = b[0] - w
        case .scale: a[0] = a[0] + lin.p * w
        case .bilinear:
            a[0] = a[0] + lin.p * w
            b[0] = b[0] + lin.q * w
        }
    }

    // MARK: blocks

    /// Values of a block, chunk by chunk; slots that escape go to `v`. With `checkpoints`,
    /// the halo entering each chunk is saved for the reverse sweep.
    func forward(_ b: PlanBlock, checkpoints: S.Memory?, value: Bool) -> Bool {
        let p = b.period
        let h = b.halo
        let chunk = SweepPlan.chunk
        let (H, W) = (Self.H, Self.W)
        let columns = b.columns
        let escapes = b.escapes
        let links = b.haloLinks
        var c0 = 0
        var c = 0
        while c0 < b.reps {
            let cnt = Swift.min(chunk, b.reps - c0)
            if h > 0 {
                if c == 0 {
                    for link in links { valbuf[link.column * W + H - link.back] = v[link.slot] }
                } else {
                    for j in 0..<p {
                        let col = valbuf + j * W
                        for e in 1...h { col[H - e] = col[H + chunk - e] }
                    }
                }
                if let cps = checkpoints {
                    let dst = cps + c * p * h
                    for j in 0..<p {
                        for e in 1...h { dst[j * h + e - 1] = valbuf[j * W + H - e] }
                    }
                }
            }
            for j in 0..<p where value || columns[j].neededWithoutValue {
                guard forwardColumn(columns[j], j, c0, cnt) else { return false }
            }
            for j in 0..<p where value || columns[j].neededWithoutValue {
                let vals = valbuf + j * W + H
                if columns[j].escapeAll {
                    let dst = v + b.start + c0 * p + j
                    for r in 0..<cnt { dst[r &* p] = vals[r] }
                } else if !escapes[j].isEmpty {
                    let list = escapes[j]
                    var k = lowerBound(list, c0)
                    while k < list.count && list[k] < c0 + cnt {
                        let rep = list[k]
                        v[b.start + rep * p + j] = vals[rep - c0]
                        k += 1
                    }
                }
            }
            c0 += chunk
            c += 1
        }
        return true
    }

    /// The reverse sweep of a block: chunks descending, each recomputed from its checkpoint.
    func reverse(_ b: PlanBlock, checkpoints: S.Memory?) -> Bool {
        let p = b.period
        let h = b.halo
        let chunk = SweepPlan.chunk
        let (H, W) = (Self.H, Self.W)
        let chunks = (b.reps + chunk - 1) / chunk
        let columns = b.columns
        let escapes = b.escapes
        let links = b.haloLinks
        var c = chunks
        while c > 0 {
            c -= 1
            let c0 = c * chunk
            let cnt = Swift.min(chunk, b.reps - c0)
            if h > 0, let cps = checkpoints {
                let src = cps + c * p * h
                for j in 0..<p {
                    for e in 1...h { valbuf[j * W + H - e] = src[j * h + e - 1] }
                }
            }
            for j in 0..<p where columns[j].neededInReverse { _ = forwardColumn(columns[j], j, c0, cnt) }
            let carried = c < chunks - 1 && h > 0
            for j in 0..<p {
                let col = adjbuf + j * W
                if carried {
                    for e in 1...h { carry[j * h + e - 1] = col[H - e] }
                }
                if columns[j].clearAdjoint { (col + H - h).update(repeating: .zero, count: h + cnt) }
                if columns[j].escapeAll {
                    let src = adj + b.start + c0 * p + j
                    for r in 0..<cnt { col[H + r] = col[H + r] + src[r &* p] }
                } else if !escapes[j].isEmpty {
                    let list = escapes[j]
                    var k = lowerBound(list, c0)
                    while k < list.count && list[k] < c0 + cnt {
                        let rep = list[k]
                        col[H + rep - c0] = col[H + rep - c0] + adj[b.start + rep * p + j]
                        k += 1
                    }
                }
                if carried {
                    for e in 1...h { col[H + chunk - e] = col[H + chunk - e] + carry[j * h + e - 1] }
                }
            }
            var j = p
            while j > 0 {
                j -= 1
                guard reverseColumn(columns[j], j, c0, cnt) else { return false }
            }
            if c == 0 {
                for link in links {
                    adj[link.slot] = adj[link.slot] + adjbuf[link.column * W + H - link.back]
                }
            }
        }
        return true
    }

    // MARK: straight segments (the generic sweeps' loop bodies)

    /// `delta`: slot i's instruction is `code[i + delta]` (see `SweepPlan.straightDelta`).
    func forward(_ range: Range<Int>, delta: Int) -> Bool {
        for i in range {
            let ins = code[i + delta]
            do throws(ScalarError) {
                v[i] = try LocalPartials.value(of: ins, PlanSlotOperands(ins: ins, values: v, constants: cp, inputs: inputs))
                if ins.opcode == .branchGuard {
                    let (relation, expected) = ins.guardCondition
                    let sign = try S.compare(v[Int(ins.a)], v[Int(ins.b)])
                    if relation.holds(sign: sign) != expected { return false }
                }
            } catch {
                return false
            }
        }
        return true
    }

    func reverse(_ range: Range<Int>, delta: Int) -> Bool {
        var i = range.upperBound
        while i > range.lowerBound {
            i -= 1
            let w = adj[i]
            if w.isZero { continue }
            let ins = code[i + delta]
            do throws(ScalarError) {
                let lin = try LocalPartials.linearization(
                    of: ins, PlanSlotOperands(ins: ins, values: v, constants: cp, inputs: v), value: v[i])
                Self.pull(lin, w, adj + Int(ins.a), adj + Int(ins.b))
            } catch {
                return false
            }
        }
        return true
    }
}

@inline(__always)
func lowerBound(_ a: [Int], _ x: Int) -> Int {
    var lo = 0
    var hi = a.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if a[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

extension SweepPlan {
    /// f(x) and, with `weights`, wᵀJ(x) added into `gradient` (`tape.inputCount` values,
    /// cleared by the caller, who also checks that they are finite); nil where the generic
    /// sweeps must decide (errors, guards, non-finite numbers).
    ///
    /// With `value` false (and weights), the primal pass skips the columns only the value
    /// needs, and the value returned is empty.
    func run<S: PlanScalar>(
        _ tape: Tape, inputs: S.Memory, weights: [S]?, gradient: S.Memory?, workspace: Workspace?,
        value needValue: Bool = true
    ) -> [S]? {
        let n = tape.count
        let constants = tape.constants.map { S($0) }
        guard constants.allSatisfy(\.planIsFinite) else { return nil }
        let v = workspace.map { S.memory($0, 0, count: n) } ?? S.Memory.allocate(capacity: Swift.max(n, 1))
        let adj = workspace.map { S.memory($0, 1, count: n) } ?? S.Memory.allocate(capacity: Swift.max(n, 1))
        let placeholder = gradient == nil ? S.Memory.allocate(capacity: 1) : nil
        defer {
            if workspace == nil {
                v.deallocate()
                adj.deallocate()
            }
            placeholder?.deallocate()
        }
        guard let g = gradient ?? placeholder else { return nil }
        return straightCode.withUnsafeBufferPointer { code in
            guard let base = code.baseAddress else { return nil }
            return withBase(constants) { cp in
                PlanRun(plan: self, code: base, cp: cp, inputs: inputs, v: v, adj: adj, gradient: g)
                    .sweep(tape, gradient: weights, value: needValue)
            }
        }
    }

    /// ``run(_:inputs:weights:gradient:workspace:value:)`` over arrays: f(x) and, with
    /// `weights`, wᵀJ(x).
    func run<S: PlanScalar>(
        _ tape: Tape, point: [S], weights: [S]?, workspace: Workspace?, value needValue: Bool = true
    ) -> (value: [S], cotangent: [S]?)? {
        let count = weights == nil ? 0 : tape.inputCount
        var g = [S](repeating: .zero, count: count)
        let value: [S]? = S.withMemory(point) { x in
            S.withMutableMemory(&g) { gm in
                guard
                    let value = run(
                        tape, inputs: x, weights: weights, gradient: weights == nil ? nil : gm, workspace: workspace,
                        value: needValue)
                else { return nil }
                return weights == nil || S.allFinite(gm, count) ? value : nil
            }
        }
        guard let value else { return nil }
        return (value, weights == nil ? nil : g)
    }
}

extension PlanRun {
    /// The primal sweep, and with `weights` the reverse sweep into `gradient`; nil where
    /// the plan declines.
    func sweep(_ tape: Tape, gradient weights: [S]?, value needValue: Bool) -> [S]? {
        let backward = weights != nil
        var checkpoints = [S.Memory?](repeating: nil, count: plan.segments.count)
        defer { for c in checkpoints { c?.deallocate() } }
        for (k, s) in plan.segments.enumerated() {
            switch s {
            case .straight(let r):
                guard forward(r, delta: plan.straightDelta[k]) else { return nil }
            case .block(let b):
                if !b.hasOperands && !b.escapes.contains(where: { !$0.isEmpty }) && !b.columns.contains(where: \.escapeAll) {
                    continue  // loads inputs or constants nobody reads from the slot arrays
                }
                if backward && b.halo > 0 {
                    let chunks = (b.reps + SweepPlan.chunk - 1) / SweepPlan.chunk
                    checkpoints[k] = S.Memory.allocate(capacity: chunks * b.period * b.halo)
                }
                guard forward(b, checkpoints: checkpoints[k], value: needValue || weights == nil) else { return nil }
            }
        }
        let value = needValue || weights == nil ? tape.outputs.map { v[$0] } : []
        guard let weights else { return value }
        for r in plan.globalRanges { (adj + r.lowerBound).update(repeating: .zero, count: r.count) }
        for (r, slot) in tape.outputs.enumerated() { adj[slot] = adj[slot] + weights[r] }
        var k = plan.segments.count
        while k > 0 {
            k -= 1
            switch plan.segments[k] {
            case .straight(let r):
                guard reverse(r, delta: plan.straightDelta[k]) else { return nil }
            case .block(let b):
                if !b.hasOperands { continue }
                guard reverse(b, checkpoints: checkpoints[k]) else { return nil }
            }
        }
        for (slot, p) in zip(plan.inputSlots, plan.inputPayloads) {
            gradient[p] = gradient[p] + adj[slot]
        }
        return value
    }
}
