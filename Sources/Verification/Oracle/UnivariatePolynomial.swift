import Exact

/// A polynomial in one variable h with exact rational coefficients, stored densely:
/// `coefficients[k]` is the coefficient of hᵏ.
///
///     let h = UnivariatePolynomial.h
///     (h + 1) * (h - 1)   // h^2 - 1: coefficients [-1, 0, 1]
///
/// Invariant: no trailing zero coefficients, so the zero polynomial has none and `==` is
/// equality of polynomials. Small and simple on purpose: it serves the difference-quotient
/// oracle, whose whole point is to share no code with the derivative engines.
public struct UnivariatePolynomial: Hashable, Sendable, CustomStringConvertible {
    /// The coefficients, constant term first, without trailing zeros.
    public let coefficients: [Rational]

    /// The polynomial Σ coefficients[k]·hᵏ (trailing zeros are dropped).
    ///
    ///     UnivariatePolynomial([1, 0, 0]).degree   // 0
    public init(_ coefficients: [Rational]) {
        var c = coefficients
        while let last = c.last, last.isZero { c.removeLast() }
        self.coefficients = c
    }

    /// The constant polynomial `value`.
    public init(constant value: Rational) { self.init([value]) }

    /// 0.
    public static let zero = UnivariatePolynomial([])
    /// 1.
    public static let one = UnivariatePolynomial([.one])
    /// The variable h.
    public static let h = UnivariatePolynomial([.zero, .one])

    /// `true` for the zero polynomial.
    public var isZero: Bool { coefficients.isEmpty }

    /// The degree; −1 for the zero polynomial.
    public var degree: Int { coefficients.count - 1 }

    /// The coefficient of the highest power (0 for the zero polynomial).
    public var leadingCoefficient: Rational { coefficients.last ?? .zero }

    /// The value when the polynomial is constant, else `nil`.
    public var constantValue: Rational? { degree <= 0 ? (coefficients.first ?? .zero) : nil }

    /// p(0), the constant term.
    public var valueAtZero: Rational { coefficients.first ?? .zero }

    /// p(x), by Horner's rule.
    ///
    ///     (UnivariatePolynomial.h * .h).evaluated(at: 3)   // 9
    public func evaluated(at x: Rational) -> Rational {
        coefficients.reversed().reduce(Rational.zero) { $0 * x + $1 }
    }

    /// p + q, coefficientwise.
    public static func + (p: UnivariatePolynomial, q: UnivariatePolynomial) -> UnivariatePolynomial {
        let n = max(p.coefficients.count, q.coefficients.count)
        return UnivariatePolynomial(
            (0..<n).map { k in
                (k < p.coefficients.count ? p.coefficients[k] : .zero) + (k < q.coefficients.count ? q.coefficients[k] : .zero)
            })
    }

    /// −p.
    public static prefix func - (p: UnivariatePolynomial) -> UnivariatePolynomial {
        UnivariatePolynomial(p.coefficients.map { -$0 })
    }

    /// p − q.
    public static func - (p: UnivariatePolynomial, q: UnivariatePolynomial) -> UnivariatePolynomial { p + (-q) }

    /// p · q, by the schoolbook convolution (degrees here are small).
    ///
    ///     (h + 1) * (h - 1)   // h^2 - 1
    public static func * (p: UnivariatePolynomial, q: UnivariatePolynomial) -> UnivariatePolynomial {
        if p.isZero || q.isZero { return .zero }
        var c = [Rational](repeating: .zero, count: p.coefficients.count + q.coefficients.count - 1)
        for (i, a) in p.coefficients.enumerated() where !a.isZero {
            for (j, b) in q.coefficients.enumerated() { c[i + j] += a * b }
        }
        return UnivariatePolynomial(c)
    }

    /// k·p.
    public func scaled(by k: Rational) -> UnivariatePolynomial {
        UnivariatePolynomial(coefficients.map { $0 * k })
    }

    /// Quotient and remainder of Euclidean division: p = q·d + r with deg r < deg d.
    ///
    ///     (h * h - 1).divided(by: h - 1)   // (quotient: h + 1, remainder: 0)
    ///
    /// - Precondition: d ≠ 0.
    public func divided(by d: UnivariatePolynomial) -> (quotient: UnivariatePolynomial, remainder: UnivariatePolynomial) {
        precondition(!d.isZero, "division by the zero polynomial")
        if degree < d.degree { return (.zero, self) }
        var r = coefficients
        var q = [Rational](repeating: .zero, count: degree - d.degree + 1)
        let lead = d.leadingCoefficient
        for k in stride(from: degree - d.degree, through: 0, by: -1) {
            let c = r[k + d.degree] / lead
            if c.isZero { continue }
            q[k] = c
            for (j, b) in d.coefficients.enumerated() { r[k + j] -= c * b }
        }
        return (UnivariatePolynomial(q), UnivariatePolynomial(r))
    }

    /// The same polynomial divided by its leading coefficient (0 stays 0).
    public var monic: UnivariatePolynomial {
        isZero || leadingCoefficient == .one ? self : scaled(by: leadingCoefficient.reciprocal)
    }

    /// The monic greatest common divisor (Euclid's algorithm over ℚ); gcd(0, 0) = 0.
    ///
    ///     UnivariatePolynomial.gcd(h * h - 1, h * h + 2 * h + 1)   // h + 1
    public static func gcd(_ a: UnivariatePolynomial, _ b: UnivariatePolynomial) -> UnivariatePolynomial {
        var (x, y) = (a, b)
        while !y.isZero { (x, y) = (y, x.divided(by: y).remainder.monic) }
        return x.monic
    }

    /// (p(h) − p(0))/h: the constant term dropped and every power lowered by one.
    public var droppingConstantTerm: UnivariatePolynomial {
        UnivariatePolynomial(Array(coefficients.dropFirst()))
    }

    /// Written in h, highest power first: `h^2 - 1/2`.
    public var description: String {
        if isZero { return "0" }
        var parts: [String] = []
        for (k, c) in coefficients.enumerated().reversed() where !c.isZero {
            let power = k == 0 ? "" : (k == 1 ? "h" : "h^\(k)")
            let magnitude = c.magnitude
            let body = k == 0 ? magnitude.description : (magnitude == .one ? power : "\(magnitude)*\(power)")
            parts.append(parts.isEmpty ? (c.signum() < 0 ? "-" + body : body) : (c.signum() < 0 ? "- " : "+ ") + body)
        }
        return parts.joined(separator: " ")
    }
}
