import ArgumentParser
import Jacobi

/// `jacobi diff EXPR [--wrt x,y]`: the simplified partial derivatives.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The simplified partial derivatives ∂f/∂v of one function.",
        usage: "jacobi diff <expression> [--wrt <x,y>] [--at <x=1/2,y=-3>] [<options>]",
        discussion: "Example: jacobi diff \"x^2*y + sin(x)\" --wrt x --at x=1/2,y=3")

    @OptionGroup var common: CommonOptions
    @Option(help: ArgumentHelp("Differentiate by these variables only, in this order (default: every variable).", valueName: "x,y"),
            transform: Arguments.variables)
    var wrt: [Symbol]?
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers at the point.") var engine: DifferentialEngine = .reverse

    func run() throws {
        let f = try common.function(for: "diff", arity: .one)
        let wrt = self.wrt ?? f.variables
        try point.run(Computation("diff", f, variables: wrt, symbolic: { [.symbolic(.entries(Label.partials(wrt), try f.partials(withRespectTo: wrt)))] },
                                  atPoint: { a in [.point(a, engine: engine),
                                                   .exact(.entries(Label.partials(wrt, atPoint: true), try f.partials(withRespectTo: wrt, at: a, engine: engine)))] }),
                      common)
    }
}

/// `jacobi grad EXPR`: the gradient.
struct Grad: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The gradient ∇f, one simplified partial per variable.",
        usage: "jacobi grad <expression> [--at <x=1/2,y=-3>] [<options>]",
        discussion: "Example: jacobi grad \"x*y^2 - z/x\" --vars x,y,z --at x=2,y=-1,z=1/2")

    @OptionGroup var common: CommonOptions
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers at the point.") var engine: DifferentialEngine = .reverse

    func run() throws {
        let f = try common.function(for: "grad", arity: .one)
        try point.run(Computation("grad", f, symbolic: { [.symbolic(.entries(Label.partials(f.variables), try f.gradient()))] },
                                  atPoint: { a in [.point(a, engine: engine), .exact(.vector(.gradientAtPoint, try f.gradient(at: a, engine: engine)))] }),
                      common)
    }
}

/// `jacobi dir EXPR --dir 1,2`: the directional derivative ∇f·v.
struct Dir: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The directional derivative D_v f = ∇f·v along any vector v.",
        usage: "jacobi dir <expression> --dir <v1,v2> [--at <x=1/2,y=-3>] [<options>]",
        discussion: "Example: jacobi dir \"x*y\" --dir 1,-1/2 --at x=1,y=1")

    @OptionGroup var common: CommonOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("The direction v, one exact number per variable.", valueName: "v1,v2"),
            transform: Arguments.vector)
    var dir: [Rational]
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the numbers at the point.") var engine: DifferentialEngine = .forward

    func run() throws {
        let f = try common.function(for: "dir", arity: .one)
        let v = dir.map { Expr($0) }
        try point.run(Computation("dir", f, inputs: [.vector(key: "direction", .direction, dir)],
                                  symbolic: { [.symbolic(.scalar(.directional, try f.directionalDerivative(along: v)))] },
                                  atPoint: { a in [.point(a, engine: engine),
                                                   .exact(.scalar(.directionalAtPoint, try f.directionalDerivative(at: a, along: dir, engine: engine)))] }),
                      common)
    }
}
