import Foundation
import Testing

/// `jacobi codegen` and `--compile`, end to end.
@Suite struct CodeGenCommandTests {
    static func tool(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// The C file compiles with -Werror and its gradient matches the exact one's floats.
    @Test func codegenC_compiles_andComputesTheGradient() throws {
        let cc = try #require(Self.tool("cc"), "no cc on PATH")
        let dir = NSTemporaryDirectory() + "jacobi-cli-codegen-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = try CLI.run(["codegen", "x^2*y + sin(x*y)", "--lang", "c", "--what", "f,grad,hess", "-o", dir + "/f.c"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote \(dir)/f.c: fn, fn_grad, fn_hess"))
        let main = """
            #include <stdio.h>
            double fn(const double *x); void fn_grad(const double *x, double *out);
            int main(void) { double x[2] = {0.5, 3.0}, g[2]; fn_grad(x, g); printf("%.17g %.17g\\n", g[0], g[1]); return 0; }
            """
        try main.write(toFile: dir + "/main.c", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: cc)
        p.arguments = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-o", dir + "/a.out", dir + "/f.c", dir + "/main.c", "-lm"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let out = Pipe()
        let run = Process()
        run.executableURL = URL(fileURLWithPath: dir + "/a.out")
        run.standardOutput = out
        try run.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        let g = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        // ∇(x²y + sin xy) = (2xy + y cos xy, x² + x cos xy) at (1/2, 3)
        let expected = [3.0 + 3 * cos(1.5), 0.25 + 0.5 * cos(1.5)]
        #expect(g.count == 2 && zip(g, expected).allSatisfy { abs($0 - $1) <= 1e-15 * max(1, abs($1)) }, "\(text)")
    }

    @Test func codegenJSON_hasLangWhatSource() throws {
        let r = try CLI.run(["codegen", "x*y", "x+y", "--lang", "swift", "--what", "jac,vjp", "--name", "model", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["command"] as? String == "codegen")
        #expect(object["lang"] as? String == "swift")
        #expect(object["what"] as? [String] == ["jac", "vjp"])
        let source = object["source"] as? String ?? ""
        #expect(source.contains("func model_jac(_ x: [Double]) -> [[Double]]"))
        #expect(source.contains("func model_vjp(_ x: [Double], _ w: [Double]) -> [Double]"))
    }

    @Test func exactPython_usesFractions() throws {
        let r = try CLI.run(["codegen", "x/(1 + y^2)", "--lang", "python", "--exact", "--what", "grad"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("from fractions import Fraction") && !r.stdout.contains("numpy"))
    }

    @Test(arguments: [
        ["codegen", "x", "--lang", "rust"], ["codegen", "x", "--lang", "c", "--what", "grad,foo"],
        ["codegen", "x", "--lang", "c", "--exact"], ["codegen", "x", "y", "--lang", "c", "--what", "grad"],
        ["codegen", "x", "--lang", "c", "--name", "2fn"], ["codegen", "x", "--lang", "c", "--engine", "fast"],
        ["grad", "x*y", "--compile"],
    ])
    func badCodegenInput_isOneLineAndExit2(_ arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("jacobi: ") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    /// --compile gives the exact engine's numbers (to rounding), and the same one-line error.
    @Test func compile_agreesWithTheExactEngine() throws {
        for args in [
            ["grad", "x^2*y + exp(x*y)"], ["hvp", "x^2*y + exp(x*y)", "--dir", "1,-2"],
            ["jvp", "x*y", "sin(x) + y", "--dir", "1,2"], ["vjp", "x*y", "sin(x) + y", "--weights", "3,-1"],
        ] {
            let point = ["--at", "x=1/2,y=3", "--format", "json"]
            let exact = try CLI.run(args + point)
            let compiled = try CLI.run(args + point + ["--compile"])
            #expect(compiled.status == 0, "\(compiled.stderr)")
            let a = try JSONSerialization.jsonObject(with: Data(exact.stdout.utf8)) as? [String: Any] ?? [:]
            let b = try JSONSerialization.jsonObject(with: Data(compiled.stdout.utf8)) as? [String: Any] ?? [:]
            let u = a["numeric"] as? [Double] ?? []
            let v = b["numeric"] as? [Double] ?? []
            #expect(u.count == v.count && zip(u, v).allSatisfy { abs($0 - $1) <= 1e-13 * max(1, abs($0)) }, "\(args): \(u) vs \(v)")
            #expect(["compiled", "interpreted"].contains(b["engine"] as? String ?? ""))
        }
        // a batch shares one compiled tape: one JSON line per point, in order
        let batch = try CLI.run(
            ["grad", "x^2*y", "--points", "-", "--compile"], stdin: "{\"x\": \"1/2\", \"y\": \"3\"}\n{\"x\": \"1\", \"y\": \"2\"}\n")
        #expect(batch.status == 0, "\(batch.stderr)")
        let lines = batch.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2)
        #expect(lines.first??["numeric"] as? [Double] == [3.0, 0.25])
        #expect(lines.last??["numeric"] as? [Double] == [4.0, 1.0])
        let bad = try CLI.run(["grad", "log(x)", "--at", "x=-1", "--compile"])
        #expect(bad.status == 2 && bad.stderr.contains("log"))
    }

    /// Without a compiler, the interpreted tape answers and stderr says so once.
    @Test func compileWithoutACompiler_fallsBack_sayingSoOnce() throws {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["hvp", "x^2*y", "--dir", "1,0", "--at", "x=1,y=2", "--compile"]
        var env = ProcessInfo.processInfo.environment
        env["CC"] = "no-such-cc-for-jacobi"
        p.environment = env
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(stdout.contains("H(a)·v ≈ [4.0, 2.0]"), "\(stdout)")
        #expect(stderr.split(separator: "\n").count == 1 && stderr.contains("running the interpreted tape"), "\(stderr)")
    }
}
