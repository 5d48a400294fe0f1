import Foundation
import Testing

/// Hostile input end to end through the built binary: undefined constants, deep nesting on
/// a small stack, very long input, and a closed output pipe.
@Suite struct HostileInputTests {
    /// Runs `script` in bash with `$0` = the jacobi binary and `$1`… = `arguments`.
    static func shell(_ script: String, _ arguments: [String]) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, CLI.binary.path] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// (arguments, the message on stderr): every command refuses an undefined constant.
    static let undefined: [([String], String)] = [
        (["simplify", "1/0"], "division by zero in 1/0"),
        (["simplify", "0/0"], "division by zero in 0/0"),
        (["simplify", "(x-x)/(y-y)"], "division by zero in (x-x)/(y-y)"),
        (["diff", "x*0/0 + y"], "division by zero in x*0/0"),
        (["grad", "log(0) + x"], "log(0) is undefined"),
        (["grad", "x*log(-1)"], "log(-1) is not real"),
        (["expand", "sqrt(-1)*(x + 1)^2"], "sqrt(-1) is not real"),
        (["jacobian", "x", "asin(2)*y"], "asin(2) is outside [-1, 1]"),
        (["hessian", "0^(-1) + x^2"], "division by zero in 0^(-1)"),
        (["jvp", "x/(y - y)", "--dir", "1,1", "--at", "x=1,y=2"], "division by zero in x/(y - y)"),
        (["taylor", "0^0 + x", "--at", "x=0"], "0^0 is undefined"),
        (["check", "acos(-3/2)*x"], "acos(-3/2) is outside [-1, 1]"),
    ]

    @Test(arguments: HostileInputTests.undefined)
    func undefinedConstants_areOneLineErrorsNamingThem(arguments: [String], message: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("jacobi: " + message), "\(r.stderr)")
    }

    /// 25 000 nested calls and a 60 000-level power chain (a command-line argument is capped
    /// at 128 KiB on Linux) parse and print on a 512 KiB stack (`ulimit -s 512`).
    @Test func deepNesting_worksOnASmallStack() throws {
        let calls = String(repeating: "sin(", count: 25_000) + "x" + String(repeating: ")", count: 25_000)
        let chain = Array(repeating: "x", count: 60_000).joined(separator: "^")
        for text in [calls, chain] {
            let r = try Self.shell("ulimit -s 512; exec \"$0\" simplify \"$1\"", [text])
            #expect(r.status == 0, "\(r.stderr.prefix(300))")
            #expect(r.stdout == text + "\n")
        }
    }

    /// 10⁶ parentheses around x (2 000 001 characters, read from stdin on a 512 KiB stack): a
    /// clean error naming the input-length limit, in two lines of at most 200 characters.
    @Test func millionParentheses_areACleanError() throws {
        // Built by the shell: an argument of 2 MB is beyond what exec passes.
        let r = try Self.shell(
            "ulimit -s 512; { head -c 1000000 /dev/zero | tr '\\0' '('; printf x; head -c 1000000 /dev/zero | tr '\\0' ')'; echo; }"
                + " | \"$0\" simplify --file -", [])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count <= 200 }, "\(lines.map(\.count))")
        #expect(lines.first?.contains("input too long: 2000001 characters, the limit (ParseLimits.maximumInputLength) is 1048576") == true)
    }

    /// A 120 000-character input with a syntax error deep inside: every stderr line stays
    /// within 200 characters, the excerpt is cut with …, and the caret is under the problem.
    @Test func longInput_givesShortErrorLines() throws {
        let padding = String(repeating: "x + ", count: 15_000)
        let r = try CLI.run(["simplify", padding + "y^^2 + " + padding + "z"])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count <= 200 }, "\(lines.map(\.count))")
        #expect(lines[0].hasPrefix("jacobi: expected an expression, found '^' at column 60003: …"))
        let caret = try #require(lines[1].firstIndex(of: "^"))
        let offset = lines[1].distance(from: lines[1].startIndex, to: caret)
        #expect(Array(lines[0])[offset] == "^")
        #expect(Array(lines[0])[offset - 1] == "^")
    }

    /// `jacobi … | head -1`: the reader closes the pipe; jacobi stops quietly with status 0.
    @Test func closedOutputPipe_exitsQuietly() throws {
        let sum = (0..<3000).map { "x\($0)^2" }.joined(separator: " + ")
        let r = try Self.shell("set -o pipefail; \"$0\" grad \"$1\" | head -1", [sum])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("∂f/∂x0 = 2*x0"))
        #expect(r.stdout.split(separator: "\n").count == 1)
        #expect(r.stderr.isEmpty)
    }
}
