import ArgumentParser
import Foundation

/// The one place where errors become exit statuses (DESIGN.md, "CLI contract"):
///
/// | status | meaning |
/// |---|---|
/// | 0 | success (also `--help`, `--version`) |
/// | 1 | `check` found a mismatch (the command throws `ExitCode(1)` after printing its report) |
/// | 2 | any error: bad input, a domain error at the point, a usage error |
///
/// swift-argument-parser exits 64 on usage errors by default; they are mapped to 2 here.
enum ExitStatus {
    static let error: Int32 = 2
    /// What every error line starts with (a caret line is indented past it).
    static let prefix = "jacobi: "

    static func run(_ body: @Sendable () async throws -> Void) async {
        do {
            try await body()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if JacobiCommand.exitCode(for: error) == .success {
                JacobiCommand.exit(withError: error)  // --help, --version: argument-parser prints them
            }
            printError(JacobiCommand.message(for: error))
            Foundation.exit(ExitStatus.error)
        }
    }

    /// Writes `message` to stderr, prefixed with `jacobi: `, ending in one newline.
    static func printError(_ message: String) {
        var text = message
        while text.hasSuffix("\n") { text.removeLast() }
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        FileHandle.standardError.write(Data((prefix + text + "\n").utf8))
    }
}
