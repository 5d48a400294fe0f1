import ArgumentParser
import Jacobi

/// `jacobi dir EXPR --dir 1,2`: the directional derivative ∇f·v.
struct Dir: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the directional derivative D_v f = ∇f·v.",
        discussion: "Example: jacobi dir \"x*y\" --dir 1,2 --at x=1,y=1\nThe direction has one exact component per variable: --dir 1,-1/2"
    )

    @Argument(help: "The function, e.g. 'x*y'.")
    var expression: String

    @Option(parsing: .unconditional, help: "The direction v, one exact number per variable, e.g. 1,2 or -1,1/2.")
    var dir: String

    @OptionGroup var options: CommonOptions

    func run() throws {
        let f = try ExpressionInput.parse(expression)
        let variables = try options.differentiationVariables(of: [f])
        let v = try VectorInput.parse(dir, option: "--dir", count: variables.count)
        let d = f.directionalDerivative(along: v.map { Expr($0) }, withRespectTo: variables)
        let report = try DerivativeReport(command: "dir", variables: variables, functions: [f], symbolic: .scalar(d),
                                          at: try options.point(), engine: options.engine,
                                          extra: [("direction", v.map(\.description))]) { engine, point in
            let (function, all) = try TapeAtPoint.function([f], variables)
            let direction = v.map { Expr($0) } + Array(repeating: Expr.zero, count: all.count - variables.count)
            return .scalar(try function.directionalDerivative(at: try TapeAtPoint.values(all, point), along: direction, engine: engine))
        }
        print(try report.render(options.format))
    }
}

enum VectorInput {
    /// Exact components separated by commas; exactly `count` of them.
    static func parse(_ text: String, option: String, count: Int) throws -> [Rational] {
        var out: [Rational] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let t = item.trimmingCharacters(in: .whitespaces)
            do { out.append(try Rational(parsing: t)) } catch {
                throw CLIError("invalid number '\(t)' in \(option): \(error.description)")
            }
        }
        guard out.count == count else {
            throw CLIError("\(option) has \(out.count) components, but there are \(count) variables")
        }
        return out
    }
}
