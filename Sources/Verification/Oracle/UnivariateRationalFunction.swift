import Exact

/// A rational function p(h)/q(h) of one variable over ℚ, always cancelled: the third,
/// rule-free oracle computes f(a + h·v) as one of these.
///
///     let g = UnivariateRationalFunction(.h * .h - 1) / UnivariateRationalFunction(.h - 1)
///     g   // (h + 1)/1
///
/// Invariants (a normal form, so `==` is equality of functions): gcd(p, q) = 1; q is monic
/// (so q ≠ 0); zero is 0/1. Arithmetic cancels by the gcd after every operation (Geddes,
/// Czapor & Labahn, "Algorithms for Computer Algebra", §2.7), which keeps degrees minimal.
/// Degrees are bounded by ``maximumDegree``: beyond it an operation throws
/// ``OracleError/tooLarge`` instead of running for minutes.
public struct UnivariateRationalFunction: Hashable, Sendable, CustomStringConvertible {
    /// The numerator p.
    public let numerator: UnivariatePolynomial
    /// The denominator q, monic.
    public let denominator: UnivariatePolynomial

    /// The largest degree of a numerator or denominator that arithmetic will build.
    public static let maximumDegree = 48

    /// Parts already in normal form.
    private init(reduced p: UnivariatePolynomial, _ q: UnivariatePolynomial) {
        numerator = p
        denominator = q
    }

    /// The polynomial p as p/1.
    public init(_ p: UnivariatePolynomial) { self.init(reduced: p, .one) }

    /// The constant r.
    public init(constant r: Rational) { self.init(UnivariatePolynomial(constant: r)) }

    /// p/q, cancelled.
    ///
    ///     try UnivariateRationalFunction(numerator: .h * .h, denominator: .h.scaled(by: 2))   // (1/2*h)/1
    ///
    /// - Throws: ``OracleError/divisionByZero`` for q = 0; ``OracleError/tooLarge`` past
    ///   ``maximumDegree``.
    public init(numerator p: UnivariatePolynomial, denominator q: UnivariatePolynomial) throws(OracleError) {
        if q.isZero { throw .divisionByZero }
        if max(p.degree, q.degree) > Self.maximumDegree { throw .tooLarge }
        if p.isZero {
            self.init(reduced: .zero, .one)
            return
        }
        let g = UnivariatePolynomial.gcd(p, q)
        var a = p
        var b = q
        if g.degree > 0 {
            a = p.divided(by: g).quotient
            b = q.divided(by: g).quotient
        }
        let lead = b.leadingCoefficient
        self.init(reduced: a.scaled(by: lead.reciprocal), b.scaled(by: lead.reciprocal))
    }

    /// The variable h.
    public static let h = UnivariateRationalFunction(.h)

    /// `true` for 0.
    public var isZero: Bool { numerator.isZero }

    /// The value when this is a constant, else `nil`.
    public var constantValue: Rational? {
        guard let p = numerator.constantValue, let q = denominator.constantValue else { return nil }
        return p / q
    }

    /// g(0).
    ///
    /// - Throws: ``OracleError/divisionByZero`` when h = 0 is a pole.
    public func valueAtZero() throws(OracleError) -> Rational {
        let q = denominator.valueAtZero
        if q.isZero { throw .divisionByZero }
        return numerator.valueAtZero / q
    }

    /// (g(h) − g(0))/h, cancelled: the difference quotient, itself a rational function
    /// whose value at h = 0 is g′(0). No derivative rule is involved: g(h) − g(0) vanishes
    /// at 0, so its numerator is divisible by h, and that division is all there is.
    ///
    ///     try (UnivariateRationalFunction.h * .h + .h).differenceQuotient()   // (h + 1)/1
    ///
    /// - Throws: ``OracleError/divisionByZero`` when h = 0 is a pole of g.
    public func differenceQuotient() throws(OracleError) -> UnivariateRationalFunction {
        let g0 = try valueAtZero()
        // (p − g0·q)/q, and p(0) − g0·q(0) = 0, so the numerator has no constant term.
        let shifted = numerator - denominator.scaled(by: g0)
        assert(shifted.valueAtZero.isZero)
        return try UnivariateRationalFunction(numerator: shifted.droppingConstantTerm, denominator: denominator)
    }

    /// a + b, cancelled.
    ///
    /// - Throws: ``OracleError/tooLarge`` past ``maximumDegree``.
    public static func + (a: Self, b: Self) throws(OracleError) -> Self {
        try Self(numerator: a.numerator * b.denominator + b.numerator * a.denominator, denominator: a.denominator * b.denominator)
    }

    /// a − b, cancelled.
    ///
    /// - Throws: ``OracleError/tooLarge`` past ``maximumDegree``.
    public static func - (a: Self, b: Self) throws(OracleError) -> Self {
        try Self(numerator: a.numerator * b.denominator - b.numerator * a.denominator, denominator: a.denominator * b.denominator)
    }

    /// a · b, cancelled.
    ///
    /// - Throws: ``OracleError/tooLarge`` past ``maximumDegree``.
    public static func * (a: Self, b: Self) throws(OracleError) -> Self {
        try Self(numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator)
    }

    /// a / b.
    ///
    /// - Throws: ``OracleError/divisionByZero`` when b is the zero function.
    public static func / (a: Self, b: Self) throws(OracleError) -> Self {
        try Self(numerator: a.numerator * b.denominator, denominator: a.denominator * b.numerator)
    }

    /// k·g.
    public func scaled(by k: Rational) -> Self {
        if k.isZero { return Self(reduced: .zero, .one) }
        return Self(reduced: numerator.scaled(by: k), denominator)
    }

    /// gⁿ for any integer n. (p/q)ⁿ = pⁿ/qⁿ is already cancelled, so no gcd is needed.
    ///
    /// - Throws: ``OracleError/divisionByZero`` for 0 to a negative power;
    ///   ``OracleError/tooLarge`` past ``maximumDegree``.
    public func raised(to n: Int) throws(OracleError) -> Self {
        if n < 0 { return try (Self(constant: .one) / self).raised(to: -n) }
        let d = max(numerator.degree, denominator.degree)
        if (d > 0 && n > Self.maximumDegree / d) || n > 4096 { throw .tooLarge }
        func power(_ p: UnivariatePolynomial) -> UnivariatePolynomial {
            var result = UnivariatePolynomial.one
            var base = p
            var k = n
            while k > 0 {
                if k & 1 == 1 { result = result * base }
                k >>= 1
                if k > 0 { base = base * base }
            }
            return result
        }
        if n == 0 { return Self(constant: .one) }
        return Self(reduced: power(numerator), power(denominator))
    }

    /// `(p)/(q)` in h.
    public var description: String { "(\(numerator))/(\(denominator))" }
}
