import ArgumentParser
import Foundation
import Jacobi

/// `jacobi codegen EXPR... --lang c|swift|python`: one source file with a function per
/// requested object (the library's `CodeGenerator`).
struct CodeGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codegen",
        abstract: "Generate C, Swift or Python for f and its derivatives (common subexpressions computed once).",
        usage:
            "jacobi codegen <expression>... --lang c|swift|python [--what f,grad,jac,hess,hvp,jvp,vjp] [--name fn] [-o <file>] [--exact] [--engine symbolic|tape] [<options>]",
        discussion:
            "Example: jacobi codegen \"x^2*y + sin(x*y)\" --lang c --what f,grad. Functions: fn, fn_grad, fn_jac, fn_hess, fn_hvp, fn_jvp, fn_vjp (matrices row-major in C)."
    )

    @OptionGroup var common: CommonOptions
    @Option(help: ArgumentHelp("The language: c, swift or python.", valueName: "lang"), transform: CodeGenArguments.language)
    var lang: TargetLanguage
    @Option(
        help: ArgumentHelp("The objects, comma-separated: f, grad, jac, hess, hvp, jvp, vjp.", valueName: "f,grad"),
        transform: CodeGenArguments.objects)
    var what: [CodeGenObject] = [.f, .grad]
    @Option(help: "The base name of the functions (fn → fn, fn_grad, …).") var name = "fn"
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the source to this file.", valueName: "file"))
    var output: String?
    @Flag(help: "Python only: exact arithmetic with fractions.Fraction, no NumPy.") var exact = false
    @Option(
        help: ArgumentHelp("symbolic (simplified formulas), tape (forward/adjoint code) or automatic (by size).", valueName: "engine"),
        transform: CodeGenArguments.engine)
    var engine: CodeGenEngine = .automatic

    func validate() throws {
        if exact && lang != .python { throw ValidationError("--exact is for --lang python (fractions.Fraction)") }
    }

    func run() throws {
        if common.format == .latex { throw CLIError("codegen writes source code: use --format text or json") }
        let f = try common.function(for: "codegen", arity: .many)
        let generator = try CodeGenerator(outputs: f.outputs, variables: f.variables)
        let source = try generator.source(lang, objects: what, name: name, engine: engine, exact: exact)
        var text = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(source.utf8)) else {
                throw CLIError("cannot write \(output)")
            }
            text = ["wrote \(output): " + what.map { $0.functionName(name) }.joined(separator: ", ")]
        }
        let json: [(String, JSONValue)] = [
            ("lang", .string(lang.rawValue)), ("what", .array(what.map { .string($0.rawValue) })), ("source", .string(source)),
        ]
        try common.render(
            Report([.head(command: "codegen", variables: f.variables, functions: f.outputs), .custom(json: json, text: text, latex: [])]))
    }
}

/// The typed values of codegen's options.
enum CodeGenArguments {
    static func language(_ text: String) throws -> TargetLanguage {
        guard let l = TargetLanguage(name: text) else { throw ValidationError("unknown language '\(text)': use c, swift or python") }
        return l
    }

    static func objects(_ text: String) throws -> [CodeGenObject] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts.isEmpty else { throw ValidationError("--what needs at least one of f, grad, jac, hess, hvp, jvp, vjp") }
        var seen: [CodeGenObject] = []
        for p in parts {
            guard let o = CodeGenObject(rawValue: p) else {
                throw ValidationError("unknown object '\(p)': use f, grad, jac, hess, hvp, jvp, vjp")
            }
            if !seen.contains(o) { seen.append(o) }
        }
        return seen
    }

    static func engine(_ text: String) throws -> CodeGenEngine {
        guard let e = CodeGenEngine(rawValue: text) else { throw ValidationError("unknown engine '\(text)': use symbolic, tape or automatic") }
        return e
    }
}
