import ArgumentParser
import Jacobi

/// `jacobi simplify EXPR`: the simplified form (or, with `--canonical`, only the canonical one).
struct Simplify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simplify: the smallest equal form the simplifier finds (trig identities, rational cancellation, log/exp rules).",
        usage: "jacobi simplify <expression>... [--canonical] [--at <x=1>] [<options>]",
        discussion:
            "Example: jacobi simplify \"(x^2 - 1)/(x - 1)\". --canonical prints the canonical form only (like terms and powers combined, as every expression is read)."
    )

    @OptionGroup var common: CommonOptions
    @Flag(help: "Only the canonical form: no simplification rules.") var canonical = false
    @OptionGroup var point: PointOptions

    func run() async throws {
        let f = try common.function(for: "simplify", arity: .many, differentiates: false)
        let canonical = self.canonical
        try await point.run(
            Computation(
                "simplify", f, symbolic: { [.symbolic(.expressions(f.outputs.map { canonical ? $0 : $0.simplified() }))] },
                atPoint: { a in [.point(a, engine: nil), .exact(.values(try f.value(at: a, engine: .symbolic)))] }),
            common)
    }
}

/// `jacobi expand EXPR`: products and integer powers multiplied out.
struct Expand: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Multiply out products and positive integer powers of sums.",
        usage: "jacobi expand <expression>... [--term-limit <n>] [<options>]",
        discussion: "Example: jacobi expand \"(x + y)^3\"")

    @OptionGroup var common: CommonOptions
    // `.unconditional`: "-5" is read as the (invalid) value, not as a missing one.
    @Option(parsing: .unconditional, help: "Fail instead of building a result with more terms than this (at least 1).")
    var termLimit: Int = Expr.defaultExpandTermLimit

    func validate() throws {
        guard termLimit >= 1 else { throw ValidationError("--term-limit must be at least 1, not \(termLimit)") }
    }

    func run() throws {
        let f = try common.function(for: "expand", arity: .many, differentiates: false)
        let expanded = try f.outputs.map { try $0.expanded(termLimit: termLimit) }
        try common.render(Report([.head(command: "expand", variables: f.variables, functions: f.outputs), .symbolic(.expressions(expanded))]))
    }
}

extension Quantity {
    /// One unlabelled expression, or a list for several.
    static func expressions(_ es: [Expr]) -> Quantity {
        es.count == 1 ? .scalar(.none, es[0]) : .vector(.none, es)
    }

    /// f(a): one value, or a list for several functions.
    static func values(_ es: [Expr]) -> Quantity {
        es.count == 1 ? .scalar(.valueAtPoint, es[0]) : .vector(.valueAtPoint, es)
    }
}
