import Exact

// Calls of elementary functions: exact special values, inverse pairs and the odd/even
// symmetries, applied once at construction.

extension Expr {
    /// The canonical call `f(u)`.
    ///
    ///     Expr.call(.sin, -x)         // -sin(x)
    ///     Expr.call(.cos, Expr(0))    // 1
    ///     Expr.call(.exp, Expr.call(.log, x))   // x
    ///
    /// Rules: sin 0 = tan 0 = atan 0 = asin 0 = sinh 0 = tanh 0 = 0; cos 0 = cosh 0 = exp 0 = 1;
    /// log 1 = acos 1 = 0; abs(r) = |r| for a number r; exp(log u) = u; log(exp u) = u (real
    /// u); abs(abs u) = abs u; f(−u) = −f(u) for the odd functions (sin tan atan asin sinh
    /// tanh) and f(−u) = f(u) for the even ones (cos cosh abs), where "−u" means u has a
    /// negative leading coefficient (see ``ElementaryFunction/parity``); sin, cos, tan at
    /// rational multiples of π with denominators 1, 2, 3, 4, 6, and asin, acos, atan at the
    /// matching algebraic values (`sin(pi/6)` = 1/2, `atan(sqrt(3))` = pi/3).
    public static func call(_ f: ElementaryFunction, _ u: Expr) -> Expr {
        if let r = f.reduced(u) { return r }
        return Expr(canonical: .call(f, u))
    }
}

extension ElementaryFunction {
    /// The simpler form of f(u) when one of ``Expr/call(_:_:)``'s rules applies, else `nil`.
    func reduced(_ u: Expr) -> Expr? {
        if let v = specialValue(u) { return v }
        if let r = u.rationalValue, let v = exactValue(at: r) { return Expr(v) }
        if case .call(let g, let v) = u.kind {
            switch (self, g) {
            case (.exp, .log), (.log, .exp): return v
            case (.abs, .abs): return u
            default: break
            }
        }
        if u.hasNegativeLeadingCoefficient {
            switch parity {
            case .odd: return -Expr.call(self, -u)
            case .even: return Expr.call(self, -u)
            case .none: return nil
            }
        }
        return nil
    }

    /// f(r) when it is rational and known in closed form: the special values above, and
    /// |r|. `nil` otherwise (including outside the domain).
    func exactValue(at r: Rational) -> Rational? {
        switch self {
        case .sin, .tan, .atan, .asin, .sinh, .tanh: return r.isZero ? .zero : nil
        case .cos, .cosh, .exp: return r.isZero ? .one : nil
        case .log, .acos: return r == .one ? .zero : nil
        case .abs: return r.magnitude
        }
    }
}
