import Exact

/// A rational function p/q over ℚ in the variables x₀ … xₙ₋₁, kept in lowest terms.
///
///     let x = IntegerPolynomial.variable(0, of: 1)
///     RationalFunction(x * x - 1) / RationalFunction(x - 1)   // (x₀ + 1)/1
///
/// Invariants (a normal form, so `==` decides equality of rational functions exactly):
/// - p and q are in ℤ[x₀ … xₙ₋₁] with gcd(p, q) = 1, integer content included;
/// - q ≠ 0 with a positive leading coefficient (lex order);
/// - zero is 0/1.
/// Rational coefficients are cleared into q: x/2 is stored as x over 2.
///
/// Source: Geddes, Czapor & Labahn, "Algorithms for Computer Algebra", §2.7 (the field of
/// fractions of a gcd domain) with Henrici's trick for + and × (Knuth, TAOCP 2, §4.5.1):
/// cancelling against the gcd of the denominators first keeps the polynomials small.
public struct RationalFunction: Hashable, Sendable {
    /// The numerator p.
    public let numerator: IntegerPolynomial
    /// The denominator q (never zero, positive leading coefficient).
    public let denominator: IntegerPolynomial

    /// Stores parts that already satisfy the invariants.
    init(reduced p: IntegerPolynomial, _ q: IntegerPolynomial) {
        numerator = p
        denominator = q
    }

    /// The polynomial p as p/1.
    ///
    ///     RationalFunction(x).denominator   // 1
    public init(_ p: IntegerPolynomial) {
        self.init(reduced: p, IntegerPolynomial(constant: .one, variableCount: p.variableCount))
    }

    /// The constant r in `variableCount` variables.
    ///
    ///     RationalFunction(constant: Rational(1, 2), variableCount: 2)   // 1/2
    public init(constant r: Rational, variableCount: Int) {
        self.init(
            reduced: IntegerPolynomial(constant: r.numerator, variableCount: variableCount),
            IntegerPolynomial(constant: r.denominator, variableCount: variableCount))
    }

    /// p/q in lowest terms.
    ///
    ///     RationalFunction(numerator: x * x - 1, denominator: x - 1)   // x + 1
    ///
    /// - Precondition: q ≠ 0 and both have the same number of variables.
    public init(numerator p: IntegerPolynomial, denominator q: IntegerPolynomial) {
        precondition(!q.isZero, "a rational function with denominator 0")
        precondition(p.variableCount == q.variableCount, "numerator and denominator in different rings")
        if p.isZero {
            self.init(constant: .zero, variableCount: p.variableCount)
            return
        }
        let g = IntegerPolynomial.gcd(p, q)
        var a = g.constantValue == .one ? p : (p.dividedExactly(by: g) ?? p)
        var b = g.constantValue == .one ? q : (q.dividedExactly(by: g) ?? q)
        if (b.leadingTerm?.coefficient.signum() ?? 1) < 0 {
            a = -a
            b = -b
        }
        self.init(reduced: a, b)
    }

    /// The number of variables of the ring.
    public var variableCount: Int { numerator.variableCount }

    /// `true` for 0.
    public var isZero: Bool { numerator.isZero }

    /// `true` when the denominator is a constant (the function is a polynomial over ℚ).
    public var isPolynomial: Bool { denominator.constantValue != nil }

    /// The value when this is a constant, else `nil`.
    ///
    ///     RationalFunction(constant: Rational(3, 4), variableCount: 1).constantValue   // 3/4
    public var constantValue: Rational? {
        guard let p = numerator.constantValue, let q = denominator.constantValue else { return nil }
        return Rational(p, q)
    }

    /// a + b, cancelled (Henrici: with g = gcd(b₁, b₂), a₁/b₁ + a₂/b₂ = (a₁·b₂/g + a₂·b₁/g) / (b₁·b₂/g)).
    public static func + (a: RationalFunction, b: RationalFunction) -> RationalFunction {
        if a.isZero { return b }
        if b.isZero { return a }
        if a.denominator == b.denominator {
            return RationalFunction(numerator: a.numerator + b.numerator, denominator: a.denominator)
        }
        let g = IntegerPolynomial.gcd(a.denominator, b.denominator)
        if g.constantValue == .one {
            return RationalFunction(
                numerator: a.numerator * b.denominator + b.numerator * a.denominator,
                denominator: a.denominator * b.denominator)
        }
        let bq = b.denominator.dividedExactly(by: g) ?? b.denominator
        let aq = a.denominator.dividedExactly(by: g) ?? a.denominator
        return RationalFunction(numerator: a.numerator * bq + b.numerator * aq, denominator: a.denominator * bq)
    }

    /// −a.
    public static prefix func - (a: RationalFunction) -> RationalFunction {
        RationalFunction(reduced: -a.numerator, a.denominator)
    }

    /// a − b.
    public static func - (a: RationalFunction, b: RationalFunction) -> RationalFunction { a + (-b) }

    /// a · b, cancelled crosswise first (gcd(a₁, b₂) and gcd(a₂, b₁)).
    public static func * (a: RationalFunction, b: RationalFunction) -> RationalFunction {
        if a.isZero || b.isZero { return RationalFunction(constant: .zero, variableCount: a.variableCount) }
        let g1 = IntegerPolynomial.gcd(a.numerator, b.denominator)
        let g2 = IntegerPolynomial.gcd(b.numerator, a.denominator)
        func div(_ p: IntegerPolynomial, _ g: IntegerPolynomial) -> IntegerPolynomial {
            g.constantValue == .one ? p : (p.dividedExactly(by: g) ?? p)
        }
        var p = div(a.numerator, g1) * div(b.numerator, g2)
        var q = div(a.denominator, g2) * div(b.denominator, g1)
        if (q.leadingTerm?.coefficient.signum() ?? 1) < 0 {
            p = -p
            q = -q
        }
        return RationalFunction(reduced: p, q)
    }

    /// 1/a.
    ///
    /// - Precondition: a ≠ 0 (use ``dividing(by:)`` for a typed error).
    public var reciprocal: RationalFunction {
        precondition(!isZero, "reciprocal of the zero rational function")
        var p = denominator
        var q = numerator
        if (q.leadingTerm?.coefficient.signum() ?? 1) < 0 {
            p = -p
            q = -q
        }
        return RationalFunction(reduced: p, q)
    }

    /// a / b. - Precondition: b ≠ 0.
    public static func / (a: RationalFunction, b: RationalFunction) -> RationalFunction { a * b.reciprocal }

    /// a / b.
    ///
    ///     try one.dividing(by: zero)   // throws ExactError.divisionByZero
    ///
    /// - Throws: `ExactError.divisionByZero` when b = 0.
    public func dividing(by b: RationalFunction) throws(ExactError) -> RationalFunction {
        if b.isZero { throw .divisionByZero }
        return self / b
    }

    /// aⁿ for any integer n; a⁰ = 1.
    ///
    ///     RationalFunction(x).power(-2)   // 1/x₀²
    ///
    /// (p/q)ⁿ = pⁿ/qⁿ stays in lowest terms. - Precondition: a ≠ 0 when n < 0.
    public func power(_ n: Int) -> RationalFunction {
        if n == 0 { return RationalFunction(constant: .one, variableCount: variableCount) }
        if n < 0 { return reciprocal.power(-n) }
        return RationalFunction(reduced: numerator.power(n), denominator.power(n))
    }

    /// The exact value at a rational point.
    ///
    ///     (1 / x).evaluated(at: [2])   // 1/2
    ///
    /// - Throws: `ExactError.divisionByZero` when the denominator vanishes there.
    public func evaluated(at point: [Rational]) throws(ExactError) -> Rational {
        let q = try denominator.evaluated(at: point)
        if q.isZero { throw .divisionByZero }
        return try numerator.evaluated(at: point).dividing(by: q)
    }
}
