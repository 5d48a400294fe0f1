/// The bounds a parse works within, in one place (siblings of `ExactLimits`; Docs/Limits.md
/// lists every limit of the project).
///
/// The parser, the canonical constructors, differentiation, printing, tape compilation and
/// evaluation use explicit stacks, never recursion on the input's depth, so nesting is
/// bounded only by the size of the input:
///
///     try Expr.parse(String(repeating: "sin(", count: 100_000) + "x" + String(repeating: ")", count: 100_000))   // fine
///
/// The limits are task-local, so a caller can change them for one computation:
///
///     try ParseLimits.$maximumInputLength.withValue(4 << 20) { try Expr.parse(bigText) }
public enum ParseLimits {
    /// The longest expression text ``Expr/parse(_:maximumDepth:)`` reads, in Unicode scalars:
    /// 2²⁰ (1 048 576) unless set. Longer input gets a `ParseError` naming this limit.
    @TaskLocal public static var maximumInputLength: Int = 1 << 20

    /// The default bound on nesting (parentheses, calls and `^`) for ``Expr/parse(_:maximumDepth:)``:
    /// 2²⁰ levels, that is, no bound below what ``maximumInputLength`` allows.
    public static let defaultMaximumDepth = 1 << 20
}
