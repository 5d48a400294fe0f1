import AutoDiff
import Exact
import Foundation
import Programs
import Testing

@testable import CodeGen

#if canImport(Glibc)
import Glibc
#endif

/// The example programs of `Docs/Examples/programs/` through the tape strategy (their loops
/// kept as loops): the generated C (-Werror), Swift and Python compile or import, run, and
/// give the interpreted tape's numbers; exact Python gives its Rational numbers.
@Suite(.serialized) struct ProgramSourceTests {
    /// Each example program with small parameters, compiled to a tape.
    static let programs: [(name: String, tape: Tape)] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/Examples/programs")
            .standardized.path
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".jac") }.sorted()
        return files.compactMap { file in
            guard let text = try? String(contentsOfFile: dir + "/" + file, encoding: .utf8),
                let program = try? Program(parsing: text),
                let compiled = try? program.compile(parameters: file == "rosenbrock.jac" ? ["n": 40] : [:])
            else { return nil }
            return (String(file.dropLast(4)).replacingOccurrences(of: "-", with: "_"), compiled.tape)
        }
    }()

    static func objects(_ tape: Tape) -> [CodeGenObject] {
        tape.outputCount == 1 ? [.f, .grad, .hess, .hvp, .jvp, .vjp] : [.f, .jac, .jvp, .vjp]
    }

    static func point(_ n: Int) -> [Double] { (0..<n).map { Double(($0 % 7) - 3) / 5 + 0.1 } }
    static func direction(_ n: Int) -> [Double] { (0..<n).map { Double(($0 % 5) - 2) / 3 } }
    static func weights(_ m: Int) -> [Double] { (0..<m).map { 1.5 - Double($0) / 4 } }

    /// The interpreted tape's Double result, flattened row-major.
    static func reference(_ tape: Tape, _ o: CodeGenObject) throws -> [Double] {
        let x = point(tape.inputCount)
        let v = direction(tape.inputCount)
        switch o {
        case .f: return try tape.evaluate(at: x)
        case .grad: return try tape.gradient(at: x)
        case .jac: return try tape.jacobian(at: x).flatMap { $0 }
        case .hess: return try tape.hessian(at: x).flatMap { $0 }
        case .hvp: return try tape.hvp(at: x, direction: v)
        case .jvp: return try tape.jvp(at: x, direction: v).tangent
        case .vjp: return try tape.vjp(at: x, weights: weights(tape.outputCount)).cotangent
        }
    }

    @Test func theExamplePrograms_areAllHere() {
        #expect(Set(Self.programs.map(\.name)) == ["broyden", "logistic", "recurrence", "rosenbrock", "tanh_network"])
    }

    @Test func c_compilesWithWerror_andAgreesWithTheTape() throws {
        let cc = try #require(CCompiler.find("cc"), "no cc on PATH")
        let dir = scratchDirectory("programs-c")
        var source = ""
        for (name, tape) in Self.programs {
            source += try CodeGenerator(tape: tape).source(.c, objects: Self.objects(tape), name: name, engine: .tape)
        }
        #expect(CCompiler.write(source, to: dir + "/programs.c"))
        let status = CCompiler.run(
            [cc, "-std=c99", "-Wall", "-Wextra", "-Werror", "-O1", "-shared", "-fPIC", "-o", dir + "/programs.so", dir + "/programs.c", "-lm"],
            log: dir + "/cc.log")
        #expect(status == 0, "\(CCompiler.read(dir + "/cc.log"))")
        guard status == 0, let lib = dlopen(dir + "/programs.so", RTLD_NOW) else { return }
        defer { dlclose(lib) }
        typealias Scalar = @convention(c) (UnsafePointer<Double>) -> Double
        typealias Unary = @convention(c) (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
        typealias Binary = @convention(c) (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
        for (name, tape) in Self.programs {
            let x = Self.point(tape.inputCount)
            for o in Self.objects(tape) {
                let expected = try Self.reference(tape, o)
                let symbol = try #require(dlsym(lib, o.functionName(name)))
                var out = [Double](repeating: .nan, count: expected.count)
                switch o {
                case .f where tape.outputCount == 1: out[0] = unsafeBitCast(symbol, to: Scalar.self)(x)
                case .f, .grad, .jac, .hess: unsafeBitCast(symbol, to: Unary.self)(x, &out)
                case .hvp, .jvp: unsafeBitCast(symbol, to: Binary.self)(x, Self.direction(tape.inputCount), &out)
                case .vjp: unsafeBitCast(symbol, to: Binary.self)(x, Self.weights(tape.outputCount), &out)
                }
                #expect(agree(out, expected), "\(o.functionName(name)): \(out) vs \(expected)")
            }
        }
    }

    /// Prints every object of every program at the point, one line each.
    static func driver(_ language: TargetLanguage, objects: (Tape) -> [CodeGenObject]) -> String {
        var lines: [String] = []
        for (name, tape) in programs {
            func list(_ a: [Double]) -> String { "[" + a.map { "\($0)" }.joined(separator: ", ") + "]" }
            let x = list(point(tape.inputCount))
            for o in objects(tape) {
                let call: String
                switch o {
                case .f, .grad, .jac, .hess: call = "\(o.functionName(name))(\(x))"
                case .hvp, .jvp: call = "\(o.functionName(name))(\(x), \(list(direction(tape.inputCount))))"
                case .vjp: call = "\(o.functionName(name))(\(x), \(list(weights(tape.outputCount))))"
                }
                switch language {
                case .swift:
                    let flat = o == .f && tape.outputCount == 1 ? "[\(call)]" : (o == .jac || o == .hess) ? "\(call).flatMap { $0 }" : call
                    lines.append("print(\(flat).map { \"\\($0)\" }.joined(separator: \" \"))")
                case .python:
                    lines.append("print(' '.join(repr(float(e)) for e in np.ravel(\(call))))")
                case .c: break
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func checkPrinted(_ output: String, objects: (Tape) -> [CodeGenObject]) throws {
        let rows = output.split(separator: "\n")
        var i = 0
        for (name, tape) in Self.programs {
            for o in objects(tape) {
                guard i < rows.count else {
                    Issue.record("output ends before \(o.functionName(name))")
                    return
                }
                let expected = try Self.reference(tape, o)
                #expect(agree(numbers(rows[i]), expected), "\(o.functionName(name)): \(rows[i]) vs \(expected)")
                i += 1
            }
        }
    }

    /// Swift on f and the first derivative only (swiftc is slow on the larger kernels).
    static func swiftObjects(_ tape: Tape) -> [CodeGenObject] { tape.outputCount == 1 ? [.f, .grad, .hvp] : [.f, .jac] }

    @Test func swift_compiles_andAgreesWithTheTape() throws {
        let swiftc = try #require(CCompiler.find("swiftc"), "no swiftc on PATH")
        let dir = scratchDirectory("programs-swift")
        var source = "import Foundation\n"
        for (name, tape) in Self.programs {
            source += try CodeGenerator(tape: tape).source(.swift, objects: Self.swiftObjects(tape), name: name, engine: .tape)
        }
        #expect(CCompiler.write(source, to: dir + "/Programs.swift"))
        #expect(CCompiler.write(Self.driver(.swift, objects: Self.swiftObjects), to: dir + "/main.swift"))
        let status = CCompiler.run(
            [swiftc, "-Onone", "-o", dir + "/programs", dir + "/Programs.swift", dir + "/main.swift"], log: dir + "/swiftc.log")
        #expect(status == 0, "\(CCompiler.read(dir + "/swiftc.log"))")
        guard status == 0 else { return }
        let r = try run([dir + "/programs"])
        #expect(r.status == 0)
        try checkPrinted(r.output, objects: Self.swiftObjects)
    }

    @Test(.enabled(if: GeneratedSourceTests.python != nil, "python3 with NumPy is not available: the generated Python is not checked"))
    func python_importsAndAgreesWithTheTape() throws {
        let python = try #require(GeneratedSourceTests.python)
        let dir = scratchDirectory("programs-python")
        var source = "import numpy as np\n"
        for (name, tape) in Self.programs {
            source += try CodeGenerator(tape: tape).source(.python, objects: Self.objects(tape), name: name, engine: .tape)
        }
        #expect(CCompiler.write(source + Self.driver(.python, objects: Self.objects), to: dir + "/programs.py"))
        let r = try run([python, dir + "/programs.py"])
        #expect(r.status == 0, "\(r.error)")
        try checkPrinted(r.output, objects: Self.objects)
    }

    /// The rational programs (Broyden, Rosenbrock) in exact Python equal the Rational tape.
    @Test(.enabled(if: CCompiler.find("python3") != nil, "python3 is not available: exact Python is not checked"))
    func exactPython_equalsTheRationalTape_onTheRationalPrograms() throws {
        let python = try #require(CCompiler.find("python3"))
        let dir = scratchDirectory("programs-exact")
        var source = "from fractions import Fraction\n"
        var expected: [String] = []
        for (name, tape) in Self.programs where ["broyden", "rosenbrock"].contains(name) {
            let objects: [CodeGenObject] = tape.outputCount == 1 ? [.f, .grad, .hvp] : [.f, .jac]
            source += try CodeGenerator(tape: tape).source(.python, objects: objects, name: name, engine: .tape, exact: true)
            let n = tape.inputCount
            let x = (0..<n).map { Rational(($0 % 7) - 3, 5) + Rational(1, 10) }
            let v = (0..<n).map { Rational(($0 % 5) - 2, 3) }
            func fractions(_ a: [Rational]) -> String {
                "[" + a.map { "Fraction(\($0.numerator), \($0.denominator))" }.joined(separator: ", ") + "]"
            }
            for o in objects {
                let values: [Rational]
                let call: String
                switch o {
                case .hvp:
                    values = try tape.hvp(at: x, direction: v)
                    call = "\(o.functionName(name))(\(fractions(x)), \(fractions(v)))"
                case .grad:
                    values = try tape.gradient(at: x)
                    call = "\(o.functionName(name))(\(fractions(x)))"
                case .jac:
                    values = try tape.jacobian(at: x).flatMap { $0 }
                    call = "\(o.functionName(name))(\(fractions(x)))"
                case .f, .hess, .jvp, .vjp:
                    values = try tape.evaluate(at: x)
                    call = "\(o.functionName(name))(\(fractions(x)))"
                }
                source += """
                    r = \(call)
                    print(' '.join(str(e) for e in (r if isinstance(r, list) else [r]) for e in (e if isinstance(e, list) else [e])))

                    """
                expected.append(values.map(\.description).joined(separator: " "))
            }
        }
        #expect(!source.contains("numpy"))
        #expect(CCompiler.write(source, to: dir + "/exact.py"))
        let r = try run([python, dir + "/exact.py"])
        #expect(r.status == 0, "\(r.error)")
        #expect(r.output.split(separator: "\n").map(String.init) == expected)
    }
}
