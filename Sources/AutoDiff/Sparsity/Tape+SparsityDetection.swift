// Structural sparsity from a tape, without a point.
//
// Jacobian: forward propagation of index sets (Griewank & Walther, "Evaluating
// Derivatives", 2nd ed., §7.1): the set of slot i is the set of inputs it depends on, the
// union of its operands' sets; row r of J may be nonzero only in the columns of output r's set.
//
// Hessian: propagation of nonlinear interactions (A. Walther, "Computing sparse Hessians
// with automatic differentiation", ACM TOMS 34 (2008)): ∂²f/∂xⱼ∂xₖ can be nonzero only if
// some instruction that f depends on is nonlinear in operands that depend on xⱼ and xₖ:
//
//     v = φ(a)  (sin, a², 1/a, …)   pairs S_a × S_a
//     v = a·b                        pairs S_a × S_b and S_b × S_a
//     v = a/b                        pairs S_a × S_b, S_b × S_a, S_b × S_b
//     v = aᵇ                         pairs (S_a ∪ S_b)²
//     linear (±, c·a, a + c, |a|)    none (|a| has second derivative 0 wherever it has one)
//
// Both are structural: cancellation (x·y − y·x) is not seen, so the pattern contains the
// exact one (Function's exact patterns remove such entries symbolically).
//
// Cost: one backward pass (which slots the result needs, and where each is read last)
// and one forward pass over the tape, with the sets in flat, shared storage
// (`IndexSetPool`: no allocation per instruction; an accumulation s = s + tᵢ over n terms
// costs O(n) in all) and the Hessian's interactions as a flat list of pairs
// (`InteractionPairs`). Only the slots the result needs are visited (for the Hessian:
// those that feed a nonlinear instruction the output depends on).

extension Tape {
    /// The structural sparsity pattern of the Jacobian (m × n): (i, j) is an entry when
    /// output i depends on input j through the tape, whatever the point.
    ///
    ///     // f(x, y, z) = (x·y, sin z):
    ///     tape.jacobianPattern().drawing   // "x x .\n. . x"
    ///
    /// It contains the pattern of J(a) at every point a (an entry may still be zero at
    /// some point, or cancel everywhere). One pass over the tape.
    public func jacobianPattern() -> SparsityPattern {
        let marks = SparsityMarks(self, hessian: false)
        var sweep = IndexSetSweep(tape: self, marks: marks)
        var none = InteractionPairs(inputCount: 0)
        sweep.run(recording: &none)
        var starts = [0]
        var indices: [Int] = []
        for o in outputs {
            indices.append(contentsOf: sweep.pool.elements(sweep.sets[o], lane: 0).lazy.map { Int($0) })
            starts.append(indices.count)
        }
        return SparsityPattern(unchecked: outputCount, inputCount, starts, indices)
    }

    /// The structural sparsity pattern of the Hessian (n × n, symmetric) of a scalar-valued
    /// tape: (j, k) is an entry when some instruction the output depends on is nonlinear in
    /// operands that depend on xⱼ and xₖ (Walther's nonlinear interactions).
    ///
    ///     // f(x, y, z) = x·y + sin(z):
    ///     try tape.hessianPattern().drawing   // ". x .\nx . .\n. . x"
    ///
    /// It contains the pattern of H(a) at every point. One pass over the tape.
    ///
    /// - Throws: ``TapeError/notScalarValued(outputs:)``.
    public func hessianPattern() throws(TapeError) -> SparsityPattern {
        if outputCount != 1 { throw .notScalarValued(outputs: outputCount) }
        let marks = SparsityMarks(self, hessian: true)
        var sweep = IndexSetSweep(tape: self, marks: marks)
        var pairs = InteractionPairs(inputCount: inputCount)
        sweep.run(recording: &pairs)
        return pairs.pattern()
    }

    /// Which second-order interaction instruction i creates (the table in the file header).
    func interaction(of i: Int) -> Interaction {
        let ins = instructions[i]
        switch ins.opcode {
        case .input, .constant, .branchGuard, .add, .subtract, .negate, .addConstant, .subtractFromConstant,
            .multiplyConstant, .abs:
            return .none
        case .multiply: return .product
        case .divide: return .quotient
        case .power: return .general
        case .powerInteger: return ins.payload == 0 || ins.payload == 1 ? .none : .unary
        case .powerConstant:
            let c = constants[Int(ins.payload)]
            return c == 0 || c == 1 ? .none : .unary
        case .square, .reciprocal, .sin, .cos, .tan, .exp, .log, .sqrt, .atan, .asin, .acos, .sinh, .cosh, .tanh:
            return .unary
        }
    }
}

/// The second-order interaction of one instruction (see the file header).
enum Interaction: UInt8 {
    case none, unary, product, quotient, general
}

/// What the sparsity sweep visits, found in one backward pass: per slot whether the
/// outputs depend on it (`live`), whether its set is computed (`needed`), the interaction
/// of a live nonlinear instruction (recorded by the sweep), and the last instruction that
/// reads its set.
struct SparsityMarks {
    static let live: UInt8 = 1
    static let needed: UInt8 = 2
    /// Bits 2…4 of a slot's flags: its `Interaction` (0: none, or not live).
    static let interactionShift: UInt8 = 2
    /// Flags per slot.
    var flags: [UInt8]
    /// The last instruction that reads each slot's set (UInt32.max: kept to the end, or never read).
    var lastUse: [UInt32]

    @inline(__always)
    static func interaction(_ flags: UInt8) -> Interaction {
        Interaction(rawValue: flags >> interactionShift) ?? .none
    }

    /// Jacobian (`hessian` false): every live slot is needed. Hessian: a slot is needed when
    /// a live nonlinear instruction reads it, directly or through needed slots.
    init(_ tape: Tape, hessian: Bool) {
        let count = tape.count
        var flags = [UInt8](repeating: 0, count: count)
        var lastUse = [UInt32](repeating: .max, count: count)
        for o in tape.outputs { flags[o] |= Self.live | (hessian ? 0 : Self.needed) }
        tape.instructions.withUnsafeBufferPointer { code in
            flags.withUnsafeMutableBufferPointer { f in
                lastUse.withUnsafeMutableBufferPointer { last in
                    var i = count
                    while i > 0 {
                        i -= 1
                        let ins = code[i]
                        if f[i] & Self.live == 0 { continue }
                        if ins.opcode == .branchGuard { continue }  // guards carry no derivative
                        let kind = hessian ? tape.interaction(of: i) : .none
                        f[i] |= kind.rawValue << Self.interactionShift
                        let visited = f[i] & Self.needed != 0 || kind != .none
                        let operandFlags = Self.live | (visited ? Self.needed : 0)
                        let a = Int(ins.a)
                        let b = Int(ins.b)
                        if ins.operandCount >= 1 {
                            f[a] |= operandFlags
                            if visited && last[a] == .max { last[a] = UInt32(i) }
                        }
                        if ins.operandCount == 2 {
                            f[b] |= operandFlags
                            if visited && last[b] == .max { last[b] = UInt32(i) }
                        }
                    }
                }
            }
        }
        // Outputs keep their sets to the end (the Jacobian's rows are read from them).
        for o in tape.outputs { lastUse[o] = .max }
        self.flags = flags
        self.lastUse = lastUse
    }
}

/// The forward propagation of index sets over the needed slots, recording the
/// interactions of the live nonlinear instructions (Hessian) on the way.
struct IndexSetSweep {
    let tape: Tape
    let marks: SparsityMarks
    let pool: IndexSetPool
    /// The set code of each slot (`IndexSetPool`; −1: empty, or released after its last use).
    var sets: [Int32]

    init(tape: Tape, marks: SparsityMarks) {
        self.tape = tape
        self.marks = marks
        pool = IndexSetPool(expectedEntries: 2 * tape.inputCount)
        sets = [Int32](repeating: IndexSetPool.empty, count: tape.count)
    }

    mutating func run(recording pairs: inout InteractionPairs) {
        let pool = pool
        let tape = tape
        let marks = marks
        var union: [Int32] = []
        var sets: [Int32] = []
        swap(&sets, &self.sets)  // one exclusive access for the whole loop
        defer { swap(&sets, &self.sets) }
        let interesting = SparsityMarks.needed | (7 << SparsityMarks.interactionShift)
        tape.instructions.withUnsafeBufferPointer { code in
            marks.flags.withUnsafeBufferPointer { flags in
                marks.lastUse.withUnsafeBufferPointer { last in
                    sets.withUnsafeMutableBufferPointer { sets in
                        for i in 0..<code.count {
                            let f = flags[i]
                            if f & interesting == 0 { continue }
                            let ins = code[i]
                            switch ins.opcode {
                            case .input:
                                sets[i] = IndexSetPool.singleton(ins.payload)
                                continue
                            case .constant, .branchGuard:
                                continue
                            case .add, .subtract, .multiply, .divide, .negate, .addConstant, .subtractFromConstant,
                                .multiplyConstant, .square, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos,
                                .tan, .exp, .log, .sqrt, .atan, .asin, .acos, .sinh, .cosh, .tanh, .abs:
                                break
                            }
                            let a = Int(ins.a)
                            let b = ins.operandCount == 2 ? Int(ins.b) : a
                            let sa = sets[a]
                            let sb = sets[b]
                            let kind = SparsityMarks.interaction(f)
                            if kind != .none { Self.record(kind, sa, sb, pool, &union, into: &pairs) }
                            let i32 = UInt32(i)
                            if f & SparsityMarks.needed != 0 {
                                sets[i] = pool.union(
                                    sa, sb, ownsA: last[a] == i32 && pool.isHeldOnce(sa),
                                    ownsB: last[b] == i32 && pool.isHeldOnce(sb))
                            }
                            if last[a] == i32 {
                                pool.release(sa)
                                sets[a] = IndexSetPool.empty
                            }
                            if b != a && last[b] == i32 {
                                pool.release(sb)
                                sets[b] = IndexSetPool.empty
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds the pairs of one nonlinear instruction (the table in the file header).
    static func record(
        _ kind: Interaction, _ sa: Int32, _ sb: Int32, _ pool: IndexSetPool, _ union: inout [Int32],
        into pairs: inout InteractionPairs
    ) {
        let a = pool.elements(sa, lane: 0)
        let b = pool.elements(sb, lane: 1)
        let serials = (pool.serial(sa), pool.serial(sb))
        switch kind {
        case .none: break
        case .unary: pairs.addProduct(a, a, serials: (serials.0, serials.0))
        case .product: pairs.addProduct(a, b, serials: serials)
        case .quotient:
            pairs.addProduct(a, b, serials: serials)
            pairs.addProduct(b, b, serials: (serials.1, serials.1))
        case .general:
            union.removeAll(keepingCapacity: true)
            var i = 0
            var j = 0
            while i < a.count || j < b.count {
                if j == b.count || (i < a.count && a[i] < b[j]) {
                    union.append(a[i])
                    i += 1
                } else if i == a.count || b[j] < a[i] {
                    union.append(b[j])
                    j += 1
                } else {
                    union.append(a[i])
                    i += 1
                    j += 1
                }
            }
            pairs.addUnionSquare(union, serials: serials)
        }
    }
}
