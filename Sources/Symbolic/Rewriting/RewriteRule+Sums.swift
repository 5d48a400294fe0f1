import Exact

// Helpers shared by the rule families that combine two summands (sin² + cos², the angle
// sums): a term is matched against the others through a hash map, so a sum of n terms
// costs O(n · proposals per term), not O(n²).

extension RewriteRule {
    /// One proposal of a pairing rule: if the sum also holds `partner` with coefficient
    /// `coefficient`, both summands (this one and the partner) become `replacement`.
    struct Pairing {
        var partner: Expr
        var coefficient: Rational
        var replacement: Expr
    }

    /// The sum with every proposed pair replaced, or `nil` when no pair was found (or e is
    /// not a sum). `propose(t, k)` lists the pairings of the summand k·t.
    static func combiningPairs(_ e: Expr, _ propose: (Expr, Rational) -> [Pairing]) -> Expr? {
        guard case .sum(let c, let terms) = e.kind, terms.count >= 2 else { return nil }
        var position: [Expr: Int] = [:]
        for (i, (t, _)) in terms.enumerated() { position[t] = i }
        var used = Array(repeating: false, count: terms.count)
        var summands: [Expr] = [Expr(c)]
        for (i, (t, k)) in terms.enumerated() where !used[i] {
            for p in propose(t, k) {
                guard let j = position[p.partner], j != i, !used[j], terms[j].coefficient == p.coefficient else { continue }
                used[i] = true
                used[j] = true
                summands.append(p.replacement)
                break
            }
        }
        guard used.contains(true) else { return nil }
        for (i, (t, k)) in terms.enumerated() where !used[i] { summands.append(t.scaled(by: k)) }
        return Expr.sum(summands)
    }

    /// The argument u when `e` is f(u), else `nil`.
    static func argument(_ e: Expr, of f: ElementaryFunction) -> Expr? {
        if case .call(let g, let u) = e.kind, g == f { return u }
        return nil
    }
}
