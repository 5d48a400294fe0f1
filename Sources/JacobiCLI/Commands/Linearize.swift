import ArgumentParser
import Jacobi

/// `jacobi linearize EXPR... --at …`: f(a) and the differential df_a as its matrix J(a).
struct Linearize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "f(a) and the differential df_a as a matrix: f(a + h) ≈ f(a) + J(a)·h.",
        discussion: """
            Example: jacobi linearize "x*y" "sin(x) + y^2" --at x=1/2,y=3
            The engine builds J(a): symbolic (the symbolic Jacobian at a), forward (n JVP sweeps)
            or reverse (m VJP sweeps); the default is whichever needs fewer sweeps.
            """
    )

    @Argument(parsing: .allUnrecognized, help: "The component functions.")
    var expressions: [String] = []

    @OptionGroup var options: CommonOptions

    func run() throws {
        let functions = try ExpressionInput.parseAll(expressions)
        let variables = try options.differentiationVariables(of: functions)
        let a = try options.requiredPoint(for: variables)
        let f = try Function(functions, variables: variables)
        let engine = options.engine.map(DifferentialEngine.init) ?? (f.inputDimension <= f.outputDimension ? .forward : .reverse)
        let point = a.map { Expr($0) }
        let symbolic = f.jacobian()
        let value = try f.value(at: point)
        let j = try f.jacobian(at: point, engine: engine)
        switch options.format {
        case .json:
            let members = PointValues.head("linearize", variables, functions) + [
                ("symbolic", .array(symbolic.rowList.map { .array($0.map { .string($0.description) }) })),
                ("at", PointValues.at(variables, a)),
                ("engine", .string(engine.rawValue)),
                ("exact", PointValues.exact(j)),
                ("numeric", try PointValues.numeric(j)),
                ("value", PointValues.exact(value)),
            ]
            print(JSONValue.object(members).rendered)
        case .text:
            // Everything is computed before anything is printed: an error leaves stdout empty.
            var lines = ["J =\n\(symbolic.text)",
                         "at \(PointValues.atText(variables, a)) (engine: \(engine.rawValue)):",
                         "f(a) = [\(value.map(\.description).joined(separator: ", "))]",
                         "J(a) =\n\(j.text)"]
            if j.elements.contains(where: { $0.rationalValue == nil }) {
                lines.append("J(a) ≈\n\(j.map { PointValues.decimalOrNote($0) }.formatted { $0 })")
            }
            print(lines.joined(separator: "\n"))
        case .latex:
            print("J = \(symbolic.latexText)")
            print("J(a) = \(j.latexText)")
        }
    }
}

extension DifferentialEngine {
    init(_ engine: Engine) {
        switch engine {
        case .symbolic: self = .symbolic
        case .forward: self = .forward
        case .reverse: self = .reverse
        }
    }
}
