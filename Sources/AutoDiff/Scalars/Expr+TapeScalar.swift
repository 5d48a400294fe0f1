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
    /// (Symbolic's own `Expr.sqrt`, which also serves ``ElementaryFunctions``, keeps
    /// `(-1)^(1/2)` as an expression; a tape reports it as outside the domain).
    public static func evaluate(_ f: UnaryFunction, _ x: Expr) throws(ScalarError) -> Expr {
        switch f {
        case .sin: return try sin(x)
        case .cos: return try cos(x)
        case .tan: return try tan(x)
        case .exp: return try exp(x)
        case .log: return try log(x)
        case .sqrt:
            if let r = x.rationalValue, r.signum() < 0 { throw .outsideDomain(expression: "sqrt(\(r))") }
            return Expr.sqrt(x)
        case .atan: return try atan(x)
        case .asin: return try asin(x)
        case .acos: return try acos(x)
        case .sinh: return try sinh(x)
        case .cosh: return try cosh(x)
        case .tanh: return try tanh(x)
        case .abs: return try abs(x)
        }
    }

    public static func power(_ x: Expr, exponent y: Expr) throws(ScalarError) -> Expr { try pow(x, y) }
}

extension Expr: ElementaryFunctions {
    public static func sin(_ x: Expr) throws(ScalarError) -> Expr { .call(.sin, x) }
    public static func cos(_ x: Expr) throws(ScalarError) -> Expr { .call(.cos, x) }
    public static func tan(_ x: Expr) throws(ScalarError) -> Expr { .call(.tan, x) }
    public static func exp(_ x: Expr) throws(ScalarError) -> Expr { .call(.exp, x) }
    public static func atan(_ x: Expr) throws(ScalarError) -> Expr { .call(.atan, x) }
    public static func sinh(_ x: Expr) throws(ScalarError) -> Expr { .call(.sinh, x) }
    public static func cosh(_ x: Expr) throws(ScalarError) -> Expr { .call(.cosh, x) }
    public static func tanh(_ x: Expr) throws(ScalarError) -> Expr { .call(.tanh, x) }
    public static func abs(_ x: Expr) throws(ScalarError) -> Expr { .call(.abs, x) }

    public static func log(_ x: Expr) throws(ScalarError) -> Expr {
        if let r = x.rationalValue, r.signum() <= 0 { throw .outsideDomain(expression: "log(\(r))") }
        return .call(.log, x)
    }

    public static func asin(_ x: Expr) throws(ScalarError) -> Expr {
        if let r = x.rationalValue, r.magnitude > 1 { throw .outsideDomain(expression: "asin(\(r))") }
        return .call(.asin, x)
    }

    public static func acos(_ x: Expr) throws(ScalarError) -> Expr {
        if let r = x.rationalValue, r.magnitude > 1 { throw .outsideDomain(expression: "acos(\(r))") }
        return .call(.acos, x)
    }

    public static func pow(_ x: Expr, _ y: Expr) throws(ScalarError) -> Expr {
        if let r = x.rationalValue, let q = y.rationalValue {
            if r.isZero && q.signum() < 0 { throw .divisionByZero }
            if r.signum() < 0 && !q.isInteger { throw .outsideDomain(expression: "(\(r))^(\(q))") }
        }
        return .power(x, y)
    }
}
