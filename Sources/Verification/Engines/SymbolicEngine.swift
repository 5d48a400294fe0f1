import Derivatives
import Exact
import Symbolic

/// The symbolic engine as ``CrossCheck`` sees it: derivative expressions, which the
/// cross-check then evaluates exactly at its points.
///
///     try DerivativesEngine().jacobian(of: [x * y], withRespectTo: [x, y])   // [[y, x]]
///
/// A protocol so that a mutation test can substitute an engine with one wrong rule (a
/// copy of the rule table); the production conformance is ``DerivativesEngine``.
///
/// Laws: row i of the Jacobian is the gradient of fᵢ; the Hessian is the Jacobian of the
/// gradient, and symmetric.
public protocol SymbolicEngine: Sendable {
    /// Jᵢⱼ = ∂fᵢ/∂xⱼ, m rows by n columns.
    func jacobian(of functions: [Expr], withRespectTo variables: [Symbol]) -> [[Expr]]

    /// Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ, n × n.
    func hessian(of function: Expr, withRespectTo variables: [Symbol]) -> [[Expr]]
}

/// The production symbolic engine: the `Derivatives` module's Jacobian and Hessian.
///
///     DerivativesEngine().hessian(of: x * x * y, withRespectTo: [x, y])   // [[2*y, 2*x], [2*x, 0]]
///
/// With `simplifying` (the default) entries are simplified, as users get them; without, they
/// are the chain rule's canonical output, which is faster and still exact.
public struct DerivativesEngine: SymbolicEngine {
    /// Whether entries are simplified.
    public var simplifying: Bool

    /// The engine; `simplifying` as in `Expr.gradient(withRespectTo:simplifying:)`.
    public init(simplifying: Bool = true) { self.simplifying = simplifying }

    /// `functions.jacobian(withRespectTo: variables, simplifying: simplifying)`.
    ///
    ///     DerivativesEngine().jacobian(of: [x * y], withRespectTo: [x, y])   // [[y, x]]
    public func jacobian(of functions: [Expr], withRespectTo variables: [Symbol]) -> [[Expr]] {
        functions.jacobian(withRespectTo: variables, simplifying: simplifying)
    }

    /// `function.hessian(withRespectTo: variables, simplifying: simplifying)`.
    ///
    ///     DerivativesEngine().hessian(of: x * y, withRespectTo: [x, y])   // [[0, 1], [1, 0]]
    public func hessian(of function: Expr, withRespectTo variables: [Symbol]) -> [[Expr]] {
        function.hessian(withRespectTo: variables, simplifying: simplifying)
    }
}
