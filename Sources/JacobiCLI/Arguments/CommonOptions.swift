import ArgumentParser
import Foundation
import Jacobi

/// What every command takes (DESIGN.md, "CLI contract"): the functions — on the command line,
/// from `--file`, or from standard input (`-`) — the variables and their order, and the output
/// format. `function(for:)` turns them into the library's one front door, a `Function`.
struct CommonOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The functions, in the expression syntax; '-' reads them from standard input.",
            valueName: "expression"))
    var expressions: [String] = []

    @Option(
        name: [.customShort("f"), .long],
        help: ArgumentHelp(
            "Read the functions from a file, one per line ('#' starts a comment, blank lines are skipped); '-' reads standard input.",
            valueName: "path"))
    var file: String?

    @Option(
        help: ArgumentHelp(
            "The variables, in this order (default: the free symbols in natural order, x2 before x10).",
            valueName: "x,y"),
        transform: Arguments.variables)
    var vars: [Symbol]?

    @Option(help: "Output format: text, latex, json, or mtx (Matrix Market, for sparse matrices).")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("A program's integer parameter (repeatable): overrides its 'param' default.", valueName: "n=1000"))
    var param: [String] = []

    /// How many functions a command takes.
    enum Arity {
        case one, many
    }

    /// The functions as parsed, each with where it came from (for error messages).
    func parsedExpressions(fileText: String? = nil) throws -> [Expr] {
        var sources: [(text: String, origin: String?)] = []
        for word in expressions {
            let text = word.trimmingCharacters(in: .whitespaces)
            if text == "-" {
                sources += try Self.lines(of: FileHandle.standardInput.readDataToEndOfFile(), origin: "<stdin>")
            } else {
                sources.append((text, nil))
            }
        }
        if let file {
            let data: Data
            if let fileText {
                data = Data(fileText.utf8)
            } else if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let d = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read the file '\(file)'") }
                data = d
            }
            sources += try Self.lines(of: data, origin: file == "-" ? "<stdin>" : file)
        }
        if sources.isEmpty { throw CLIError("no expression given (on the command line, with --file, or '-' for standard input)") }
        return try sources.map { try ExpressionText.parse($0.text, origin: $0.origin) }
    }

    /// The non-blank, non-comment lines of a file, with their line numbers.
    static func lines(of data: Data, origin: String) throws -> [(text: String, origin: String?)] {
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(origin) is not UTF-8 text") }
        var out: [(text: String, origin: String?)] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = content.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { out.append((trimmed, "\(origin):\(i + 1)")) }
        }
        return out
    }

    /// The `Function` the command works on: the parsed functions in `--vars` order.
    ///
    /// - Throws: when `command` takes one function and gets several; when a command that
    ///   differentiates gets a constant and no `--vars` (nothing to differentiate by).
    func function(for command: String, arity: Arity, differentiates: Bool = true) throws -> Function {
        let (program, fileText) = try programFunction(for: command, arity: arity)
        if let program { return program }
        if !param.isEmpty { throw CLIError("--param is for programs (--file model.jac)") }
        let outputs = try parsedExpressions(fileText: fileText)
        if arity == .one && outputs.count != 1 {
            throw CLIError("\(command) takes one function, got \(outputs.count)")
        }
        let f = try Function(outputs, variables: vars)
        if differentiates && f.variables.isEmpty {
            let text = outputs.map(\.description).joined(separator: ", ")
            throw CLIError("\(text) has no variables, so there is nothing to differentiate with respect to: name them with --vars (e.g. --vars x)")
        }
        return f
    }

    /// The function of a program file (`--file model.jac`, see `ProgramInput`), or nil and
    /// the file's text (read once: it may be standard input) when the file holds expressions.
    func programFunction(for command: String, arity: Arity) throws -> (Function?, String?) {
        guard let file else { return (nil, nil) }
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read the file '\(file)'") }
            data = d
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(file) is not UTF-8 text") }
        guard ProgramInput.isProgram(path: file, text: text) else { return (nil, text) }
        if !expressions.isEmpty { throw CLIError("a program file (--file \(file)) takes no expressions beside it") }
        if vars != nil { throw CLIError("--vars does not apply to a program: its variables are its inputs") }
        let f = try ProgramInput.function(
            text: text, origin: file == "-" ? "<stdin>" : file, parameters: try ProgramInput.parameters(param))
        if arity == .one && f.outputDimension != 1 {
            throw CLIError("\(command) takes one function, but the program has \(f.outputDimension) outputs")
        }
        return (f, nil)
    }

    /// Prints a report in the chosen format; a program's variables are printed as it names
    /// them (`x[3]`).
    func render(_ report: Report, for f: Function? = nil) throws {
        let rename: (String) -> String = { f?.program?.displayingVariables(in: $0) ?? $0 }
        if format == .json {
            JSONRenderer.stream(report, rename: rename)
        } else {
            print(rename(try report.rendered(format)))
        }
    }
}

/// An error the CLI reports as is: one line (or, for a syntax error, the line and a caret).
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum ExpressionText {
    /// Parses one expression; a syntax error becomes two lines, the message with the input
    /// and a caret under the column, aligned for `ExitStatus.printError`'s prefix.
    ///
    ///     jacobi: expected an expression, found '^' at column 3: x^^2
    ///                                                              ^
    static func parse(_ text: String, origin: String?) throws -> Expr {
        do {
            return try Expr.parse(text)
        } catch {
            let head = (origin.map { "\($0): " } ?? "") + "\(error.summary): "
            let indent = ExitStatus.prefix.count + head.count
            throw CLIError(head + error.excerpt + "\n" + String(repeating: " ", count: indent) + error.caretLine)
        }
    }
}
