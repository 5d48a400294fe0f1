import Exact

// Multivariate polynomial gcd over ℤ by the recursive subresultant algorithm:
// view a, b ∈ ℤ[x₁…xₙ] as univariate in their first variable v with coefficients in
// ℤ[the rest]; gcd = gcd(contents) · pp(last nonzero subresultant PRS remainder).
// Source: Geddes, Czapor & Labahn, "Algorithms for Computer Algebra", §7.2–7.4
// (Algorithm 7.3, the subresultant PRS), and Knuth, TAOCP vol. 2, §4.6.1, Algorithm C.
// The subresultant PRS keeps coefficient growth polynomial (unlike the Euclidean PRS)
// and, unlike the primitive PRS, needs no content computation per step.

extension IntegerPolynomial {
    /// The same polynomial with a positive leading coefficient (lex order).
    public var signNormalized: IntegerPolynomial {
        (leadingTerm?.coefficient.signum() ?? 1) < 0 ? -self : self
    }

    /// The content with respect to xᵥ: the gcd of the coefficients of p as a polynomial in xᵥ
    /// (a polynomial free of xᵥ).
    public func content(in v: Int) -> IntegerPolynomial {
        do { return try content(in: v, meter: nil) } catch { return .zero(variableCount) }  // no meter: never throws
    }

    func content(in v: Int, meter: WorkMeter?) throws(WorkExhausted) -> IntegerPolynomial {
        try meter?.charge(work(terms.count))  // splitting into coefficients
        var g = IntegerPolynomial.zero(variableCount)
        for c in coefficients(in: v).values.sorted(by: { $0.terms.count < $1.terms.count }) {
            g = try IntegerPolynomial.gcd(g, c, meter: meter)
            if g.constantValue == 1 { break }
        }
        return g
    }

    /// The primitive part with respect to xᵥ: p / content(p, xᵥ).
    public func primitivePart(in v: Int) -> IntegerPolynomial {
        let c = content(in: v)
        if c.isZero { return self }
        return dividedExactly(by: c) ?? self  // a content always divides exactly
    }

    func primitivePart(in v: Int, meter: WorkMeter?) throws(WorkExhausted) -> IntegerPolynomial {
        let c = try content(in: v, meter: meter)
        if c.isZero { return self }
        return try dividedExactly(by: c, meter: meter) ?? self
    }

    /// The pseudo-remainder of a by b in xᵥ: lc(b)^(deg a − deg b + 1)·a mod b.
    func pseudoRemainder(_ b: IntegerPolynomial, in v: Int, meter: WorkMeter?) throws(WorkExhausted) -> IntegerPolynomial {
        let db = b.degree(in: v)
        let lcb = b.leadingCoefficient(in: v)
        var r = self
        var e = degree(in: v) - db + 1
        while !r.isZero {
            let dr = r.degree(in: v)
            if dr < db { break }
            var shift = Array(repeating: 0, count: variableCount)
            shift[v] = dr - db
            try meter?.charge(work(2 * r.terms.count))  // the leading coefficient, the shift and the difference
            let s = r.leadingCoefficient(in: v) * IntegerPolynomial(variableCount: variableCount, terms: [Monomial(shift): .one])
            r = try lcb.multiplied(by: r, meter: meter) - s.multiplied(by: b, meter: meter)
            e -= 1
        }
        return e > 0 ? try lcb.power(e, meter: meter).multiplied(by: r, meter: meter) : r
    }

    /// The greatest common divisor in ℤ[x₀, …, xₙ₋₁], with a positive leading coefficient;
    /// gcd(0, 0) = 0.
    ///
    ///     gcd(x² − 1, x² − 2x + 1)   // x − 1
    ///
    /// Every common divisor of a and b divides the result, and the result divides both.
    public static func gcd(_ a: IntegerPolynomial, _ b: IntegerPolynomial) -> IntegerPolynomial {
        // No meter: never throws.
        do { return try gcd(a, b, meter: nil) } catch { return IntegerPolynomial(constant: .one, variableCount: a.variableCount) }
    }

    /// The gcd as above, charging `meter` for every product, division and evaluation;
    /// throws ``WorkExhausted`` when it runs out (the caller then leaves a and b as they are).
    static func gcd(_ a: IntegerPolynomial, _ b: IntegerPolynomial, meter: WorkMeter?) throws(WorkExhausted) -> IntegerPolynomial {
        if a.isZero { return b.signNormalized }
        if b.isZero { return a.signNormalized }
        if let x = a.constantValue { return IntegerPolynomial(constant: BigInt.gcd(x, b.integerContent), variableCount: a.variableCount) }
        if let y = b.constantValue { return IntegerPolynomial(constant: BigInt.gcd(y, a.integerContent), variableCount: a.variableCount) }
        if a == b { return a.signNormalized }
        // Cheap and frequent in cancellation: one divides the other.
        if b.terms.count <= a.terms.count, try a.dividedExactly(by: b, meter: meter) != nil { return b.signNormalized }
        if a.terms.count <= b.terms.count, try b.dividedExactly(by: a, meter: meter) != nil { return a.signNormalized }

        if let h = try heuristicGCD(a, b, meter: meter) { return h }
        guard let v = (0..<a.variableCount).first(where: { a.contains($0) || b.contains($0) }) else {
            return IntegerPolynomial(constant: BigInt.gcd(a.integerContent, b.integerContent), variableCount: a.variableCount)
        }
        if !a.contains(v) { return try gcd(a, b.content(in: v, meter: meter), meter: meter) }
        if !b.contains(v) { return try gcd(a.content(in: v, meter: meter), b, meter: meter) }

        let ca = try a.content(in: v, meter: meter)
        let cb = try b.content(in: v, meter: meter)
        let c = try gcd(ca, cb, meter: meter)
        var p = try a.dividedExactly(by: ca, meter: meter) ?? a
        var q = try b.dividedExactly(by: cb, meter: meter) ?? b
        if p.degree(in: v) < q.degree(in: v) { swap(&p, &q) }

        // Subresultant PRS.
        var g = IntegerPolynomial(constant: .one, variableCount: a.variableCount)
        var h = g
        while true {
            let delta = p.degree(in: v) - q.degree(in: v)
            let r = try p.pseudoRemainder(q, in: v, meter: meter)
            if r.isZero { break }
            if r.degree(in: v) == 0 {  // the primitive parts are coprime
                q = IntegerPolynomial(constant: .one, variableCount: a.variableCount)
                break
            }
            p = q
            let divisor = try g.multiplied(by: h.power(delta, meter: meter), meter: meter)
            q = try r.dividedExactly(by: divisor, meter: meter) ?? r  // exact by the subresultant theorem
            g = p.leadingCoefficient(in: v)
            if delta == 0 {
                // h stays
            } else if delta == 1 {
                h = g
            } else {
                let hd = try h.power(delta - 1, meter: meter)
                let gd = try g.power(delta, meter: meter)
                h = try gd.dividedExactly(by: hd, meter: meter) ?? gd
            }
        }
        return try c.multiplied(by: q.primitivePart(in: v, meter: meter), meter: meter).signNormalized
    }
}
