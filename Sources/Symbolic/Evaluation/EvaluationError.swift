import Exact

/// Why an expression has no value at a point; each case names the subexpression at fault.
///
///     try (1 / (x - 1)).evaluated(at: [Symbol("x"): 1])
///     // throws: division by zero in 1/(x - 1)
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A variable of the expression is missing from the point.
    case unboundSymbol(Symbol)
    /// A zero denominator (0 to a negative power) in the subexpression.
    case divisionByZero(Expr)
    /// `log(u)` with u ≤ 0; `argument` is u's value, printed.
    case logarithmOfNonPositive(Expr, argument: String)
    /// Outside the real domain: asin/acos beyond [−1, 1], a negative number to a
    /// non-integer power.
    case outOfDomain(Expr, reason: String)
    /// The exact value exists but is not rational, such as sqrt(2) or sin(1/2); `value` is
    /// it, as an exact expression.
    case notRational(Expr, value: Expr)
    /// The exact result would exceed `ExactLimits.maximumBitWidth`.
    case sizeLimitExceeded(Expr)
    /// Floating-point evaluation gave ±∞ or NaN (overflow), never returned silently.
    case notFinite(Expr)

    public var description: String {
        switch self {
        case .unboundSymbol(let s): return "no value given for the variable \(s)"
        case .divisionByZero(let e): return "division by zero in \(EvaluationError.short(e))"
        case .logarithmOfNonPositive(let e, let a):
            return "log of a non-positive number in \(EvaluationError.short(e)) (the argument is \(a))"
        case .outOfDomain(let e, let reason): return "\(EvaluationError.short(e)) is undefined: \(reason)"
        case .notRational(let e, let v):
            return "\(EvaluationError.short(e)) has no rational value here (it is \(EvaluationError.short(v)))"
        case .sizeLimitExceeded(let e): return "the exact value of \(EvaluationError.short(e)) is too large"
        case .notFinite(let e): return "\(EvaluationError.short(e)) is not a finite floating-point number here"
        }
    }

    /// The subexpression, cut to a readable length for a one-line message.
    static func short(_ e: Expr) -> String {
        let text = e.description
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}
