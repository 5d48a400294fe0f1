import AutoDiff
import Derivatives
import Exact
import Symbolic
import Testing
import Verification

@Suite struct CrossCheckTests {
    let x = Symbol("x")
    let y = Symbol("y")

    func parse(_ text: String) -> Expr { try! Expr.parse(text) }

    @Test func rationalFunction_isComparedExactly_withTheOracle() throws {
        let report = try CrossCheck(.init(points: 10, seed: 1)).check([parse("x^2/(1 + y^2)")], variables: [x, y])
        #expect(report.passed)
        #expect(report.exactPoints == 10 && report.approximatePoints == 0)
        #expect(report.oracleComparisons >= 30)
        #expect(report.oracleNotApplicable == nil)
    }

    @Test func transcendentalFunction_isComparedAsFormulasAndInDouble() throws {
        let report = try CrossCheck(.init(points: 6, seed: 2)).check([parse("sin(x*y) + exp(x/4)")], variables: [x, y])
        #expect(report.passed)
        #expect(report.approximatePoints > 0)
        #expect(report.identicalFormulas > 0)
        #expect(report.oracleNotApplicable != nil)
    }

    @Test func undefinedPoints_areSkippedAndCounted_neverFatal() throws {
        // The sampler draws x = 0 often: 1/x, log(x) and abs at 0 are undefined there.
        let sampler = RationalSampler(numerators: -1...1, denominators: 1...1)
        for text in ["1/x + y", "log(x) + y", "abs(x)*y", "asin(x + 1)", "sqrt(x)", "x^(1/3)"] {
            let report = try CrossCheck(.init(points: 12, seed: 3, sampler: sampler)).check([parse(text)], variables: [x, y])
            #expect(report.passed, "\(text): \(report)")
            #expect(!report.skipped.isEmpty, "\(text): \(report)")
            #expect(report.points == report.checkedPoints + report.skipped.count)
        }
    }

    @Test func vectorFunction_checksJacobianVJPAndWeightedHessian() throws {
        let report = try CrossCheck(.init(points: 6, seed: 4)).check(
            [parse("x*y"), parse("x - y^3"), parse("1/(x^2 + 1)")],
            variables: [x, y])
        #expect(report.passed)
        // Per exact point: 3 values (3 readings each) + 6 Jacobian entries + 3 JVP + 2 VJP + adjoint + 4 Hessian + symmetry + HVP ….
        #expect(report.comparisons >= 6 * 40)
    }

    @Test func recordedProgram_isCheckedAgainstItsOwnSymbolicForm() throws {
        let tape = try Tape.record(inputs: 2) { v in [sqrt(v[0] * v[0] + 1) * v[1], pow(v[0], 3) / (v[1] * v[1] + 2)] }
        let report = try CrossCheck(.init(points: 6, seed: 5)).check(tape, variables: [x, y])
        #expect(report.passed)
        #expect(report.functions.count == 2)
        #expect(report.checkedPoints == 6)
    }

    @Test func programsThatBranch_haveNoSymbolicForm() throws {
        let tape = try Tape.record(at: [Rational(1)]) { v in v[0] > 0 ? v[0] : -v[0] }
        #expect(throws: CrossCheckError.self) { try CrossCheck().check(tape) }
    }

    @Test func badInput_throws() {
        #expect(throws: CrossCheckError.unboundVariable(Symbol("y"))) { try CrossCheck().check([parse("x*y")], variables: [x]) }
        #expect(throws: CrossCheckError.repeatedVariable(x)) { try CrossCheck().check([parse("x")], variables: [x, x]) }
    }

    @Test func constantFunctions_andNoVariables_areFine() throws {
        let report = try CrossCheck(.init(points: 3)).check([parse("7/2")], variables: [])
        #expect(report.passed && report.exactPoints == 3)
    }

    @Test func sameSeed_sameRun() throws {
        let check = CrossCheck(.init(points: 5, seed: 9))
        let a = try check.check([parse("x/(y - 1)")], variables: [x, y])
        let b = try check.check([parse("x/(y - 1)")], variables: [x, y])
        #expect(a.description == b.description)
        #expect(a.skipped == b.skipped)
    }

    @Test func mismatch_namesObjectEntryPointValuesAndTheCulprit() throws {
        let f = parse("x*y + 1/(x^2 + 1)")
        let mutant = MutantTapeEngine(.opcode(.reciprocal), in: [.reverse, .forwardOverReverse])
        let report = try CrossCheck(.init(points: 3, seed: 6), tape: mutant).check([f], variables: [x, y])
        let m = try #require(report.mismatches.first { $0.object == .jacobian })
        #expect(m.entry == [0, 0])
        #expect(m.readings.map(\.engine) == [.symbolic, .forward, .reverse])
        #expect(m.readings[0].value == m.readings[1].value && m.readings[0].value != m.readings[2].value)
        #expect(m.point.count == 2 && m.comparison == .exact)
        let culprit = try #require(m.culprit)
        #expect(culprit.subexpression == parse("1/(x^2 + 1)"))
        #expect(culprit.readings.map(\.engine) == [.symbolic, .reverse])
        #expect(m.description.hasPrefix("jacobian[0][0] at x = "))
        #expect(m.description.contains("first differs at 1/(x^2 + 1)"))
        #expect(report.description.hasPrefix("FAILED ("))
    }

    @Test func doubleComparison_toleratesRounding_butNotAWrongDigit() throws {
        // A wrong rule that is off by one part in 10⁶ (cos·(1 + 10⁻⁶)) is still caught in Double.
        struct Slightly: SymbolicEngine {
            func jacobian(of functions: [Expr], withRespectTo variables: [Symbol]) -> [[Expr]] {
                DerivativesEngine().jacobian(of: functions, withRespectTo: variables).map { $0.map { $0 * Expr(Rational(1_000_001, 1_000_000)) } }
            }
            func hessian(of function: Expr, withRespectTo variables: [Symbol]) -> [[Expr]] {
                DerivativesEngine().hessian(of: function, withRespectTo: variables)
            }
        }
        let f = parse("sin(x) + y")
        #expect(try CrossCheck(.init(points: 4, seed: 7)).check([f], variables: [x, y]).passed)
        let report = try CrossCheck(.init(points: 4, seed: 7), symbolic: Slightly()).check([f], variables: [x, y])
        #expect(report.mismatches.contains { $0.comparison == .floatingPoint })
        #expect(report.mismatches.contains { $0.comparison == .expression })
    }
}
