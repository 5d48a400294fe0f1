import ArgumentParser
import Jacobi

/// `--compile` (grad, jvp, vjp, hvp): the values at the point come from the tape compiled
/// to machine code (C via the system cc), in Double — `numeric` without `exact`, as with
/// Double sweeps. Without a compiler the interpreted tape gives them, said once on stderr.
struct CompileOption: ParsableArguments {
    @Flag(help: "Values from the tape compiled with the system C compiler, in Double (numeric only); else the interpreted tape, saying so once.")
    var compile = false

    /// The values of one product through the compiled tape, as a report: the point, the
    /// engine ("compiled" or "interpreted"), the numbers.
    func run(_ command: String, _ f: Function, inputs: [Field], _ point: PointOptions, _ common: CommonOptions,
             label: Label, _ product: (CompiledTape, [Double]) throws -> [Double]) throws {
        guard let a = point.at else { throw CLIError("--compile needs a point: --at x=1/2,y=-3") }
        let x = try a.coordinates(for: f.variables).map { Double($0) }
        let tape = f.compiled()
        let values = try product(tape, x)
        guard values.allSatisfy(\.isFinite) else { throw CLIError("\(command): the result is not finite in Double") }
        let engine = tape.isCompiled ? "compiled" : "interpreted"
        let text = "\(label.text) ≈ [" + values.map { "\($0)" }.joined(separator: ", ") + "]"
        let fields: [Field] = [
            .head(command: command, variables: f.variables, functions: f.outputs),
        ] + inputs + [
            .point(a, engine: nil),
            .custom(json: [("engine", .string(engine)), ("numeric", .array(values.map(JSONValue.number)))],
                    text: ["(engine: \(engine))", text], latex: ["\(label.latex) &\\approx " + values.map { "\($0)" }.joined(separator: ",\\ ")]),
        ]
        common.render(Report(fields))
    }
}
