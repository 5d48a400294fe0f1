import ArgumentParser
import Foundation
import Jacobi

/// How results are written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, latex, json
}

/// Which engine gives the numbers at a point.
enum Engine: String, ExpressibleByArgument, CaseIterable {
    case symbolic, forward, reverse
}

/// The options every command takes (DESIGN.md, "CLI contract"): the variables and their
/// order, an exact evaluation point, and the output format.
struct CommonOptions: ParsableArguments {
    @Option(help: "The variables, in this order (default: the free symbols, sorted), e.g. x,y.")
    var vars: String?

    @Option(help: "Evaluate exactly at this point, e.g. x=1/2,y=-3 (decimals are exact: 0.25 is 1/4).")
    var at: String?

    @Option(help: "Output format: text, latex or json.")
    var format: OutputFormat = .text

    @Option(help: "Which engine gives the numbers at --at: symbolic, forward or reverse (default: per command).")
    var engine: Engine?

    /// The variables: `--vars` when given (validated), else the free symbols of `functions`.
    func variables(of functions: [Expr]) throws -> [Symbol] {
        guard let vars else {
            return Array(Set(functions.flatMap(\.freeSymbols))).sorted()
        }
        var out: [Symbol] = []
        for name in vars.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let s = Symbol(validating: trimmed) else { throw CLIError("invalid variable name '\(trimmed)' in --vars") }
            if out.contains(s) { throw CLIError("variable '\(trimmed)' appears twice in --vars") }
            out.append(s)
        }
        return out
    }

    /// ``variables(of:)`` for a command that differentiates: at least one, else there is
    /// nothing to differentiate with respect to (a constant such as `5` has no variables
    /// unless `--vars` names some), which is said instead of printing an empty result.
    func differentiationVariables(of functions: [Expr]) throws -> [Symbol] {
        let variables = try variables(of: functions)
        if variables.isEmpty {
            let text = functions.map(\.description).joined(separator: ", ")
            throw CLIError("\(text) has no variables, so there is nothing to differentiate with respect to: name them with --vars (e.g. --vars x)")
        }
        return variables
    }

    /// The point of `--at`, read exactly, in the order given; nil without `--at`.
    func point() throws -> [(Symbol, Rational)]? {
        guard let at else { return nil }
        var out: [(Symbol, Rational)] = []
        for item in at.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw CLIError("--at expects name=value pairs separated by commas, got '\(item)'") }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard let s = Symbol(validating: name) else { throw CLIError("invalid variable name '\(name)' in --at") }
            if out.contains(where: { $0.0 == s }) { throw CLIError("variable '\(name)' appears twice in --at") }
            let text = parts[1].trimmingCharacters(in: .whitespaces)
            do {
                out.append((s, try Rational(parsing: text)))
            } catch {
                throw CLIError("invalid value for \(name) in --at: \(error.description)")
            }
        }
        return out
    }

    /// The value of each variable, in order, from `--at`.
    ///
    /// - Throws: when `--at` is missing, names a variable that is not one of `variables`, or
    ///   leaves one out.
    func requiredPoint(for variables: [Symbol]) throws -> [Rational] {
        guard let given = try point() else { throw CLIError("this command needs --at, e.g. --at x=1/2,y=-3") }
        let values = Dictionary(given, uniquingKeysWith: { a, _ in a })
        for (s, _) in given where !variables.contains(s) {
            throw CLIError("--at gives a value for '\(s)', which is not one of the variables (\(variables.map(\.name).joined(separator: ",")))")
        }
        return try variables.map { s in
            guard let v = values[s] else { throw CLIError("no value given for the variable \(s) in --at") }
            return v
        }
    }
}
