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
        var g = IntegerPolynomial.zero(variableCount)
        for c in coefficients(in: v).values.sorted(by: { $0.terms.count < $1.terms.count }) {
            g = IntegerPolynomial.gcd(g, c)
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

    /// The pseudo-remainder of a by b in xᵥ: lc(b)^(deg a − deg b + 1)·a mod b.
    func pseudoRemainder(_ b: IntegerPolynomial, in v: Int) -> IntegerPolynomial {
        let db = b.degree(in: v)
        let lcb = b.leadingCoefficient(in: v)
        var r = self
        var e = degree(in: v) - db + 1
        while !r.isZero {
            let dr = r.degree(in: v)
            if dr < db { break }
            var shift = Array(repeating: 0, count: variableCount)
            shift[v] = dr - db
            let s = r.leadingCoefficient(in: v) * IntegerPolynomial(variableCount: variableCount, terms: [Monomial(shift): .one])
            r = lcb * r - s * b
            e -= 1
        }
        return e > 0 ? lcb.power(e) * r : r
    }

    /// The greatest common divisor in ℤ[x₀, …, xₙ₋₁], with a positive leading coefficient;
    /// gcd(0, 0) = 0.
    ///
    ///     gcd(x² − 1, x² − 2x + 1)   // x − 1
    ///
    /// Every common divisor of a and b divides the result, and the result divides both.
    public static func gcd(_ a: IntegerPolynomial, _ b: IntegerPolynomial) -> IntegerPolynomial {
        if a.isZero { return b.signNormalized }
        if b.isZero { return a.signNormalized }
        if let x = a.constantValue { return IntegerPolynomial(constant: BigInt.gcd(x, b.integerContent), variableCount: a.variableCount) }
        if let y = b.constantValue { return IntegerPolynomial(constant: BigInt.gcd(y, a.integerContent), variableCount: a.variableCount) }
        if a == b { return a.signNormalized }
        // Cheap and frequent in cancellation: one divides the other.
        if b.terms.count <= a.terms.count, a.dividedExactly(by: b) != nil { return b.signNormalized }
        if a.terms.count <= b.terms.count, b.dividedExactly(by: a) != nil { return a.signNormalized }

        if let h = heuristicGCD(a, b) { return h }
        guard let v = (0..<a.variableCount).first(where: { a.contains($0) || b.contains($0) }) else {
            return IntegerPolynomial(constant: BigInt.gcd(a.integerContent, b.integerContent), variableCount: a.variableCount)
        }
        if !a.contains(v) { return gcd(a, b.content(in: v)) }
        if !b.contains(v) { return gcd(a.content(in: v), b) }

        let ca = a.content(in: v)
        let cb = b.content(in: v)
        let c = gcd(ca, cb)
        var p = a.dividedExactly(by: ca) ?? a
        var q = b.dividedExactly(by: cb) ?? b
        if p.degree(in: v) < q.degree(in: v) { swap(&p, &q) }

        // Subresultant PRS.
        var g = IntegerPolynomial(constant: .one, variableCount: a.variableCount)
        var h = g
        while true {
            let delta = p.degree(in: v) - q.degree(in: v)
            let r = p.pseudoRemainder(q, in: v)
            if r.isZero { break }
            if r.degree(in: v) == 0 {  // the primitive parts are coprime
                q = IntegerPolynomial(constant: .one, variableCount: a.variableCount)
                break
            }
            p = q
            let divisor = g * h.power(delta)
            q = r.dividedExactly(by: divisor) ?? r  // exact by the subresultant theorem
            g = p.leadingCoefficient(in: v)
            if delta == 0 {
                // h stays
            } else if delta == 1 {
                h = g
            } else {
                let hd = h.power(delta - 1)
                h = g.power(delta).dividedExactly(by: hd) ?? g.power(delta)
            }
        }
        return (c * q.primitivePart(in: v)).signNormalized
    }
}
