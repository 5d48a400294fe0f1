import Exact
import Symbolic

// The table of f′(u), one line per elementary function: an exhaustive switch with no
// `default:`, so a new ElementaryFunction does not compile until it has its rule here.
//
// Why the math exists twice: AutoDiff has its own table of local partials
// (Sources/AutoDiff/LocalPartials.swift) and must not import this module, so that when the
// symbolic and the tape engines agree, two independent derivations agree.

extension ElementaryFunction {
    /// f′(u), the derivative of f at u; `value` is the node f(u) itself, shared where f′
    /// reuses it (exp′ = exp).
    ///
    ///     ElementaryFunction.sin.derivative(at: x, value: sin(x))   // cos(x)
    ///
    /// For abs, f′(u) = u/abs(u) (the sign of u): it has no value at u = 0, where abs is not
    /// differentiable, so evaluating it there throws instead of picking 0 or ±1.
    func derivative(at u: Expr, value fu: Expr) -> Expr {
        switch self {
        case .sin: return .call(.cos, u)
        case .cos: return -.call(.sin, u)
        case .tan: return 1 / Expr.power(.call(.cos, u), Expr(2))  // = 1 + tan²(u); the smaller prints
        case .exp: return fu
        case .log: return 1 / u
        case .atan: return 1 / (1 + Expr.power(u, Expr(2)))
        case .asin: return Expr.power(1 - Expr.power(u, Expr(2)), Expr(Rational(-1, 2)))
        case .acos: return -Expr.power(1 - Expr.power(u, Expr(2)), Expr(Rational(-1, 2)))
        case .sinh: return .call(.cosh, u)
        case .cosh: return .call(.sinh, u)
        case .tanh: return 1 / Expr.power(.call(.cosh, u), Expr(2))  // = 1 − tanh²(u)
        case .abs: return u / fu
        }
    }
}
