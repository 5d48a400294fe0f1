import ArgumentParser
import Jacobi

/// `jacobi taylor EXPR --at … [--order 1|2]`: the Taylor model around a.
struct Taylor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The first- or second-order Taylor model of f around a, with exact coefficients.",
        discussion: """
            T(x) = f(a) + ∇f(a)·(x − a) [+ ½ (x − a)ᵀ H(a) (x − a) for order 2].
            Example: jacobi taylor "exp(x)*y" --at x=0,y=1 --order 2
            """
    )

    @Argument(help: "The scalar function.")
    var expression: String

    @Option(parsing: .unconditional, help: "The order of the model: 1 or 2.")
    var order: Int = 2

    @OptionGroup var options: CommonOptions

    func validate() throws {
        guard order == 1 || order == 2 else { throw ValidationError("--order must be 1 or 2, not \(order)") }
    }

    func run() throws {
        let e = try ExpressionInput.parse(expression)
        let variables = try options.differentiationVariables(of: [e])
        let a = try options.requiredPoint(for: variables)
        let f = try Function(e, variables: variables)
        let engine = options.engine.map(DifferentialEngine.init) ?? .reverse
        let model = try f.taylor(at: a, order: order, engine: engine)
        let expression = model.expression
        let valueAtA = model.evaluatedExactly(at: a)
        switch options.format {
        case .json:
            var members = PointValues.head("taylor", variables, [e]) + [
                ("symbolic", .string(expression.description)),
                ("at", PointValues.at(variables, a)),
                ("engine", .string(engine.rawValue)),
                ("exact", .string(valueAtA.description)),
                ("numeric", .number(try PointValues.double(valueAtA))),
                ("order", .integer(order)),
                ("value", .string(model.value.description)),
                ("gradient", PointValues.exact(model.gradient)),
            ]
            // DESIGN.md's keys for taylor include `hessian`: null when the model is first order.
            members.append(("hessian", model.hessian.map(PointValues.exact) ?? .null))
            print(JSONValue.object(members).rendered)
        case .text:
            // Everything is computed before anything is printed: an error leaves stdout empty.
            var lines = ["T\(order)(\(variables.map(\.name).joined(separator: ", "))) = \(expression)",
                         "around \(PointValues.atText(variables, a)) (engine: \(engine.rawValue)):",
                         "f(a)  = \(PointValues.text(model.value))",
                         "∇f(a) = [\(model.gradient.map(\.description).joined(separator: ", "))]"]
            if let h = model.hessian { lines.append("H(a)  =\n\(h.text)") }
            print(lines.joined(separator: "\n"))
        case .latex:
            print("T_{\(order)}(\(variables.map(\.name).joined(separator: ", "))) = \(expression.latex)")
        }
    }
}
