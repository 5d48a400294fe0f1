import Exact

// The heuristic gcd (GCDHEU) of Char, Geddes & Gonnet ("GCDHEU: Heuristic polynomial GCD
// algorithm based on integer GCD computation", J. Symbolic Computation 7, 1989; Geddes,
// Czapor & Labahn §7.7), as SymPy's `dmp_zz_heu_gcd` runs it: evaluate one variable at a
// large integer ξ, take the gcd of the images (recursively, down to integers), and read the
// candidate back off its ξ-adic digits (coefficients in (−ξ/2, ξ/2]). A candidate is
// accepted only if it divides both inputs exactly, so the answer is always right; after six
// unlucky ξ the caller falls back to the subresultant PRS. It is fast when the gcd is
// small, which is what cancelling a derivative's fractions asks.

extension IntegerPolynomial {
    /// gcd(a, b) by GCDHEU with a positive leading coefficient, or `nil` when six evaluation
    /// points fail (rare; the subresultant algorithm then decides).
    ///
    ///     heuristicGCD(x² − 1, x² + 2x + 1)   // x + 1
    ///
    /// Every value it returns divides a and b; it is their gcd because the ξ-adic image of
    /// the true gcd is the integer gcd of the images for ξ large enough (Char–Geddes–Gonnet,
    /// Theorem 1).
    static func heuristicGCD(_ a: IntegerPolynomial, _ b: IntegerPolynomial) -> IntegerPolynomial? {
        do { return try heuristicGCD(a, b, meter: nil) } catch { return nil }  // no meter: never throws
    }

    /// GCDHEU as above, charging `meter` for the images and the trial divisions.
    static func heuristicGCD(_ a: IntegerPolynomial, _ b: IntegerPolynomial, meter: WorkMeter?) throws(WorkExhausted)
        -> IntegerPolynomial?
    {
        guard let (h, _, _) = try heuristic(a, b, depth: 0, meter: meter) else { return nil }
        return h.signNormalized
    }

    /// (h, a/h, b/h) with h = gcd(a, b), or `nil`.
    private static func heuristic(_ a: IntegerPolynomial, _ b: IntegerPolynomial, depth: Int, meter: WorkMeter?)
        throws(WorkExhausted) -> (IntegerPolynomial, IntegerPolynomial, IntegerPolynomial)?
    {
        let n = a.variableCount
        if a.isZero || b.isZero {
            let h = a.isZero ? b.signNormalized : a.signNormalized
            guard !h.isZero else { return nil }
            return (h, try a.dividedExactly(by: h, meter: meter) ?? a, try b.dividedExactly(by: h, meter: meter) ?? b)
        }
        if let x = a.constantValue, let y = b.constantValue {
            let g = BigInt.gcd(x, y)
            return (
                IntegerPolynomial(constant: g, variableCount: n), IntegerPolynomial(constant: x / g, variableCount: n),
                IntegerPolynomial(constant: y / g, variableCount: n)
            )
        }
        guard depth < 16, let v = (0..<n).first(where: { a.contains($0) || b.contains($0) }) else { return nil }
        // Integer content first: the algorithm works on primitive inputs.
        let ca = a.integerContent
        let cb = b.integerContent
        let gc = BigInt.gcd(ca, cb)
        let f = a.dividedExactly(by: gc)
        let g = b.dividedExactly(by: gc)
        let fNorm = f.maximumNorm
        let gNorm = g.maximumNorm
        let bound = BigInt(2) * (fNorm < gNorm ? fNorm : gNorm) + BigInt(29)
        let lcf = f.leadingTerm!.coefficient.magnitude
        let lcg = g.leadingTerm!.coefficient.magnitude
        let viaLeading = BigInt(2) * min(fNorm / lcf, gNorm / lcg) + BigInt(2)
        // ξ > 1 + 2·min(|f|∞, |g|∞): then a candidate that divides both is the gcd
        // (Geddes, Czapor & Labahn, Theorem 7.7). SymPy starts lower; we keep the bound.
        var xi = bound > viaLeading ? bound : viaLeading
        let degree = max(f.degree(in: v), g.degree(in: v))
        for _ in 0..<6 {
            // Images of more than ~20 000 bits per coefficient cost more than the subresultant.
            if xi.bitWidth * degree + fNorm.bitWidth > 20_000 { return nil }
            // Evaluating and reading back touch every term once per image.
            try meter?.charge(f.work(2 * (f.terms.count + g.terms.count)))
            let ff = f.evaluated(v, at: xi)
            let gg = g.evaluated(v, at: xi)
            if !ff.isZero && !gg.isZero {
                // A failure below is a failure here (as in SymPy): retrying each level's six
                // points against the next level's six would cost 6^depth.
                guard let (h, cff, cfg) = try heuristic(ff, gg, depth: depth + 1, meter: meter) else { return nil }
                let candidate = h.interpolated(v, from: xi).primitive
                if !candidate.isZero, let qf = try f.dividedExactly(by: candidate, meter: meter),
                    let qg = try g.dividedExactly(by: candidate, meter: meter)
                {
                    return (candidate.scaled(by: gc), qf, qg)
                }
                let cofactorF = cff.interpolated(v, from: xi)
                if !cofactorF.isZero, let h2 = try f.dividedExactly(by: cofactorF, meter: meter), !h2.isZero,
                    let qg = try g.dividedExactly(by: h2, meter: meter)
                {
                    return (h2.scaled(by: gc), cofactorF, qg)
                }
                let cofactorG = cfg.interpolated(v, from: xi)
                if !cofactorG.isZero, let h3 = try g.dividedExactly(by: cofactorG, meter: meter), !h3.isZero,
                    let qf = try f.dividedExactly(by: h3, meter: meter)
                {
                    return (h3.scaled(by: gc), qf, cofactorG)
                }
            }
            // ξ ← ⌊73794·ξ·ξ^(1/4) / 27011⌋ (SymPy's growth: roughly ξ^(5/4)).
            let quarter = (try? BigInt.one.shiftedLeft(by: max(1, xi.bitWidth / 4))) ?? BigInt(2)
            xi = BigInt(73794) * xi * quarter / BigInt(27011)
        }
        return nil
    }

    /// The largest |coefficient|.
    var maximumNorm: BigInt {
        terms.values.reduce(BigInt.zero) { m, c in
            let a = c.magnitude
            return a > m ? a : m
        }
    }

    /// p / (integer content), with a positive leading coefficient.
    var primitive: IntegerPolynomial {
        let c = integerContent
        if c.isZero { return self }
        return dividedExactly(by: c).signNormalized
    }

    /// p with xᵥ replaced by the integer ξ (a polynomial free of xᵥ, same ring).
    func evaluated(_ v: Int, at xi: BigInt) -> IntegerPolynomial {
        var out: [Monomial: BigInt] = [:]
        var powers: [BigInt] = [.one]
        for (m, c) in terms {
            let k = m.exponents[v]
            while powers.count <= k { powers.append(powers[powers.count - 1] * xi) }
            var e = m.exponents
            e[v] = 0
            out[Monomial(e), default: .zero] += c * powers[k]
        }
        return IntegerPolynomial(variableCount: variableCount, terms: out)
    }

    /// The polynomial in xᵥ whose value at ξ is self, with coefficients (polynomials free of
    /// xᵥ) whose integer coefficients lie in (−ξ/2, ξ/2]: the ξ-adic digits of self.
    func interpolated(_ v: Int, from xi: BigInt) -> IntegerPolynomial {
        var rest = self
        var out: [Monomial: BigInt] = [:]
        var k = 0
        let half = xi / BigInt(2)
        while !rest.isZero && k < 4096 {
            var next: [Monomial: BigInt] = [:]
            for (m, c) in rest.terms {
                var (q, r) = c.flooredQuotientAndModulo(dividingBy: xi)
                if r > half {
                    r = r - xi
                    q = q + .one
                }
                if !r.isZero {
                    var e = m.exponents
                    e[v] = k
                    out[Monomial(e)] = r
                }
                if !q.isZero { next[m] = q }
            }
            rest = IntegerPolynomial(variableCount: variableCount, terms: next)
            k += 1
        }
        return IntegerPolynomial(variableCount: variableCount, terms: out)
    }
}
