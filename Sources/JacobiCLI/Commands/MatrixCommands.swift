import ArgumentParser
import Jacobi

/// `jacobi jacobian EXPR...`: the Jacobian matrix of a vector function.
struct JacobianCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jacobian",
        abstract: "The Jacobian J (m×n, J[i][j] = ∂fᵢ/∂xⱼ) of the functions given.",
        usage: "jacobi jacobian <expression>... [--at <x=1/2,y=-3>] [<options>]",
        discussion:
            "Example: jacobi jacobian \"x*y\" \"sin(x) + y^2\" --at x=1/2,y=3. At a point the default engine is the cheaper tape: n forward sweeps when n ≤ m, else m reverse sweeps."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers at the point (default: the cheaper tape).") var engine: DifferentialEngine?
    @Flag(help: "Every entry of the structural pattern (rows, cols, values), from one sweep per colour.") var sparse = false

    func run() async throws {
        let f = try common.function(for: "jacobian", arity: .many)
        if sparse { return try await SparseOptions.run("jacobian", hessian: false, f, engine: engine, point, common) }
        let engine = self.engine ?? f.cheapestJacobianEngine
        try await point.run(
            Computation(
                "jacobian", f, engine: engine,
                numeric: { x in [.numeric(.matrix(.jacobianAtPoint, try f.jacobian(at: x, engine: engine).rowList))] },
                symbolic: { [.symbolic(.matrix(.jacobian, try f.jacobian()))] },
                atPoint: { a in [.point(a, engine: engine), .exact(.matrix(.jacobianAtPoint, try f.jacobian(at: a, engine: engine)))] }),
            common)
    }
}

/// `jacobi hessian EXPR`: the Hessian matrix.
struct HessianCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hessian",
        abstract: "The Hessian H (n×n, H[i][j] = ∂²f/∂xᵢ∂xⱼ, exactly symmetric) of one function.",
        usage: "jacobi hessian <expression> [--at <x=1/2,y=-3>] [<options>]",
        discussion: "Example: jacobi hessian \"x^3*y + exp(x*y)\" --at x=0,y=1")

    @OptionGroup var common: CommonOptions
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers at the point (reverse: forward-over-reverse).") var engine: DifferentialEngine = .reverse
    @Flag(help: "Every entry of the structural pattern (rows, cols, values), from one Hessian-vector product per colour.") var sparse = false
    @OptionGroup var compiled: CompileOption

    func run() async throws {
        let f = try common.function(for: "hessian", arity: .one)
        if compiled.compile && !sparse { throw CLIError("--compile computes the Hessian sparse: use hessian --sparse --compile") }
        if sparse {
            return try await SparseOptions.run("hessian", hessian: true, f, engine: engine, point, common, compile: compiled.compile)
        }
        try await point.run(
            Computation(
                "hessian", f, engine: engine,
                numeric: { x in [.numeric(.matrix(.hessianAtPoint, try f.hessian(at: x, engine: engine).rowList))] },
                symbolic: { [.symbolic(.matrix(.hessian, try f.hessian()))] },
                atPoint: { a in [.point(a, engine: engine), .exact(.matrix(.hessianAtPoint, try f.hessian(at: a, engine: engine)))] }),
            common)
    }
}

/// `jacobi linearize EXPR... --at …`: f(a) and the differential df_a as its matrix J(a).
struct Linearize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "f(a) and the differential df_a as a matrix: f(a + h) ≈ f(a) + J(a)·h.",
        usage: "jacobi linearize <expression>... --at <x=1/2,y=-3> [<options>]",
        discussion:
            "Example: jacobi linearize \"x*y\" \"sin(x) + y^2\" --at x=1/2,y=3. The default engine is the cheaper tape: n forward sweeps when n ≤ m, else m reverse sweeps."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that builds J(a) (default: the cheaper tape).") var engine: DifferentialEngine?

    func run() async throws {
        let f = try common.function(for: "linearize", arity: .many)
        let engine = self.engine ?? f.cheapestJacobianEngine
        try await point.run(
            Computation(
                "linearize", f, needsPoint: true, symbolic: { [.symbolic(.matrix(.jacobian, try f.jacobian()))] },
                atPoint: { a in
                    [
                        .point(a, engine: engine), .value(try f.value(at: a)),
                        .exact(.matrix(.jacobianAtPoint, try f.jacobian(at: a, engine: engine))),
                    ]
                }),
            common)
    }
}
