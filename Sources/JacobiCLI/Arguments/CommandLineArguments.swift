/// The command line, prepared for swift-argument-parser so that expressions may start with
/// `-` (DESIGN.md, "CLI contract"):
///
///     jacobi diff -x^2 --at x=1        -x^2 is the expression
///     jacobi diff -- -x^2 --at x=1     the same: `--` marks what follows as expressions,
///                                      but options after it (--at) are still options
///
/// A word that starts with one `-` and is not one of the CLI's short options (`-f`, `-h`)
/// is an expression, unless it follows a long option that takes a value (`--dir -1,2`);
/// after `--`, every such word is an expression. An expression word is passed on with a
/// leading space, which argument-parser reads as a value and the expression parser skips.
/// A word that starts with `--` is always an option (an unknown one is an error).
enum CommandLineArguments {
    /// The short options of every command: `-f` (`--file`) and `-h` (`--help`).
    static let shortOptions: Set<String> = ["-f", "-h"]

    /// Long options that take no value (so the word after one is not its value).
    static let flags: Set<String> = [
        "--no-symbolic", "--canonical", "--help", "--version", "--sparse",
        "--hessian", "--compile", "--numeric", "--trace", "--trace-all", "--exact",
    ]

    /// `codegen` also takes `-o FILE` (elsewhere `-o` stays an expression, minus o).
    static let codegenShortOptions: Set<String> = ["-o"]

    static func prepared(_ arguments: [String]) -> [String] {
        // `--trace all` is spelled `--trace-all` for argument-parser (a flag takes no value).
        var arguments = arguments.map { $0 == "--trace=all" ? "--trace-all" : $0 }
        if let k = arguments.firstIndex(of: "--trace"), k + 1 < arguments.count, arguments[k + 1] == "all" {
            arguments.replaceSubrange(k...(k + 1), with: ["--trace-all"])
        }
        let codegen = arguments.first == "codegen"
        var out: [String] = []
        var afterTerminator = false
        var previous: String?
        for word in arguments {
            defer { previous = word }
            if word == "--" && !afterTerminator {
                afterTerminator = true
                continue
            }
            guard word.hasPrefix("-"), word != "-", !word.hasPrefix("--") else {
                out.append(word)
                continue
            }
            let short = shortOptions.contains(word) || (codegen && codegenShortOptions.contains(word))
            let isExpression = afterTerminator || (!short && !takesValue(previous, codegen: codegen))
            out.append(isExpression ? " " + word : word)
        }
        return out
    }

    /// Whether `word` is an option whose value is the next word.
    static func takesValue(_ word: String?, codegen: Bool = false) -> Bool {
        guard let word else { return false }
        if word == "-f" || (codegen && word == "-o") { return true }
        return word.hasPrefix("--") && !word.contains("=") && !flags.contains(word)
    }
}
