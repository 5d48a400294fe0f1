import Foundation
import Jacobi
import Testing

/// `--file model.jac`: programs on the command line (DESIGN.md, "Programs").
@Suite struct ProgramCommandTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Docs/Examples/programs")

    static func path(_ name: String) -> String { examples.appendingPathComponent(name).path }

    static func json(_ arguments: [String], stdin: String? = nil) throws -> [String: Any] {
        let r = try CLI.run(arguments + ["--format", "json"], stdin: stdin)
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static func temporary(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The gradient of Rosenbrock n = 3 at x = (1/2, 2, 1/2), by hand:
    /// ∂f/∂x1 = −400x1(x2 − x1²) − 2(1 − x1) = −351, ∂f/∂x2 = 200(x2 − x1²) − 400x2(x3 − x2²) − 2(1 − x2) = 3152,
    /// ∂f/∂x3 = 200(x3 − x2²) = −700.
    @Test func grad_ofAProgram_namesEntriesAndFillsVectors() throws {
        let j = try Self.json(["grad", "--file", Self.path("rosenbrock.jac"), "--param", "n=3", "--at", "x=1/2,x[2]=2"])
        #expect(j["vars"] as? [String] == ["x[1]", "x[2]", "x[3]"])
        #expect(j["functions"] as? [String] == ["f"])
        #expect(j["at"] as? [String: String] == ["x[1]": "1/2", "x[2]": "2", "x[3]": "1/2"])
        #expect(j["exact"] as? [String] == ["-351", "3152", "-700"])
        let symbolic = j["symbolic"] as? [String] ?? []
        #expect(symbolic.last == "-200*x[2]^2 + 200*x[3]")
    }

    @Test func atFile_readsVectorsExactly_andNumericWritesFloatsOnly() throws {
        let point = try Self.temporary("x.json", #"{"x": [0.5, "-3/4", 1]}"#)
        let exact = try Self.json(["grad", "--file", Self.path("rosenbrock.jac"), "--param", "n=3", "--at-file", point, "--no-symbolic"])
        // x = (1/2, −3/4, 1): ∂1 = −400·(1/2)(−3/4 − 1/4) − 2(1/2) = 199, ∂2 = 200(−1) − 400(−3/4)(1 − 9/16) − 2(7/4) = −72.25,
        // ∂3 = 200(1 − 9/16) = 87.5.
        #expect(exact["exact"] as? [String] == ["199", "-289/4", "175/2"])
        let numeric = try Self.json(["grad", "--file", Self.path("rosenbrock.jac"), "--param", "n=3", "--at-file", point, "--numeric"])
        #expect(numeric["numeric"] as? [Double] == [199, -72.25, 87.5])
        #expect(numeric["exact"] == nil && numeric["symbolic"] == nil)
    }

    @Test func laterSettingsOverrideEarlierOnes() throws {
        let j = try Self.json([
            "grad", "--file", Self.path("rosenbrock.jac"), "--param", "n=3", "--at", "x=1,x[3]=2",
            "--no-symbolic",
        ])
        #expect(j["at"] as? [String: String] == ["x[1]": "1", "x[2]": "1", "x[3]": "2"])
        // ∂f/∂x3 = 200(x3 − x2²) = 200 at (1, 1, 2).
        #expect((j["exact"] as? [String])?.last == "200")
    }

    @Test func jacobian_ofBroyden_isTridiagonal() throws {
        let j = try Self.json(["jacobian", "--file", Self.path("broyden.jac"), "--param", "n=3", "--at", "x=1", "--no-symbolic"])
        // ∂Fᵢ/∂xᵢ = 3 − 4xᵢ = −1, ∂Fᵢ/∂xᵢ₋₁ = −1, ∂Fᵢ/∂xᵢ₊₁ = −2.
        #expect(j["exact"] as? [[String]] == [["-1", "-2", "0"], ["-1", "-1", "-2"], ["0", "-1", "-1"]])
    }

    @Test func trace_ofAProgram_givesRowsInJSON() throws {
        let program = try Self.temporary("f.jac", "input x, y\nf = x*y + sin(x)\noutput f\n")
        let j = try Self.json(["jvp", "--file", program, "--dir", "1,0", "--at", "x=1/2,y=3", "--trace"])
        let rows = j["trace"] as? [[String: Any]] ?? []
        #expect(rows.map { $0["name"] as? String } == ["x", "y", "f"])
        #expect(rows.last?["expr"] as? String == "x*y + sin(x)")
        #expect(rows.last?["value"] as? String == "sin(1/2) + 3/2")
        #expect(rows.last?["tangent"] as? String == "cos(1/2) + 3")
        #expect(rows.last?["output"] as? Bool == true)
        let reverse = try Self.json(["vjp", "--file", program, "--weights", "1", "--at", "x=1/2,y=3", "--trace", "all"])
        let names = (reverse["trace"] as? [[String: Any]] ?? []).map { $0["name"] as? String }
        #expect(names == ["f", "v3", "v2", "y", "x"])
    }

    /// (arguments, a fragment of the one error line); every one exits 2.
    static let bad: [([String], String)] = [
        (["grad", "--file", "PROGRAM", "--at", "x=1"], "3:7: index 4 out of range for 'x' (1..3)"),
        (["grad", "--file", "PROGRAM", "--param", "m=2", "--at", "x=1"], "unknown parameter 'm'"),
        (["grad", "--file", "PROGRAM", "--at", "y=1"], "'y' is not an input of the program"),
        (["grad", "--file", "PROGRAM", "--at", "x[4]=1"], "the entries of x are x[1] … x[3]"),
        (["grad", "--file", "PROGRAM", "--at", "x[2]=1"], "no value given for x[1]"),
        (["grad", "x^2", "--at", "x[2]=1"], "only programs"),
        (["grad", "--file", "PROGRAM", "--vars", "x"], "--vars does not apply to a program"),
    ]

    @Test func badPrograms_andPoints_exit2WithOneLine() throws {
        let program = try Self.temporary("bad.jac", "param n = 3\ninput x[n]\nf = x[n+1]\noutput f\n")
        let good = Self.path("rosenbrock.jac")
        for (arguments, fragment) in Self.bad {
            let filled =
                arguments.enumerated().map { i, a in
                    a == "PROGRAM" ? (fragment.hasPrefix("3:7") ? program : good) : a
                } + (!arguments.contains("PROGRAM") || fragment.hasPrefix("3:7") || arguments.contains("--param") ? [] : ["--param", "n=3"])
            let r = try CLI.run(filled)
            #expect(r.status == 2, "\(filled): \(r.stderr)")
            #expect(r.stderr.contains(fragment), "\(filled): \(r.stderr)")
        }
    }

    @Test func expressionFiles_areStillExpressions() throws {
        let file = try Self.temporary("f.txt", "x^2*y\n# a comment\nx + y\n")
        let j = try Self.json(["jacobian", "--file", file])
        #expect(j["functions"] as? [String] == ["x^2*y", "x + y"])
    }
}

@Suite struct ProgramBatchTests {
    /// `--points` with a program: entries keyed as the program names them, one line per point.
    @Test func programPoints_areKeyedByEntry() throws {
        let lines = #"{"x[1]": 1, "x[2]": 2, "x[3]": "1/2"}"# + "\n" + #"{"x[1]": 0, "x[9]": 0}"# + "\n"
        let r = try CLI.run(
            [
                "grad", "--file", ProgramCommandTests.path("rosenbrock.jac"), "--param", "n=3", "--points", "-",
                "--no-symbolic",
            ], stdin: lines)
        #expect(r.status == 2)
        let out = r.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        // At (1, 2, 1/2): ∂1 = −400·1·(2 − 1) = −400, ∂2 = 200(2 − 1) − 800(1/2 − 4) − 2(1 − 2) = 3002, ∂3 = 200(1/2 − 4) = −700.
        #expect(out.first??["exact"] as? [String] == ["-400", "3002", "-700"])
        #expect(out.first??["at"] as? [String: String] == ["x[1]": "1", "x[2]": "2", "x[3]": "1/2"])
        #expect((out.last??["error"] as? String)?.contains("x[9]") == true)
    }
}
