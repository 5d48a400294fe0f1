import AutoDiff
import Exact
import Foundation
import Symbolic
import Testing

@testable import CodeGen

/// Generated C, Swift and Python for the W7 corpus compile (C with -Werror) and agree with
/// the interpreted tape; exact Python equals the tape's Rational results.
@Suite(.serialized) struct GeneratedSourceTests {
    /// Every object, by each engine, for corpus function k: (name, object, engine).
    static func cases(_ k: Int, _ objects: [CodeGenObject] = CodeGenObject.allCases) -> [(String, CodeGenObject, CodeGenEngine)] {
        objects.map { ("s\(k)", $0, .symbolic) } + objects.map { ("t\(k)", $0, .tape) }
    }

    /// Swift is checked on fewer objects per function: swiftc takes minutes over all seven.
    static let swiftObjects: [CodeGenObject] = [.f, .grad, .hvp]

    /// The interpreted tape's Double result for an object, flattened row-major.
    static func reference(_ tape: Tape, _ o: CodeGenObject) throws -> [Double] {
        let x = Corpus.point
        let v = Corpus.direction
        switch o {
        case .f: return try tape.evaluate(at: x)
        case .grad: return try tape.gradient(at: x)
        case .jac: return try tape.jacobian(at: x).flatMap { $0 }
        case .hess: return try tape.hessian(at: x).flatMap { $0 }
        case .hvp: return try tape.hvp(at: x, direction: v)
        case .jvp: return try tape.jvp(at: x, direction: v).tangent
        case .vjp: return try tape.vjp(at: x, weights: [1.5]).cotangent
        }
    }

    static func generator(_ k: Int) throws -> CodeGenerator {
        try CodeGenerator(outputs: [Corpus.functions[k]], variables: Corpus.variables)
    }

    /// Every object in `objects` of every corpus function, by each engine, at the point.
    static func calls(_ objects: [CodeGenObject] = CodeGenObject.allCases) throws -> [GeneratedCall] {
        var out: [GeneratedCall] = []
        for (k, f) in Corpus.functions.enumerated() {
            let tape = try Tape(compiling: [f], inputs: Corpus.variables)
            for (name, o, _) in cases(k, objects) {
                out.append(
                    GeneratedCall(
                        name: name, object: o, x: Corpus.point, direction: Corpus.direction, weights: [1.5], returnsScalar: o == .f,
                        label: " for \(f)", expected: { try reference(tape, o) }))
            }
        }
        return out
    }

    /// The generated source of every corpus function, by each engine.
    static func source(_ language: TargetLanguage, _ objects: [CodeGenObject] = CodeGenObject.allCases) throws -> String {
        var source = ""
        for k in Corpus.functions.indices {
            let g = try generator(k)
            source += try g.source(language, objects: objects, name: "s\(k)", engine: .symbolic)
            source += try g.source(language, objects: objects, name: "t\(k)", engine: .tape)
        }
        return source
    }

    @Test func c_compilesWithWerror_andAgreesWithTheTape() throws {
        try GeneratedCall.checkC(try Self.source(.c), in: scratchDirectory("c"), try Self.calls())
    }

    @Test func swift_compiles_andAgreesWithTheTape() throws {
        try GeneratedCall.checkSwift(
            try Self.source(.swift, Self.swiftObjects), in: scratchDirectory("swift"), try Self.calls(Self.swiftObjects))
    }

    static let python: String? = {
        guard let p = CCompiler.find("python3"), let r = try? run([p, "-c", "import numpy"]), r.status == 0 else { return nil }
        return p
    }()

    @Test(.enabled(if: python != nil, "python3 with NumPy is not available: the generated Python is not checked"))
    func python_imports_andAgreesWithTheTape() throws {
        let python = try #require(Self.python)
        try GeneratedCall.checkPython(try Self.source(.python), python: python, in: scratchDirectory("python"), try Self.calls())
    }

    /// NumPy functions broadcast: arrays of points in, the pointwise results out.
    @Test(.enabled(if: python != nil, "python3 with NumPy is not available"))
    func python_broadcastsOverArrays() throws {
        let python = try #require(Self.python)
        let f = try Expr.parse("x^2*y + sin(x*y) + 3")
        let g = try CodeGenerator(outputs: [f], variables: [Symbol("x"), Symbol("y")])
        let source = try g.source(.python, objects: [.f, .grad, .hess], name: "fn")
        let check = """
            xs = np.array([0.5, -1.25, 2.0]); ys = np.array([1.5, 0.25, -3.0])
            G = fn_grad([xs, ys]); H = fn_hess([xs, ys]); F = fn([xs, ys])
            assert G.shape == (2, 3) and H.shape == (2, 2, 3) and F.shape == (3,)
            for i in range(3):
                assert np.allclose(G[:, i], fn_grad([xs[i], ys[i]]), rtol=1e-15, atol=0)
                assert np.allclose(H[:, :, i], fn_hess([xs[i], ys[i]]), rtol=1e-15, atol=0)
            print("ok")
            """
        let dir = scratchDirectory("broadcast")
        #expect(CCompiler.write(source + check, to: dir + "/b.py"))
        let r = try run([python, dir + "/b.py"])
        #expect(r.output == "ok\n", "\(r.error)")
    }

    /// Exact Python (Fraction, no NumPy) gives Jacobi's Rational results, or fails where
    /// they are not rational.
    @Test(.enabled(if: CCompiler.find("python3") != nil, "python3 is not available: exact Python is not checked"))
    func exactPython_equalsTheRationalTape() throws {
        let python = try #require(CCompiler.find("python3"))
        let dir = scratchDirectory("exact")
        var source = ""
        var driver = ""
        var expected: [String] = []
        let x = "[" + Corpus.exactPoint.map { "Fraction(\($0.numerator), \($0.denominator))" }.joined(separator: ", ") + "]"
        for k in Corpus.functions.indices {
            let g = try Self.generator(k)
            let tape = g.tape
            source += try g.source(.python, objects: [.f, .grad, .hess], name: "s\(k)", engine: .symbolic, exact: true)
            source += try g.source(.python, objects: [.f, .grad], name: "t\(k)", engine: .tape, exact: true)
            // The symbolic engine's formulas evaluated exactly (Symbolic's exact evaluation),
            // and the tape over Rational. Where the Rational tape fails (it computes every
            // value, log(x² + y²) too) but the generated code needs no irrational value (its
            // dead code is gone), the generated result must be the exact symbolic value.
            let f = Corpus.functions[k]
            let at = Dictionary(uniqueKeysWithValues: zip(Corpus.variables, Corpus.exactPoint))
            let symbolicGradient = { try f.gradient(withRespectTo: Corpus.variables).map { try $0.evaluated(at: at) } }
            let results: [(String, () throws -> [Rational], (() throws -> [Rational])?)] = [
                ("s\(k)", { [try f.evaluated(at: at)] }, nil),
                ("s\(k)_grad", symbolicGradient, nil),
                ("s\(k)_hess", { try f.hessian(withRespectTo: Corpus.variables).flatMap { $0 }.map { try $0.evaluated(at: at) } }, nil),
                ("t\(k)", { try tape.evaluate(at: Corpus.exactPoint) }, nil),
                ("t\(k)_grad", { try tape.gradient(at: Corpus.exactPoint) }, symbolicGradient),
            ]
            for (name, value, alternative) in results {
                driver += """
                    try:
                        r = \(name)(\(x))
                        print(' '.join(str(e) for e in (r if isinstance(r, list) else [r]) for e in (e if isinstance(e, list) else [e])))
                    except (ValueError, ZeroDivisionError):
                        print('error')

                    """
                let primary = (try? value().map(\.description).joined(separator: " ")) ?? "error"
                let other = primary == "error" ? alternative.flatMap { try? $0().map(\.description).joined(separator: " ") } : nil
                expected.append(other.map { "\(primary)|\($0)" } ?? primary)
            }
        }
        #expect(!source.contains("numpy"))
        #expect(CCompiler.write("from fractions import Fraction\n" + source + driver, to: dir + "/exact.py"))
        let r = try run([python, dir + "/exact.py"])
        #expect(r.status == 0, "\(r.error)")
        let rows = r.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, e) in expected.enumerated() {
            let accepted = e.split(separator: "|").map(String.init)
            #expect(i < rows.count && accepted.contains(rows[i]), "row \(i): \(i < rows.count ? rows[i] : "missing") vs \(e)")
        }
        #expect(expected.filter { $0 != "error" }.count >= 100)
    }
}
