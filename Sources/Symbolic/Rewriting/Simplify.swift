import Exact

extension Expr {
    /// The simplest equal expression found (placeholder).
    public func simplified() -> Expr { self }
}
