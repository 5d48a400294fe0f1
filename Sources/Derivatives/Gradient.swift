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
        var shared = Shared([f], xs, positions)
        return shared.row(f, simplifying: simplifying)
    }

    /// What the rows of one Jacobian share: one dependency index over all rows, one memo of
    /// local derivatives, and one differentiator whose memo is tagged by variable, so a node
    /// that several rows share (xᵢ² in rows i and i + 1 of a tridiagonal system) is
    /// differentiated once per variable, and a row or a variable costs no tables of its own.
    struct Shared {
        let xs: [Symbol]
        let positions: [Symbol: Int]
        let index: DependencyIndex
        /// `nil` only when there are no variables (and so no partials).
        var differentiator: Differentiator?

        init(_ roots: [Expr], _ xs: [Symbol], _ positions: [Symbol: Int]) {
            self.xs = xs
            self.positions = positions
            let index = DependencyIndex(roots, positions: positions, count: xs.count)
            self.index = index
            let local = LocalDerivatives()
            self.differentiator = xs.first.map { Differentiator(variable: $0, dependencies: index, local: local) }
        }

        /// ∇f for f one of the roots.
        mutating func row(_ f: Expr, simplifying: Bool) -> [Expr] {
            var row = [Expr](repeating: .zero, count: xs.count)
            for i in index.variables(of: f) {
                differentiator?.select(xs[i])
                guard var d = differentiator?.derivative(of: f) else { continue }
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
}
