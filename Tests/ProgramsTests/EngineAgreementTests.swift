import AutoDiff
import Derivatives
import Exact
import Programs
import Symbolic
import TestSupport
import Testing
import Verification

/// Every example program: gradient (or Jacobian) and Hessian agree exactly across the
/// symbolic engine (the program's Expr DAG differentiated by Derivatives, evaluated
/// exactly), forward mode and reverse mode (the program's own tape over exact scalars).
///
/// Where the values are rational they must be equal. Where they are exact transcendental
/// expressions (tanh(7/5), sin(sin(2) + 2)) the engines may write one number in different
/// forms (1 − tanh² against 1/cosh²), so they must be identical or equal as real numbers:
/// the same Double to 1e-12 relative.
@Suite struct EngineAgreementTests {
    static func agree(_ a: Expr, _ b: Expr) -> Bool {
        if a == b { return true }
        if a.rationalValue != nil && b.rationalValue != nil { return false }
        guard let x = try? a.evaluated(at: [Symbol: Double]()), let y = try? b.evaluated(at: [Symbol: Double]()) else {
            return false
        }
        return abs(x - y) <= 1e-12 * max(1, abs(x), abs(y))
    }

    static func agree(_ a: [[Expr]], _ b: [[Expr]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { r, s in r.count == s.count && zip(r, s).allSatisfy { agree($0, $1) } }
    }

    static let examples: [(file: String, parameters: [String: Int])] = [
        ("rosenbrock.jac", ["n": 4]),
        ("tanh-network.jac", ["h": 2]),
        ("recurrence.jac", ["n": 3]),
        ("logistic.jac", [:]),
        ("broyden.jac", ["n": 5]),
    ]

    @Test(arguments: examples.map(\.file))
    func examplePrograms_agreeExactlyAcrossEngines(file: String) throws {
        let parameters = Self.examples.first { $0.file == file }!.parameters
        let compiled = try Examples.program(file).compile(parameters: parameters)
        let symbols = compiled.symbols
        let functions = try compiled.expressions()
        let jacobian = functions.map { f in symbols.map { f.derivative(withRespectTo: $0) } }
        var g = SeededGenerator(seed: 14)
        for _ in 0..<3 {
            let point = randomPoint(symbols.count, &g)
            let at = Dictionary(uniqueKeysWithValues: zip(symbols, point))
            let exactPoint = point.map { Expr($0) }
            let symbolic = try jacobian.map { row in try row.map { try $0.evaluatedExactly(at: at) } }
            let forward = try compiled.tape.jacobian(at: exactPoint, mode: .forward)
            let reverse = try compiled.tape.jacobian(at: exactPoint, mode: .reverse)
            #expect(Self.agree(forward, reverse), "\(file)")
            #expect(Self.agree(symbolic, forward), "\(file): \(symbolic) vs \(forward)")
            if functions.count == 1 {
                let hessian = try functions[0].hessian(withRespectTo: symbols).map { row in
                    try row.map { try $0.evaluatedExactly(at: at) }
                }
                let tapeHessian = try compiled.tape.hessian(at: exactPoint)
                #expect(Self.agree(hessian, tapeHessian), "\(file): \(hessian) vs \(tapeHessian)")
            }
        }
    }

    /// The cross-check harness on each example's tape (symbolic vs forward vs reverse, with
    /// its laws: adjoint identity, symmetric Hessians, HVP = H·v, and for the rational
    /// programs the rule-free difference-quotient oracle).
    @Test(arguments: examples.map(\.file))
    func crossCheck_passesOnEveryExample(file: String) throws {
        let parameters = Self.examples.first { $0.file == file }!.parameters
        let compiled = try Examples.program(file).compile(parameters: parameters)
        let report = try CrossCheck().check(compiled.tape, variables: compiled.symbols)
        #expect(report.passed, "\(file): \(report)")
    }

    /// (program, parameters, the same function written out by hand over x_1, x_2, …).
    static let handExpanded: [(String, [String: Int], [String])] = [
        ("rosenbrock.jac", ["n": 3], ["100*(x_2 - x_1^2)^2 + (1 - x_1)^2 + 100*(x_3 - x_2^2)^2 + (1 - x_2)^2"]),
        ("recurrence.jac", ["n": 2], ["sin(sin(x0) + a*x0) + a*(sin(x0) + a*x0)"]),
        (
            "broyden.jac", ["n": 3],
            [
                "(3 - 2*x_1)*x_1 - 2*x_2 + 1", "(3 - 2*x_2)*x_2 - x_1 - 2*x_3 + 1", "(3 - 2*x_3)*x_3 - x_2 + 1",
            ]
        ),
        (
            "tanh-network.jac", ["h": 2],
            [
                "(w2_1*tanh(w1_1/2 - 2*w1_2 + b1_1) + w2_2*tanh(w1_3/2 - 2*w1_4 + b1_2) + b2 - 1)^2/2"
            ]
        ),
        (
            "logistic.jac", [:],
            [
                "log(1 + exp(-(w_1 + 2*w_2))) + log(1 + exp(-w_1 + w_2)) + log(1 + exp(-(2*w_1 - w_2))) + log(1 + exp(3*w_2))"
            ]
        ),
    ]

    @Test func programs_equalTheirHandExpandedExpressions() throws {
        for (file, parameters, texts) in Self.handExpanded {
            let compiled = try Examples.program(file).compile(parameters: parameters)
            let functions = try compiled.expressions()
            let expected = try texts.map { try Expr.parse($0) }
            #expect(functions.count == expected.count)
            var g = SeededGenerator(seed: 7)
            for _ in 0..<4 {
                let point = randomPoint(compiled.symbols.count, &g)
                let at = Dictionary(uniqueKeysWithValues: zip(compiled.symbols, point))
                for (f, e) in zip(functions, expected) {
                    #expect(try f.evaluatedExactly(at: at) == e.evaluatedExactly(at: at), "\(file): \(f) vs \(e)")
                }
                // The tape gives the same values as the expression.
                let tapeValues = try compiled.tape.evaluate(at: point.map { Expr($0) })
                #expect(try tapeValues == expected.map { try $0.evaluatedExactly(at: at) }, "\(file)")
            }
        }
    }

    @Test func expressionBudget_saysToUseReverseMode() throws {
        let compiled = try Examples.program("rosenbrock.jac").compile(parameters: ["n": 1000])
        #expect(throws: ProgramError.self) { try compiled.expressions(budget: 1000) }
        do {
            _ = try compiled.expressions(budget: 1000)
        } catch {
            #expect(error.message.contains("use --engine reverse"))
        }
    }

    @Test func namedIntermediates_areSharedInTheDAG() throws {
        let p = try Program(parsing: "input x[2]\nr = x[1]^2 + x[2]^2\nf = r*sin(r)\noutput f")
        let f = try p.compile().expressions()[0]
        let r = try Expr.parse("x_1^2 + x_2^2")
        #expect(f == r * .call(.sin, r))
    }
}
