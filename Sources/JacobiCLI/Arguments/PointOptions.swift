import ArgumentParser
import Jacobi

/// Where a command evaluates (DESIGN.md, "CLI contract"): one exact point (`--at`), and
/// whether to print the symbolic column beside the values.
struct PointOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Evaluate exactly at this point (decimals are exact: 0.25 is 1/4).", valueName: "x=1/2,y=-3"),
            transform: Arguments.point)
    var at: Point?

    @Flag(help: "Values at the point only: skip the symbolic result (for scripts and batches).")
    var noSymbolic = false

    /// Runs `computation` and prints its report: without a point, the symbolic result; at a
    /// point, the values first (from the engine, never waiting for symbolic work), then the
    /// symbolic result unless `--no-symbolic`.
    func run(_ computation: Computation, _ common: CommonOptions) throws {
        guard let at else {
            if computation.needsPoint { throw CLIError("\(computation.command) needs a point: --at x=1/2,y=-3") }
            if noSymbolic { throw CLIError("--no-symbolic leaves nothing to print without a point (--at)") }
            common.render(Report(computation.head + (try computation.symbolic())))
            return
        }
        let values = try computation.atPoint(at)
        let symbolic = noSymbolic ? [] : try computation.symbolic()
        let fields = computation.head + symbolic + values.filter { !(noSymbolic && $0.isSymbolic) }
        common.render(Report(fields))
    }
}

/// What a command computes, as report fields: the head (command, vars, functions, the
/// vectors given), the symbolic result (computed once), and the values at a point.
struct Computation {
    let command: String
    let head: [Field]
    let needsPoint: Bool
    let symbolic: () throws -> [Field]
    let atPoint: (Point) throws -> [Field]

    /// - Parameters:
    ///   - inputs: fields of the vectors and numbers given (`direction`, `weights`, `order`).
    ///   - needsPoint: the command has nothing to say without a point (jvp, taylor).
    ///   - variables: the `vars` printed (default: the function's; diff's `--wrt` list).
    init(_ command: String, _ f: Function, variables: [Symbol]? = nil, inputs: [Field] = [], needsPoint: Bool = false,
         symbolic: @escaping () throws -> [Field], atPoint: @escaping (Point) throws -> [Field]) {
        self.command = command
        self.head = [.head(command: command, variables: variables ?? f.variables, functions: f.outputs)] + inputs
        self.needsPoint = needsPoint
        self.symbolic = symbolic
        self.atPoint = atPoint
    }
}
