import ArgumentParser
import Jacobi

/// `jacobi expand EXPR`: products and integer powers multiplied out.
struct Expand: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Multiply out products and positive integer powers of sums.",
        discussion: "Example: jacobi expand \"(x + y)^3\"\nAn expression that starts with '-' goes after '--': jacobi expand -- -(x+1)^2"
    )

    @Argument(help: "The expression, e.g. '(x + 1)^3'.")
    var expression: String

    // `.unconditional`: "-5" is read as the (invalid) value, not as a missing one.
    @Option(parsing: .unconditional, help: "Fail instead of building a result with more terms than this (at least 1).")
    var termLimit: Int = Expr.defaultExpandTermLimit

    @OptionGroup var options: CommonOptions

    func validate() throws {
        guard termLimit >= 1 else { throw ValidationError("--term-limit must be at least 1, not \(termLimit)") }
    }

    func run() throws {
        let e = try ExpressionInput.parse(expression)
        let expanded = try e.expanded(termLimit: termLimit)
        let report = try ExpressionReport(command: "expand", variables: try options.variables(of: [e]),
                                          functions: [e], result: expanded, at: try options.point())
        print(try report.render(options.format))
    }
}
