import Exact

// Turning the expanded polynomial back into a canonical Expr, for packed monomials over
// symbols and calls (W8's case): no per-term arrays beyond the product's own factors, and
// a sort on (structural hash, index) pairs instead of on Expr values.

extension Expansion {
    /// The fast path of `expression(of:)` for packed monomials over symbols and calls: each
    /// term's factors are read straight from the packed fields in canonical generator
    /// order, and the terms are sorted by their structural hashes (the canonical order's
    /// first key) as (hash, index) pairs, comparing structure only on equal hashes.
    func atomicExpression(
        of p: ExpansionPolynomial<PackedMonomial>, bitsPerGenerator w: Int, order: [Int],
        exponent: (Int) -> Expr
    ) -> Expr {
        let mask: UInt64 = w >= 64 ? ~0 : (1 << UInt64(w)) - 1
        var constant = Rational.zero
        var terms: [(term: Expr, coefficient: Rational)] = []
        terms.reserveCapacity(p.terms.count)
        var keys: [(hash: UInt64, index: Int)] = []
        keys.reserveCapacity(p.terms.count)
        for (m, c) in p.terms {
            if m.bits == 0 {
                constant += c
                continue
            }
            var factors: [(base: Expr, exponent: Expr)] = []
            factors.reserveCapacity(min(order.count, 8))
            for g in order {
                let k = w >= 64 ? m.bits : (m.bits >> UInt64(g * w)) & mask
                if k != 0 { factors.append((generators[g], exponent(Int(k)))) }
            }
            let t = Expr.monomial(factors)
            keys.append((t.node.stableHash, terms.count))
            terms.append((t, c))
        }
        if terms.isEmpty { return Expr(constant) }
        if terms.count == 1 && constant.isZero { return terms[0].term.scaled(by: terms[0].coefficient) }
        keys.sort { x, y in
            x.hash != y.hash ? x.hash < y.hash : Expr.canonicalPrecedes(terms[x.index].term, terms[y.index].term)
        }
        return Expr(canonical: .sum(constant: constant, terms: keys.map { terms[$0.index] }))
    }
}
