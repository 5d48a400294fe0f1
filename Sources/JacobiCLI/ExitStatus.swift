import ArgumentParser
import Foundation
import Jacobi

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

    /// The longest line an error may print (DESIGN.md: "never longer than 200 characters").
    static let maximumLineLength = 200

    /// Writes `message` to stderr, prefixed with `jacobi: `, ending in one newline. A line
    /// longer than ``maximumLineLength`` is cut in the middle with `…` (the library's errors
    /// already quote at most about 60 characters of input; this is the last guard, for text
    /// such as a very long variable name inside a message).
    static func printError(_ message: String) {
        var text = message
        while text.hasSuffix("\n") { text.removeLast() }
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        let lines = (prefix + text).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.count <= maximumLineLength ? String(line) : ErrorText.clipped(String(line), width: maximumLineLength - 1)
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// `jacobi … | head -1`: when the reader closes the pipe, stop at once with status 0 and
    /// no signal message, instead of dying of SIGPIPE (status 141) or writing on into it.
    static func exitQuietlyWhenOutputCloses() {
        signal(SIGPIPE) { _ in _exit(0) }
    }
}
