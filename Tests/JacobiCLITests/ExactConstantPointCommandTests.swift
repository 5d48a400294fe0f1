import Foundation
import Testing

/// `--at x=pi/4` (DESIGN: a point's value may be an exact constant expression) in every
/// command that takes a point, in `--at-file` and `--points`: exact results whose floats
/// equal the same command's at a rational within 10⁻²⁰ of pi/4.
@Suite struct ExactConstantPointCommandTests {
    static let commands: [[String]] = [
        ["simplify", "y*sin(x)"], ["diff", "y*sin(x)"], ["grad", "y*sin(x)"], ["dir", "y*sin(x)", "--dir", "1,2"],
        ["dir", "y*sin(x)", "--dir", "1,2", "--order", "3"], ["jacobian", "y*sin(x)", "x*y"], ["hessian", "y*sin(x)"],
        ["jvp", "y*sin(x)", "x*y", "--dir", "1,2"], ["vjp", "y*sin(x)", "x*y", "--weights", "1,1"],
        ["hvp", "y*sin(x)", "--dir", "1,2"], ["linearize", "y*sin(x)", "x*y"], ["taylor", "exp(y)*sin(x)", "--order", "3"],
    ]

    /// The numbers under `numeric` (flattened) and the `at` object of a JSON report.
    static func numbers(_ json: String) throws -> (numeric: [Double], at: [String: String]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        func flat(_ v: Any?) -> [Double] {
            if let d = v as? Double { return [d] }
            if let list = v as? [Any] { return list.flatMap(flat) }
            return []
        }
        return (flat(object["numeric"]), try #require(object["at"] as? [String: String]))
    }

    @Test(arguments: commands)
    func everyCommand_atPiOver4_isExact_andMatchesANearbyRationalPoint(_ command: [String]) throws {
        let exact = try CLI.run(command + ["--at", "x=pi/4,y=sqrt(2)", "--format", "json", "--no-symbolic"])
        #expect(exact.status == 0, "\(command): \(exact.stderr)")
        let near = try CLI.run(command + ["--at", "x=0.78539816339744830962,y=1.41421356237309504880", "--format", "json", "--no-symbolic"])
        #expect(near.status == 0, "\(command): \(near.stderr)")
        let (a, at) = try Self.numbers(exact.stdout)
        let (b, _) = try Self.numbers(near.stdout)
        #expect(at == ["x": "pi/4", "y": "sqrt(2)"])
        #expect(!a.isEmpty && a.count == b.count, "\(command)")
        for (u, v) in zip(a, b) { #expect(abs(u - v) <= 1e-12 * max(1, abs(v)), "\(command): \(u) vs \(v)") }
        // The exact values are not rationals: no key holds a rational approximation of pi.
        #expect(!exact.stdout.contains("0.785398163397448309"))
    }

    /// The engines give the same exact strings at a point of constants.
    @Test func engines_agreeExactlyAtConstants() throws {
        let runs = try ["symbolic", "forward", "reverse"].map { engine in
            try CLI.run(["grad", "x^2*sin(y) + exp(x)/y", "--at", "x=E,y=pi/3", "--engine", engine, "--no-symbolic", "--format", "json"])
        }
        let exacts = runs.map { r in r.stdout.range(of: #""exact": \[[^\]]*\]"#, options: .regularExpression).map { String(r.stdout[$0]) } }
        #expect(exacts[0] != nil && exacts[0] == exacts[1] && exacts[1] == exacts[2], "\(exacts)")
    }

    @Test func atFileAndPoints_readConstantsToo() throws {
        let batch = try CLI.run(["grad", "sin(x)", "--points", "-"], stdin: "{\"x\": \"pi/3\"}\n{\"x\": \"1/2\"}\n")
        #expect(batch.status == 0)
        let lines = batch.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains(#""at": {"x": "pi/3"}"#) && lines[0].contains(#""exact": ["1/2"]"#))  // cos(pi/3) = 1/2
        #expect(lines[1].contains(#""exact": ["cos(1/2)"]"#))
        let file = try CLI.run(["taylor", "cos(x)", "--at-file", "-", "--order", "2"], stdin: "{\"x\": \"pi\"}")
        #expect(file.status == 0)
        #expect(file.stdout.hasPrefix("T2(x) = -1 + 1/2*(x - pi)^2\n"), "\(file.stdout)")  // cos(pi + h) = −1 + h²/2 − …
    }

    @Test func badConstants_areOneLineErrors() throws {
        let cases: [([String], String)] = [
            (["grad", "x", "--at", "x=y"], "'y' is not a constant (it has the variable y)"),
            (["grad", "x", "--at", "x=tan(pi/2)"], "tan(pi/2) is undefined"),
            (["grad", "x", "--at", "x=sin("], "invalid value for x"),
            (["grad", "log(x)", "--at", "x=-pi"], "log of a non-positive number in log(x) (the argument is -pi)"),
            (["grad", "1/(x - pi)", "--at", "x=pi", "--engine", "symbolic"], "division by zero"),
            (["grad", "abs(x - pi)", "--at", "x=pi", "--engine", "symbolic"], "not differentiable"),
        ]
        for (arguments, message) in cases {
            let r = try CLI.run(arguments)
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stdout.isEmpty, "\(arguments)")
            #expect(r.stderr.contains(message) && r.stderr.split(separator: "\n").count == 1, "\(arguments): \(r.stderr)")
        }
        // Commas inside a constant belong to it; a pair list still splits at the others.
        let r = try CLI.run(["grad", "x*y", "--at", "x=atan(1),y=2", "--no-symbolic"])
        #expect(r.status == 0 && r.stdout.contains("at x = pi/4, y = 2"), "\(r.stdout)\(r.stderr)")
    }
}
