import Exact

/// A rational function kept as a product c · Π fᵢ^eᵢ of polynomial factors with integer
/// exponents (negative ones form the denominator), so that the factors a user wrote, like
/// (x² + y²)² in a denominator, survive arithmetic instead of being multiplied out.
///
///     let f = FactoredRationalFunction(x * x - 1) * FactoredRationalFunction(x - 1).power(-1)
///     f.expandedFactors   // [(x₀ + 1, 1)]: the common factor cancelled
///
/// Invariants: c ≠ 0 unless the value is 0 (then there are no factors); every fᵢ is a
/// non-constant primitive polynomial with a positive leading coefficient, and eᵢ ≠ 0.
/// The factors need not be irreducible nor pairwise coprime, so the form is not unique;
/// but zero is always detected exactly, because a sum whose polynomial part cancels to 0
/// is 0 and every factor is a nonzero polynomial. Use ``normalized`` for the unique p/q.
///
/// Sums pull out every common factor with its smaller exponent (SymPy's `gcd_terms`) and
/// expand only what is left, then cancel the denominator factors that divide the new
/// numerator, splitting a factor by the multivariate gcd when it divides only in part.
public struct FactoredRationalFunction: Hashable, Sendable {
    /// The rational coefficient c.
    public private(set) var coefficient: Rational
    /// The factors fᵢ with their exponents eᵢ.
    public private(set) var factors: [IntegerPolynomial: Int]
    /// Number of variables of the ring.
    public let variableCount: Int

    /// The constant r.
    public init(constant r: Rational, variableCount: Int) {
        coefficient = r
        factors = [:]
        self.variableCount = variableCount
    }

    /// The polynomial p, split into its integer content, one factor xᵢ per variable of its
    /// monomial content, and the primitive rest.
    ///
    ///     FactoredRationalFunction(2 * x * x * y + 4 * x * y).expandedFactors   // x₀, x₁, x₀ + 2 (coefficient 2)
    public init(_ p: IntegerPolynomial) {
        variableCount = p.variableCount
        factors = [:]
        coefficient = .zero
        guard !p.isZero else { return }
        let (c, parts) = FactoredRationalFunction.split(p)
        coefficient = c
        for (f, e) in parts { factors[f, default: 0] += e }
    }

    /// p = c · Π xᵢ^kᵢ · q with q primitive, positive leading coefficient, and free of monomial factors.
    static func split(_ p: IntegerPolynomial) -> (Rational, [(IntegerPolynomial, Int)]) {
        var content = p.integerContent
        if (p.leadingTerm?.coefficient.signum() ?? 1) < 0 { content = -content }
        var q = p.dividedExactly(by: content)
        var parts: [(IntegerPolynomial, Int)] = []
        var shift = Array(repeating: Int.max, count: p.variableCount)
        for m in q.terms.keys {
            for (i, e) in m.exponents.enumerated() { shift[i] = min(shift[i], e) }
        }
        if shift.contains(where: { $0 > 0 }) {
            q = q.dividedExactly(by: IntegerPolynomial(variableCount: p.variableCount, terms: [Monomial(shift): .one])) ?? q
            for (i, k) in shift.enumerated() where k > 0 {
                parts.append((IntegerPolynomial.variable(i, of: p.variableCount), k))
            }
        }
        if q.constantValue == nil { parts.append((q, 1)) }
        return (Rational(content), parts)
    }

    /// `true` for 0.
    public var isZero: Bool { coefficient.isZero }

    /// The factors with their exponents in a deterministic order (by total degree, then
    /// number of terms, then lex leading monomial), for printing.
    public var expandedFactors: [(factor: IntegerPolynomial, exponent: Int)] {
        factors.map { ($0.key, $0.value) }.sorted { a, b in
            let (da, db) = (a.factor.totalDegree, b.factor.totalDegree)
            if da != db { return da < db }
            if a.factor.terms.count != b.factor.terms.count { return a.factor.terms.count < b.factor.terms.count }
            return (a.factor.leadingTerm?.monomial ?? .one(variables: 0)) > (b.factor.leadingTerm?.monomial ?? .one(variables: 0))
        }
    }

    /// The product, with each denominator factor of one side cancelled against the
    /// numerator factors of the other as far as their gcd goes.
    ///
    /// Multiplicative: exponents of equal factors add; factors whose exponents cancel drop.
    public static func * (a: FactoredRationalFunction, b: FactoredRationalFunction) -> FactoredRationalFunction {
        do { return try a.multiplied(by: b, meter: nil) } catch { return a }  // no meter: never throws
    }

    /// a · b as above, the cancelling gcds charged to `meter` (each gcd that would cost more
    /// than `gcdLimit` is skipped: the factors stay as they are, equal in value).
    func multiplied(by b: FactoredRationalFunction, meter: WorkMeter?, gcdLimit: Int = .max) throws(WorkExhausted)
        -> FactoredRationalFunction
    {
        let a = self
        if a.isZero || b.isZero { return FactoredRationalFunction(constant: .zero, variableCount: a.variableCount) }
        var r = FactoredRationalFunction(constant: a.coefficient * b.coefficient, variableCount: a.variableCount)
        var negative: [IntegerPolynomial: Int] = [:]
        for side in [a.factors, b.factors] {
            for (f, e) in side {
                if e > 0 { r.factors[f, default: 0] += e } else { negative[f, default: 0] += e }
            }
        }
        try r.absorb(negative, meter: meter, gcdLimit: gcdLimit)
        return r
    }

    /// aⁿ for any integer n: the coefficient to the n-th power, every exponent times n (no
    /// polynomial is multiplied out).
    ///
    ///     FactoredRationalFunction(x + 1).power(-2)   // 1/(x₀ + 1)²
    ///
    /// (a·b)ⁿ = aⁿ·bⁿ. - Throws: `ExactError.divisionByZero` for 0 to a negative power,
    /// `ExactError.sizeLimitExceeded(bits:limit:)` when the coefficient's power is too large.
    public func power(_ n: Int) throws(ExactError) -> FactoredRationalFunction {
        if n == 0 { return FactoredRationalFunction(constant: .one, variableCount: variableCount) }
        if isZero {
            if n < 0 { throw .divisionByZero }
            return self
        }
        var r = self
        r.coefficient = try coefficient.power(n)
        r.factors = factors.mapValues { $0 * n }
        return r
    }

    /// −a.
    public static prefix func - (a: FactoredRationalFunction) -> FactoredRationalFunction {
        var r = a
        r.coefficient = -a.coefficient
        return r
    }

    /// a + b with the common factors kept outside (see the type's documentation).
    ///
    ///     x/(x+1)² + 1/(x+1)²   // 1/(x+1): the sum x + 1 cancels one power
    public static func + (a: FactoredRationalFunction, b: FactoredRationalFunction) -> FactoredRationalFunction {
        a.adding(b, termLimit: .max)!
    }

    /// a + b, or `nil` when a polynomial multiplied out on the way could have more than
    /// `termLimit` terms (judged before multiplying: the product of the factors' term
    /// counts), so that a caller can give up on a normal form that would swell.
    public func adding(_ b: FactoredRationalFunction, termLimit: Int) -> FactoredRationalFunction? {
        do { return try adding(b, termLimit: termLimit, meter: nil) } catch { return nil }  // no meter: never throws
    }

    /// a + b as above, every product and cancelling gcd charged to `meter` (a gcd costing
    /// more than `gcdLimit` is skipped).
    func adding(_ b: FactoredRationalFunction, termLimit: Int, meter: WorkMeter?, gcdLimit: Int = .max) throws(WorkExhausted)
        -> FactoredRationalFunction?
    {
        let a = self
        if a.isZero { return b }
        if b.isZero { return a }
        let n = a.variableCount
        var estimateA = 1
        var estimateB = 1
        for (f, ea) in a.factors {
            let m = min(ea, b.factors[f] ?? 0)
            if ea > m { estimateA = FactoredRationalFunction.bound(estimateA, f.terms.count, ea - m) }
        }
        for (f, eb) in b.factors {
            let m = min(eb, a.factors[f] ?? 0)
            if eb > m { estimateB = FactoredRationalFunction.bound(estimateB, f.terms.count, eb - m) }
        }
        if estimateA > termLimit || estimateB > termLimit { return nil }
        var common: [IntegerPolynomial: Int] = [:]
        var restA = IntegerPolynomial(constant: .one, variableCount: n)
        var restB = restA
        var keys = Set(a.factors.keys)
        keys.formUnion(b.factors.keys)
        for f in keys {
            let ea = a.factors[f] ?? 0
            let eb = b.factors[f] ?? 0
            let m = min(ea, eb)
            if m != 0 { common[f] = m }
            if ea > m { restA = try restA.multiplied(by: f.power(ea - m, meter: meter), meter: meter) }
            if eb > m { restB = try restB.multiplied(by: f.power(eb - m, meter: meter), meter: meter) }
        }
        let g = Rational.gcd(a.coefficient, b.coefficient)
        let ka = a.coefficient / g
        let kb = b.coefficient / g
        try meter?.charge(restA.work(restA.terms.count + restB.terms.count))
        let s = restA.scaled(by: ka.numerator) + restB.scaled(by: kb.numerator)
        if s.isZero { return FactoredRationalFunction(constant: .zero, variableCount: n) }
        var r = FactoredRationalFunction(s)
        r.coefficient *= g
        try r.absorb(common, meter: meter, gcdLimit: gcdLimit)
        return r
    }

    /// (combined, separate): a bound on the terms of the numerator of Σ partsᵢ over their
    /// common denominator (each part's numerator times the denominator factors it lacks,
    /// the factors common to every numerator kept outside, as ``adding(_:termLimit:)`` does),
    /// and the terms of all the parts' factors as they stand. Nothing is multiplied.
    ///
    ///     combinedNumeratorBound([x/(x + 1), y/(y + 1)])   // (4, 6)
    static func combinedNumeratorBound(_ parts: [FactoredRationalFunction]) -> (combined: Int, separate: Int) {
        var denominator: [IntegerPolynomial: Int] = [:]
        var common: [IntegerPolynomial: Int]?
        var separate = 0
        for p in parts {
            var positive: [IntegerPolynomial: Int] = [:]
            for (f, e) in p.factors {
                separate = separate &+ f.terms.count
                if e < 0 { denominator[f] = max(denominator[f] ?? 0, -e) } else { positive[f] = e }
            }
            if let c = common {
                common = c.reduce(into: [:]) { r, fe in if let e = positive[fe.key] { r[fe.key] = min(fe.value, e) } }
            } else {
                common = positive
            }
        }
        var combined = 0
        for p in parts {
            var terms = 1
            for (f, e) in p.factors where e > 0 { terms = bound(terms, f.terms.count, e - (common?[f] ?? 0)) }
            for (f, d) in denominator { terms = bound(terms, f.terms.count, d - max(0, -(p.factors[f] ?? 0))) }
            combined = combined.addingReportingOverflow(terms).overflow ? .max : combined + terms
        }
        return (combined, max(separate, parts.count))
    }

    /// min(Int.max, acc · terms^e): a bound on the terms of a product.
    static func bound(_ acc: Int, _ terms: Int, _ e: Int) -> Int {
        var r = acc
        for _ in 0..<e {
            let (p, o) = r.multipliedReportingOverflow(by: terms)
            if o { return .max }
            r = p
            if terms == 1 { break }
        }
        return r
    }

    /// a − b.
    public static func - (a: FactoredRationalFunction, b: FactoredRationalFunction) -> FactoredRationalFunction { a + (-b) }

    /// Multiplies self (a freshly split polynomial) by Π fᵢ^eᵢ, cancelling each denominator
    /// factor against the numerator factors as far as it divides them.
    mutating func absorb(_ other: [IntegerPolynomial: Int], meter: WorkMeter?, gcdLimit: Int) throws(WorkExhausted) {
        var denominators: [(IntegerPolynomial, Int)] = []
        for (f, e) in other {
            if e > 0 || factors[f] != nil {
                let s = (factors[f] ?? 0) + e
                factors[f] = s == 0 ? nil : s
            } else {
                denominators.append((f, e))
            }
        }
        for (f, e) in denominators { try cancel(f, e, meter: meter, gcdLimit: gcdLimit) }
    }

    /// Multiplies by f^e (e < 0), cancelling f or its gcd with the numerator factors:
    /// with g = gcd(p, f), p^k · f^e = (p/g)^k · g^(k+e) · (f/g)^e, and f/g goes on.
    /// Each gcd runs under its own limit `gcdLimit` (and `meter`'s): one that runs out leaves
    /// that pair uncancelled, which changes the form, never the value.
    mutating func cancel(_ f: IntegerPolynomial, _ e: Int, meter: WorkMeter?, gcdLimit: Int) throws(WorkExhausted) {
        var f = f
        var tried = Set<IntegerPolynomial>()
        search: while f.constantValue == nil {
            let fVariables = f.variableMask
            for (p, k) in factors where k > 0 && p != f && p.variableMask & fVariables != 0 && !tried.contains(p) {
                if p.terms.count == 1 || f.terms.count == 1 { continue }  // distinct variables xᵢ, xⱼ or a sum: coprime
                // Cancelling is an optimisation here (zero is detected without it), so big
                // pairs, whose gcd could cost more than it saves, are left as they are.
                if p.terms.count * f.terms.count > 2_500 { continue }
                let g: IntegerPolynomial
                if let meter {
                    let gcdMeter = meter.child(limit: gcdLimit)
                    do {
                        g = try IntegerPolynomial.gcd(p, f, meter: gcdMeter)
                    } catch {
                        if meter.isExhausted { throw error }  // the enclosing step ran out, not just this gcd
                        tried.insert(p)
                        continue search
                    }
                } else {
                    g = IntegerPolynomial.gcd(p, f)
                }
                guard g.constantValue == nil else { continue }
                factors[p] = nil
                multiplyFactor(try p.dividedExactly(by: g, meter: meter) ?? p, k)
                multiplyFactor(g, k + e)
                f = try f.dividedExactly(by: g, meter: meter) ?? f
                continue search
            }
            break
        }
        multiplyFactor(f, e)
    }

    /// factors[f] += e for a primitive f (constants are dropped; negative leading coefficients flipped).
    mutating func multiplyFactor(_ f: IntegerPolynomial, _ e: Int) {
        guard e != 0 else { return }
        if let c = f.constantValue {
            coefficient *= (try? Rational(c).power(e)) ?? .one
            return
        }
        var f = f
        if (f.leadingTerm?.coefficient.signum() ?? 1) < 0 {
            f = -f
            if e & 1 == 1 { coefficient = -coefficient }
        }
        let s = (factors[f] ?? 0) + e
        factors[f] = s == 0 ? nil : s
    }

    /// The unique reduced form p/q of the same function.
    ///
    ///     FactoredRationalFunction(x).power(-1).normalized   // 1/x₀
    public var normalized: RationalFunction {
        // No meter: never throws.
        do { return try normalized(meter: nil) } catch { return RationalFunction(constant: .zero, variableCount: variableCount) }
    }

    /// The reduced p/q, its products charged to `meter`.
    func normalized(meter: WorkMeter?) throws(WorkExhausted) -> RationalFunction {
        var p = IntegerPolynomial(constant: coefficient.numerator, variableCount: variableCount)
        var q = IntegerPolynomial(constant: coefficient.denominator, variableCount: variableCount)
        for (f, e) in factors {
            if e > 0 {
                p = try p.multiplied(by: f.power(e, meter: meter), meter: meter)
            } else {
                q = try q.multiplied(by: f.power(-e, meter: meter), meter: meter)
            }
        }
        return RationalFunction(numerator: p, denominator: q)
    }
}
