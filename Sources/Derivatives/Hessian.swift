import Exact
import Symbolic

extension Expr {
    /// The Hessian H of f: the n×n matrix Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ, each entry simplified unless
    /// `simplifying` is false.
    ///
    ///     (x^2 * y).hessian(withRespectTo: [x, y])   // [[2*y, 2*x], [2*x, 0]]
    ///
    /// Exactly symmetric: each mixed partial is computed once (j ≥ i) and placed at both
    /// (i, j) and (j, i). The gradient is differentiated raw, column by column through one
    /// memo tagged by variable, so a node shared by several gradient entries (the inner sums
    /// of a logistic loss) is differentiated once per variable.
    public func hessian(withRespectTo xs: [Symbol], simplifying: Bool = true) -> [[Expr]] {
        let n = xs.count
        let g = gradient(withRespectTo: xs, simplifying: false)
        let index = DependencyIndex(g, variables: xs)
        var h = Array(repeating: Array(repeating: Expr.zero, count: n), count: n)
        guard let first = xs.first else { return h }
        var d = Differentiator(variable: first, dependencies: index, local: LocalDerivatives())
        for j in 0..<n {
            d.select(xs[j])
            for i in 0...j where index.depends(g[i], on: index.position[xs[j]] ?? -1) {
                var entry = d.derivative(of: g[i])
                if simplifying { entry = entry.simplified() }
                h[i][j] = entry
                h[j][i] = entry
            }
        }
        return h
    }
}
