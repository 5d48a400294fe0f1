import Exact
import Symbolic

extension Expr {
    /// The gradient ∇f = (∂f/∂x₁, …, ∂f/∂xₙ), each entry simplified unless `simplifying` is false.
    ///
    ///     (x^2 * y).gradient(withRespectTo: [x, y])   // [2*x*y, x^2]
    ///
    /// Entry i is ``derivative(withRespectTo:)`` by xᵢ; variables f does not contain get 0
    /// without a traversal.
    public func gradient(withRespectTo xs: [Symbol], simplifying: Bool = true) -> [Expr] {
        let free = Set(freeSymbols)
        return xs.map { x in
            guard free.contains(x) else { return .zero }
            let d = rawDerivative(withRespectTo: x)
            return simplifying ? d.simplified() : d
        }
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
