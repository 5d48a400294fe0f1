import ArgumentParser
import Jacobi

/// Where a command evaluates (DESIGN.md, "CLI contract"): one exact point (`--at`), and
/// whether to print the symbolic column beside the values.
struct PointOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Evaluate exactly at this point (decimals are exact: 0.25 is 1/4). For a program: x=1/2 sets every entry of the vector x, x[3]=1/2 one entry; a later setting overrides an earlier one.", valueName: "x=1/2,y=-3"),
            transform: PointText.parse)
    var at: PointText?

    @Option(name: .customLong("at-file"),
            help: ArgumentHelp("The point as a JSON object, vectors as lists: {\"x\": [0.5, \"-3/4\"], \"a\": 2} (numbers read exactly; --at settings apply after it).", valueName: "path"))
    var atFile: String?

    @Flag(help: "Values at the point only: skip the symbolic result (for scripts and batches).")
    var noSymbolic = false

    @Flag(help: "Double sweeps only: write the floats (numeric) without the exact values (exact), for large programs.")
    var numeric = false

    /// Points with more variables than this, given by --at-file, are not echoed under `at`
    /// with --numeric (the file is their record; converting 10⁶ numbers to exact strings
    /// would cost more than the sweep).
    static let echoLimit = 10_000

    /// The point as typed: the file's settings, then --at's (which override them).
    func pointText() throws -> PointText? {
        var assignments: [(name: String, value: ProgramPointValue<String>)] = []
        if let atFile { assignments += try PointFile.read(atFile).assignments }
        if let at { assignments += at.assignments }
        return atFile == nil && at == nil ? nil : PointText(assignments: assignments)
    }

    /// Runs `computation` and prints its report: without a point, the symbolic result; at a
    /// point, the values first (from the engine, never waiting for symbolic work), then the
    /// symbolic result unless `--no-symbolic`; with `--numeric`, the floats only.
    func run(_ computation: Computation, _ common: CommonOptions) throws {
        let f = computation.function
        guard let text = try pointText() else {
            if computation.needsPoint { throw CLIError("\(computation.command) needs a point: --at x=1/2,y=-3") }
            if noSymbolic { throw CLIError("--no-symbolic leaves nothing to print without a point (--at)") }
            if numeric { throw CLIError("--numeric needs a point (--at or --at-file)") }
            common.render(Report(computation.head + (try computation.symbolic())), for: f)
            return
        }
        if numeric {
            guard let values = computation.numeric else {
                throw CLIError("--numeric is not available for \(computation.command)")
            }
            let x = try text.doubles(for: f)
            var fields = computation.head
            if atFile == nil || x.count <= Self.echoLimit {
                fields.append(.point(try text.point(for: f), engine: computation.engine))
            } else if let engine = computation.engine {
                fields.append(.custom(json: [("engine", .string(engine.rawValue))], text: ["(engine: \(engine.rawValue))"], latex: []))
            }
            common.render(Report(fields + (try values(x))), for: f)
            return
        }
        let at = try text.point(for: f)
        let values = try computation.atPoint(at)
        let symbolic = noSymbolic ? [] : try computation.symbolic()
        let fields = computation.head + symbolic + values.filter { !(noSymbolic && $0.isSymbolic) }
        common.render(Report(fields), for: f)
    }
}

/// What a command computes, as report fields: the head (command, vars, functions, the
/// vectors given), the symbolic result (computed once), and the values at a point.
struct Computation {
    let command: String
    let function: Function
    let head: [Field]
    let needsPoint: Bool
    let symbolic: () throws -> [Field]
    let atPoint: (Point) throws -> [Field]
    /// The engine, for `--numeric` (whose fields carry no `.point`).
    let engine: DifferentialEngine?
    /// The result from the Double sweeps (`--numeric`), where the command offers it.
    let numeric: (([Double]) throws -> [Field])?

    /// - Parameters:
    ///   - inputs: fields of the vectors and numbers given (`direction`, `weights`, `order`).
    ///   - needsPoint: the command has nothing to say without a point (jvp, taylor).
    ///   - variables: the `vars` printed (default: the function's; diff's `--wrt` list).
    init(_ command: String, _ f: Function, variables: [Symbol]? = nil, inputs: [Field] = [], needsPoint: Bool = false,
         engine: DifferentialEngine? = nil, numeric: (([Double]) throws -> [Field])? = nil,
         symbolic: @escaping () throws -> [Field], atPoint: @escaping (Point) throws -> [Field]) {
        self.command = command
        self.function = f
        if let program = f.program, variables == nil {
            self.head = [.programHead(command: command, program: program)] + inputs
        } else {
            self.head = [.head(command: command, variables: variables ?? f.variables, functions: f.outputs)] + inputs
        }
        self.needsPoint = needsPoint
        self.symbolic = symbolic
        self.atPoint = atPoint
        self.engine = engine
        self.numeric = numeric
    }
}
