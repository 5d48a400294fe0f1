import ArgumentParser
import Jacobi

/// `jacobi diff EXPR [--wrt x,y]`: the simplified partial derivatives.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the simplified partial derivatives ∂f/∂v for each variable v.",
        discussion: "An expression that starts with '-' goes after '--': jacobi diff -- -x^2"
    )

    @Argument(help: "The function, e.g. 'x^2*y + sin(x)'.")
    var expression: String

    @Option(help: "Differentiate by these variables only, in this order (default: --vars).")
    var wrt: String?

    @OptionGroup var options: CommonOptions
    @OptionGroup var engine: EngineOption

    func run() throws {
        let f = try ExpressionInput.parse(expression)
        var variables = try options.variables(of: [f])
        if let wrt { variables = try CommonOptions.parse(["--vars", wrt]).variables(of: [f]) }
        let report = try DerivativeReport(command: "diff", variables: variables, functions: [f],
                                          symbolic: .list(f.gradient(withRespectTo: variables)),
                                          at: try options.point(), engine: try engine.require([.symbolic], for: "diff"))
        print(report.render(options.format))
    }
}

/// `jacobi grad EXPR [--vars x,y]`: the gradient.
struct Grad: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the gradient ∇f, one simplified partial per variable.",
        discussion: "An expression that starts with '-' goes after '--': jacobi grad -- -x*y"
    )

    @Argument(help: "The function, e.g. 'x*y^2'.")
    var expression: String

    @OptionGroup var options: CommonOptions
    @OptionGroup var engine: EngineOption

    func run() throws {
        let f = try ExpressionInput.parse(expression)
        let variables = try options.variables(of: [f])
        let report = try DerivativeReport(command: "grad", variables: variables, functions: [f],
                                          symbolic: .list(f.gradient(withRespectTo: variables)),
                                          at: try options.point(), engine: try engine.require([.symbolic], for: "grad"))
        print(report.render(options.format))
    }
}
