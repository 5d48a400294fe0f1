import Exact

// A dual number with up to four tangents, for Hessian-vector products in several
// directions in one forward-over-reverse sweep (the compressed Hessian's HVPs: one per
// colour). The primal part, and every partial the reverse sweep forms from it, is computed
// once for all directions; only the tangent parts are per direction.
//
// Every operation is `Dual`'s, lane by lane, in the same order of floating-point
// operations (the table's linearization applied to each lane), so each lane is bitwise the
// H·v that one `Dual<Double>` sweep gives. The lane count is a type (`BundleLanes`), so the
// unused lanes cost nothing once specialised, and the plan stores each lane as its own
// plane (`BundlePlanes`): its kernels stay loops over plain Doubles that vectorise across
// repetitions, as for `DualPlanes`.

/// How many tangents a `DualBundle` carries (1 to 4).
protocol BundleLanes {
    static var count: Int { get }
}

enum OneLane: BundleLanes { static var count: Int { 1 } }
enum TwoLanes: BundleLanes { static var count: Int { 2 } }
enum ThreeLanes: BundleLanes { static var count: Int { 3 } }
enum FourLanes: BundleLanes { static var count: Int { 4 } }

/// p + Σₗ tₗ·εₗ (εₗ·εₖ = 0) over Double, with `L.count` tangents; lanes past the count stay 0.
struct DualBundle<L: BundleLanes>: TapeScalar {
    var p: Double
    var t0: Double
    var t1: Double
    var t2: Double
    var t3: Double

    @inline(__always)
    init(_ p: Double, _ t0: Double = 0, _ t1: Double = 0, _ t2: Double = 0, _ t3: Double = 0) {
        self.p = p
        self.t0 = t0
        self.t1 = t1
        self.t2 = t2
        self.t3 = t3
    }

    init(_ value: Rational) { self.init(Double(value)) }

    static var zero: DualBundle { DualBundle(0) }
    static var one: DualBundle { DualBundle(1) }

    var isZero: Bool {
        p == 0 && t0 == 0 && (L.count < 2 || t1 == 0) && (L.count < 3 || t2 == 0) && (L.count < 4 || t3 == 0)
    }

    /// The lanes of `lin` applied to the tangents of a and b.
    @inline(__always)
    static func lanes(_ v: Double, _ lin: Linearization<Double>, _ a: DualBundle, _ b: DualBundle) -> DualBundle {
        var r = DualBundle(v, lin.tangent(a.t0, b.t0))
        if L.count > 1 { r.t1 = lin.tangent(a.t1, b.t1) }
        if L.count > 2 { r.t2 = lin.tangent(a.t2, b.t2) }
        if L.count > 3 { r.t3 = lin.tangent(a.t3, b.t3) }
        return r
    }

    /// One opcode through the table: primal by its value rule, each lane by its linearization.
    @inline(__always)
    static func applying(_ ins: Instruction, _ x: DualBundle, _ y: DualBundle, constant: Double = 0) throws(ScalarError)
        -> DualBundle
    {
        let o = ValueOperands(x.p, y.p, constant)
        let v = try LocalPartials.value(of: ins, o)
        return lanes(v, try LocalPartials.linearization(of: ins, o, value: v), x, y)
    }

    // The ring operations spelled out in the table's form (sum: ȧ + ḃ; product: b·ȧ + a·ḃ).
    @inline(__always)
    static func + (a: DualBundle, b: DualBundle) -> DualBundle {
        var r = DualBundle(a.p + b.p, a.t0 + b.t0)
        if L.count > 1 { r.t1 = a.t1 + b.t1 }
        if L.count > 2 { r.t2 = a.t2 + b.t2 }
        if L.count > 3 { r.t3 = a.t3 + b.t3 }
        return r
    }

    @inline(__always)
    static func - (a: DualBundle, b: DualBundle) -> DualBundle {
        var r = DualBundle(a.p - b.p, a.t0 - b.t0)
        if L.count > 1 { r.t1 = a.t1 - b.t1 }
        if L.count > 2 { r.t2 = a.t2 - b.t2 }
        if L.count > 3 { r.t3 = a.t3 - b.t3 }
        return r
    }

    @inline(__always)
    static func * (a: DualBundle, b: DualBundle) -> DualBundle {
        var r = DualBundle(a.p * b.p, b.p * a.t0 + a.p * b.t0)
        if L.count > 1 { r.t1 = b.p * a.t1 + a.p * b.t1 }
        if L.count > 2 { r.t2 = b.p * a.t2 + a.p * b.t2 }
        if L.count > 3 { r.t3 = b.p * a.t3 + a.p * b.t3 }
        return r
    }

    @inline(__always)
    static prefix func - (a: DualBundle) -> DualBundle {
        var r = DualBundle(-a.p, -a.t0)
        if L.count > 1 { r.t1 = -a.t1 }
        if L.count > 2 { r.t2 = -a.t2 }
        if L.count > 3 { r.t3 = -a.t3 }
        return r
    }

    func divided(by b: DualBundle) throws(ScalarError) -> DualBundle {
        try Self.applying(Instruction(.divide, 0, 1), self, b)
    }

    func raised(to n: Int) throws(ScalarError) -> DualBundle {
        if let k = Int32(exactly: n) { return try Self.applying(Instruction(.powerInteger, payload: k), self, self) }
        return try Self.applying(Instruction(.powerConstant), self, self, constant: Double(Rational(n)))
    }

    static func evaluate(_ f: UnaryFunction, _ x: DualBundle) throws(ScalarError) -> DualBundle {
        try applying(Instruction(f.opcode), x, x)
    }

    static func power(_ x: DualBundle, exponent y: DualBundle) throws(ScalarError) -> DualBundle {
        var constantExponent = y
        constantExponent.p = 0
        if constantExponent.isZero { return try applying(Instruction(.powerConstant), x, x, constant: y.p) }
        return try applying(Instruction(.power, 0, 1), x, y)
    }

    static func compare(_ a: DualBundle, _ b: DualBundle) throws(ScalarError) -> Int { try Double.compare(a.p, b.p) }

    var errorDescription: String { p.errorDescription }
}

/// A plan's memory for `DualBundle`s: one plane of primal parts and one per lane.
struct BundlePlanes<L: BundleLanes>: PlanMemory {
    let p: UnsafeMutablePointer<Double>
    let t0: UnsafeMutablePointer<Double>
    let t1: UnsafeMutablePointer<Double>
    let t2: UnsafeMutablePointer<Double>
    let t3: UnsafeMutablePointer<Double>

    @inline(__always)
    init(
        _ p: UnsafeMutablePointer<Double>, _ t0: UnsafeMutablePointer<Double>, _ t1: UnsafeMutablePointer<Double>,
        _ t2: UnsafeMutablePointer<Double>, _ t3: UnsafeMutablePointer<Double>
    ) {
        self.p = p
        self.t0 = t0
        self.t1 = t1
        self.t2 = t2
        self.t3 = t3
    }

    /// Planes laid out one after another from `base`, `stride` values each (lanes past the
    /// count alias the last used plane and are never touched).
    @inline(__always)
    init(base: UnsafeMutablePointer<Double>, stride: Int) {
        let lanes = L.count
        self.init(
            base, base + stride, base + Swift.min(2, lanes) * stride, base + Swift.min(3, lanes) * stride,
            base + Swift.min(4, lanes) * stride)
    }

    @inline(__always)
    subscript(_ i: Int) -> DualBundle<L> {
        get {
            DualBundle(p[i], t0[i], L.count > 1 ? t1[i] : 0, L.count > 2 ? t2[i] : 0, L.count > 3 ? t3[i] : 0)
        }
        nonmutating set {
            p[i] = newValue.p
            t0[i] = newValue.t0
            if L.count > 1 { t1[i] = newValue.t1 }
            if L.count > 2 { t2[i] = newValue.t2 }
            if L.count > 3 { t3[i] = newValue.t3 }
        }
    }

    @inline(__always) static func + (m: Self, k: Int) -> Self { Self(m.p + k, m.t0 + k, m.t1 + k, m.t2 + k, m.t3 + k) }
    @inline(__always) static func - (m: Self, k: Int) -> Self { Self(m.p - k, m.t0 - k, m.t1 - k, m.t2 - k, m.t3 - k) }

    static func allocate(capacity: Int) -> Self {
        let c = Swift.max(capacity, 1)
        return Self(base: .allocate(capacity: (1 + L.count) * c), stride: c)
    }

    func deallocate() { p.deallocate() }

    @inline(__always)
    func update(repeating value: DualBundle<L>, count: Int) {
        p.update(repeating: value.p, count: count)
        t0.update(repeating: value.t0, count: count)
        if L.count > 1 { t1.update(repeating: value.t1, count: count) }
        if L.count > 2 { t2.update(repeating: value.t2, count: count) }
        if L.count > 3 { t3.update(repeating: value.t3, count: count) }
    }
}

extension DualBundle: PlanScalar {
    typealias Memory = BundlePlanes<L>

    static func allFinite(_ m: BundlePlanes<L>, _ count: Int) -> Bool {
        Double.allFinite(m.p, count) && Double.allFinite(m.t0, count) && (L.count < 2 || Double.allFinite(m.t1, count))
            && (L.count < 3 || Double.allFinite(m.t2, count)) && (L.count < 4 || Double.allFinite(m.t3, count))
    }

    var planIsFinite: Bool { p.isFinite && t0.isFinite && t1.isFinite && t2.isFinite && t3.isFinite }

    static func memory(_ workspace: Workspace, _ i: Int, count: Int) -> BundlePlanes<L> {
        let n = Swift.max(count, 1)
        return BundlePlanes(base: workspace.memory(i, Double.self, count: (1 + L.count) * n), stride: n)
    }

    static func withMemory<R>(_ array: [DualBundle], _ body: (BundlePlanes<L>) -> R) -> R {
        var copy = array
        return withMutableMemory(&copy, body)
    }

    static func withMutableMemory<R>(_ array: inout [DualBundle], _ body: (BundlePlanes<L>) -> R) -> R {
        let m = BundlePlanes<L>.allocate(capacity: array.count)
        defer { m.deallocate() }
        for (i, x) in array.enumerated() { m[i] = x }
        let r = body(m)
        for i in array.indices { array[i] = m[i] }
        return r
    }
}
