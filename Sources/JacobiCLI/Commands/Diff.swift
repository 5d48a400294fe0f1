import ArgumentParser
import Jacobi

/// `jacobi diff EXPR [--wrt x,y]`: the simplified partial derivatives.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the simplified partial derivatives ∂f/∂v for each variable v.",
        discussion: "Example: jacobi diff \"x^2*y + sin(x)\" --at x=1/2,y=3\nAn expression that starts with '-' goes after '--': jacobi diff -- -x^2"
    )

    @Argument(help: "The function, e.g. 'x^2*y + sin(x)'.")
    var expression: String

    @Option(help: "Differentiate by these variables only, in this order (default: --vars).")
    var wrt: String?

    @OptionGroup var options: CommonOptions

    func run() throws {
        let f = try ExpressionInput.parse(expression)
        var variables = try options.differentiationVariables(of: [f])
        if let wrt { variables = try CommonOptions.parse(["--vars", wrt]).variables(of: [f]) }
        let report = try DerivativeReport(command: "diff", variables: variables, functions: [f],
                                          symbolic: .list(f.gradient(withRespectTo: variables)),
                                          at: try options.point(), engine: options.engine) { engine, point in
            .list(try TapeAtPoint.gradient(f, variables, point, engine))
        }
        print(try report.render(options.format))
    }
}

/// `jacobi grad EXPR [--vars x,y]`: the gradient.
struct Grad: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the gradient ∇f, one simplified partial per variable.",
        discussion: "Example: jacobi grad \"x*y^2 - z/x\" --vars x,y,z --format json\nAn expression that starts with '-' goes after '--': jacobi grad -- -x*y"
    )

    @Argument(help: "The function, e.g. 'x*y^2'.")
    var expression: String

    @OptionGroup var options: CommonOptions

    func run() throws {
        let f = try ExpressionInput.parse(expression)
        let variables = try options.differentiationVariables(of: [f])
        let report = try DerivativeReport(command: "grad", variables: variables, functions: [f],
                                          symbolic: .list(f.gradient(withRespectTo: variables)),
                                          at: try options.point(), engine: options.engine) { engine, point in
            .list(try TapeAtPoint.gradient(f, variables, point, engine))
        }
        print(try report.render(options.format))
    }
}

/// The tape engines' values at a point, for the derivative commands' `--engine forward|reverse`:
/// the function is compiled over every variable it has (a `--wrt` list may name fewer), and
/// the requested components are picked out.
enum TapeAtPoint {
    static func function(_ fs: [Expr], _ variables: [Symbol]) throws -> (Function, [Symbol]) {
        var all = variables
        for s in Set(fs.flatMap(\.freeSymbols)).sorted() where !all.contains(s) { all.append(s) }
        return (try Function(fs, variables: all), all)
    }

    static func values(_ all: [Symbol], _ point: [Symbol: Rational]) throws -> [Expr] {
        try all.map { s in
            guard let v = point[s] else { throw CLIError("no value given for the variable \(s) in --at") }
            return Expr(v)
        }
    }

    static func gradient(_ f: Expr, _ variables: [Symbol], _ point: [Symbol: Rational], _ engine: DifferentialEngine) throws -> [Expr] {
        let (function, all) = try function([f], variables)
        let g = try function.gradient(at: try values(all, point), engine: engine)
        return Array(g.prefix(variables.count))
    }
}
