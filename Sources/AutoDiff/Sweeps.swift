import Exact

// The three loops every tape operation is made of: the primal sweep (values), the
// forward sweep (values and k tangents per slot) and the reverse sweep (adjoints).
//
// They are written once, generic over the scalar, on raw pointers: the body of each is a
// single switch (inside `LocalPartials`) over a contiguous `[Instruction]`, with no
// reference counting for trivial scalars, no existential and no closure. `@inlinable`
// lets every caller, in this module or another, specialise them (for Double: plain loads,
// stores and floating-point arithmetic).

/// Memory for one value per slot, initialised front to back; whatever was initialised is
/// deinitialised when the buffer goes away, also when a sweep stops on an error. The
/// memory is borrowed from a ``Workspace`` when one is given, else allocated.
@usableFromInline
struct SlotBuffer<S>: ~Copyable {
    @usableFromInline let base: UnsafeMutablePointer<S>
    @usableFromInline var initialized: Int
    @usableFromInline let owned: Bool

    @inlinable
    init(capacity: Int, workspace: Workspace? = nil, block: Int = 0) {
        if let workspace {
            base = workspace.memory(block, S.self, count: capacity)
            owned = false
        } else {
            base = .allocate(capacity: Swift.max(capacity, 1))
            owned = true
        }
        initialized = 0
    }

    /// A buffer of `count` copies of `value`.
    @inlinable
    init(repeating value: S, count: Int, workspace: Workspace? = nil, block: Int = 0) {
        self.init(capacity: count, workspace: workspace, block: block)
        base.initialize(repeating: value, count: count)
        initialized = count
    }

    @inlinable
    deinit {
        base.deinitialize(count: initialized)
        if owned { base.deallocate() }
    }
}

/// Memory that sweeps reuse from one call to the next, so that a large tape does not
/// allocate (and page in) its value and adjoint arrays on every call.
///
///     let workspace = Workspace()
///     for x in points { g = try tape.gradient(at: x, workspace: workspace) }
///
/// A workspace serves every scalar type; it holds no values between calls. Use one per
/// thread: it is not `Sendable`.
public final class Workspace {
    @usableFromInline var blocks: [UnsafeMutableRawPointer?] = [nil, nil]
    @usableFromInline var sizes: [Int] = [0, 0]

    /// An empty workspace; memory is allocated on first use and kept.
    public init() {}

    deinit {
        for b in blocks { b?.deallocate() }
    }

    /// Block `i`, with room for `count` values of `S`, bound to `S`.
    @inlinable
    func memory<S>(_ i: Int, _ type: S.Type, count: Int) -> UnsafeMutablePointer<S> {
        let bytes = Swift.max(count, 1) * MemoryLayout<S>.stride
        while blocks.count <= i {  // blocks past the sweeps' two (the compressed Hessian's planes)
            blocks.append(nil)
            sizes.append(0)
        }
        if sizes[i] < bytes || blocks[i] == nil {
            blocks[i]?.deallocate()
            blocks[i] = .allocate(byteCount: bytes, alignment: 64)
            sizes[i] = bytes
        }
        return blocks[i]!.bindMemory(to: S.self, capacity: Swift.max(count, 1))
    }
}

/// Runs `body` with the array's base address (a valid address even when it is empty).
@inlinable
func withBase<S: ScalarField, R, E: Error>(
    _ array: [S], _ body: (UnsafePointer<S>) throws(E) -> R
) throws(E) -> R {
    try array.withUnsafeBufferPointer { (buffer) throws(E) -> R in
        if let p = buffer.baseAddress { return try body(p) }
        var placeholder = S.zero
        return try withUnsafePointer(to: &placeholder) { (p) throws(E) -> R in try body(p) }
    }
}

@usableFromInline
enum Sweep {
    /// Whether a guard's recorded outcome still holds at the current values.
    @inlinable @inline(__always)
    static func guardHolds<S: TapeScalar>(_ ins: Instruction, _ v: UnsafePointer<S>) throws(ScalarError) -> Bool {
        let (relation, expected) = ins.guardCondition
        let sign = try S.compare(v[Int(ins.a)], v[Int(ins.b)])
        return relation.holds(sign: sign) == expected
    }

    /// Which slots' values a gradient needs (a reverse sweep from the outputs, nothing else):
    /// those its reverse rules read (``Opcode/reverseReads``), those whose instruction may
    /// fail or is a guard (so that errors are reported as by a full primal sweep), and, for
    /// each of them, its operands. The rest (sums, differences, scalings that only feed the
    /// output) is skipped: over exact scalars, a running sum's value is the largest number
    /// of the whole sweep, and no derivative reads it.
    ///
    ///     // x·y + (x + y): the slot x + y is not needed, x and y are (the product reads them)
    @inlinable
    static func valuesNeededForGradient(_ code: UnsafeBufferPointer<Instruction>) -> [Bool] {
        var needed = [Bool](repeating: false, count: code.count)
        var i = code.count
        while i > 0 {
            i -= 1
            let op = code[i].opcode
            let reads = op.reverseReads
            if !op.isTotal || reads.own { needed[i] = true }
            if op == .input || op == .constant { continue }
            if needed[i] || reads.operands {
                needed[Int(code[i].a)] = true
                needed[Int(code[i].b)] = true
            }
        }
        return needed
    }

    /// vᵢ for every slot, in order. On return `initialized` counts the slots written (all
    /// of them, unless it throws). With `needed`, a slot whose flag is false is set to zero
    /// instead of computed (see ``valuesNeededForGradient(_:)``).
    ///
    /// - Throws: ``TapeError/domain(_:instruction:source:)`` and
    ///   ``TapeError/guardViolated(instruction:source:)``, without sources (the tape adds them).
    @inlinable
    static func primal<S: TapeScalar>(
        _ code: UnsafeBufferPointer<Instruction>, inputs: UnsafePointer<S>, constants: UnsafePointer<S>,
        values v: UnsafeMutablePointer<S>, initialized: inout Int, needed: UnsafePointer<Bool>? = nil
    ) throws(TapeError) {
        var i = 0
        let n = code.count
        while i < n {
            let ins = code[i]
            if let needed, !needed[i] {
                (v + i).initialize(to: .zero)
                initialized = i + 1
                i += 1
                continue
            }
            var holds = true
            do throws(ScalarError) {
                (v + i).initialize(to: try LocalPartials.value(of: ins, values: v, constants: constants, inputs: inputs))
                initialized = i + 1
                try S.checkSize(v[i])
                if ins.opcode == .branchGuard { holds = try guardHolds(ins, v) }
            } catch {
                throw .domain(error, instruction: i, source: nil)
            }
            if !holds { throw .guardViolated(instruction: i, source: nil) }
            i += 1
        }
    }

    /// Values and k tangents per slot: tᵢ,ⱼ = Lᵢ(t_a,ⱼ, t_b,ⱼ), with Lᵢ the table's
    /// linearization and input p seeded with `seeds[p·k + j]`. Tangents are stored slot-major
    /// (`tangents[i·k + j]`). Both buffers are initialised in step.
    @inlinable
    static func forward<S: TapeScalar>(
        _ code: UnsafeBufferPointer<Instruction>, inputs: UnsafePointer<S>, seeds: UnsafePointer<S>, k: Int,
        constants: UnsafePointer<S>, values v: UnsafeMutablePointer<S>, valuesInitialized: inout Int,
        tangents t: UnsafeMutablePointer<S>, tangentsInitialized: inout Int
    ) throws(TapeError) {
        var i = 0
        let n = code.count
        while i < n {
            let ins = code[i]
            var holds = true
            do throws(ScalarError) {
                let x = try LocalPartials.value(of: ins, values: v, constants: constants, inputs: inputs)
                (v + i).initialize(to: x)
                valuesInitialized = i + 1
                try S.checkSize(x)
                if ins.opcode == .branchGuard { holds = try guardHolds(ins, v) }
                let out = t + i * k
                if ins.opcode == .input {
                    out.initialize(from: seeds + Int(ins.payload) * k, count: k)
                } else {
                    let lin = try LocalPartials.linearization(of: ins, values: v, value: x, constants: constants)
                    let ta = t + Int(ins.a) * k
                    let tb = t + Int(ins.b) * k
                    for j in 0..<k { (out + j).initialize(to: lin.tangent(ta[j], tb[j])) }
                }
                tangentsInitialized = (i + 1) * k
                for j in 0..<k { try S.checkSize(out[j]) }
            } catch {
                throw .domain(error, instruction: i, source: nil)
            }
            if !holds { throw .guardViolated(instruction: i, source: nil) }
            i += 1
        }
    }

    /// The reverse sweep: with the adjoints of the outputs seeded in `adjoint` (all other
    /// slots zero) and every slot's value in `values`, walks the tape backwards applying
    /// each instruction's transposed linearization. Afterwards `adjoint[i]` is ∂(wᵀf)/∂vᵢ;
    /// for input slots, the gradient entries.
    @inlinable
    static func reverse<S: TapeScalar>(
        _ code: UnsafeBufferPointer<Instruction>, constants: UnsafePointer<S>, values v: UnsafePointer<S>,
        adjoint: UnsafeMutablePointer<S>
    ) throws(TapeError) {
        var i = code.count
        while i > 0 {
            i -= 1
            let w = adjoint[i]
            if w.isZero { continue }
            let ins = code[i]
            do throws(ScalarError) {
                let lin = try LocalPartials.linearization(of: ins, values: v, value: v[i], constants: constants)
                lin.pullback(w, into: adjoint, Int(ins.a), Int(ins.b))
                switch lin.shape {  // the adjoints just written
                case .zero: break
                case .identity, .negation, .scale: try S.checkSize(adjoint[Int(ins.a)])
                case .sum, .difference, .bilinear:
                    try S.checkSize(adjoint[Int(ins.a)])
                    try S.checkSize(adjoint[Int(ins.b)])
                }
            } catch {
                throw .domain(error, instruction: i, source: nil)
            }
        }
    }

    /// Sums the adjoints of the input slots into the gradient (an input may occur in more
    /// than one slot).
    @inlinable
    static func gatherInputs<S: TapeScalar>(
        _ code: UnsafeBufferPointer<Instruction>, adjoint: UnsafePointer<S>, inputCount: Int
    ) -> [S] {
        var g = [S](repeating: .zero, count: inputCount)
        for i in 0..<code.count where code[i].opcode == .input {
            let p = Int(code[i].payload)
            g[p] += adjoint[i]
        }
        return g
    }
}

extension Tape {
    /// Adds this tape's source text to an error raised by a sweep.
    @usableFromInline
    func withSource(_ e: TapeError) -> TapeError {
        switch e {
        case .domain(let s, let i, nil): error(s, at: i)
        case .guardViolated(let i, nil): guardError(at: i)
        case .domain, .guardViolated, .comparisonWithoutPoint, .dimensionMismatch, .notScalarValued, .unknownVariable,
            .malformed, .taylorOrder:
            e
        }
    }
}
