import ArgumentParser
import Jacobi

/// `jacobi sparsity EXPR... [--hessian]`: the exact (or structural) sparsity pattern, its
/// colouring and what it saves.
struct Sparsity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The sparsity pattern of the Jacobian (or, with --hessian, the Hessian), its colouring, and the sweeps it saves.",
        usage: "jacobi sparsity <expression>... [--hessian] [--structural] [<options>]",
        discussion:
            "Example: jacobi sparsity \"x*y\" \"y*z\" \"z^2\". The exact pattern leaves out entries whose simplified derivative is 0; --structural gives the tape's pattern (cheap, what --sparse evaluates). colours counts the compressed sweeps: columns (forward), rows (reverse), or a star colouring for a Hessian (Hessian-vector products)."
    )

    @OptionGroup var common: CommonOptions
    @Flag(help: "The Hessian's pattern (one function) instead of the Jacobian's.") var hessian = false
    @Flag(help: "The structural pattern from the tape instead of the exact one (entries that cancel stay).") var structural = false
    @Option(help: "Jacobian colouring: forward (columns) or reverse (rows); default: whichever needs fewer colours.")
    var engine: DifferentialEngine?
    @Option(help: "Greedy colouring order: natural, largest-first or smallest-last.", transform: SparseOptions.order)
    var order: ColoringOrder = .largestFirst

    func run() async throws {
        let f = try common.function(for: "sparsity", arity: hessian ? .one : .many)
        let kind: SparsityKind = structural ? .structural : .exact
        let pattern = hessian ? try f.hessianSparsity(kind) : try f.jacobianSparsity(kind)
        let coloring: Coloring
        if hessian {
            coloring = try pattern.starColoring(order: order)
        } else {
            switch engine {
            case .forward?: coloring = pattern.columnColoring(order: order)
            case .reverse?: coloring = pattern.rowColoring(order: order)
            case nil: coloring = pattern.jacobianColoring(order: order)
            case .symbolic?: throw CLIError("sparsity colours for a tape engine: --engine forward or --engine reverse")
            }
        }
        let report = SparseMatrixReport(label: hessian ? .hessian : .jacobian, pattern: pattern, coloring: coloring, kind: kind)
        try common.render(Report([.head(command: "sparsity", variables: f.variables, functions: f.outputs), .sparse(report)]))
    }
}

/// `jacobian --sparse` and `hessian --sparse`: every entry of the structural pattern, from
/// `colors` compressed sweeps (DESIGN.md's JSON: `rows`, `cols`, `exact`, `numeric`, `shape`).
enum SparseOptions {
    static func order(_ text: String) throws -> ColoringOrder {
        switch text {
        case "natural": return .natural
        case "largest-first": return .largestFirst
        case "smallest-last": return .smallestLast
        default: throw ArgumentError("'\(text)' is not a colouring order: natural, largest-first or smallest-last")
        }
    }

    /// The sparse Jacobian (or Hessian) report: without a point, the symbolic entries; at a
    /// point (or each point of a batch, `--points`), the exact values only (DESIGN.md: no
    /// symbolic column with `--sparse`), so that a program too large for the symbolic engine
    /// still gets its sparse derivative.
    static func run(
        _ command: String, hessian: Bool, _ f: Function, engine: DifferentialEngine?, _ point: PointOptions,
        _ common: CommonOptions, compile: Bool = false
    ) async throws {
        let c = hessian ? try f.hessianCompression() : f.jacobianCompression(engine: engine)
        if compile { return try await runCompiled(command, f, c, point, common) }
        let hasPoint = point.at != nil || point.atFile != nil || point.points != nil
        let entries: [Expr]? = hasPoint || point.noSymbolic ? nil : try (hessian ? f.hessianEntries(c.pattern) : f.jacobianEntries(c.pattern))
        let used: DifferentialEngine = hessian ? engine ?? .reverse : engine ?? (c.coloring.kind == .rows ? .reverse : .forward)
        let (label, labelAtPoint): (Label, Label) = hessian ? (.hessian, .hessianAtPoint) : (.jacobian, .jacobianAtPoint)
        let computation = Computation(
            command, f,
            symbolic: { hasPoint ? [] : [.sparse(SparseMatrixReport(label: label, pattern: c.pattern, coloring: c.coloring, symbolic: entries))] },
            atPoint: { a in
                let values =
                    hessian
                    ? try f.sparseHessian(at: a, compression: c, engine: used).values
                    : try f.sparseJacobian(at: a, compression: c, engine: used).values
                return [
                    .point(a, engine: used),
                    .sparse(SparseMatrixReport(label: labelAtPoint, pattern: c.pattern, coloring: c.coloring, exact: values)),
                ]
            })
        try await point.run(computation, common)
    }

    /// `hessian --sparse --compile`: the entries in Double from the compiled compressed
    /// Hessian (up to eight colours per compiled sweep, seeded from the colours), at each point.
    static func runCompiled(
        _ command: String, _ f: Function, _ c: SparseCompression, _ point: PointOptions,
        _ common: CommonOptions
    ) async throws {
        guard try point.typedPoint() != nil || point.points != nil else {
            throw CLIError("--compile needs a point: --at x=1/2,y=-3 (or --at-file, --points)")
        }
        let tape = f.compiled(options: CompileOptions(hessianColours: c.coloring.count))
        let sparse = try CompiledSparseHessian(tape, compression: c)
        let engine = tape.isCompiled ? "compiled" : "interpreted"
        let variables = f.variables
        let computation = Computation(
            command, f, needsPoint: true, symbolic: { [] },
            atPoint: { a in
                let x = try a.coordinates(for: variables).map { Double($0) }
                let values = try sparse.evaluate(at: x)
                guard values.allSatisfy(\.isFinite) else { throw CLIError("\(command): the result is not finite in Double") }
                return [
                    .point(a, engine: nil),
                    .custom(json: [("engine", .string(engine))], text: ["(engine: \(engine))"], latex: []),
                    .sparse(SparseMatrixReport(label: .hessianAtPoint, pattern: c.pattern, coloring: c.coloring, numeric: values)),
                ]
            })
        try await point.run(computation, common)
    }
}
