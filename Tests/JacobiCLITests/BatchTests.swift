import Foundation
import Jacobi
import Testing

/// `--points`: one JSON line per point, in input order, each what a single call gives.
@Suite struct BatchTests {
    /// W11's function and points (Benchmarks/README: xₖ = (k mod 97 − 48)/7, yₖ = (k mod 89)/5,
    /// zₖ = (k mod 83 − 41)/3).
    static let g = "(x^2*y + x/(1 + y^2) - z^3)/(1 + x^2 + z^2)"
    static func point(_ k: Int) -> (Rational, Rational, Rational) {
        (Rational(k % 97 - 48, 7), Rational(k % 89, 5), Rational(k % 83 - 41, 3))
    }

    static func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-points-\(UUID().uuidString)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func object(_ line: Substring) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
    }

    /// 10⁴ points with one bad point in the middle: every line is the library's exact gradient
    /// at its point (10⁴ in-process single calls), the bad one says why on its line, the
    /// batch goes on and exits 2; a sample of lines equals, byte for byte, the output of a
    /// separate single-point run of the CLI.
    @Test(arguments: [1, 2])
    func aBatch_equalsSingleCalls_lineByLine(jobs: Int) throws {
        let n = 10_000, bad = 5_000
        var text = ""
        for k in 0..<n {
            let (x, y, z) = Self.point(k)
            // The bad point leaves out z.
            text += k == bad ? "{\"x\": \"1/2\", \"y\": \"3\"}\n" : "{\"x\": \"\(x)\", \"y\": \"\(y)\", \"z\": \"\(z)\"}\n"
        }
        let url = try Self.write(text)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try CLI.run(["grad", Self.g, "--points", url.path, "--jobs", String(jobs), "--format", "json"])
        #expect(r.status == 2)
        #expect(r.stderr == "jacobi: 1 point failed (each says why on its line)\n", "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == n)
        let f = try Function(try Expr.parse(Self.g))
        let (xs, ys, zs) = (Symbol("x"), Symbol("y"), Symbol("z"))
        for (k, line) in lines.enumerated() {
            let o = try Self.object(line)
            if k == bad {
                #expect(o["index"] as? Int == bad)
                #expect(o["error"] as? String == "no value given for the variable z")
                #expect((o["at"] as? [String: String]) == ["x": "1/2", "y": "3"])
                continue
            }
            let (x, y, z) = Self.point(k)
            let expected = try f.gradient(at: Point([(xs, x), (ys, y), (zs, z)])).map(\.description)
            guard o["exact"] as? [String] == expected else {
                Issue.record("line \(k): \(line), expected \(expected)")
                return
            }
        }
        for k in stride(from: 0, to: n, by: 997) where k != bad {
            let (x, y, z) = Self.point(k)
            let single = try CLI.run(["grad", Self.g, "--at", "x=\(x),y=\(y),z=\(z)", "--format", "json"])
            #expect(single.stdout == lines[k] + "\n", "point \(k)")
        }
    }

    /// Rational points stay rational end to end; a point whose values are not all rational
    /// (sin(1/2)) or that holds pi falls back to exact expressions: each command's batch line
    /// equals, byte for byte, its single call at the same point.
    @Test(arguments: [
        ["grad", "x^2*y + sin(x)/y"],
        ["jvp", "x*y", "sin(x) + y^2", "--dir", "1,-2"],
        ["vjp", "x*y", "sin(x) + y^2", "--weights", "3,1/2"],
        ["hvp", "x^3*y + sin(x)*y", "--dir", "1,-1"],
    ])
    func rationalAndExactPoints_giveTheSingleCallsLines(command: [String]) throws {
        let points = [("1/2", "3"), ("0", "-2"), ("pi/4", "2"), ("-7/3", "0.25")]
        let stdin = points.map { "{\"x\": \"\($0.0)\", \"y\": \"\($0.1)\"}" }.joined(separator: "\n")
        let batch = try CLI.run(command + ["--points", "-", "--jobs", "2", "--format", "json"], stdin: stdin)
        #expect(batch.status == 0, "\(batch.stderr)")
        let lines = batch.stdout.split(separator: "\n")
        #expect(lines.count == points.count)
        for ((x, y), line) in zip(points, lines) {
            let single = try CLI.run(command + ["--at", "x=\(x),y=\(y)", "--format", "json"])
            #expect(single.status == 0, "\(single.stderr)")
            #expect(single.stdout == line + "\n", "x=\(x),y=\(y)")
        }
    }

    /// The input is read in blocks: blank lines and CRLF line ends are skipped across block
    /// boundaries, the last line needs no line break, and an error line's index counts
    /// points, not lines.
    @Test func blankLinesAndCRLF_acrossBlocks_keepIndicesAndOrder() throws {
        let n = 700, bad = 600
        var text = ""
        for k in 0..<n {
            if k % 97 == 0 { text += "\r\n  \n" }
            text += k == bad ? "{\"x\": \"1/0\"}\r\n" : "{\"x\": \"\(k)/7\"}\r\n"
        }
        text = String(text.dropLast())  // "\r\n" is one Character
        let r = try CLI.run(["grad", "x^2", "--points", "-", "--jobs", "2", "--no-symbolic"], stdin: text)
        #expect(r.status == 2)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == n)
        for (k, line) in lines.enumerated() {
            let o = try Self.object(line)
            if k == bad {
                #expect(o["index"] as? Int == bad)
            } else if o["exact"] as? [String] != [Rational(2 * k, 7).description] {
                Issue.record("line \(k): \(line)")
                return
            }
        }
    }

    @Test func jsonNumbers_areReadFromTheirDecimalTextExactly() throws {
        let url = try Self.write("{\"x\": 0.1, \"y\": 1e-3}\n{\"x\": -2.5E+1, \"y\": 3}\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try CLI.run(["dir", "x*y", "--dir", "1,0", "--points", url.path, "--no-symbolic"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout == """
                {"command": "dir", "vars": ["x", "y"], "functions": ["x*y"], "direction": ["1", "0"], "at": {"x": "1/10", "y": "1/1000"}, "engine": "forward", "exact": "1/1000", "numeric": 0.001}
                {"command": "dir", "vars": ["x", "y"], "functions": ["x*y"], "direction": ["1", "0"], "at": {"x": "-25", "y": "3"}, "engine": "forward", "exact": "3", "numeric": 3.0}

                """, "\(r.stdout)")
    }

    @Test func csvWithAHeader_andStandardInput_giveTheSameLines() throws {
        let csv = try CLI.run(["hessian", "x^3*y", "--points", "-", "--no-symbolic"], stdin: "x,y\n1/2,3\n\"-1\",0.5\n")
        let json = try CLI.run(
            ["hessian", "x^3*y", "--points", "-", "--no-symbolic"],
            stdin: "{\"x\": \"1/2\", \"y\": 3}\n\n{\"x\": -1, \"y\": \"0.5\"}\n")
        #expect(csv.status == 0 && json.status == 0, "\(csv.stderr)\(json.stderr)")
        #expect(csv.stdout == json.stdout)
        #expect(csv.stdout.split(separator: "\n").count == 2)
    }

    @Test func aPointFile_isOneJSONObject() throws {
        let url = try Self.write("{\n  \"x\": \"1/2\",\n  \"y\": 0.25\n}\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try CLI.run(["grad", "x^2*y", "--at-file", url.path, "--format", "json"])
        let at = try CLI.run(["grad", "x^2*y", "--at", "x=1/2,y=1/4", "--format", "json"])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(file.stdout == at.stdout)
    }

    @Test(arguments: [
        (["grad", "x", "--points", "-", "--at", "x=1"], "jacobi: give one of --at, --at-file and --points"),
        (["grad", "x", "--jobs", "0", "--points", "-"], "jacobi: --jobs must be at least 1, not 0"),
        (["grad", "x", "--points", "/nonexistent/points"], "jacobi: cannot read the file '/nonexistent/points'"),
    ])
    func badBatchOptions_areErrors(arguments: [String], message: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr == message + "\n", "\(r.stderr)")
    }
}

/// `check --gradient`: a user's gradient formulas against the tape, exactly.
@Suite struct GradientCheckTests {
    static let f = "x^2*y*z + sin(x)*y"

    @Test func aCorrectGradient_passes() throws {
        let r = try CLI.run([
            "check", Self.f, "--gradient", "2*x*y*z + cos(x)*y", "--gradient", "x^2*z + sin(x)",
            "--gradient", "x^2*y", "--points", "20",
        ])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasSuffix("passed\n"))
    }

    @Test func aSignError_isCaught_withTheEntryThePointAndBothValues() throws {
        let r = try CLI.run([
            "check", Self.f, "--gradient", "2*x*y*z + cos(x)*y", "--gradient", "x^2*z - sin(x)",
            "--gradient", "x^2*y", "--format", "json",
        ])
        #expect(r.status == 1)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(o["passed"] as? Bool == false)
        let m = (o["mismatches"] as? [[String: Any]])?.first ?? [:]
        #expect(m["variable"] as? String == "y")
        let at = m["at"] as? [String: String] ?? [:]
        // Both values are the two formulas at that point, exactly.
        let x = try Expr.parse(at["x"] ?? ""), z = try Expr.parse(at["z"] ?? "")
        #expect(m["tape"] as? String == (x * x * z + .call(.sin, x)).description)
        #expect(m["formula"] as? String == (x * x * z - .call(.sin, x)).description)
    }

    @Test func anIndexSlip_isCaught() throws {
        // ∂f/∂y and ∂f/∂z swapped.
        let r = try CLI.run([
            "check", Self.f, "--gradient", "2*x*y*z + cos(x)*y", "--gradient", "x^2*y",
            "--gradient", "x^2*z + sin(x)",
        ])
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAILED: ∂f/∂y (entry 2) at "), "\(r.stdout)")
    }

    @Test func theWrongNumberOfFormulas_isAnError() throws {
        let r = try CLI.run(["check", Self.f, "--gradient", "1"])
        #expect(r.status == 2)
        #expect(r.stderr == "jacobi: the gradient has 1 entries, expected 3\n", "\(r.stderr)")
    }
}
