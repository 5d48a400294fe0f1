import Foundation
import Testing

/// The ways functions come in: the command line (also starting with `-`), `--file`/`-f`,
/// and standard input (`-`); `--` ends the options without swallowing later ones.
@Suite struct InputTests {
    @Test func expressionsStartingWithMinus_workWithAndWithoutDoubleDash() throws {
        for arguments in [["diff", "-x^2", "--at", "x=1"], ["diff", "--", "-x^2", "--at", "x=1"], ["diff", "--at", "x=1", "--", "-x^2"]] {
            let r = try CLI.run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            #expect(r.stdout == "∂f/∂x = -2*x\nat x = 1 (engine: reverse):\n∂f/∂x(a) = -2\n", "\(arguments): \(r.stdout)")
        }
        let jacobian = try CLI.run(["jacobian", "-x*y", "-sin(y)", "--format", "json"])
        #expect(jacobian.stdout.contains(#""symbolic": [["-y", "-x"], ["0", "-cos(y)"]]"#), "\(jacobian.stdout)\(jacobian.stderr)")
    }

    @Test func aFile_givesOneFunctionPerLine_skippingCommentsAndBlankLines() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-input-\(UUID().uuidString).txt")
        try "# two components\nx*y\n\n  sin(x) + y^2   # the second\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        for option in ["--file", "-f"] {
            let fromFile = try CLI.run(["jacobian", option, url.path, "--format", "json"])
            let fromArguments = try CLI.run(["jacobian", "x*y", "sin(x) + y^2", "--format", "json"])
            #expect(fromFile.status == 0, "\(fromFile.stderr)")
            #expect(fromFile.stdout == fromArguments.stdout)
        }
    }

    @Test func dash_readsStandardInput() throws {
        let r = try CLI.run(["grad", "-", "--at", "x=2,y=3", "--format", "json"], stdin: "x^2*y\n")
        let direct = try CLI.run(["grad", "x^2*y", "--at", "x=2,y=3", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == direct.stdout)
        let file = try CLI.run(["simplify", "--file", "-"], stdin: "(x^2 - 1)/(x - 1)\n")
        #expect(file.stdout == "x + 1\n", "\(file.stdout)\(file.stderr)")
    }

    @Test func aSyntaxErrorInAFile_namesTheLine() throws {
        let r = try CLI.run(["simplify", "-"], stdin: "x + 1\n\nx^^2\n")
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("jacobi: <stdin>:3: expected an expression, found '^' at column 3: x^^2\n"), "\(r.stderr)")
    }

    @Test func noExpression_isAnError() throws {
        let r = try CLI.run(["grad", "--file", "-"], stdin: "# nothing\n")
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("jacobi: no expression given"), "\(r.stderr)")
    }
}
