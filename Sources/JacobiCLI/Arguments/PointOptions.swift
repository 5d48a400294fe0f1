import ArgumentParser
import Foundation
import Jacobi

/// Where a command evaluates (DESIGN.md, "CLI contract"): one exact point (`--at`, or
/// `--at-file` as a JSON object) or many (`--points`, on `--jobs` threads), whether to
/// print the symbolic column beside the values, and `--numeric` (the Double sweeps only).
/// For a program, `--at x=1/2` sets every entry of the vector x and `x[3]=1/2` one entry,
/// and `--at-file` gives vectors as lists.
struct PointOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Evaluate exactly at this point (decimals are exact: 0.25 is 1/4; exact constants such as pi/4 or sqrt(2) too). For a program: x=1/2 sets every entry of the vector x, x[3]=1/2 one entry; a later setting overrides an earlier one.",
            valueName: "x=1/2,y=-3"),
        transform: TypedPoint.parse)
    var at: TypedPoint?

    @Option(
        help: ArgumentHelp(
            "The point as a JSON object, e.g. {\"x\": \"1/2\", \"y\": 0.25} (numbers read exactly; a program's vectors as lists).", valueName: "path")
    )
    var atFile: String?

    @Option(
        help: ArgumentHelp(
            "Many points: JSON lines (one object per line) or CSV with a header row; '-' reads standard input. Prints one JSON line per point, in input order.",
            valueName: "path"))
    var points: String?

    @Option(help: ArgumentHelp("Threads for --points (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Values at the point only: skip the symbolic result (for scripts and batches).")
    var noSymbolic = false

    @Flag(help: "Double sweeps only: write the floats (numeric) without the exact values (exact), for large programs.")
    var numeric = false

    /// Points with more variables than this, given by --at-file, are not echoed under `at`
    /// with --numeric (the file is their record; converting 10⁶ numbers to exact strings
    /// would cost more than the sweep).
    static let echoLimit = 10_000

    func validate() throws {
        if [at != nil, atFile != nil, points != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --at, --at-file and --points")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        if jobs != nil && points == nil { throw ValidationError("--jobs is for --points") }
        if numeric && points != nil { throw ValidationError("--numeric is for one point (--at, --at-file)") }
    }

    /// The single point as typed: `--at`, or `--at-file` read.
    func typedPoint() throws -> TypedPoint? {
        if let at { return at }
        guard let atFile else { return nil }
        return try PointFile.read(atFile)
    }

    /// Runs `computation` and prints its report: without a point, the symbolic result; at a
    /// point, the values first (from the engine, never waiting for symbolic work), then the
    /// symbolic result unless `--no-symbolic`; with `--numeric`, the floats only; with
    /// `--points`, one JSON line per point.
    ///
    /// - Throws: `ExitCode(2)` after the batch when a point failed (each says why on its line).
    func run(_ computation: Computation, _ common: CommonOptions) async throws {
        let f = computation.function
        if let points {
            let batch = Batch(computation: computation, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, noSymbolic: noSymbolic)
            let failed = try await batch.run(path: points)
            if failed > 0 {
                ExitStatus.printError("\(failed) point\(failed == 1 ? "" : "s") failed (each says why on its line)")
                throw ExitCode(ExitStatus.error)
            }
            return
        }
        guard let text = try typedPoint() else {
            if computation.needsPoint { throw CLIError("\(computation.command) needs a point: --at x=1/2,y=-3 (or --at-file, --points)") }
            if noSymbolic { throw CLIError("--no-symbolic leaves nothing to print without a point (--at)") }
            if numeric { throw CLIError("--numeric needs a point (--at or --at-file)") }
            try common.render(Report(computation.head + (try computation.symbolic())), for: f)
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
            try common.render(Report(fields + (try values(x))), for: f)
            return
        }
        let at = try text.point(for: f)
        let values = try computation.atPoint(at)
        let symbolic = noSymbolic ? [] : try computation.symbolicBesideValues()
        let fields = computation.head + symbolic + values.filter { !(noSymbolic && $0.isSymbolic) }
        try common.render(Report(fields), for: f)
    }
}

/// What a command computes, as report fields: the head (command, vars, functions, the
/// vectors given), the symbolic result (computed once), and the values at a point (once per
/// point of a batch, on any thread); with `--numeric`, the floats at a point.
struct Computation: Sendable {
    let command: String
    let function: Function
    let head: [Field]
    let needsPoint: Bool
    let symbolic: @Sendable () throws -> [Field]
    let atPoint: @Sendable (Point) throws -> [Field]
    /// The engine, for `--numeric` (whose fields carry no `.point`).
    let engine: DifferentialEngine?
    /// The result from the Double sweeps (`--numeric`), where the command offers it.
    let numeric: (@Sendable ([Double]) throws -> [Field])?

    /// The symbolic column printed beside values at a point: empty for a program too large
    /// for the symbolic engine when the values come from a tape engine (values never wait
    /// for, or fail on, symbolic work).
    func symbolicBesideValues() throws -> [Field] {
        do {
            return try symbolic()
        } catch let error as ProgramError where error.isTooLargeForSymbolicEngine && engine != .symbolic {
            return []
        }
    }

    /// - Parameters:
    ///   - variables: the `vars` printed (default: the function's; diff's `--wrt` list).
    ///   - inputs: fields of the vectors and numbers given (`direction`, `weights`, `order`).
    ///   - needsPoint: the command has nothing to say without a point (jvp, taylor).
    init(
        _ command: String, _ f: Function, variables: [Symbol]? = nil, inputs: [Field] = [], needsPoint: Bool = false,
        engine: DifferentialEngine? = nil, numeric: (@Sendable ([Double]) throws -> [Field])? = nil,
        symbolic: @escaping @Sendable () throws -> [Field], atPoint: @escaping @Sendable (Point) throws -> [Field]
    ) {
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
