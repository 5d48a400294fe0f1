/// The elementary functions an ``Expr`` can call: a closed set, so every `switch` over it is
/// exhaustive and a new function cannot be added without its derivative, printer and
/// evaluation rules.
///
///     ElementaryFunction(name: "sin")   // .sin
///
/// `sqrt(u)` is not a function here: the parser reads it as `u^(1/2)`.
public enum ElementaryFunction: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    case sin, cos, tan, exp, log, atan, asin, acos, sinh, cosh, tanh, abs

    /// The name in the expression syntax (and in C's libm).
    public var name: String {
        switch self {
        case .sin: return "sin"
        case .cos: return "cos"
        case .tan: return "tan"
        case .exp: return "exp"
        case .log: return "log"
        case .atan: return "atan"
        case .asin: return "asin"
        case .acos: return "acos"
        case .sinh: return "sinh"
        case .cosh: return "cosh"
        case .tanh: return "tanh"
        case .abs: return "abs"
        }
    }

    public var description: String { name }

    /// The function called `name` in the expression syntax, or `nil`.
    ///
    ///     ElementaryFunction(name: "sqrt")   // nil (sqrt is a power)
    public init?(name: String) {
        guard let f = ElementaryFunction.allCases.first(where: { $0.name == name }) else { return nil }
        self = f
    }

    /// How the function treats a negated argument.
    public enum Parity: Sendable {
        /// f(−u) = −f(u).
        case odd
        /// f(−u) = f(u).
        case even
        /// Neither.
        case none
    }

    /// f(−u) = −f(u) for sin, tan, atan, asin, sinh, tanh; f(−u) = f(u) for cos, cosh, abs.
    public var parity: Parity {
        switch self {
        case .sin, .tan, .atan, .asin, .sinh, .tanh: return .odd
        case .cos, .cosh, .abs: return .even
        case .exp, .log, .acos: return .none
        }
    }
}
