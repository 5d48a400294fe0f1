import Exact

// The tape engine's own table of derivative rules: for every opcode, the value rule and
// the local partials ∂vᵢ/∂v_a, ∂vᵢ/∂v_b, each written exactly once.
//
// Why this table exists apart from the symbolic engine's (Derivatives/ElementaryDerivatives):
// Jacobi checks its two engines against each other, and that agreement means something
// only if they share no rule. A wrong rule written once and used by both engines would
// make them agree on a wrong answer. So AutoDiff never imports Derivatives (the package
// manifest enforces it), and the calculus is written twice, independently, here as
// numeric rules over a scalar, there as rewrite rules over expressions.
//
// Reverse mode is the transpose of forward mode (Griewank & Walther, "Evaluating
// Derivatives", 2nd ed., ch. 3–4; JAX's `ad.py` derives transposes from linear JVP
// rules the same way): the table gives each instruction's derivative as a small linear
// map (`Linearization`), forward mode applies it to the operands' tangents, reverse mode
// applies its transpose to the instruction's adjoint. Neither sweep knows any calculus.

/// The derivative of one instruction at a point, as a linear map from its operands'
/// tangents (ȧ, ḃ) to its own tangent. Shapes with unit coefficients are kept apart so
/// that sweeps do not multiply by ±1.
///
/// A struct of a shape tag and two coefficients rather than an enum with payloads: it
/// stays in registers, and after inlining the compiler folds the shape switch into the
/// opcode switch of the sweep.
@frozen
public struct Linearization<S: ScalarField> {
    /// The form of the map.
    public enum Shape: UInt8, Sendable {
        /// No dependence on operands (inputs, constants, guards).
        case zero
        /// ȧ.
        case identity
        /// −ȧ.
        case negation
        /// ȧ + ḃ.
        case sum
        /// ȧ − ḃ.
        case difference
        /// p·ȧ.
        case scale
        /// p·ȧ + q·ḃ.
        case bilinear
    }

    public var shape: Shape
    /// The coefficient of ȧ (`scale`, `bilinear`).
    public var p: S
    /// The coefficient of ḃ (`bilinear`).
    public var q: S

    @inlinable @inline(__always)
    init(_ shape: Shape, _ p: S, _ q: S) {
        self.shape = shape
        self.p = p
        self.q = q
    }

    @inlinable @inline(__always) static var zero: Self { Self(.zero, .zero, .zero) }
    @inlinable @inline(__always) static var identity: Self { Self(.identity, .zero, .zero) }
    @inlinable @inline(__always) static var negation: Self { Self(.negation, .zero, .zero) }
    @inlinable @inline(__always) static var sum: Self { Self(.sum, .zero, .zero) }
    @inlinable @inline(__always) static var difference: Self { Self(.difference, .zero, .zero) }
    /// c·ȧ.
    @inlinable @inline(__always) static func scale(_ c: S) -> Self { Self(.scale, c, .zero) }
    /// p·ȧ + q·ḃ.
    @inlinable @inline(__always) static func bilinear(_ p: S, _ q: S) -> Self { Self(.bilinear, p, q) }

    /// The forward (JVP) application: the instruction's tangent from its operands'.
    ///
    ///     Linearization.bilinear(3, 2).tangent(1, 1)   // 5
    @inlinable @inline(__always)
    public func tangent(_ ta: S, _ tb: S) -> S {
        switch shape {
        case .zero: .zero
        case .identity: ta
        case .negation: -ta
        case .sum: ta + tb
        case .difference: ta - tb
        case .scale: p * ta
        case .bilinear: p * ta + q * tb
        }
    }

    /// The transpose (VJP) application: adds the instruction's adjoint `w`, pulled back,
    /// to its operands' adjoints. `adjoint[a]` and `adjoint[b]` may be the same slot.
    @inlinable @inline(__always)
    public func pullback(_ w: S, into adjoint: UnsafeMutablePointer<S>, _ a: Int, _ b: Int) {
        switch shape {
        case .zero: break
        case .identity: adjoint[a] += w
        case .negation: adjoint[a] -= w
        case .sum:
            adjoint[a] += w
            adjoint[b] += w
        case .difference:
            adjoint[a] += w
            adjoint[b] -= w
        case .scale: adjoint[a] += p * w
        case .bilinear:
            adjoint[a] += p * w
            adjoint[b] += q * w
        }
    }
}

/// The table: value and local partials of every opcode, over any ``TapeScalar``.
public enum LocalPartials {
    /// The instruction's value from the values of earlier slots. Inputs read
    /// `inputs[payload]`; a guard's slot is zero (the sweep checks the guard). Operands
    /// are loaded only by the cases that have them, so slots not yet written are never read.
    ///
    ///     LocalPartials.value(of: Instruction(.multiply, 0, 1), values: [3.0, 4.0], …)   // 12.0
    ///
    /// - Throws: the scalar's ``ScalarError`` (÷0, log of ≤ 0, not rational, …).
    @inlinable @inline(__always)
    public static func value<S: TapeScalar>(
        of ins: Instruction, values: UnsafePointer<S>, constants: UnsafePointer<S>, inputs: UnsafePointer<S>
    ) throws(ScalarError) -> S {
        try value(of: ins, SlotOperands(ins: ins, values: values, constants: constants, inputs: inputs))
    }

    /// The value rule, reading operands, constants and inputs through `o`.
    @inlinable @inline(__always)
    static func value<S: TapeScalar, O: OperandSource<S>>(of ins: Instruction, _ o: O) throws(ScalarError) -> S {
        var a: S { o.a }
        var b: S { o.b }
        switch ins.opcode {
        case .input: return o.input(Int(ins.payload))
        case .constant: return o.constant(Int(ins.payload))
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return try a.divided(by: b)
        case .negate: return -a
        case .addConstant: return a + o.constant(Int(ins.payload))
        case .subtractFromConstant: return o.constant(Int(ins.payload)) - a
        case .multiplyConstant: return o.constant(Int(ins.payload)) * a
        case .square: return a * a
        case .reciprocal: return try S.one.divided(by: a)
        case .powerInteger: return try a.raised(to: Int(ins.payload))
        case .powerConstant: return try S.power(a, exponent: o.constant(Int(ins.payload)))
        case .power: return try S.power(a, exponent: b)
        case .sin: return try S.evaluate(.sin, a)
        case .cos: return try S.evaluate(.cos, a)
        case .tan: return try S.evaluate(.tan, a)
        case .exp: return try S.evaluate(.exp, a)
        case .log: return try S.evaluate(.log, a)
        case .sqrt: return try S.evaluate(.sqrt, a)
        case .atan: return try S.evaluate(.atan, a)
        case .asin: return try S.evaluate(.asin, a)
        case .acos: return try S.evaluate(.acos, a)
        case .sinh: return try S.evaluate(.sinh, a)
        case .cosh: return try S.evaluate(.cosh, a)
        case .tanh: return try S.evaluate(.tanh, a)
        case .abs: return try S.evaluate(.abs, a)
        case .branchGuard: return .zero
        }
    }

    /// The instruction's derivative at the point given by the slots' `values` (its own value
    /// is `value`), as a linear map of the operands' tangents.
    ///
    ///     sin:  ∂v/∂a = cos a          mul: (∂a, ∂b) = (b, a)        div: (1/b, −v/b)
    ///
    /// - Throws: ``ScalarError/notDifferentiable(expression:)`` where the function has no
    ///   derivative (sqrt, abs at 0; asin, acos at ±1); the scalar's errors otherwise.
    @inlinable @inline(__always)
    public static func linearization<S: TapeScalar>(
        of ins: Instruction, values: UnsafePointer<S>, value v: S, constants: UnsafePointer<S>
    ) throws(ScalarError) -> Linearization<S> {
        try linearization(of: ins, SlotOperands(ins: ins, values: values, constants: constants, inputs: values), value: v)
    }

    /// The partials rule, reading operands and constants through `o`.
    @inlinable @inline(__always)
    static func linearization<S: TapeScalar, O: OperandSource<S>>(
        of ins: Instruction, _ o: O, value v: S
    ) throws(ScalarError) -> Linearization<S> {
        var a: S { o.a }
        var b: S { o.b }
        switch ins.opcode {
        case .input, .constant, .branchGuard: return .zero
        case .add: return .sum
        case .subtract: return .difference
        case .multiply: return .bilinear(b, a)
        case .divide:  // v = a/b: (1/b, −v/b)
            let r = try S.one.divided(by: b)
            return .bilinear(r, -(v * r))
        case .negate: return .negation
        case .addConstant: return .identity
        case .subtractFromConstant: return .negation
        case .multiplyConstant: return .scale(o.constant(Int(ins.payload)))
        case .square: return .scale(a + a)
        case .reciprocal: return .scale(-(v * v))  // d(1/a) = −1/a²
        case .powerInteger:  // n·aⁿ⁻¹
            let n = Int(ins.payload)
            if n == 0 { return .zero }
            return .scale(S(Rational(n)) * (try a.raised(to: n - 1)))
        case .powerConstant:  // c·a^(c−1) = c·v/a
            let c = o.constant(Int(ins.payload))
            return .scale(try powerRule(a: a, value: v, exponent: c))
        case .power:  // v = a^b: (b·v/a, v·log a)
            return .bilinear(try powerRule(a: a, value: v, exponent: b), v * (try S.evaluate(.log, a)))
        case .sin: return .scale(try S.evaluate(.cos, a))
        case .cos: return .scale(-(try S.evaluate(.sin, a)))
        case .tan: return .scale(S.one + v * v)  // 1 + tan²
        case .exp: return .scale(v)
        case .log: return .scale(try S.one.divided(by: a))
        case .sqrt:  // 1/(2√a)
            if v.isZero { throw .notDifferentiable(expression: "sqrt(\(a.errorDescription))") }
            return .scale(try S.one.divided(by: v + v))
        case .atan: return .scale(try S.one.divided(by: S.one + a * a))  // 1/(1+a²)
        case .asin, .acos:  // ±1/√(1−a²)
            let s = try S.evaluate(.sqrt, S.one - a * a)
            if s.isZero { throw .notDifferentiable(expression: "\(ins.opcode)(\(a.errorDescription))") }
            let d = try S.one.divided(by: s)
            return .scale(ins.opcode == .asin ? d : -d)
        case .sinh: return .scale(try S.evaluate(.cosh, a))
        case .cosh: return .scale(try S.evaluate(.sinh, a))
        case .tanh: return .scale(S.one - v * v)  // 1 − tanh²
        case .abs:  // sign a = |a|/a
            if a.isZero { throw .notDifferentiable(expression: "abs(0)") }
            return .scale(try v.divided(by: a))
        }
    }

    /// ∂(aᶜ)/∂a = c·a^(c−1), written as c·v/a where a ≠ 0 (v = aᶜ); at a = 0 it is 0 for
    /// c > 1 (and c = 0), 1 for c = 1, and undefined for c < 1.
    @inlinable
    static func powerRule<S: TapeScalar>(a: S, value v: S, exponent c: S) throws(ScalarError) -> S {
        if c.isZero { return .zero }
        if !a.isZero { return c * (try v.divided(by: a)) }
        let order = try S.compare(c, .one)
        if order > 0 { return .zero }
        if order == 0 { return .one }
        throw .notDifferentiable(expression: "(0)^(\(c.errorDescription))")
    }
}

/// Where the table reads an instruction's operands, constants and inputs from: the slot
/// arrays of a sweep, or plain values (for dual numbers and the recorder). Generic, so that
/// after specialisation each read is a plain load.
@usableFromInline
protocol OperandSource<S> {
    associatedtype S
    var a: S { get }
    var b: S { get }
    func constant(_ k: Int) -> S
    func input(_ k: Int) -> S
}

/// Operands in a sweep's slot arrays.
@usableFromInline
struct SlotOperands<S>: OperandSource {
    @usableFromInline let ins: Instruction
    @usableFromInline let values: UnsafePointer<S>
    @usableFromInline let constants: UnsafePointer<S>
    @usableFromInline let inputs: UnsafePointer<S>

    @inlinable @inline(__always)
    init(ins: Instruction, values: UnsafePointer<S>, constants: UnsafePointer<S>, inputs: UnsafePointer<S>) {
        self.ins = ins
        self.values = values
        self.constants = constants
        self.inputs = inputs
    }

    @inlinable @inline(__always) var a: S { values[Int(ins.a)] }
    @inlinable @inline(__always) var b: S { values[Int(ins.b)] }
    @inlinable @inline(__always) func constant(_ k: Int) -> S { constants[k] }
    @inlinable @inline(__always) func input(_ k: Int) -> S { inputs[k] }
}

/// Operands given as values: `a`, `b`, and one constant (whatever the index).
@usableFromInline
struct ValueOperands<S>: OperandSource {
    @usableFromInline let a: S
    @usableFromInline let b: S
    @usableFromInline let c: S

    @inlinable @inline(__always)
    init(_ a: S, _ b: S, _ c: S) {
        self.a = a
        self.b = b
        self.c = c
    }

    @inlinable @inline(__always) func constant(_ k: Int) -> S { c }
    @inlinable @inline(__always) func input(_ k: Int) -> S { a }
}
