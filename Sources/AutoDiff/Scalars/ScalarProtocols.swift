import Exact

// Scalars are split by exactness, as swift-numerics splits `AlgebraicField` from
// `ElementaryFunctions`; the names differ from those (and the functions are `checkedSin`,
// not `sin`) so that a file importing both RealModule and Jacobi compiles unambiguously:
//
//   ScalarField                 + − × ÷, exact integer powers   Rational, Double, Expr, Dual
//   CheckedElementaryFunctions  checkedSin, …, checkedSqrt      Double, Expr, Dual
//                               (typed domain errors, no NaN)
//   TapeScalar                  what a sweep needs: the field,  all of the above
//                               how each elementary opcode
//                               evaluates, and ordering for
//                               branch guards
//
// `Rational` is a field but does not conform to `CheckedElementaryFunctions`: it cannot
// pretend to compute sin. It is still a `TapeScalar`, whose evaluation rule for sin is exact
// at the exact special points (sin 0 = 0) and otherwise throws `ScalarError.notRational`.

/// A field: the scalars of exact (Rational) or floating-point (Double) arithmetic, of
/// symbolic expressions, or of dual numbers over any of these.
///
///     try Rational(3).divided(by: 4)   // 3/4
///
/// Laws: (S, +, ·) is a field (for Double: up to rounding); `divided(by:)` throws
/// ``ScalarError/divisionByZero`` instead of returning ∞ or NaN.
public protocol ScalarField {
    /// The additive identity.
    static var zero: Self { get }
    /// The multiplicative identity.
    static var one: Self { get }
    /// The scalar nearest to an exact rational (itself, for exact scalars).
    init(_ value: Rational)
    /// Whether this is exactly zero (lets sweeps skip work that cannot contribute).
    var isZero: Bool { get }

    /// a + b.
    static func + (a: Self, b: Self) -> Self
    /// a − b.
    static func - (a: Self, b: Self) -> Self
    /// a · b.
    static func * (a: Self, b: Self) -> Self
    /// −a.
    static prefix func - (a: Self) -> Self
    /// a = a + b; a scalar with heap storage may update it in place (Rational's GMP values
    /// do, when uniquely referenced), which is what reverse sweeps accumulate adjoints with.
    static func += (a: inout Self, b: Self)
    /// a = a − b, in place where the scalar can (see `+=`).
    static func -= (a: inout Self, b: Self)

    /// a / b.
    ///
    /// - Throws: ``ScalarError/divisionByZero`` for b = 0.
    func divided(by b: Self) throws(ScalarError) -> Self

    /// aⁿ for any integer n (0⁰ = 1; negative powers invert).
    ///
    /// - Throws: ``ScalarError/divisionByZero`` for 0 to a negative power;
    ///   ``ScalarError/sizeLimitExceeded(bits:limit:)`` for exact results past the limit.
    func raised(to n: Int) throws(ScalarError) -> Self
}

/// The elementary functions, with typed domain errors instead of NaN.
///
///     try Double.checkedLog(-1)   // throws ScalarError.outsideDomain(expression: "log(-1.0)")
///
/// Real-valued on the real domain of each function: log needs x > 0, sqrt x ≥ 0, asin and
/// acos |x| ≤ 1. The `checked` prefix keeps these apart from the non-throwing
/// `Double.exp`, `Double.sin`, … of swift-numerics' RealModule, so both can be imported.
public protocol CheckedElementaryFunctions: ScalarField {
    /// sin x (all x).
    static func checkedSin(_ x: Self) throws(ScalarError) -> Self
    /// cos x (all x).
    static func checkedCos(_ x: Self) throws(ScalarError) -> Self
    /// tan x.
    static func checkedTan(_ x: Self) throws(ScalarError) -> Self
    /// eˣ.
    static func checkedExp(_ x: Self) throws(ScalarError) -> Self
    /// ln x; throws ``ScalarError/outsideDomain(expression:)`` for x ≤ 0.
    static func checkedLog(_ x: Self) throws(ScalarError) -> Self
    /// √x; throws ``ScalarError/outsideDomain(expression:)`` for x < 0.
    static func checkedSqrt(_ x: Self) throws(ScalarError) -> Self
    /// arctan x.
    static func checkedAtan(_ x: Self) throws(ScalarError) -> Self
    /// arcsin x; outside the domain for |x| > 1.
    static func checkedAsin(_ x: Self) throws(ScalarError) -> Self
    /// arccos x; outside the domain for |x| > 1.
    static func checkedAcos(_ x: Self) throws(ScalarError) -> Self
    /// sinh x.
    static func checkedSinh(_ x: Self) throws(ScalarError) -> Self
    /// cosh x.
    static func checkedCosh(_ x: Self) throws(ScalarError) -> Self
    /// tanh x.
    static func checkedTanh(_ x: Self) throws(ScalarError) -> Self
    /// |x|.
    static func checkedAbs(_ x: Self) throws(ScalarError) -> Self
    /// xʸ for x > 0 (and any x when y is an integer).
    static func checkedPow(_ x: Self, _ y: Self) throws(ScalarError) -> Self
}

/// The scalars a tape can be run over: a field, how each elementary function evaluates,
/// and an order for branch guards.
///
///     try Rational.evaluate(.cos, 0)   // 1
///
/// Types that conform to ``CheckedElementaryFunctions`` get `evaluate` and `power` for free.
public protocol TapeScalar: ScalarField {
    /// f(x) for an elementary function.
    ///
    /// - Throws: ``ScalarError/outsideDomain(expression:)`` outside f's domain;
    ///   ``ScalarError/notRational(expression:)`` when an exact type cannot hold f(x).
    static func evaluate(_ f: UnaryFunction, _ x: Self) throws(ScalarError) -> Self

    /// xʸ (the tape's `power` and `powerConstant`); defined for x > 0, and for other x
    /// where y is an integer or the result is otherwise real.
    static func power(_ x: Self, exponent y: Self) throws(ScalarError) -> Self

    /// The sign of a − b (−1, 0 or 1), for branch guards: exact for exact scalars.
    ///
    /// - Throws: ``ScalarError/undecidableComparison`` when the type cannot order them.
    static func compare(_ a: Self, _ b: Self) throws(ScalarError) -> Int

    /// A short printed form for error messages (`"1/2"`).
    var errorDescription: String { get }

    /// Throws ``ScalarError/sizeLimitExceeded(bits:limit:)`` when an exact value has grown
    /// past `ExactLimits.maximumBitWidth`. The generic sweeps check every value, tangent and
    /// adjoint they write, so no operand of + − × exceeds the limit and one result stays
    /// within about twice it: a program that squares its way up (y = y·(y + 1), forty
    /// times) gets a typed error instead of exhausting memory inside GMP. Floating-point
    /// and symbolic scalars never throw (the default).
    ///
    ///     try Rational.checkSize(Rational(3))   // returns
    static func checkSize(_ x: Self) throws(ScalarError)
}

extension TapeScalar {
    @inlinable @inline(__always)
    public static func checkSize(_ x: Self) throws(ScalarError) {}
}

extension ScalarField {
    /// a = a + b, by `+` (scalars without storage to reuse).
    @inlinable @inline(__always)
    public static func += (a: inout Self, b: Self) { a = a + b }

    /// a = a − b, by `-`.
    @inlinable @inline(__always)
    public static func -= (a: inout Self, b: Self) { a = a - b }
}

extension TapeScalar where Self: CheckedElementaryFunctions {
    @inlinable
    public static func evaluate(_ f: UnaryFunction, _ x: Self) throws(ScalarError) -> Self {
        switch f {
        case .sin: try checkedSin(x)
        case .cos: try checkedCos(x)
        case .tan: try checkedTan(x)
        case .exp: try checkedExp(x)
        case .log: try checkedLog(x)
        case .sqrt: try checkedSqrt(x)
        case .atan: try checkedAtan(x)
        case .asin: try checkedAsin(x)
        case .acos: try checkedAcos(x)
        case .sinh: try checkedSinh(x)
        case .cosh: try checkedCosh(x)
        case .tanh: try checkedTanh(x)
        case .abs: try checkedAbs(x)
        }
    }

    @inlinable
    public static func power(_ x: Self, exponent y: Self) throws(ScalarError) -> Self { try checkedPow(x, y) }
}
