import Exact

/// A dual number p + t·ε (ε² = 0): a primal value carried with one tangent. Running a tape
/// over `Dual<S>` is forward mode; running the *reverse* sweep over `Dual<S>` is
/// forward-over-reverse (``Tape/hvp(at:direction:workspace:)``), because every rule below comes from
/// the same table of local partials (``LocalPartials``) that the sweeps use.
///
///     let x = Dual(3.0, 1.0)
///     x * x                      // Dual(9.0, 6.0): (x²)' = 2x
///
/// Laws: the primal part of any result is the result of the primal parts; the tangent
/// part is the JVP of the operation in the direction of the tangents.
@frozen
public struct Dual<Base: TapeScalar>: TapeScalar {
    /// The value.
    public var primal: Base
    /// Its derivative in the direction being carried.
    public var tangent: Base

    /// primal + tangent·ε.
    @inlinable
    public init(_ primal: Base, _ tangent: Base) {
        self.primal = primal
        self.tangent = tangent
    }

    /// A constant: `value` + 0·ε.
    @inlinable
    public init(_ value: Rational) { self.init(Base(value), .zero) }

    @inlinable public static var zero: Dual { Dual(.zero, .zero) }
    @inlinable public static var one: Dual { Dual(.one, .zero) }
    @inlinable public var isZero: Bool { primal.isZero && tangent.isZero }

    /// Applies one opcode to dual numbers through the table: primal by its value rule,
    /// tangent by its linearization.
    @inlinable @inline(__always)
    static func applying(_ ins: Instruction, _ x: Dual, _ y: Dual, constant: Base = .zero) throws(ScalarError) -> Dual {
        let o = ValueOperands(x.primal, y.primal, constant)
        let v = try LocalPartials.value(of: ins, o)
        let lin = try LocalPartials.linearization(of: ins, o, value: v)
        return Dual(v, lin.tangent(x.tangent, y.tangent))
    }

    /// The ring operations have no domain, so the table cannot throw for them.
    @inlinable @inline(__always)
    static func ring(_ op: Opcode, _ x: Dual, _ y: Dual) -> Dual {
        do throws(ScalarError) { return try applying(Instruction(op, 0, 1), x, y) } catch { preconditionFailure("\(op) threw \(error)") }
    }

    @inlinable public static func + (a: Dual, b: Dual) -> Dual { ring(.add, a, b) }
    @inlinable public static func - (a: Dual, b: Dual) -> Dual { ring(.subtract, a, b) }
    @inlinable public static func * (a: Dual, b: Dual) -> Dual { ring(.multiply, a, b) }
    @inlinable public static prefix func - (a: Dual) -> Dual { ring(.negate, a, a) }

    @inlinable
    public func divided(by b: Dual) throws(ScalarError) -> Dual { try Dual.applying(Instruction(.divide, 0, 1), self, b) }

    @inlinable
    public func raised(to n: Int) throws(ScalarError) -> Dual {
        if let k = Int32(exactly: n) {
            return try Dual.applying(Instruction(.powerInteger, payload: k), self, self)
        }
        return try Dual.applying(Instruction(.powerConstant), self, self, constant: Base(Rational(n)))
    }

    @inlinable
    public static func evaluate(_ f: UnaryFunction, _ x: Dual) throws(ScalarError) -> Dual {
        try applying(Instruction(f.opcode), x, x)
    }

    /// xʸ; with a constant exponent (zero tangent) by the power rule alone, so that an
    /// exact base need not have a rational logarithm.
    @inlinable
    public static func power(_ x: Dual, exponent y: Dual) throws(ScalarError) -> Dual {
        if y.tangent.isZero { return try applying(Instruction(.powerConstant), x, x, constant: y.primal) }
        return try applying(Instruction(.power, 0, 1), x, y)
    }

    /// Orders by primal value (the branch a program takes depends on values only).
    @inlinable
    public static func compare(_ a: Dual, _ b: Dual) throws(ScalarError) -> Int { try Base.compare(a.primal, b.primal) }

    public var errorDescription: String { primal.errorDescription }

    /// Both parts, by the base's rule.
    @inlinable
    public static func checkSize(_ x: Dual) throws(ScalarError) {
        try Base.checkSize(x.primal)
        try Base.checkSize(x.tangent)
    }
}

extension Dual: Equatable where Base: Equatable {}
extension Dual: Hashable where Base: Hashable {}
extension Dual: Sendable where Base: Sendable {}

extension Dual: CustomStringConvertible {
    /// `"p + t·ε"`.
    public var description: String { "\(primal) + \(tangent)·ε" }
}

extension Dual: CheckedElementaryFunctions where Base: CheckedElementaryFunctions {
    @inlinable public static func checkedSin(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.sin, x) }
    @inlinable public static func checkedCos(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.cos, x) }
    @inlinable public static func checkedTan(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.tan, x) }
    @inlinable public static func checkedExp(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.exp, x) }
    @inlinable public static func checkedLog(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.log, x) }
    @inlinable public static func checkedSqrt(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.sqrt, x) }
    @inlinable public static func checkedAtan(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.atan, x) }
    @inlinable public static func checkedAsin(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.asin, x) }
    @inlinable public static func checkedAcos(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.acos, x) }
    @inlinable public static func checkedSinh(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.sinh, x) }
    @inlinable public static func checkedCosh(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.cosh, x) }
    @inlinable public static func checkedTanh(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.tanh, x) }
    @inlinable public static func checkedAbs(_ x: Dual) throws(ScalarError) -> Dual { try evaluate(.abs, x) }
    @inlinable public static func checkedPow(_ x: Dual, _ y: Dual) throws(ScalarError) -> Dual { try power(x, exponent: y) }
}
