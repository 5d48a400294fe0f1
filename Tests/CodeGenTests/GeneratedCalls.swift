import AutoDiff
import Foundation
import Testing

@testable import CodeGen

#if canImport(Glibc)
import Glibc
#endif

/// One generated function to check against the interpreted tape: `object` of the functions
/// named `name`, at the point `x` (along `direction`, with `weights`), and what it must give.
/// The compile-and-run scaffolding shared by GeneratedSourceTests (the W7 corpus) and
/// ProgramSourceTests (the example programs).
struct GeneratedCall {
    let name: String
    let object: CodeGenObject
    let x: [Double]
    let direction: [Double]
    let weights: [Double]
    /// Whether the function returns one Double (f of a scalar-valued function).
    let returnsScalar: Bool
    /// What failure messages add after the function's name (` for x^2`).
    let label: String
    /// The interpreted tape's Double result, flattened row-major.
    let expected: () throws -> [Double]

    var functionName: String { object.functionName(name) }

    /// The call in Swift or Python syntax.
    var call: String {
        func list(_ a: [Double]) -> String { "[" + a.map { "\($0)" }.joined(separator: ", ") + "]" }
        switch object {
        case .f, .grad, .jac, .hess: return "\(functionName)(\(list(x)))"
        case .hvp, .jvp: return "\(functionName)(\(list(x)), \(list(direction)))"
        case .vjp: return "\(functionName)(\(list(x)), \(list(weights)))"
        }
    }

    /// Compiles `source` as C with -Werror into a shared library in `directory`, loads it, and
    /// checks every call.
    static func checkC(_ source: String, in directory: String, _ calls: [GeneratedCall]) throws {
        let cc = try #require(CCompiler.find("cc"), "no cc on PATH")
        #expect(CCompiler.write(source, to: directory + "/generated.c"))
        let status = CCompiler.run(
            [
                cc, "-std=c99", "-Wall", "-Wextra", "-Werror", "-O1", "-shared", "-fPIC", "-o", directory + "/generated.so",
                directory + "/generated.c", "-lm",
            ],
            log: directory + "/cc.log")
        #expect(status == 0, "\(CCompiler.read(directory + "/cc.log"))")
        guard status == 0, let lib = dlopen(directory + "/generated.so", RTLD_NOW) else { return }
        defer { dlclose(lib) }
        typealias Scalar = @convention(c) (UnsafePointer<Double>) -> Double
        typealias Unary = @convention(c) (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
        typealias Binary = @convention(c) (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
        for c in calls {
            let expected = try c.expected()
            let symbol = try #require(dlsym(lib, c.functionName))
            var out = [Double](repeating: .nan, count: expected.count)
            switch c.object {
            case .f where c.returnsScalar: out[0] = unsafeBitCast(symbol, to: Scalar.self)(c.x)
            case .f, .grad, .jac, .hess: unsafeBitCast(symbol, to: Unary.self)(c.x, &out)
            case .hvp, .jvp: unsafeBitCast(symbol, to: Binary.self)(c.x, c.direction, &out)
            case .vjp: unsafeBitCast(symbol, to: Binary.self)(c.x, c.weights, &out)
            }
            #expect(agree(out, expected), "\(c.functionName)\(c.label): \(out) vs \(expected)")
        }
    }

    /// A Swift or Python driver printing every call's result, one line each.
    static func driver(_ language: TargetLanguage, _ calls: [GeneratedCall]) -> String {
        var lines: [String] = []
        for c in calls {
            switch language {
            case .swift:
                let flat =
                    c.object == .f && c.returnsScalar
                    ? "[\(c.call)]" : (c.object == .jac || c.object == .hess) ? "\(c.call).flatMap { $0 }" : c.call
                lines.append("print(\(flat).map { \"\\($0)\" }.joined(separator: \" \"))")
            case .python:
                lines.append("print(' '.join(repr(float(e)) for e in np.ravel(\(c.call))))")
            case .c: break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Checks a driver's output, one line per call.
    static func checkPrinted(_ output: String, _ calls: [GeneratedCall]) throws {
        let rows = output.split(separator: "\n")
        for (i, c) in calls.enumerated() {
            guard i < rows.count else {
                Issue.record("output ends before \(c.functionName)")
                return
            }
            let expected = try c.expected()
            #expect(agree(numbers(rows[i]), expected), "\(c.functionName)\(c.label): \(rows[i]) vs \(expected)")
        }
    }

    /// Compiles `source` with a driver for `calls` by swiftc (-Onone) in `directory`, runs it
    /// and checks its output.
    static func checkSwift(_ source: String, in directory: String, _ calls: [GeneratedCall]) throws {
        let swiftc = try #require(CCompiler.find("swiftc"), "no swiftc on PATH")
        #expect(CCompiler.write("import Foundation\n" + source, to: directory + "/Generated.swift"))
        #expect(CCompiler.write(driver(.swift, calls), to: directory + "/main.swift"))
        let status = CCompiler.run(
            [swiftc, "-Onone", "-o", directory + "/generated", directory + "/Generated.swift", directory + "/main.swift"],
            log: directory + "/swiftc.log")
        #expect(status == 0, "\(CCompiler.read(directory + "/swiftc.log"))")
        guard status == 0 else { return }
        let r = try run([directory + "/generated"])
        #expect(r.status == 0)
        try checkPrinted(r.output, calls)
    }

    /// Runs `source` followed by a driver for `calls` with `python` (NumPy) in `directory`
    /// and checks its output.
    static func checkPython(_ source: String, python: String, in directory: String, _ calls: [GeneratedCall]) throws {
        #expect(CCompiler.write("import numpy as np\n" + source + driver(.python, calls), to: directory + "/generated.py"))
        let r = try run([python, directory + "/generated.py"])
        #expect(r.status == 0, "\(r.error)")
        try checkPrinted(r.output, calls)
    }
}
