import ArgumentParser
import Foundation
import Jacobi

// `jacobi jvp`, `vjp` and `hvp`: the tape engine at a point. Each compiles the parsed
// functions into a tape and runs it
//   over Rational         for the exact result, when it is rational,
//   over Expr (numbers)   for the exact result when it is not (cos(1/2) stays cos(1/2)),
//   over Expr (symbols)   for the `symbolic` entry: a tape run over symbolic scalars is
//                         the JVP/VJP/HVP as expressions (no symbolic differentiation
//                         rules are involved, so AutoDiff needs no Derivatives),
// and Double for `numeric` where the exact value is not rational.

/// The options every tape command shares: the functions and the common options.
struct TapeCommandOptions: ParsableArguments {
    @Argument(parsing: .allUnrecognized, help: "The functions, in the expression syntax.")
    var expressions: [String] = []

    @OptionGroup var common: CommonOptions

    var engine: Engine? { common.engine }
    var format: OutputFormat { common.format }
}

/// The parsed input of a tape command.
struct TapeProblem {
    let functions: [Expr]
    let texts: [String]
    let variables: [Symbol]
    let point: [Rational]
    let tape: Tape

    init(_ options: TapeCommandOptions) throws {
        functions = try ExpressionInput.parseAll(options.expressions)
        self.texts = functions.map(\.description)
        variables = try options.common.differentiationVariables(of: functions)
        point = try options.common.requiredPoint(for: variables)
        tape = try ExprCompiler.compile(functions, inputs: variables)
    }

    /// A comma-separated vector of exact numbers of length `count` (`--dir`, `--weights`).
    static func vector(_ text: String, named option: String, count: Int) throws -> [Rational] {
        let entries = try text.split(separator: ",").map { part in
            do { return try Rational(parsing: part.trimmingCharacters(in: .whitespaces)) } catch {
                throw CLIError("--\(option): '\(part)' is not a number")
            }
        }
        guard entries.count == count else {
            throw CLIError("--\(option) has \(entries.count) entries, expected \(count)")
        }
        return entries
    }

    var symbols: [Expr] { variables.map { Expr($0) } }

    /// `f(a)` and a result computed by `body`, exactly: over Rational, or, where a value is
    /// not rational, over numeric expressions.
    func exactly(
        _ body: (TapeProblem, _ rational: Bool) throws(TapeError) -> ExactResult
    ) throws(TapeError) -> ExactResult {
        do {
            return try body(self, true)
        } catch .domain(.notRational, _, _) {
            return try body(self, false)
        }
    }
}

extension TapeProblem {
    /// The `symbolic` engine: f and the symbolic result, substituted exactly at the point
    /// (rational where the value is, else an exact expression such as cos(1/2)).
    func symbolicAtPoint(_ symbolic: [Expr]) throws -> ExactResult {
        let point = Dictionary(uniqueKeysWithValues: zip(variables, self.point))
        do {
            return ExactResult(value: try functions.map { try $0.evaluatedExactly(at: point) },
                               result: try symbolic.map { try $0.evaluatedExactly(at: point) })
        } catch let error as EvaluationError {
            throw CLIError(error.description)
        }
    }
}

/// Exact values as expressions (numbers when rational).
struct ExactResult {
    var value: [Expr]
    var result: [Expr]
}

/// Writes a tape command's report in the chosen format.
struct TapeReport {
    let command: String
    let problem: TapeProblem
    let engine: String
    let vectorKey: String
    let vector: [Rational]
    let symbolic: [Expr]
    let exact: ExactResult

    func write(_ format: OutputFormat) throws {
        switch format {
        case .json:
            let object: JSONValue = .object([
                ("command", .string(command)),
                ("vars", .array(problem.variables.map { .string($0.name) })),
                ("functions", .array(problem.texts.map { .string($0) })),
                ("symbolic", .array(symbolic.map { .string($0.description) })),
                ("at", .object(zip(problem.variables, problem.point).map { ($0.name, .string($1.description)) })),
                ("engine", .string(engine)),
                ("exact", .array(exact.result.map { .string($0.description) })),
                ("numeric", .array(try exact.result.map { .number(try PointValues.double($0)) })),
                (vectorKey, .array(vector.map { .string($0.description) })),
                ("value", .array(exact.value.map { .string($0.description) })),
            ])
            print(object.rendered)
        case .latex:
            let label = command == "jvp" ? "J\\,v" : command == "vjp" ? "J^{\\top} w" : "H\\,v"
            func column(_ xs: [Expr]) -> String {
                "\\begin{bmatrix} " + xs.map(\.latex).joined(separator: " \\\\ ") + " \\end{bmatrix}"
            }
            print("\(label) = \(column(symbolic))")
            print("\(label)\\big|_{a} = \(column(exact.result))")
        case .text:
            let at = zip(problem.variables, problem.point).map { "\($0) = \($1)" }.joined(separator: ", ")
            print("\(command) of [\(problem.texts.joined(separator: ", "))] at \(at), \(vectorKey) (\(vector.map(\.description).joined(separator: ", "))), engine \(engine)")
            print("symbolic: [\(symbolic.map(\.description).joined(separator: ", "))]")
            print("value:    [\(exact.value.map(\.description).joined(separator: ", "))]")
            print("exact:    [\(exact.result.map(\.description).joined(separator: ", "))]")
            // Beyond Double's range: the leading digits, computed exactly (rational), or a note.
            print("numeric:  [\(exact.result.map { PointValues.decimalOrNote($0) }.joined(separator: ", "))]")
        }
    }
}

/// Runs `body`, turning tape errors into one-line command errors.
func reportingTapeErrors<R>(_ body: () throws -> R) throws -> R {
    do { return try body() } catch let error as TapeError { throw CLIError(error.description) }
}

/// A product of a derivative with a vector (J·v, wᵀJ, H·v), computed by an engine over any
/// scalar; `jvp`, `vjp` and `hvp` differ only in this and in their vector option.
protocol TapeProduct {
    static var name: String { get }
    /// The JSON key of the vector (`direction` or `weights`).
    static var vectorKey: String { get }
    /// The engine that computes the product in one sweep.
    static var defaultEngine: Engine { get }
    static func compute<S: TapeScalar>(_ tape: Tape, _ a: [S], _ v: [S], _ engine: Engine) throws(TapeError) -> (value: [S], result: [S])
}

extension TapeProduct {
    /// Parse, compute the symbolic product (the tape over symbols) and the exact one at the
    /// point (over Rational, or over numeric expressions where a value is not rational), report.
    static func run(_ options: TapeCommandOptions, vector text: String, option: String,
                    length: (TapeProblem) -> Int, validate: (TapeProblem) throws -> Void = { _ in }) throws {
        try reportingTapeErrors {
            let p = try TapeProblem(options)
            try validate(p)
            let v = try TapeProblem.vector(text, named: option, count: length(p))
            let engine = options.engine ?? defaultEngine
            let symbolic = try compute(p.tape, p.symbols, v.map { Expr($0) }, defaultEngine).result
            let exact = engine == .symbolic ? try p.symbolicAtPoint(symbolic) : try p.exactly { (p, rational) throws(TapeError) in
                if rational {
                    let r = try compute(p.tape, p.point, v, engine)
                    return ExactResult(value: r.value.map { Expr($0) }, result: r.result.map { Expr($0) })
                }
                let r = try compute(p.tape, p.point.map { Expr($0) }, v.map { Expr($0) }, engine)
                return ExactResult(value: r.value, result: r.result)
            }
            try TapeReport(command: name, problem: p, engine: engine.rawValue, vectorKey: vectorKey, vector: v,
                           symbolic: symbolic, exact: exact).write(options.format)
        }
    }
}

struct JVPCommand: ParsableCommand, TapeProduct {
    static let name = "jvp"
    static let vectorKey = "direction"
    static let defaultEngine = Engine.forward

    static let configuration = CommandConfiguration(
        commandName: "jvp", abstract: "Forward mode: J(a)·v, without forming J (one forward sweep of the tape).",
        discussion: "Example: jacobi jvp \"x*y\" \"sin(x) + y^2\" --dir 1,0 --at x=1/2,y=3")

    @OptionGroup var options: TapeCommandOptions
    @Option(parsing: .unconditional, help: "The direction v, comma-separated, one entry per variable (may start with '-').")
    var dir: String

    func run() throws {
        try Self.run(options, vector: dir, option: "dir", length: { $0.variables.count })
    }

    /// J·v by the engine: one forward sweep, m reverse sweeps (rows of J), or the symbolic
    /// JVP (the tape over expressions) evaluated at the point.
    static func compute<S: TapeScalar>(_ tape: Tape, _ a: [S], _ v: [S], _ engine: Engine) throws(TapeError) -> (value: [S], result: [S]) {
        switch engine {
        case .forward:
            let r = try tape.jvp(at: a, direction: v)
            return (r.value, r.tangent)
        case .reverse, .symbolic:  // (symbolic is answered by `symbolicAtPoint`)
            let j = try tape.jacobian(at: a, mode: .reverse)
            return (try tape.evaluate(at: a), j.map { row in zip(row, v).reduce(S.zero) { $0 + $1.0 * $1.1 } })
        }
    }
}

struct VJPCommand: ParsableCommand, TapeProduct {
    static let name = "vjp"
    static let vectorKey = "weights"
    static let defaultEngine = Engine.reverse

    static let configuration = CommandConfiguration(
        commandName: "vjp", abstract: "Reverse mode: wᵀJ(a), without forming J (one reverse sweep of the tape).",
        discussion: "Example: jacobi vjp \"x*y\" \"sin(x) + y^2\" --weights 1,2 --at x=1/2,y=3")

    @OptionGroup var options: TapeCommandOptions
    @Option(parsing: .unconditional, help: "The weights w, comma-separated, one entry per function (may start with '-').")
    var weights: String

    func run() throws {
        try Self.run(options, vector: weights, option: "weights", length: { $0.functions.count })
    }

    /// wᵀJ by the engine: one reverse sweep, or n forward sweeps (columns of J).
    static func compute<S: TapeScalar>(_ tape: Tape, _ a: [S], _ w: [S], _ engine: Engine) throws(TapeError) -> (value: [S], result: [S]) {
        switch engine {
        case .reverse, .symbolic:
            let r = try tape.vjp(at: a, weights: w)
            return (r.value, r.cotangent)
        case .forward:
            let j = try tape.jacobian(at: a, mode: .forward)
            let n = tape.inputCount
            return (try tape.evaluate(at: a), (0..<n).map { k in zip(w, j).reduce(S.zero) { $0 + $1.0 * $1.1[k] } })
        }
    }
}

struct HVPCommand: ParsableCommand, TapeProduct {
    static let name = "hvp"
    static let vectorKey = "direction"
    static let defaultEngine = Engine.reverse

    static let configuration = CommandConfiguration(
        commandName: "hvp", abstract: "Hessian-vector product H(a)·v by forward-over-reverse, without forming H.",
        discussion: "Example: jacobi hvp \"x^3*y + exp(x*y)\" --dir 1,-1 --at x=0,y=2")

    @OptionGroup var options: TapeCommandOptions
    @Option(parsing: .unconditional, help: "The direction v, comma-separated, one entry per variable (may start with '-').")
    var dir: String

    func run() throws {
        try Self.run(options, vector: dir, option: "dir", length: { $0.variables.count }) { p in
            guard p.functions.count == 1 else { throw CLIError("hvp takes one function, got \(p.functions.count)") }
        }
    }

    /// H·v by forward-over-reverse (reverse), or forward-over-forward (n sweeps over nested
    /// duals: eᵢᵀH·v is the eᵢ-derivative of D_v f).
    static func compute<S: TapeScalar>(_ tape: Tape, _ a: [S], _ v: [S], _ engine: Engine) throws(TapeError) -> (value: [S], result: [S]) {
        switch engine {
        case .reverse, .symbolic:
            let r = try tape.hvp(at: a, direction: v, weights: [.one])
            return (r.value, r.hvp)
        case .forward:
            let n = tape.inputCount
            var result: [S] = []
            for i in 0..<n {
                let x = (0..<n).map { Dual(a[$0], $0 == i ? S.one : S.zero) }
                let d = try tape.jvp(at: x, direction: v.map { Dual($0, S.zero) }).tangent[0]
                result.append(d.tangent)
            }
            return (try tape.evaluate(at: a), result)
        }
    }
}
