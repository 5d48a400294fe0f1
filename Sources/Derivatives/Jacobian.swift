import Exact
import Symbolic

extension Array where Element == Expr {
    /// The Jacobian J of the vector function (f₁, …, fₘ): the m×n matrix Jᵢⱼ = ∂fᵢ/∂xⱼ,
    /// as rows, each entry simplified unless `simplifying` is false.
    ///
    ///     [x * y, sin(x) + y^2].jacobian(withRespectTo: [x, y])   // [[y, x], [cos(x), 2*y]]
    ///
    /// Row i is fᵢ's gradient. Entries for variables that fᵢ does not contain are 0 at no
    /// cost, so a sparse system (W1's tridiagonal ones) costs O(nonzeros), not O(m·n); the
    /// rows share one dependency index and one differentiator per variable, so a node that
    /// several fᵢ share is differentiated once per variable.
    public func jacobian(withRespectTo xs: [Symbol], simplifying: Bool = true) -> [[Expr]] {
        var shared = Gradients.Shared(self, xs, DependencyIndex.positions(of: xs))
        return map { shared.row($0, simplifying: simplifying) }
    }
}
