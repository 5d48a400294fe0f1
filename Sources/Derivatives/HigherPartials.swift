import Exact
import Symbolic

// The symbolic engine's Taylor coefficients: every partial ∂^α f with |α| ≤ k by repeated
// differentiation, each mixed partial computed once. ∂^α f is the derivative of ∂^(α − eⱼ) f
// by xⱼ, where j is the first variable with αⱼ > 0 (so the partials of one degree are all
// derivatives of the previous degree's, and Schwarz's theorem makes the choice immaterial).
// One degree at a time, with one memo per variable shared by all partials of the degree (as
// for a Hessian's columns), so nodes shared between partials are differentiated once.

extension Expr {
    /// Every partial derivative ∂^α f = ∂^|α| f / ∂x₁^α₁ ⋯ ∂xₙ^αₙ with |α| ≤ k, keyed by
    /// the multi-index α (one exponent per variable of `xs`), each simplified unless
    /// `simplifying` is false.
    ///
    ///     (x^3 * y).partialDerivatives(withRespectTo: [x, y], upToOrder: 2)[[2, 0]]   // 6*x*y
    ///
    /// Each mixed partial is computed once (so ∂²f/∂x∂y and ∂²f/∂y∂x are the same
    /// expression); the entry for α = 0 is f itself. C(n + k, k) entries.
    ///
    /// - Precondition: k ≥ 0 and the variables are distinct.
    public func partialDerivatives(withRespectTo xs: [Symbol], upToOrder k: Int, simplifying: Bool = true) -> [[Int]: Expr] {
        precondition(k >= 0, "the order of a partial derivative is at least 0")
        precondition(Set(xs).count == xs.count, "the variables must be distinct")
        let n = xs.count
        var all: [[Int]: Expr] = [Array(repeating: 0, count: n): self]
        var previous: [([Int], Expr)] = [(Array(repeating: 0, count: n), self)]
        if n == 0 { return all }
        for _ in stride(from: 1, through: k, by: 1) {
            let index = DependencyIndex(previous.map(\.1), variables: xs)
            let local = LocalDerivatives()
            var differentiators = xs.map { Differentiator(variable: $0, dependencies: index, local: local) }
            var next: [([Int], Expr)] = []
            for (beta, parent) in previous {
                // α = β + eⱼ for every j up to β's first nonzero exponent: each α of the new
                // degree arises exactly once (from β = α − e_first(α)).
                let last = beta.firstIndex(where: { $0 > 0 }) ?? (n - 1)
                for j in 0...last {
                    var alpha = beta
                    alpha[j] += 1
                    var d = Expr.zero
                    if index.depends(parent, on: j) {
                        d = differentiators[j].derivative(of: parent)
                        if simplifying { d = d.simplified() }
                    }
                    all[alpha] = d
                    next.append((alpha, d))
                }
            }
            previous = next
        }
        return all
    }
}
