import ArgumentParser
import Jacobi

// `jacobi jvp`, `vjp` and `hvp`: products with the derivative at a point, computed by the
// tape without forming the matrix (the library's `Function.jvp/vjp/hvp(at:)`), beside the
// same product as simplified expressions.

/// `jacobi jvp EXPR... --dir v --at a`: J(a)·v by one forward sweep.
struct JVPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jvp", abstract: "Forward mode: J(a)·v without forming J (one forward sweep of the tape).",
        usage: "jacobi jvp <expression>... --dir <v1,v2> --at <x=1/2,y=-3> [<options>]",
        discussion:
            "Example: jacobi jvp \"x*y\" \"sin(x) + y^2\" --dir 1,0 --at x=1/2,y=3. --engine reverse gets J·v from m reverse sweeps (the rows of J).")

    @OptionGroup var common: CommonOptions
    @Option(parsing: .unconditional, help: Arguments.directionHelp, transform: Arguments.vector) var dir: [Rational]
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers.") var engine: DifferentialEngine = .forward
    @OptionGroup var trace: TraceOptions
    @OptionGroup var compiled: CompileOption

    func run() async throws {
        let f = try common.function(for: "jvp", arity: .many)
        let inputs: [Field] = [.vector(key: "direction", .direction, dir)], v = dir.map { Double($0) }, traced = trace.isOn
        if compiled.compile {
            return try await compiled.run("jvp", f, inputs: inputs, point, common, label: .jvpAtPoint) { try $0.jvp(at: $1, direction: v) }
        }
        try await point.run(
            Computation(
                "jvp", f, inputs: inputs, needsPoint: true, engine: engine,
                numeric: { x in [.numeric(.vector(.jvpAtPoint, try f.jvp(at: x, direction: v, engine: engine)))] },
                symbolic: { [.symbolic(.vector(.jvp, try f.jvp(direction: dir.map { Expr($0) })))] },
                atPoint: { a in
                    try Field.product(
                        .jvpAtPoint, of: f, at: a, engine: engine, rational: { try f.jvp(at: $0, direction: dir, engine: engine) },
                        exact: { try f.jvp(at: $0, direction: dir, engine: engine) })
                        + (traced ? [TraceReport.field(try f.trace(at: a, seed: dir, mode: .forward, allSlots: trace.traceAll))] : [])
                }),
            common)
    }
}

/// `jacobi vjp EXPR... --weights w --at a`: wᵀJ(a) by one reverse sweep.
struct VJPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vjp", abstract: "Reverse mode: wᵀJ(a) without forming J (one reverse sweep of the tape).",
        usage: "jacobi vjp <expression>... --weights <w1,w2> --at <x=1/2,y=3> [<options>]",
        discussion:
            "Example: jacobi vjp \"x*y\" \"sin(x) + y^2\" --weights 1,2 --at x=1/2,y=3. --engine forward gets wᵀJ from n forward sweeps (the columns of J)."
    )

    @OptionGroup var common: CommonOptions
    @Option(parsing: .unconditional, help: Arguments.weightsHelp, transform: Arguments.vector) var weights: [Rational]
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers.") var engine: DifferentialEngine = .reverse
    @OptionGroup var trace: TraceOptions
    @OptionGroup var compiled: CompileOption

    func run() async throws {
        let f = try common.function(for: "vjp", arity: .many)
        let inputs: [Field] = [.vector(key: "weights", .weights, weights)], w = weights.map { Double($0) }, traced = trace.isOn
        if compiled.compile {
            return try await compiled.run("vjp", f, inputs: inputs, point, common, label: .vjpAtPoint) { try $0.vjp(at: $1, weights: w) }
        }
        try await point.run(
            Computation(
                "vjp", f, inputs: inputs, needsPoint: true, engine: engine,
                numeric: { x in [.numeric(.vector(.vjpAtPoint, try f.vjp(at: x, weights: w, engine: engine)))] },
                symbolic: { [.symbolic(.vector(.vjp, try f.vjp(weights: weights.map { Expr($0) })))] },
                atPoint: { a in
                    try Field.product(
                        .vjpAtPoint, of: f, at: a, engine: engine, rational: { try f.vjp(at: $0, weights: weights, engine: engine) },
                        exact: { try f.vjp(at: $0, weights: weights, engine: engine) })
                        + (traced ? [TraceReport.field(try f.trace(at: a, seed: weights, mode: .reverse, allSlots: trace.traceAll))] : [])
                }),
            common)
    }
}

/// `jacobi hvp EXPR --dir v --at a`: H(a)·v by forward-over-reverse.
struct HVPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hvp", abstract: "H(a)·v by forward-over-reverse (a forward sweep through the reverse sweep), without forming H.",
        usage: "jacobi hvp <expression> --dir <v1,v2> --at <x=1/2,y=-3> [<options>]",
        discussion: "Example: jacobi hvp \"x^3*y + exp(x*y)\" --dir 1,-1 --at x=0,y=2")

    @OptionGroup var common: CommonOptions
    @Option(parsing: .unconditional, help: Arguments.directionHelp, transform: Arguments.vector) var dir: [Rational]
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers: reverse (forward-over-reverse) or symbolic.") var engine: DifferentialEngine = .reverse
    @OptionGroup var compiled: CompileOption

    func run() async throws {
        let f = try common.function(for: "hvp", arity: .one)
        let inputs: [Field] = [.vector(key: "direction", .direction, dir)], v = dir.map { Double($0) }
        if compiled.compile {
            return try await compiled.run("hvp", f, inputs: inputs, point, common, label: .hvpAtPoint) { try $0.hvp(at: $1, direction: v) }
        }
        try await point.run(
            Computation(
                "hvp", f, inputs: inputs, needsPoint: true, engine: engine,
                numeric: { x in [.numeric(.vector(.hvpAtPoint, try f.hvp(at: x, direction: v, engine: engine)))] },
                symbolic: { [.symbolic(.vector(.hvp, try f.hvp(direction: dir.map { Expr($0) })))] },
                atPoint: { a in
                    try Field.product(
                        .hvpAtPoint, of: f, at: a, engine: engine, rational: { try f.hvp(at: $0, direction: dir, engine: engine) },
                        exact: { try f.hvp(at: $0, direction: dir, engine: engine) })
                }),
            common)
    }
}
