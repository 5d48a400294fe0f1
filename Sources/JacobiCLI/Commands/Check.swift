import ArgumentParser
import Jacobi

/// `jacobi check EXPR… [--points N] [--seed S] [--vars x,y]`: cross-checks the symbolic
/// engine, forward mode and reverse mode (and, for rational functions, exact difference
/// quotients) at random rational points. Exit status 1 when they disagree anywhere.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cross-check the symbolic, forward and reverse engines at random exact points.",
        usage: "jacobi check <expression>... [--points <n>] [--gradient <g> ...]",
        discussion:
            "Example: jacobi check \"x^2/(1 + y)\" \"sin(x*y)\" --points 20 --seed 7. Compares f, the gradient, Jacobian, JVP, VJP, Hessian and HVP of every engine, exactly where the values are rational (with exact difference quotients as a third oracle for rational functions), else as exact expressions and in Double. Points where a function is undefined are skipped and counted. With --gradient G1 --gradient G2 … (one per variable), checks your gradient formulas against the tape instead, exactly, and prints the first wrong entry. Exit status 1 on a mismatch."
    )

    @OptionGroup var common: CommonOptions

    // `.unconditional`: "-3" is read as the (invalid) value, not as a missing one.
    @Option(parsing: .unconditional, help: "How many random points (1 to 10000).")
    var points: Int = 10

    @Option(parsing: .unconditional, help: "The seed of the random points (0 to 2^64 - 1): the same seed gives the same run.")
    var seed: UInt64 = 0

    @Option(
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "Your formula for one partial, repeated once per variable in --vars order: checked against the tape exactly instead of the engines against each other.",
            valueName: "expression"))
    var gradient: [String] = []

    func validate() throws {
        guard (1...10_000).contains(points) else { throw ValidationError("--points must be between 1 and 10000, got \(points)") }
    }

    func run() throws {
        guard gradient.isEmpty else { return try checkGradient() }
        let f = try common.function(for: "check", arity: .many, differentiates: false)
        let check = CrossCheck(.init(points: points, seed: seed))
        // A program is checked on its own tape (its symbolic side is that tape over symbols).
        let report =
            try f.program.map { try check.check($0.tape, variables: f.variables) }
            ?? check.check(f.outputs, variables: f.variables)
        let head: Field =
            f.program.map { .programHead(command: "check", program: $0) }
            ?? .head(command: "check", variables: f.variables, functions: f.outputs)
        try common.render(Report([head] + CheckReport.fields(report, seed: seed)), for: f)
        if !report.passed { throw ExitCode(1) }
    }

    /// `--gradient`: the user's formulas against the tape's reverse sweep.
    func checkGradient() throws {
        let f = try common.function(for: "check --gradient", arity: .one)
        let formulas = try gradient.enumerated().map { i, text in
            try ExpressionText.parse(text.trimmingCharacters(in: .whitespaces), origin: "--gradient \(i + 1)")
        }
        let result = try f.checkGradient(formulas, configuration: .init(points: points, seed: seed))
        try common.render(
            Report(
                [.head(command: "check", variables: f.variables, functions: f.outputs)]
                    + GradientCheckReport.fields(result, formulas: formulas, seed: seed)))
        if !result.passed { throw ExitCode(1) }
    }
}
