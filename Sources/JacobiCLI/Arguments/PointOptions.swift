import ArgumentParser
import Foundation
import Jacobi

/// Where a command evaluates (DESIGN.md, "CLI contract"): one exact point (`--at`, or
/// `--at-file` as a JSON object) or many (`--points`, on `--jobs` threads), and whether to
/// print the symbolic column beside the values.
struct PointOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Evaluate exactly at this point (decimals are exact: 0.25 is 1/4; exact constants such as pi/4 or sqrt(2) too).", valueName: "x=1/2,y=-3"),
            transform: Arguments.point)
    var at: Point?

    @Option(help: ArgumentHelp("The point as a JSON object, e.g. {\"x\": \"1/2\", \"y\": 0.25} (numbers read exactly).", valueName: "path"))
    var atFile: String?

    @Option(help: ArgumentHelp("Many points: JSON lines (one object per line) or CSV with a header row; '-' reads standard input. Prints one JSON line per point, in input order.", valueName: "path"))
    var points: String?

    @Option(help: ArgumentHelp("Threads for --points (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Values at the point only: skip the symbolic result (for scripts and batches).")
    var noSymbolic = false

    func validate() throws {
        if [at != nil, atFile != nil, points != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --at, --at-file and --points")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        if jobs != nil && points == nil { throw ValidationError("--jobs is for --points") }
    }

    /// The single point: `--at`, or `--at-file` read.
    func point() throws -> Point? {
        if let at { return at }
        guard let atFile else { return nil }
        guard let data = atFile == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: atFile) else {
            throw CLIError("cannot read the file '\(atFile)'")
        }
        do {
            return try Point(exactly: PointText.jsonObject(Array(data)))
        } catch {
            throw CLIError("\(atFile): \(error)")
        }
    }

    /// Runs `computation` and prints its report: without a point, the symbolic result; at a
    /// point, the values first (from the engine, never waiting for symbolic work), then the
    /// symbolic result unless `--no-symbolic`; with `--points`, one JSON line per point.
    ///
    /// - Throws: `ExitCode(2)` after the batch when a point failed (each says why on its line).
    func run(_ computation: Computation, _ common: CommonOptions) async throws {
        if let points {
            let batch = Batch(computation: computation, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, noSymbolic: noSymbolic)
            let failed = try await batch.run(path: points)
            if failed > 0 {
                ExitStatus.printError("\(failed) point\(failed == 1 ? "" : "s") failed (each says why on its line)")
                throw ExitCode(ExitStatus.error)
            }
            return
        }
        guard let at = try point() else {
            if computation.needsPoint { throw CLIError("\(computation.command) needs a point: --at x=1/2,y=-3 (or --at-file, --points)") }
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
/// vectors given), the symbolic result (computed once), and the values at a point (once per
/// point of a batch, on any thread).
struct Computation: Sendable {
    let command: String
    let head: [Field]
    let needsPoint: Bool
    let symbolic: @Sendable () throws -> [Field]
    let atPoint: @Sendable (Point) throws -> [Field]

    /// - Parameters:
    ///   - variables: the `vars` printed (default: the function's; diff's `--wrt` list).
    ///   - inputs: fields of the vectors and numbers given (`direction`, `weights`, `order`).
    ///   - needsPoint: the command has nothing to say without a point (jvp, taylor).
    init(_ command: String, _ f: Function, variables: [Symbol]? = nil, inputs: [Field] = [], needsPoint: Bool = false,
         symbolic: @escaping @Sendable () throws -> [Field], atPoint: @escaping @Sendable (Point) throws -> [Field]) {
        self.command = command
        self.head = [.head(command: command, variables: variables ?? f.variables, functions: f.outputs)] + inputs
        self.needsPoint = needsPoint
        self.symbolic = symbolic
        self.atPoint = atPoint
    }
}
