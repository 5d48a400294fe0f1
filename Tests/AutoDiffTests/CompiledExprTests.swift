import AutoDiff
import Exact
import Symbolic
import TestSupport
import Testing

@Suite struct CompiledExprTests {
    static let xyz = [Symbol("x"), Symbol("y"), Symbol("z")]
    static var symbols: [Expr] { xyz.map { Expr($0) } }

    static func compile(_ text: String, _ inputs: [Symbol] = xyz) throws -> Tape {
        try ExprCompiler.compile([try Expr.parse(text)], inputs: inputs)
    }

    @Test func workedExample_compilesToOneInstructionPerNode() throws {
        let tape = try Self.compile("x*y + sin(x)", [Symbol("x"), Symbol("y")])
        #expect(tape.count == 5)
        #expect(
            Set(tape.description.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                .isSuperset(of: ["x0", "x1", "sin(0)"]))
        #expect(try tape.gradient(at: [Rational(0), 2]) == [3, 0])
    }

    @Test func sharedSubexpressions_areComputedOnce() throws {
        // (x + y) occurs twice: one add for it, then sq, sin, add.
        let tape = try Self.compile("(x + y)^2 + sin(x + y)", [Symbol("x"), Symbol("y")])
        #expect(tape.count == 6)
        #expect(tape.instructions.filter { $0.opcode == .add }.count == 2)
    }

    @Test func tapeOverExpr_reproducesTheFunction() throws {
        var g = SeededGenerator(seed: 11)
        let generator = ExpressionGenerator()
        var checked = 0
        for _ in 0..<300 {
            let f = generator.expression(using: &g)
            guard let value = try? Self.compile(f.description).evaluate(at: Self.symbols) else { continue }
            #expect(value == [f], "\(f)")
            checked += 1
        }
        #expect(checked > 200)
    }

    @Test func forwardAndReverse_agreeExactly_onCompiledExpressions() throws {
        var g = SeededGenerator(seed: 12)
        let generator = ExpressionGenerator(includesFunctions: false)
        var checked = 0
        for _ in 0..<300 {
            let fs = (0..<2).map { _ in generator.expression(using: &g) }
            let tape = try ExprCompiler.compile(fs, inputs: Self.xyz)
            let x = RandomPrograms.vector(3, using: &g)
            guard let forward = try? tape.jacobian(at: x, mode: .forward) else { continue }
            #expect(forward == (try tape.jacobian(at: x, mode: .reverse)), "\(fs) at \(x)")
            let v = RandomPrograms.vector(3, using: &g)
            let w = RandomPrograms.vector(2, using: &g)
            #expect(dot(w, try tape.jvp(at: x, direction: v).tangent) == dot(try tape.vjp(at: x, weights: w).cotangent, v))
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func symbolicJacobian_fromTheTape_evaluatesToTheExactOne() throws {
        var g = SeededGenerator(seed: 13)
        let generator = ExpressionGenerator(includesFunctions: false)
        var checked = 0
        for _ in 0..<150 {
            let f = generator.expression(using: &g)
            let tape = try ExprCompiler.compile([f], inputs: Self.xyz)
            let x = RandomPrograms.vector(3, using: &g)
            guard let exact = try? tape.gradient(at: x),
                let symbolic = try? tape.gradient(at: Self.symbols)
            else { continue }
            let point = Dictionary(uniqueKeysWithValues: zip(Self.xyz, x))
            let values = symbolic.map { try? $0.evaluated(at: point) }
            if values.contains(where: { $0 == nil }) { continue }  // a removable singularity, say
            #expect(values.map { $0! } == exact, "\(f): \(symbolic) at \(x)")
            checked += 1
        }
        #expect(checked > 80)
    }

    @Test func hvpOverExpr_isTheSymbolicHessianTimesV() throws {
        let tape = try Self.compile("x^3*y + sin(y)", [Symbol("x"), Symbol("y")])
        let x = Expr(Symbol("x"))
        let y = Expr(Symbol("y"))
        let hv = try tape.hvp(at: [x, y], direction: [Expr(1), Expr(0)])
        #expect(hv == [6 * x * y, 3 * x * x])
        #expect(try tape.jvp(at: [x, y], direction: [Expr(0), Expr(1)]).tangent == [try Expr.parse("x^3 + cos(y)")])
    }

    @Test func divisionByZero_isReported_withItsSourceSubexpression() throws {
        let tape = try Self.compile("x + 1/(x - y)", [Symbol("x"), Symbol("y")])
        do {
            _ = try tape.gradient(at: [Rational(2), 2])
            Issue.record("no error")
        } catch {
            guard case .domain(.divisionByZero, let i, let source) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(tape.instructions[i].opcode == .reciprocal)
            #expect(source == "1/(x - y)")
        }
    }

    @Test func logOfZero_isReported_withItsSourceSubexpression() throws {
        let tape = try Self.compile("y*log(x - 1)", [Symbol("x"), Symbol("y")])
        do {
            _ = try tape.evaluate(at: [1.0, 3.0])
            Issue.record("no error")
        } catch {
            guard case .domain(.outsideDomain(let text), let i, let source) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(text == "log(0.0)")
            #expect(tape.instructions[i].opcode == .log)
            #expect(source == "log(x - 1)")
            #expect(error.description == "log(0.0) is outside the function's domain at instruction \(i) (in log(x - 1))")
        }
    }

    @Test func unknownVariable_isATypedError() {
        #expect(throws: TapeError.unknownVariable("z")) { try Self.compile("x + z", [Symbol("x")]) }
    }

    @Test func deepExpressions_compileWithoutRecursion() throws {
        var e = Expr(Symbol("x"))
        for k in 0..<20_000 { e = Expr.call(k % 2 == 0 ? .sin : .atan, e) + Expr(Symbol("y")) }
        let tape = try ExprCompiler.compile([e], inputs: [Symbol("x"), Symbol("y")])
        #expect(tape.count == 2 + 2 * 20_000)
        #expect(try tape.gradient(at: [Rational(0), 0]) == [1, 20_000])
    }

    @Test func sqrtAndRationalPowers_compileToTheirOpcodes() throws {
        let tape = try Self.compile("sqrt(x) + x^(3/2)", [Symbol("x")])
        #expect(tape.instructions.contains { $0.opcode == .sqrt })
        #expect(try tape.gradient(at: [Rational(4)]) == [Rational(1, 4) + 3])
    }
}
