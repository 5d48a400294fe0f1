import Exact
import Symbolic

extension Expr {
    /// The gradient ∇f = (∂f/∂x₁, …, ∂f/∂xₙ), each entry simplified unless `simplifying` is false.
    ///
    ///     (x^2 * y).gradient(withRespectTo: [x, y])   // [2*x*y, x^2]
    ///
    /// Entry i is `derivative(withRespectTo:)` by xᵢ. One pass finds the variables each
    /// node contains, so entries for absent variables are 0 at no cost and subexpressions
    /// free of xᵢ are skipped; local derivatives (f′(u) of each call) are built once for all
    /// entries.
    public func gradient(withRespectTo xs: [Symbol], simplifying: Bool = true) -> [Expr] {
        let positions = DependencyIndex.positions(of: xs)
        return Gradients.row(self, xs, positions, simplifying: simplifying)
    }

    /// The directional derivative D_v f = ∇f · v = Σᵢ vᵢ·∂f/∂xᵢ, simplified unless
    /// `simplifying` is false.
    ///
    ///     (x * y).directionalDerivative(along: [1, 2], withRespectTo: [x, y])   // 2*x + y
    ///
    /// Linear in v. - Precondition: `direction.count == xs.count`.
    public func directionalDerivative(along direction: [Expr], withRespectTo xs: [Symbol], simplifying: Bool = true) -> Expr {
        precondition(direction.count == xs.count, "the direction needs one component per variable")
        let partials = gradient(withRespectTo: xs, simplifying: false)
        let d = Expr.sum(zip(direction, partials).map { $0 * $1 })
        return simplifying ? d.simplified() : d
    }
}

/// The shared loop of gradients and Jacobian rows.
enum Gradients {
    static func row(_ f: Expr, _ xs: [Symbol], _ positions: [Symbol: Int], simplifying: Bool) -> [Expr] {
        var row = [Expr](repeating: .zero, count: xs.count)
        let index = DependencyIndex([f], positions: positions, count: xs.count)
        let local = LocalDerivatives()
        for i in index.variables(of: f) {
            var differentiator = Differentiator(variable: xs[i], dependencies: index, local: local)
            var d = differentiator.derivative(of: f)
            if simplifying { d = d.simplified() }
            row[i] = d
        }
        // A variable listed twice gets its partial at every position.
        if positions.count < xs.count {
            for (j, x) in xs.enumerated() { if let i = positions[x], i != j { row[j] = row[i] } }
        }
        return row
    }
}
