import Foundation
import Testing

/// End-to-end: `jacobi check`, its text and JSON reports, and its errors.
@Suite struct CheckCommandTests {
    /// Negative numbers are read as the options' values (and refused as such), not as a
    /// missing value followed by an unknown option.
    @Test func negativePointsOrSeed_areNamedAsTheBadValue() throws {
        let seed = try CLI.run(["check", "x", "--seed", "-1"])
        #expect(seed.stderr == "jacobi: The value '-1' is invalid for '--seed <seed>'\n", "\(seed.stderr)")
        let points = try CLI.run(["check", "x", "--points", "-3"])
        #expect(points.stderr == "jacobi: --points must be between 1 and 10000, got -3\n", "\(points.stderr)")
    }

    @Test func latexReport_typesetsTheFunctionsAndEscapesTheText() throws {
        let r = try CLI.run(["check", "x^2/(1 + y_1)", "--points", "3", "--format", "latex"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\\begin{aligned}" && lines.last == "\\end{aligned}", "\(r.stdout)")
        #expect(lines[1] == "f(x, y_{1}) &= \\frac{x^{2}}{y_{1} + 1} \\\\", "\(r.stdout)")
        #expect(lines.dropFirst(2).dropLast().allSatisfy { $0.hasPrefix("&\\text{") }, "\(r.stdout)")
        // The point where 1 + y₁ = 0 is skipped, and its text names y_1 with TeX's underscore escaped.
        #expect(lines.contains("&\\text{skipped (-1/3, -1): symbolic: division by zero in 1/(y\\_1 + 1)} \\\\"), "\(r.stdout)")
        #expect(lines.dropLast().last == "&\\text{passed}")
    }

    @Test func agreeingEngines_exitZero_andSayPassed() throws {
        let r = try CLI.run(["check", "x^2/(1 + y)", "sin(x*y)", "--points", "6", "--seed", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("functions: x^2/(y + 1), sin(x*y)\nvars: x, y\npoints: 6 (seed 3): "))
        #expect(r.stdout.hasSuffix("passed\n"))
    }

    @Test func json_hasTheContractKeys_inOrder() throws {
        let r = try CLI.run(["check", "x/(y - 1)", "--points", "12", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let d = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(d["command"] as? String == "check")
        #expect(d["vars"] as? [String] == ["x", "y"])
        #expect(d["functions"] as? [String] == ["x/(y - 1)"])
        #expect(d["passed"] as? Bool == true)
        #expect(d["points"] as? Int == 12)
        #expect((d["mismatches"] as? [Any])?.isEmpty == true)
        #expect((d["oracle_comparisons"] as? Int ?? 0) > 0)
        #expect(
            r.stdout.hasPrefix("{\"command\": \"check\", \"vars\": [\"x\", \"y\"], \"functions\": [\"x/(y - 1)\"], \"passed\": true, \"points\": 12"))
    }

    @Test func sameSeed_sameReport_andVarsChooseTheOrder() throws {
        let a = try CLI.run(["check", "x*y^2 - 1/x", "--seed", "11", "--vars", "y,x", "--format", "json"])
        let b = try CLI.run(["check", "x*y^2 - 1/x", "--seed", "11", "--vars", "y,x", "--format", "json"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        #expect(a.stdout.contains("\"vars\": [\"y\", \"x\"]"))
    }

    @Test func expressionStartingWithMinus_goesAfterTheDoubleDash() throws {
        let r = try CLI.run(["check", "--points", "3", "--", "-x^3"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test(arguments: [
        ["check", "x^^2"], ["check", "foo(x)"], ["check", "x*y", "--vars", "x"], ["check", "x", "--points", "0"],
        ["check", "x", "--at", "x=1"], ["check"], ["check", "x", "--seed", "-1"],
    ])
    func badInput_exitsTwo_withOneMessage(arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 2, "\(arguments): \(r.stdout) \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("jacobi: "))
        #expect(r.stderr.split(separator: "\n").count <= 2)
    }
}
