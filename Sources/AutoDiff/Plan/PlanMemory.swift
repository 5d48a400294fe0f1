import Exact

// The memory layer of the sweep plan (`PlanSweeps.swift` runs it): how a plan stores the
// scalars it sweeps. Double in plain arrays; `Dual<Double>` (forward-over-reverse) as two
// planes, primal parts and tangents apart, so that the same generic kernels compile to
// loops over plain Doubles. `PlanScalar` is what a scalar must provide to be swept by a plan.

/// Where a plan keeps an array of scalars: pointer arithmetic and element access, nothing
/// more. Double uses a plain pointer; `Dual<Double>` uses two planes (`DualPlanes`), the
/// primal parts in one array and the tangents in another (structure of arrays), so that
/// every kernel below becomes loops over plain Doubles that the compiler vectorises
/// without shuffling interleaved pairs.
protocol PlanMemory {
    associatedtype Element
    subscript(_ i: Int) -> Element { get nonmutating set }
    static func + (p: Self, k: Int) -> Self
    static func - (p: Self, k: Int) -> Self
    /// Room for `capacity` elements (uninitialised; trivial types only).
    static func allocate(capacity: Int) -> Self
    /// Frees memory from `allocate` (only the pointer `allocate` returned).
    func deallocate()
    func update(repeating value: Element, count: Int)
}

extension UnsafeMutablePointer: PlanMemory where Pointee == Double {
    // Spelled out: the witness the compiler would derive from the standard subscript (which
    // also serves noncopyable pointees) fails to compile ("'self.subscript' is borrowed and
    // cannot be consumed", Swift 6.3).
    @inline(__always)
    subscript(_ i: Int) -> Double {
        get { (self + i).pointee }
        nonmutating set { (self + i).pointee = newValue }
    }
}

/// `Dual<Double>` values as two arrays: primal parts at `p`, tangents at `t`.
struct DualPlanes: PlanMemory {
    let p: UnsafeMutablePointer<Double>
    let t: UnsafeMutablePointer<Double>

    @inline(__always)
    init(_ p: UnsafeMutablePointer<Double>, _ t: UnsafeMutablePointer<Double>) {
        self.p = p
        self.t = t
    }

    @inline(__always)
    subscript(_ i: Int) -> Dual<Double> {
        get { Dual(p[i], t[i]) }
        nonmutating set {
            p[i] = newValue.primal
            t[i] = newValue.tangent
        }
    }

    @inline(__always) static func + (m: Self, k: Int) -> Self { Self(m.p + k, m.t + k) }
    @inline(__always) static func - (m: Self, k: Int) -> Self { Self(m.p - k, m.t - k) }

    static func allocate(capacity: Int) -> Self {
        let base = UnsafeMutablePointer<Double>.allocate(capacity: 2 * Swift.max(capacity, 1))
        return Self(base, base + Swift.max(capacity, 1))
    }

    func deallocate() { p.deallocate() }

    @inline(__always)
    func update(repeating value: Dual<Double>, count: Int) {
        p.update(repeating: value.primal, count: count)
        t.update(repeating: value.tangent, count: count)
    }
}

/// Scalars a plan can run over.
protocol PlanScalar: TapeScalar {
    associatedtype Memory: PlanMemory where Memory.Element == Self
    /// Whether all `count` values are finite (no ±∞, no NaN).
    static func allFinite(_ p: Memory, _ count: Int) -> Bool
    /// Whether the value is finite.
    var planIsFinite: Bool { get }
    /// Block `i` of a workspace as room for `count` values.
    static func memory(_ workspace: Workspace, _ i: Int, count: Int) -> Memory
    /// Runs `body` with the array's values in the plan's layout; `body` only reads them.
    static func withMemory<R>(_ array: [Self], _ body: (Memory) -> R) -> R
    /// Runs `body` with the array's values in the plan's layout; what `body` writes there
    /// ends up in the array.
    static func withMutableMemory<R>(_ array: inout [Self], _ body: (Memory) -> R) -> R
}

extension Double: PlanScalar {
    typealias Memory = UnsafeMutablePointer<Double>

    @inline(__always)
    static func allFinite(_ p: UnsafeMutablePointer<Double>, _ count: Int) -> Bool {
        // exponent all ones ⇔ (bits & E) + 2⁵² carries into the sign bit; branch-free, vectorises.
        var m: UInt64 = 0
        for r in 0..<count { m |= (p[r].bitPattern & 0x7FF0_0000_0000_0000) &+ 0x0010_0000_0000_0000 }
        return m & 0x8000_0000_0000_0000 == 0
    }

    var planIsFinite: Bool { isFinite }

    static func memory(_ workspace: Workspace, _ i: Int, count: Int) -> Memory {
        workspace.memory(i, Double.self, count: count)
    }

    static func withMemory<R>(_ array: [Double], _ body: (Memory) -> R) -> R {
        array.withUnsafeBufferPointer { b in withBase(b.baseAddress.map(UnsafeMutablePointer.init(mutating:)), body) }  // read only
    }

    static func withMutableMemory<R>(_ array: inout [Double], _ body: (Memory) -> R) -> R {
        array.withUnsafeMutableBufferPointer { b in withBase(b.baseAddress, body) }
    }

    /// `body(base)`, or `body` with a one-element scratch when the array is empty (no base address).
    private static func withBase<R>(_ base: Memory?, _ body: (Memory) -> R) -> R {
        if let base { return body(base) }
        let empty = Memory.allocate(capacity: 1)
        defer { empty.deallocate() }
        return body(empty)
    }
}

extension Dual: PlanScalar where Base == Double {
    typealias Memory = DualPlanes

    static func allFinite(_ m: DualPlanes, _ count: Int) -> Bool {
        Double.allFinite(m.p, count) && Double.allFinite(m.t, count)
    }

    var planIsFinite: Bool { primal.isFinite && tangent.isFinite }

    static func memory(_ workspace: Workspace, _ i: Int, count: Int) -> DualPlanes {
        let n = Swift.max(count, 1)
        let base = workspace.memory(i, Double.self, count: 2 * n)
        return DualPlanes(base, base + n)
    }

    /// Copies the pairs into two planes (the plan's own entry for H·v, `planHVPDouble`, needs no copy).
    static func withMemory<R>(_ array: [Dual<Double>], _ body: (DualPlanes) -> R) -> R {
        var copy = array
        return withMutableMemory(&copy, body)
    }

    static func withMutableMemory<R>(_ array: inout [Dual<Double>], _ body: (DualPlanes) -> R) -> R {
        let m = DualPlanes.allocate(capacity: array.count)
        defer { m.deallocate() }
        for (i, x) in array.enumerated() { m[i] = x }
        let r = body(m)
        for i in array.indices { array[i] = m[i] }
        return r
    }
}

/// Operands of a straight-segment instruction, read from the plan's slot memory.
struct PlanSlotOperands<S: PlanScalar>: OperandSource {
    let ins: Instruction
    let values: S.Memory
    let constants: UnsafePointer<S>
    let inputs: S.Memory

    @inline(__always) var a: S { values[Int(ins.a)] }
    @inline(__always) var b: S { values[Int(ins.b)] }
    @inline(__always) func constant(_ k: Int) -> S { constants[k] }
    @inline(__always) func input(_ k: Int) -> S { inputs[k] }
}
