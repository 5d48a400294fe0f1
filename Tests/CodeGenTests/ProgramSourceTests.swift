import AutoDiff
import Exact
import Foundation
import Programs
import Testing

@testable import CodeGen

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

    /// Every object of every program, at the point.
    static func calls(_ objects: (Tape) -> [CodeGenObject]) -> [GeneratedCall] {
        programs.flatMap { name, tape in
            objects(tape).map { o in
                GeneratedCall(
                    name: name, object: o, x: point(tape.inputCount), direction: direction(tape.inputCount),
                    weights: weights(tape.outputCount), returnsScalar: o == .f && tape.outputCount == 1, label: "",
                    expected: { try reference(tape, o) })
            }
        }
    }

    static func source(_ language: TargetLanguage, objects: (Tape) -> [CodeGenObject]) throws -> String {
        var source = ""
        for (name, tape) in programs {
            source += try CodeGenerator(tape: tape).source(language, objects: objects(tape), name: name, engine: .tape)
        }
        return source
    }

    @Test func c_compilesWithWerror_andAgreesWithTheTape() throws {
        try GeneratedCall.checkC(
            try Self.source(.c, objects: Self.objects), in: scratchDirectory("programs-c"), Self.calls(Self.objects))
    }

    /// Swift on f and the first derivative only (swiftc is slow on the larger kernels).
    static func swiftObjects(_ tape: Tape) -> [CodeGenObject] { tape.outputCount == 1 ? [.f, .grad, .hvp] : [.f, .jac] }

    @Test func swift_compiles_andAgreesWithTheTape() throws {
        try GeneratedCall.checkSwift(
            try Self.source(.swift, objects: Self.swiftObjects), in: scratchDirectory("programs-swift"),
            Self.calls(Self.swiftObjects))
    }

    @Test(.enabled(if: GeneratedSourceTests.python != nil, "python3 with NumPy is not available: the generated Python is not checked"))
    func python_importsAndAgreesWithTheTape() throws {
        let python = try #require(GeneratedSourceTests.python)
        try GeneratedCall.checkPython(
            try Self.source(.python, objects: Self.objects), python: python, in: scratchDirectory("programs-python"),
            Self.calls(Self.objects))
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
