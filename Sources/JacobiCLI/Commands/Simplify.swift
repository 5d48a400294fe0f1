import ArgumentParser
import Jacobi

/// `jacobi simplify EXPR`: the expression in canonical form.
struct Simplify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an expression in canonical form (like terms and powers combined).",
        discussion: "Example: jacobi simplify \"x*y/y + 2*x - x\"\nAn expression that starts with '-' goes after '--': jacobi simplify -- -x+x"
    )

    @Argument(help: "The expression, e.g. 'x + x*y/y'.")
    var expression: String

    @OptionGroup var options: CommonOptions

    func run() throws {
        let e = try ExpressionInput.parse(expression)
        let report = try ExpressionReport(command: "simplify", variables: try options.variables(of: [e]),
                                          functions: [e], result: e, at: try options.point())
        print(try report.render(options.format))
    }
}
