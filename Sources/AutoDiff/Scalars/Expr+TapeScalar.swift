import Exact
import Symbolic

/// Symbolic scalars: a tape run over `Expr` rebuilds its function as an expression, and
/// its forward, reverse and forward-over-reverse sweeps give the JVP, VJP and HVP as
/// expressions. Every operation goes through `Expr`'s canonicalising constructors.
///
///     let x = Expr(Symbol("x"))
///     try tape.evaluate(at: [x, y])          // x*y + sin(x), as an Expr
///     try tape.gradient(at: [x, y])          // [y + cos(x), x]
///
/// Domain errors are raised where they are decidable, on numeric arguments (`log(0)`,
/// `1/0`); symbolic arguments are left to later evaluation.
extension Expr: TapeScalar {
    public func divided(by b: Expr) throws(ScalarError) -> Expr {
        if b.isZero { throw .divisionByZero }
        return self / b
    }

    public func raised(to n: Int) throws(ScalarError) -> Expr {
        if isZero && n < 0 { throw .divisionByZero }
        return Expr.power(self, Expr(n))
    }

    /// Ordered when both are numbers; otherwise ``ScalarError/undecidableComparison``.
    public static func compare(_ a: Expr, _ b: Expr) throws(ScalarError) -> Int {
        guard let x = a.rationalValue, let y = b.rationalValue else { throw .undecidableComparison }
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    public var errorDescription: String { description }

    /// f(x) by the canonical constructors, with the numeric domain checks of the tape
    /// (Symbolic's own `Expr.sqrt` keeps `(-1)^(1/2)` as an expression; a tape, and
    /// ``checkedSqrt(_:)``, report it as outside the domain).
    public static func evaluate(_ f: UnaryFunction, _ x: Expr) throws(ScalarError) -> Expr {
        switch f {
        case .sin: return try checkedSin(x)
        case .cos: return try checkedCos(x)
        case .tan: return try checkedTan(x)
        case .exp: return try checkedExp(x)
        case .log: return try checkedLog(x)
        case .sqrt: return try checkedSqrt(x)
        case .atan: return try checkedAtan(x)
        case .asin: return try checkedAsin(x)
        case .acos: return try checkedAcos(x)
        case .sinh: return try checkedSinh(x)
        case .cosh: return try checkedCosh(x)
        case .tanh: return try checkedTanh(x)
        case .abs: return try checkedAbs(x)
        }
    }

    public static func power(_ x: Expr, exponent y: Expr) throws(ScalarError) -> Expr { try checkedPow(x, y) }
}

extension Expr: CheckedElementaryFunctions {
    public static func checkedSin(_ x: Expr) throws(ScalarError) -> Expr { .call(.sin, x) }
    public static func checkedCos(_ x: Expr) throws(ScalarError) -> Expr { .call(.cos, x) }
    public static func checkedTan(_ x: Expr) throws(ScalarError) -> Expr { .call(.tan, x) }
    public static func checkedExp(_ x: Expr) throws(ScalarError) -> Expr { .call(.exp, x) }
    public static func checkedAtan(_ x: Expr) throws(ScalarError) -> Expr { .call(.atan, x) }
    public static func checkedSinh(_ x: Expr) throws(ScalarError) -> Expr { .call(.sinh, x) }
    public static func checkedCosh(_ x: Expr) throws(ScalarError) -> Expr { .call(.cosh, x) }
    public static func checkedTanh(_ x: Expr) throws(ScalarError) -> Expr { .call(.tanh, x) }
    public static func checkedAbs(_ x: Expr) throws(ScalarError) -> Expr { .call(.abs, x) }

    public static func checkedLog(_ x: Expr) throws(ScalarError) -> Expr {
        if let r = x.rationalValue, r.signum() <= 0 { throw .outsideDomain(expression: "log(\(r))") }
        return .call(.log, x)
    }

    /// √x by Symbolic's `Expr.sqrt`; a negative number is outside the domain.
    public static func checkedSqrt(_ x: Expr) throws(ScalarError) -> Expr {
        if let r = x.rationalValue, r.signum() < 0 { throw .outsideDomain(expression: "sqrt(\(r))") }
        return Expr.sqrt(x)
    }

    public static func checkedAsin(_ x: Expr) throws(ScalarError) -> Expr {
        if let r = x.rationalValue, r.magnitude > 1 { throw .outsideDomain(expression: "asin(\(r))") }
        return .call(.asin, x)
    }

    public static func checkedAcos(_ x: Expr) throws(ScalarError) -> Expr {
        if let r = x.rationalValue, r.magnitude > 1 { throw .outsideDomain(expression: "acos(\(r))") }
        return .call(.acos, x)
    }

    public static func checkedPow(_ x: Expr, _ y: Expr) throws(ScalarError) -> Expr {
        if let r = x.rationalValue, let q = y.rationalValue {
            if r.isZero && q.signum() < 0 { throw .divisionByZero }
            if r.signum() < 0 && !q.isInteger { throw .outsideDomain(expression: "(\(r))^(\(q))") }
        }
        return .power(x, y)
    }
}
