import Exact

// Exact special values at rational multiples of π (denominators 1, 2, 3, 4, 6) and the
// inverse functions at the matching algebraic values, applied at construction:
//
//     sin(π/6) = 1/2     cos(π/4) = √2/2     tan(π/3) = √3     sin(7π/6) = −1/2
//     asin(1/2) = π/6    acos(−√2/2) = 3π/4  atan(√3/3) = π/6  acos(0) = π/2
//
// tan at odd multiples of π/2 has no value: the call is left as it is, and evaluating it
// (or parsing it as a constant) reports it. acos(−1) is π itself (its canonical node).

extension ElementaryFunction {
    /// f(u) in closed form when u is a rational multiple of π with one of the special
    /// denominators (sin, cos, tan) or one of the special algebraic values (asin, acos,
    /// atan), else nil.
    func specialValue(_ u: Expr) -> Expr? {
        switch self {
        case .sin, .cos, .tan:
            guard let q = u.rationalMultipleOfPi else { return nil }
            return trigonometricValue(q)
        case .asin, .acos, .atan:
            return inverseValue(u)
        case .exp, .log, .sinh, .cosh, .tanh, .abs:
            return nil
        }
    }

    /// sin, cos or tan of q·π.
    private func trigonometricValue(_ q: Rational) -> Expr? {
        // sin(qπ) by the angle in twelfths of a turn's half: t = 6q mod 12, or quarters for q = k/4.
        switch self {
        case .sin: return Self.sine(q)
        case .cos: return Self.sine(q + Rational(1, 2))
        case .tan:
            guard let s = Self.sine(q), let c = Self.sine(q + Rational(1, 2)), !c.isZero else { return nil }
            return s / c
        case .exp, .log, .sinh, .cosh, .tanh, .abs, .asin, .acos, .atan:
            return nil
        }
    }

    /// sin(qπ) for q with denominator 1, 2, 3, 4 or 6, else nil.
    private static func sine(_ q: Rational) -> Expr? {
        let half = Expr(Rational(1, 2))
        if let t = residue(q * Rational(6), modulo: 12) {
            let values: [Expr] = [.zero, half, half * Expr.sqrt(Expr(3)), .one, half * Expr.sqrt(Expr(3)), half]
            return t < 6 ? values[t] : -values[t - 6]
        }
        if let t = residue(q * Rational(4), modulo: 8), t % 2 == 1 {
            let root = half * Expr.sqrt(Expr(2))
            return t < 4 ? root : -root
        }
        return nil
    }

    /// n mod m in 0..<m when r is an integer n, else nil.
    private static func residue(_ r: Rational, modulo m: Int) -> Int? {
        guard r.isInteger else { return nil }
        let n = BigInt(m)
        let k = r.numerator % n
        guard let i = Int(exactly: k) else { return nil }
        return i < 0 ? i + m : i
    }

    /// The angles θ ∈ [−π/2, π/2] with sin θ one of the special values, as (sin θ, θ/π).
    private static var specialSines: [(Expr, Rational)] {
        let half = Expr(Rational(1, 2))
        let positive: [(Expr, Rational)] = [
            (half, Rational(1, 6)), (half * Expr.sqrt(Expr(2)), Rational(1, 4)),
            (half * Expr.sqrt(Expr(3)), Rational(1, 3)), (.one, Rational(1, 2)),
        ]
        return [(.zero, .zero)] + positive + positive.map { (-$0.0, -$0.1) }
    }

    /// asin, acos or atan at a special value.
    private func inverseValue(_ u: Expr) -> Expr? {
        switch self {
        case .asin:
            return Self.specialSines.first { $0.0 == u }.map { Expr.pi * Expr($0.1) }
        case .acos:
            // acos u = π/2 − asin u; acos(−1) = π is the canonical node of π itself.
            if u.rationalValue == Rational(-1) { return nil }
            return Self.specialSines.first { $0.0 == u }.map { Expr.pi * Expr(Rational(1, 2) - $0.1) }
        case .atan:
            let root3 = Expr.sqrt(Expr(3))
            let positive: [(Expr, Rational)] = [
                (root3 / Expr(3), Rational(1, 6)), (.one, Rational(1, 4)), (root3, Rational(1, 3)),
            ]
            return (positive + positive.map { (-$0.0, -$0.1) }).first { $0.0 == u }.map { Expr.pi * Expr($0.1) }
        case .sin, .cos, .tan, .exp, .log, .sinh, .cosh, .tanh, .abs:
            return nil
        }
    }
}
