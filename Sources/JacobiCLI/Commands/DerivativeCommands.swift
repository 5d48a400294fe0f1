import ArgumentParser
import Jacobi

/// `jacobi diff EXPR [--wrt x,y]`: the simplified partial derivatives.
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The simplified partial derivatives ∂f/∂v of one function.",
        usage: "jacobi diff <expression> [--wrt <x,y>] [--at <x=1/2,y=-3>] [<options>]",
        discussion: "Example: jacobi diff \"x^2*y + sin(x)\" --wrt x --at x=1/2,y=3")

    @OptionGroup var common: CommonOptions
    @Option(
        help: ArgumentHelp("Differentiate by these variables only, in this order (default: every variable).", valueName: "x,y"),
        transform: Arguments.variables)
    var wrt: [Symbol]?
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers at the point.") var engine: DifferentialEngine = .reverse

    func run() async throws {
        let f = try common.function(for: "diff", arity: .one)
        let wrt = self.wrt ?? f.variables
        try await point.run(
            Computation(
                "diff", f, variables: wrt, engine: engine,
                numeric: { x in
                    let g = try f.gradient(at: x, engine: engine)
                    let vars = f.variables
                    return [.numeric(.vector(.gradientAtPoint, wrt.compactMap { v in vars.firstIndex(of: v).map { g[$0] } }))]
                },
                symbolic: { [.symbolic(.entries(Label.partials(wrt), try f.partials(withRespectTo: wrt)))] },
                atPoint: { a in
                    [
                        .point(a, engine: engine),
                        .exact(.entries(Label.partials(wrt, atPoint: true), try f.partials(withRespectTo: wrt, at: a, engine: engine))),
                    ]
                }),
            common)
    }
}

/// `jacobi grad EXPR`: the gradient.
struct Grad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The gradient ∇f, one simplified partial per variable.",
        usage: "jacobi grad <expression> [--at <x=1/2,y=-3>] [<options>]",
        discussion: "Example: jacobi grad \"x*y^2 - z/x\" --vars x,y,z --at x=2,y=-1,z=1/2")

    @OptionGroup var common: CommonOptions
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers at the point.") var engine: DifferentialEngine = .reverse
    @OptionGroup var compiled: CompileOption

    @OptionGroup var trace: TraceOptions

    func run() async throws {
        let f = try common.function(for: "grad", arity: .one)
        if compiled.compile {
            return try await compiled.run("grad", f, inputs: [], point, common, label: .gradientAtPoint) { try $0.gradient(at: $1) }
        }
        let traced = trace.isOn  // read once: an option's wrapper costs a copy per read
        try await point.run(
            Computation(
                "grad", f, engine: engine,
                numeric: { x in [.numeric(.vector(.gradientAtPoint, try f.gradient(at: x, engine: engine)))] },
                symbolic: { [.symbolic(.entries(Label.partials(f.variables), try f.gradient()))] },
                atPoint: { a in
                    let g = try f.atPoint(
                        a, engine: engine, rational: { try f.gradient(at: $0, engine: engine) }, exact: { try f.gradient(at: $0, engine: engine) })
                    let fields: [Field] = [.point(a, engine: engine), .exact(.vector(.gradientAtPoint, g.numbers))]
                    return traced ? fields + [TraceReport.field(try f.trace(at: a, seed: [1], mode: .reverse, allSlots: trace.traceAll))] : fields
                }),
            common)
    }
}

/// `jacobi dir EXPR --dir 1,2`: the directional derivative ∇f·v.
struct Dir: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The directional derivative D_v f = ∇f·v along any vector v (or its k-th, dᵏ/dtᵏ f(x + t·v)).",
        usage: "jacobi dir <expression> --dir <v1,v2> [--at <x=1/2,y=-3>] [<options>]",
        discussion:
            "Example: jacobi dir \"x*y\" --dir 1,-1/2 --at x=1,y=1; with --order 3, the third derivative along v (one Taylor-mode sweep at a point).")

    @OptionGroup var common: CommonOptions
    @Option(
        parsing: .unconditional, help: ArgumentHelp("The direction v, one exact number per variable.", valueName: "v1,v2"),
        transform: Arguments.vector)
    var dir: [Rational]
    // `.unconditional`: "-1" is read as the (invalid) value, not as a missing one.
    @Option(parsing: .unconditional, help: "The order k of the derivative along v, 1 to 12.") var order: Int = 1
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers at the point.") var engine: DifferentialEngine = .forward

    func validate() throws {
        let k = TaylorModelError.maximumOrder
        guard (1...k).contains(order) else { throw ValidationError("--order must be 1 to \(k), not \(order)") }
    }

    func run() async throws {
        let f = try common.function(for: "dir", arity: .one)
        let v = dir.map { Expr($0) }
        let k = order
        let inputs: [Field] = [.vector(key: "direction", .direction, dir)] + (k == 1 ? [] : [.integer(key: "order", k)])
        let doubles = dir.map { Double($0) }
        try await point.run(
            Computation(
                "dir", f, inputs: inputs, engine: engine,
                numeric: { x in
                    [
                        .numeric(
                            .scalar(
                                .directional(order: k, atPoint: true),
                                k == 1
                                    ? try f.directionalDerivative(at: x, along: doubles, engine: engine)
                                    : try f.directionalDerivative(at: x, along: doubles, order: k, engine: engine)))
                    ]
                },
                symbolic: {
                    [
                        .symbolic(
                            .scalar(
                                .directional(order: k, atPoint: false),
                                k == 1
                                    ? try f.directionalDerivative(along: v)
                                    : try f.directionalDerivative(along: v, order: k)))
                    ]
                },
                atPoint: { a in
                    [
                        .point(a, engine: engine),
                        .exact(
                            .scalar(
                                .directional(order: k, atPoint: true),
                                k == 1
                                    ? try f.directionalDerivative(at: a, along: dir, engine: engine)
                                    : try f.directionalDerivative(at: a, along: dir, order: k, engine: engine))),
                    ]
                }),
            common)
    }
}
