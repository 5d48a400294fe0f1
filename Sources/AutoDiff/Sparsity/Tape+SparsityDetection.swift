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
// Cost: one pass over the tape. Sets are sorted arrays of input indices; a slot's set is
// dropped after its last use, and handed on without a copy to the instruction that uses it
// last, which merges the other operand into it only from the first index where they
// differ. So an accumulation s = s + tᵢ over n terms costs O(n) in all, not O(n²). Only
// the slots the result needs are visited (for the Hessian: those that feed a nonlinear
// instruction the output depends on).

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
        let live = liveSlots()
        var sweep = IndexSetSweep(tape: self, needed: live, visited: live)
        sweep.run(recordingInteractionsOf: nil)
        let rows = outputs.map { sweep.sets[$0] }
        var starts = [0]
        var indices: [Int] = []
        for r in rows {
            indices.append(contentsOf: r.lazy.map { Int($0) })
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
        let live = liveSlots()
        var needed = [Bool](repeating: false, count: count)
        var visited = [Bool](repeating: false, count: count)
        for i in stride(from: count - 1, through: 0, by: -1) where needed[i] || (live[i] && interaction(of: i) != .none) {
            visited[i] = true
            let ins = instructions[i]
            if ins.operandCount >= 1 { needed[Int(ins.a)] = true }
            if ins.operandCount == 2 { needed[Int(ins.b)] = true }
        }
        var interactions = InteractionRows(inputCount)
        var sweep = IndexSetSweep(tape: self, needed: needed, visited: visited)
        sweep.run(recordingInteractionsOf: live, into: &interactions)
        var starts = [0]
        var indices: [Int] = []
        for j in 0..<inputCount {
            interactions.compact(j)
            indices.append(contentsOf: interactions.rows[j].lazy.map { Int($0) })
            starts.append(indices.count)
        }
        return SparsityPattern(unchecked: inputCount, inputCount, starts, indices)
    }

    /// Slots the outputs depend on (through operands; guards carry no derivative).
    func liveSlots() -> [Bool] {
        var live = [Bool](repeating: false, count: count)
        for o in outputs { live[o] = true }
        for i in stride(from: count - 1, through: 0, by: -1) where live[i] {
            let ins = instructions[i]
            if ins.opcode == .branchGuard { continue }
            if ins.operandCount >= 1 { live[Int(ins.a)] = true }
            if ins.operandCount == 2 { live[Int(ins.b)] = true }
        }
        return live
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
enum Interaction {
    case none, unary, product, quotient, general
}

/// Per input j, the inputs k with a nonlinear interaction (j, k), with repeats until compacted.
struct InteractionRows {
    var rows: [[Int32]]
    let limit: Int

    init(_ n: Int) {
        rows = [[Int32]](repeating: [], count: n)
        limit = 2 * n + 16
    }

    mutating func compact(_ j: Int) {
        rows[j].sort()
        rows[j].removeAdjacentDuplicates()
    }

    /// Adds every pair of A × B and B × A.
    mutating func add(_ a: [Int32], _ b: [Int32]) {
        if a.isEmpty || b.isEmpty { return }
        for j in a { append(Int(j), b) }
        if a != b { for k in b { append(Int(k), a) } }
    }

    private mutating func append(_ j: Int, _ s: [Int32]) {
        rows[j].append(contentsOf: s)
        if rows[j].count > limit { compact(j) }
    }
}

/// The forward propagation of index sets over the slots marked `needed`.
struct IndexSetSweep {
    let tape: Tape
    let needed: [Bool]
    /// The set of each needed slot (empty once dropped after its last use).
    var sets: [[Int32]]
    /// The last instruction that reads each slot (Int.max for outputs, which are kept).
    let lastUse: [Int]

    /// `needed`: the slots whose sets are computed; `visited`: the instructions that read
    /// sets (the needed ones and those whose interactions are recorded).
    init(tape: Tape, needed: [Bool], visited: [Bool]) {
        self.tape = tape
        self.needed = needed
        sets = [[Int32]](repeating: [], count: tape.count)
        var last = [Int](repeating: -1, count: tape.count)
        for (i, ins) in tape.instructions.enumerated() where visited[i] {
            if ins.operandCount >= 1 { last[Int(ins.a)] = i }
            if ins.operandCount == 2 { last[Int(ins.b)] = i }
        }
        for o in tape.outputs { last[o] = Int.max }
        lastUse = last
    }

    mutating func run(recordingInteractionsOf live: [Bool]?) {
        var none = InteractionRows(0)
        run(recordingInteractionsOf: nil, into: &none)
    }

    /// Computes the sets; with `live`, records the interactions of live nonlinear instructions.
    mutating func run(recordingInteractionsOf live: [Bool]?, into rows: inout InteractionRows) {
        for (i, ins) in tape.instructions.enumerated() {
            let interacts = live?[i] == true && tape.interaction(of: i) != .none
            guard needed[i] || interacts else { continue }
            switch ins.opcode {
            case .input:
                if needed[i] { sets[i] = [Int32(ins.payload)] }
                continue
            case .constant, .branchGuard:
                continue
            case .add, .subtract, .multiply, .divide, .negate, .addConstant, .subtractFromConstant, .multiplyConstant,
                .square, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan,
                .asin, .acos, .sinh, .cosh, .tanh, .abs:
                break
            }
            let a = Int(ins.a)
            let b = Int(ins.b)
            if interacts {
                switch tape.interaction(of: i) {
                case .none: break
                case .unary: rows.add(sets[a], sets[a])
                case .product: rows.add(sets[a], sets[b])
                case .quotient:
                    rows.add(sets[a], sets[b])
                    rows.add(sets[b], sets[b])
                case .general:
                    let u = Self.union(sets[a], sets[b])
                    rows.add(u, u)
                }
            }
            guard needed[i] else { continue }
            if ins.operandCount == 2 && a != b {
                let sa = take(a, at: i)
                let sb = take(b, at: i)
                sets[i] = Self.union(consume sa, consume sb)
            } else {
                sets[i] = take(a, at: i)
            }
        }
    }

    /// Slot k's set; moved out (so that it can be extended in place) at its last use.
    private mutating func take(_ k: Int, at i: Int) -> [Int32] {
        if lastUse[k] == i {
            var s: [Int32] = []
            swap(&s, &sets[k])
            return s
        }
        return sets[k]
    }

    /// A ∪ B, sorted, extending the larger set in place from where the smaller begins.
    static func union(_ x: consuming [Int32], _ y: consuming [Int32]) -> [Int32] {
        var a: [Int32]
        let b: [Int32]
        if x.count >= y.count {
            a = consume x
            b = consume y
        } else {
            a = consume y
            b = consume x
        }
        if b.isEmpty || a == b { return a }
        guard let first = b.first else { return a }
        // a[p...] are the elements ≥ b's first; only they are merged.
        var lo = 0
        var hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < first { lo = mid + 1 } else { hi = mid }
        }
        let p = lo
        if p == a.count {
            a.append(contentsOf: b)
            return a
        }
        var merged: [Int32] = []
        merged.reserveCapacity(a.count - p + b.count)
        var i = p
        var j = 0
        while i < a.count && j < b.count {
            let u = a[i]
            let v = b[j]
            if u < v {
                merged.append(u)
                i += 1
            } else if v < u {
                merged.append(v)
                j += 1
            } else {
                merged.append(u)
                i += 1
                j += 1
            }
        }
        if i < a.count { merged.append(contentsOf: a[i...]) }
        if j < b.count { merged.append(contentsOf: b[j...]) }
        if merged.count == a.count - p { return a }  // b ⊆ a
        a.replaceSubrange(p..., with: merged)
        return a
    }
}
