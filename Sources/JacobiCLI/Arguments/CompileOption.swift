import ArgumentParser
import Jacobi

/// `--compile` (grad, jvp, vjp, hvp): the values at the point come from the tape compiled
/// to machine code (C via the system cc), in Double — `numeric` without `exact`, as with
/// Double sweeps. Without a compiler the interpreted tape gives them, said once on stderr.
/// The tape is compiled once per run, so `--points` batches share it.
struct CompileOption: ParsableArguments {
    @Flag(help: "Values from the tape compiled with the system C compiler, in Double (numeric only); else the interpreted tape, saying so once.")
    var compile = false

    /// The values of one product through the compiled tape, at the point(s) of `point`: the
    /// point, the engine ("compiled" or "interpreted"), the numbers.
    func run(
        _ command: String, _ f: Function, inputs: [Field], _ point: PointOptions, _ common: CommonOptions,
        label: Label, _ product: @escaping @Sendable (CompiledTape, [Double]) throws -> [Double]
    ) async throws {
        guard try point.typedPoint() != nil || point.points != nil else {
            throw CLIError("--compile needs a point: --at x=1/2,y=-3 (or --at-file, --points)")
        }
        let tape = f.compiled()
        let engine = tape.isCompiled ? "compiled" : "interpreted"
        let variables = f.variables
        let computation = Computation(
            command, f, inputs: inputs, needsPoint: true, symbolic: { [] },
            atPoint: { a in
                let x = try a.exactCoordinates(for: variables).map { try $0.evaluated(at: [Symbol: Double]()) as Double }
                let values = try product(tape, x)
                guard values.allSatisfy(\.isFinite) else { throw CLIError("\(command): the result is not finite in Double") }
                let text = "\(label.text) ≈ [" + values.map { "\($0)" }.joined(separator: ", ") + "]"
                return [
                    .point(a, engine: nil),
                    .custom(
                        json: [("engine", .string(engine)), ("numeric", .array(values.map(JSONValue.number)))],
                        text: ["(engine: \(engine))", text],
                        latex: ["\(label.latex) &\\approx " + values.map { "\($0)" }.joined(separator: ",\\ ")]),
                ]
            })
        try await point.run(computation, common)
    }
}
