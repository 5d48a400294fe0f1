import Exact

/// A multivariate polynomial with integer coefficients, in a fixed number of variables,
/// stored sparsely as monomial → nonzero coefficient.
///
///     let x = IntegerPolynomial.variable(0, of: 2), y = IntegerPolynomial.variable(1, of: 2)
///     (x + y) * (x - y)   // x₀² − x₁²
///
/// Used for rational normal forms (`together`, `cancelled`): a rational function is a pair
/// of these with their gcd divided out (see `IntegerPolynomial+GCD.swift`).
public struct IntegerPolynomial: Hashable, Sendable {
    /// Number of variables of the ring ℤ[x₀, …, xₙ₋₁].
    public let variableCount: Int
    /// Nonzero coefficients by monomial.
    public private(set) var terms: [Monomial: BigInt]

    /// The polynomial with the given terms (zero coefficients are dropped).
    public init(variableCount: Int, terms: [Monomial: BigInt]) {
        self.variableCount = variableCount
        self.terms = terms.filter { !$0.value.isZero }
    }

    /// The constant `c`.
    public init(constant c: BigInt, variableCount: Int) {
        self.variableCount = variableCount
        terms = c.isZero ? [:] : [.one(variables: variableCount): c]
    }

    /// The variable xᵢ.
    public static func variable(_ i: Int, of count: Int) -> IntegerPolynomial {
        var e = Array(repeating: 0, count: count)
        e[i] = 1
        return IntegerPolynomial(variableCount: count, terms: [Monomial(e): .one])
    }

    /// 0 in `count` variables.
    public static func zero(_ count: Int) -> IntegerPolynomial { IntegerPolynomial(variableCount: count, terms: [:]) }

    /// `true` for the zero polynomial.
    public var isZero: Bool { terms.isEmpty }

    /// The value when the polynomial is a constant, else `nil`.
    public var constantValue: BigInt? {
        if terms.isEmpty { return .zero }
        if terms.count == 1, let (m, c) = terms.first, m.isOne { return c }
        return nil
    }

    /// The term with the lexicographically largest monomial (nil for 0).
    public var leadingTerm: (monomial: Monomial, coefficient: BigInt)? {
        guard let m = terms.keys.max() else { return nil }
        return (m, terms[m]!)
    }

    /// Total degree (−1 for the zero polynomial).
    public var totalDegree: Int { terms.keys.map(\.totalDegree).max() ?? -1 }

    /// The degree in xᵥ (−1 for 0).
    public func degree(in v: Int) -> Int { terms.keys.map { $0.exponents[v] }.max() ?? -1 }

    /// Bit i set when xᵢ occurs (every bit at or past 63 stands for the variables ≥ 63).
    public var variableMask: UInt64 {
        var mask: UInt64 = 0
        for m in terms.keys {
            for (i, e) in m.exponents.enumerated() where e > 0 { mask |= 1 << UInt64(min(i, 63)) }
        }
        return mask
    }

    /// `true` when xᵥ occurs.
    public func contains(_ v: Int) -> Bool { terms.keys.contains { $0.exponents[v] > 0 } }

    /// The coefficients with respect to xᵥ: p = Σₖ cₖ·xᵥᵏ, each cₖ free of xᵥ.
    public func coefficients(in v: Int) -> [Int: IntegerPolynomial] {
        var out: [Int: [Monomial: BigInt]] = [:]
        for (m, c) in terms {
            var e = m.exponents
            let k = e[v]
            e[v] = 0
            out[k, default: [:]][Monomial(e)] = c
        }
        return out.mapValues { IntegerPolynomial(variableCount: variableCount, terms: $0) }
    }

    /// Σₖ cₖ·xᵥᵏ from coefficients free of xᵥ.
    public static func fromCoefficients(_ cs: [Int: IntegerPolynomial], in v: Int, variableCount: Int) -> IntegerPolynomial {
        var terms: [Monomial: BigInt] = [:]
        for (k, c) in cs {
            for (m, a) in c.terms {
                var e = m.exponents
                e[v] += k
                terms[Monomial(e)] = a
            }
        }
        return IntegerPolynomial(variableCount: variableCount, terms: terms)
    }

    /// The leading coefficient with respect to xᵥ (a polynomial free of xᵥ).
    public func leadingCoefficient(in v: Int) -> IntegerPolynomial {
        coefficients(in: v)[degree(in: v)] ?? .zero(variableCount)
    }

    /// gcd of the integer coefficients (0 for 0), sign-free.
    public var integerContent: BigInt { terms.values.reduce(BigInt.zero) { BigInt.gcd($0, $1) } }

    /// Multiplies every coefficient by `c`.
    public func scaled(by c: BigInt) -> IntegerPolynomial {
        if c.isZero { return .zero(variableCount) }
        return IntegerPolynomial(variableCount: variableCount, terms: terms.mapValues { $0 * c })
    }

    /// Divides every coefficient by `c`, which must divide each of them exactly.
    public func dividedExactly(by c: BigInt) -> IntegerPolynomial {
        IntegerPolynomial(variableCount: variableCount, terms: terms.mapValues { $0 / c })
    }

    /// The sum, term by term (cancelled terms drop). Commutative, associative, 0 is neutral.
    public static func + (a: IntegerPolynomial, b: IntegerPolynomial) -> IntegerPolynomial {
        var t = a.terms
        for (m, c) in b.terms {
            let s = (t[m] ?? .zero) + c
            t[m] = s.isZero ? nil : s
        }
        return IntegerPolynomial(variableCount: a.variableCount, terms: t)
    }

    /// The negation: every coefficient negated; a + (−a) = 0.
    public static prefix func - (a: IntegerPolynomial) -> IntegerPolynomial {
        IntegerPolynomial(variableCount: a.variableCount, terms: a.terms.mapValues { -$0 })
    }

    /// The difference a + (−b).
    public static func - (a: IntegerPolynomial, b: IntegerPolynomial) -> IntegerPolynomial { a + (-b) }

    /// The product, by the schoolbook method: O(terms(a) · terms(b)) coefficient products.
    ///
    ///     (x + 1) * (x - 1)   // x² − 1
    ///
    /// Commutative, associative, distributes over +; deg(a·b) = deg a + deg b.
    public static func * (a: IntegerPolynomial, b: IntegerPolynomial) -> IntegerPolynomial {
        var t: [Monomial: BigInt] = [:]
        t.reserveCapacity(a.terms.count * b.terms.count)
        for (m1, c1) in a.terms {
            for (m2, c2) in b.terms {
                let m = m1 * m2
                let s = (t[m] ?? .zero) + c1 * c2
                t[m] = s
            }
        }
        return IntegerPolynomial(variableCount: a.variableCount, terms: t)
    }

    /// pⁿ for n ≥ 0 by repeated squaring.
    public func power(_ n: Int) -> IntegerPolynomial {
        var result = IntegerPolynomial(constant: .one, variableCount: variableCount)
        var base = self
        var e = n
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    /// a / b when b divides a exactly in ℤ[x], else `nil` (multivariate division in lex order:
    /// the leading term of the remainder must be divisible at every step).
    public func dividedExactly(by b: IntegerPolynomial) -> IntegerPolynomial? {
        do { return try dividedExactly(by: b, meter: nil) } catch { return nil }  // no meter: never throws
    }

    /// a / b as above, charging `meter` the terms of b at every step. The remainder's
    /// leading monomial comes from a max-heap (a step's new monomials are all smaller than
    /// the one it removes, lex being a monomial order), so dividing costs
    /// O(terms(q)·terms(b)·log) instead of a scan of the remainder per step.
    func dividedExactly(by b: IntegerPolynomial, meter: WorkMeter?) throws(WorkExhausted) -> IntegerPolynomial? {
        precondition(!b.isZero, "division by the zero polynomial")
        if let c = b.constantValue {
            try meter?.charge(work(terms.count))
            for v in terms.values where !(v % c).isZero { return nil }
            return dividedExactly(by: c)
        }
        guard let (lm, lc) = b.leadingTerm else { return nil }
        var remainder = terms
        var heap = MonomialHeap(Array(remainder.keys))
        var quotient: [Monomial: BigInt] = [:]
        let rest = b.terms.filter { $0.key != lm }
        while let m = heap.popMax() {
            guard let c = remainder.removeValue(forKey: m) else { continue }  // cancelled, or a duplicate entry
            guard let qm = m.dividing(by: lm) else { return nil }
            let (qc, r) = c.quotientAndRemainder(dividingBy: lc)
            guard r.isZero else { return nil }
            try meter?.charge(work(b.terms.count))
            quotient[qm] = qc
            for (bm, bc) in rest {
                let t = qm * bm
                if let old = remainder[t] {
                    let s = old - qc * bc
                    remainder[t] = s.isZero ? nil : s
                } else {
                    remainder[t] = -(qc * bc)
                    heap.push(t)
                }
            }
        }
        return IntegerPolynomial(variableCount: variableCount, terms: quotient)
    }

    /// a · b, charging `meter` terms(a)·terms(b) first.
    func multiplied(by b: IntegerPolynomial, meter: WorkMeter?) throws(WorkExhausted) -> IntegerPolynomial {
        let (pairs, overflow) = terms.count.multipliedReportingOverflow(by: b.terms.count)
        try meter?.charge(overflow ? Int.max : work(pairs))
        return self * b
    }

    /// The work units of `count` operations on terms of this ring: each hashes and compares
    /// a monomial of `variableCount` exponents, so a unit is ~4 exponents' worth.
    func work(_ count: Int) -> Int {
        let (w, o) = count.multipliedReportingOverflow(by: 1 + variableCount / 4)
        return o ? Int.max : w
    }

    /// pⁿ (n ≥ 0), charging `meter` each product.
    func power(_ n: Int, meter: WorkMeter?) throws(WorkExhausted) -> IntegerPolynomial {
        var result = IntegerPolynomial(constant: .one, variableCount: variableCount)
        var base = self
        var e = n
        while e > 0 {
            if e & 1 == 1 { result = try result.multiplied(by: base, meter: meter) }
            e >>= 1
            if e > 0 { base = try base.multiplied(by: base, meter: meter) }
        }
        return result
    }

    /// The exact value at a rational point (one value per variable).
    ///
    ///     (x*x - 1).evaluated(at: [3])   // 8
    ///
    /// - Throws: `ExactError.sizeLimitExceeded(bits:limit:)` from a power that is too large.
    public func evaluated(at point: [Rational]) throws(ExactError) -> Rational {
        var sum = Rational.zero
        for (m, c) in terms {
            var t = Rational(c)
            for (i, e) in m.exponents.enumerated() where e > 0 {
                t = try t.multiplied(by: point[i].power(e))
            }
            sum += t
        }
        return sum
    }
}
