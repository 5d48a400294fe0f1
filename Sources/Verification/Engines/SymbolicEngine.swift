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
