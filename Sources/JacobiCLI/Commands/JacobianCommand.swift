import ArgumentParser
import Jacobi

/// `jacobi jacobian EXPR...`: the Jacobian matrix of a vector function.
struct JacobianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jacobian",
        abstract: "Print the Jacobian J (m×n, J[i][j] = ∂fᵢ/∂xⱼ) of the functions given.",
        discussion: "Example: jacobi jacobian \"x*y\" \"sin(x) + y^2\" --at x=1/2,y=3\nExpressions that start with '-' go after '--'."
    )

    @Argument(help: "The functions f₁ … fₘ.")
    var expressions: [String]

    @OptionGroup var options: CommonOptions

    func run() throws {
        guard !expressions.isEmpty else { throw CLIError("jacobian needs at least one function") }
        let fs = try expressions.map(ExpressionInput.parse)
        let variables = try options.differentiationVariables(of: fs)
        let report = try DerivativeReport(command: "jacobian", variables: variables, functions: fs,
                                          symbolic: .matrix(fs.jacobian(withRespectTo: variables)),
                                          at: try options.point(), engine: options.engine) { engine, point in
            let (function, all) = try TapeAtPoint.function(fs, variables)
            let j = try function.jacobian(at: try TapeAtPoint.values(all, point), engine: engine)
            return .matrix(j.rowList.map { Array($0.prefix(variables.count)) })
        }
        print(try report.render(options.format))
    }
}

/// `jacobi hessian EXPR`: the Hessian matrix.
struct HessianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hessian",
        abstract: "Print the Hessian H (n×n, H[i][j] = ∂²f/∂xᵢ∂xⱼ, exactly symmetric).",
        discussion: "Example: jacobi hessian \"x^3*y + exp(x*y)\" --at x=0,y=1\nAn expression that starts with '-' goes after '--'."
    )

    @Argument(help: "The function, e.g. 'x^2*y'.")
    var expression: String

    @OptionGroup var options: CommonOptions

    func run() throws {
        let f = try ExpressionInput.parse(expression)
        let variables = try options.differentiationVariables(of: [f])
        let report = try DerivativeReport(command: "hessian", variables: variables, functions: [f],
                                          symbolic: .matrix(f.hessian(withRespectTo: variables)),
                                          at: try options.point(), engine: options.engine) { engine, point in
            let (function, all) = try TapeAtPoint.function([f], variables)
            let h = try function.hessian(at: try TapeAtPoint.values(all, point), engine: engine)
            return .matrix(h.rowList.prefix(variables.count).map { Array($0.prefix(variables.count)) })
        }
        print(try report.render(options.format))
    }
}
