import Exact

// Constant subexpressions with no real value (DESIGN, "Expression syntax"): 1/0, 0/0,
// 0^(-1), 0^0, log(0), log(-1), sqrt(-1), asin(2). The canonicalising constructors never
// throw, so they keep such nodes (0^(-1), log(0)) or fold them away (0·u = 0, u^0 = 1).
// The parser therefore checks each operation's canonical operands *before* combining them
// (so `0/0` is caught although 0·0^(-1) would fold to 0), and ``Expr/checkDefined()``
// walks an `Expr` built by code for the nodes that survive construction.
//
// Cancellation with variables stays conventional (x/x = 1, x^0 = 1, exp(log(x)) = x, as
// in SymPy): only constants are judged here.

/// A constant subexpression that has no real value, and which rule it breaks.
///
///     try Expr.parse("log(0)")   // throws: log(0) is undefined
///
/// `subexpression` is the text at fault (as written for parsed input, printed for an `Expr`
/// built by code), cut to about 60 characters.
public struct UndefinedConstant: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why the subexpression has no value.
    public enum Reason: Equatable, Sendable {
        /// A zero denominator: `1/0`, `0/0`, `0^(-1)`.
        case divisionByZero
        /// `0^0`, an indeterminate form (SymPy folds it to 1; Jacobi refuses it, so that
        /// `0^0` and `0^(x - x)` never differ from the limits a reader may have in mind).
        case indeterminatePower
        /// `log(0)`.
        case logarithmOfZero
        /// A negative number under a root or a logarithm: `sqrt(-1)`, `log(-1)`, `(-8)^(1/3)`
        /// (the real-valued calculus here has no principal complex values).
        case notReal
        /// asin or acos of a number outside [−1, 1].
        case outsideUnitInterval
    }

    /// Why.
    public let reason: Reason
    /// The subexpression, cut to at most about 60 characters with `…`.
    public let subexpression: String

    public init(_ reason: Reason, subexpression: String) {
        self.reason = reason
        self.subexpression = ErrorText.clipped(subexpression)
    }

    /// One line: `division by zero in 1/0`, `log(0) is undefined`, `sqrt(-1) is not real`,
    /// `asin(2) is outside [-1, 1]`, `0^0 is undefined`.
    public var description: String {
        switch reason {
        case .divisionByZero: "division by zero in \(subexpression)"
        case .indeterminatePower, .logarithmOfZero: "\(subexpression) is undefined"
        case .notReal: "\(subexpression) is not real"
        case .outsideUnitInterval: "\(subexpression) is outside [-1, 1]"
        }
    }
}

extension UndefinedConstant.Reason {
    /// Why `f(u)` has no value, when `u` is a constant outside f's real domain; else `nil`.
    static func of(_ f: ElementaryFunction, _ u: Expr) -> Self? {
        switch f {
        case .log:
            guard let sign = u.constantSign else { return nil }
            return sign == 0 ? .logarithmOfZero : (sign < 0 ? .notReal : nil)
        case .asin, .acos:
            guard let r = u.rationalValue else { return nil }
            return r.magnitude > .one ? .outsideUnitInterval : nil
        case .sin, .cos, .tan, .exp, .atan, .sinh, .cosh, .tanh, .abs:
            return nil
        }
    }

    /// Why `b^e` has no value, when the base and exponent make it a constant without one.
    static func of(base b: Expr, exponent e: Expr) -> Self? {
        if b.isZero {
            guard let sign = e.constantSign else { return nil }  // 0^x: 0 for x > 0
            return sign < 0 ? .divisionByZero : (sign == 0 ? .indeterminatePower : nil)
        }
        if let q = e.rationalValue, !q.isInteger, let sign = b.constantSign, sign < 0 { return .notReal }
        return nil
    }
}

extension Expr {
    /// The sign (−1, 0, 1) of a constant whose sign is exact without evaluation: a number,
    /// a positive number to a rational power (`sqrt(2)`), or a number times such factors
    /// (`-2*sqrt(3)`). `nil` for anything else, including constants such as `sin(1) - 1`.
    var constantSign: Int? {
        switch kind {
        case .number(let r): return r.signum()
        case .power(let b, let e):
            guard let r = b.rationalValue, e.rationalValue != nil, r.signum() > 0 else { return nil }
            return 1
        case .product(let c, let factors):
            for (b, e) in factors {
                guard let r = b.rationalValue, e.rationalValue != nil, r.signum() > 0 else { return nil }
            }
            return c.signum()
        case .symbol, .sum, .call: return nil
        }
    }

    /// The first constant subexpression without a real value that survives canonical
    /// construction (`0^(-1)`, `log(0)`, `sqrt(-1)`, `asin(2)`), or `nil`. Iterative: any
    /// depth is safe. Forms that construction folds (0/0 → 0, 0^0 → 1) are gone by then:
    /// ``parse(_:maximumDepth:)`` rejects those as written.
    ///
    ///     (Expr(1) / Expr(0)).undefinedConstant?.description   // "division by zero in 0^(-1)"
    public var undefinedConstant: UndefinedConstant? {
        var seen = Set<ObjectIdentifier>()
        var stack: [Expr] = [self]
        while let e = stack.popLast() {
            guard seen.insert(e.id).inserted else { continue }
            switch e.kind {
            case .number, .symbol, .sum: break
            case .power(let b, let x):
                if let reason = UndefinedConstant.Reason.of(base: b, exponent: x) {
                    return UndefinedConstant(reason, subexpression: e.description)
                }
            case .product(_, let factors):
                for (b, x) in factors {
                    if let reason = UndefinedConstant.Reason.of(base: b, exponent: x) {
                        return UndefinedConstant(reason, subexpression: Expr.canonicalFactor(b, x).description)
                    }
                }
            case .call(let f, let u):
                if let reason = UndefinedConstant.Reason.of(f, u) {
                    return UndefinedConstant(reason, subexpression: e.description)
                }
            }
            e.forEachChild { stack.append($0) }
        }
        return nil
    }

    /// This expression, when no constant subexpression of it lacks a real value (see
    /// ``undefinedConstant``); the entry points that take a user's `Expr` call it.
    ///
    ///     try (x / x).checkDefined()          // 1
    ///     try (Expr(1) / 0).checkDefined()    // throws: division by zero in 0^(-1)
    ///
    /// - Throws: ``UndefinedConstant`` naming the first such subexpression.
    @discardableResult
    public func checkDefined() throws(UndefinedConstant) -> Expr {
        if let u = undefinedConstant { throw u }
        return self
    }
}
