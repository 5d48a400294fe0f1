import Exact

// The constants π and e. Neither needs a new kind of node: each is the canonical form of
// an elementary function at a number, π = acos(−1) and e = exp(1) (SymPy writes those
// values as `pi` and `E` too). So every layer that handles calls handles them already —
// derivatives (a call with no variable is a constant), Double evaluation (acos(−1.0) and
// exp(1.0) are π and e correctly rounded), tapes (a constant slot and one instruction),
// exact evaluation (not rational) — and only the parser and the printers spell them.
// Canonical rules that involve them: E^u = exp(u) (Power.swift), log(E) = 1 (log(exp u)
// = u), and the special values of SpecialValues.swift.

/// A named mathematical constant of the expression syntax.
///
///     NamedConstant(identifier: "pi")?.value   // pi
public enum NamedConstant: String, Sendable, CaseIterable, CustomStringConvertible {
    /// π = 3.14159…, written `pi`.
    case pi
    /// Euler's number e = 2.71828…, written `E` (`e` is a variable, as in SymPy).
    case e = "E"

    /// The constant the identifier names (`pi`, `E`), or nil.
    public init?(identifier: String) { self.init(rawValue: identifier) }

    /// The identifier, as the parser reads it and the plain printer writes it.
    public var description: String { rawValue }

    /// The constant as an expression.
    public var value: Expr {
        switch self {
        case .pi: Expr.pi
        case .e: Expr.e
        }
    }

    /// Its LaTeX form: `\pi`, `e`.
    public var latex: String {
        switch self {
        case .pi: "\\pi"
        case .e: "e"
        }
    }

    /// Its value in Double.
    public var doubleValue: Double {
        switch self {
        case .pi: Double.pi
        case .e: 2.718281828459045
        }
    }

    /// Why a variable may not have this name, with the way out: for `--vars`, points and
    /// program inputs.
    ///
    ///     NamedConstant.pi.variableNameHint   // "pi is the constant π, not a variable; …"
    public var variableNameHint: String {
        switch self {
        case .pi: "pi is the constant π, not a variable; name the variable something else (p, pi_1)"
        case .e: "E is Euler's number e, not a variable; name the variable something else (e, E_1)"
        }
    }
}

extension Expr {
    /// π, canonically the node acos(−1); printed `pi`.
    ///
    ///     Expr.call(.sin, Expr.pi / 6)   // 1/2
    public static let pi = Expr(canonical: .call(.acos, Expr(-1)))

    /// Euler's number e, canonically the node exp(1); printed `E`.
    ///
    ///     Expr.call(.log, Expr.e)   // 1
    public static let e = Expr(canonical: .call(.exp, .one))

    /// The named constant this expression is (`pi`, `E`), or nil.
    public var namedConstant: NamedConstant? {
        guard case .call(let f, let u) = kind, let r = u.rationalValue else { return nil }
        if f == .acos && r == Rational(-1) { return .pi }
        if f == .exp && r == .one { return .e }
        return nil
    }

    /// Whether this is π.
    public var isPi: Bool { namedConstant == .pi }

    /// Whether this is e.
    public var isE: Bool { namedConstant == .e }

    /// q when this is a rational multiple q·π (q ≠ 0), else nil.
    ///
    ///     (Expr.pi * Expr(Rational(2, 3))).rationalMultipleOfPi   // 2/3
    public var rationalMultipleOfPi: Rational? {
        if isPi { return .one }
        if case .product(let c, let factors) = kind, factors.count == 1, factors[0].exponent.isOne, factors[0].base.isPi {
            return c
        }
        return nil
    }
}
