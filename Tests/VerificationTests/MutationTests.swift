import AutoDiff
import Exact
import Symbolic
import Testing
import Verification

/// A wrong rule injected into one engine must be caught; the same wrong rule injected into
/// both must be caught by the difference-quotient oracle. Each mutant is a test-only copy
/// (Mutants/), so the production engines keep no mutable state.
@Suite struct MutationTests {
    static let x = Symbol("x")
    static let y = Symbol("y")

    /// A function that applies `f` to an argument inside f's domain at every sampled point.
    static func function(applying f: ElementaryFunction) -> Expr {
        let text: String
        switch f {
        case .log: text = "log(x^2 + y^2 + 1)"
        case .asin, .acos: text = "\(f.name)(x/(x^2 + y^2 + 1))"
        case .abs: text = "abs(x*y - 2*y + 1/7)"
        case .exp, .sinh, .cosh: text = "\(f.name)(x*y/9 + x/3)"
        case .sin, .cos, .tan, .atan, .tanh: text = "\(f.name)(x*y + x/3)"
        }
        return try! Expr.parse(text + " + x*y")
    }

    static func opcode(_ f: ElementaryFunction) -> Opcode {
        Opcode.allCases.first { "\($0)" == f.name }!
    }

    static func check(
        _ f: Expr, symbolic: any SymbolicEngine = DerivativesEngine(),
        tape: any TapeEngine = AutoDiffEngine(), secondOrder: Bool = true
    ) throws -> CrossCheckReport {
        try CrossCheck(.init(points: 6, seed: 3, secondOrder: secondOrder), symbolic: symbolic, tape: tape)
            .check([f], variables: [x, y])
    }

    /// `true` when a mismatch was traced to a call of `f`.
    static func tracedToCall(of f: ElementaryFunction, _ report: CrossCheckReport) -> Bool {
        report.mismatches.contains { m in
            if case .call(let g, _)? = m.culprit?.subexpression.kind { return g == f }
            return false
        }
    }

    @Test(arguments: ElementaryFunction.allCases)
    func productionEngines_agreeOnTheMutationTargets(f: ElementaryFunction) throws {
        let report = try Self.check(Self.function(applying: f))
        #expect(report.passed, "\(report)")
        #expect(report.checkedPoints >= 4)
    }

    @Test(arguments: ElementaryFunction.allCases)
    func wrongRule_inForwardMode_isCaughtAndTracedToTheCall(f: ElementaryFunction) throws {
        let mutant = MutantTapeEngine(.opcode(Self.opcode(f)), in: [.forward])
        let report = try Self.check(Self.function(applying: f), tape: mutant)
        #expect(!report.passed)
        #expect(report.mismatches.contains { $0.readings.contains { $0.engine == .forward } })
        #expect(Self.tracedToCall(of: f, report), "\(report)")
    }

    @Test(arguments: ElementaryFunction.allCases)
    func wrongRule_inReverseMode_isCaught(f: ElementaryFunction) throws {
        let mutant = MutantTapeEngine(.opcode(Self.opcode(f), .plusOne), in: [.reverse, .forwardOverReverse])
        let report = try Self.check(Self.function(applying: f), tape: mutant)
        #expect(!report.passed)
        #expect(Self.tracedToCall(of: f, report), "\(report)")
    }

    @Test(arguments: ElementaryFunction.allCases)
    func wrongRule_inForwardOverReverseOnly_isCaughtBySecondOrderChecks(f: ElementaryFunction) throws {
        let mutant = MutantTapeEngine(.opcode(Self.opcode(f)), in: [.forwardOverReverse])
        let report = try Self.check(Self.function(applying: f), tape: mutant)
        #expect(!report.passed)
        #expect(report.mismatches.allSatisfy { [.hessian, .hvp, .hessianSymmetry].contains($0.object) })
    }

    @Test(arguments: ElementaryFunction.allCases)
    func wrongRule_inTheSymbolicEngine_isCaughtAndTracedToTheCall(f: ElementaryFunction) throws {
        let report = try Self.check(Self.function(applying: f), symbolic: MutantSymbolicEngine(mutation: .negatedDerivative(f)))
        #expect(!report.passed)
        #expect(Self.tracedToCall(of: f, report), "\(report)")
    }

    @Test func wrongSquareRootRule_onTheTape_isCaught() throws {
        let f = try Expr.parse("sqrt(x^2 + y^2 + 1) + x*y")
        #expect(try Self.check(f).passed)
        let report = try Self.check(f, tape: MutantTapeEngine(.opcode(.sqrt), in: [.forward]))
        #expect(!report.passed)
        #expect(report.mismatches.first?.culprit?.subexpression == (try Expr.parse("sqrt(x^2 + y^2 + 1)")))
    }

    @Test(arguments: [Opcode.multiply, .divide, .square, .reciprocal, .powerInteger])
    func wrongArithmeticRule_onTheTape_isCaught(op: Opcode) throws {
        let f = try Expr.parse("(x*y - 2)/(x^3 + y^2 + 1) + 1/(x^2 + 3) + x^5*y^(-4)")
        let report = try Self.check(f, tape: MutantTapeEngine(.opcode(op), in: [.forward]))
        #expect(!report.passed)
    }

    /// The same sign slip in both engines (d(1/u) = +du/u²): symbolic and tape agree with each
    /// other, and only the rule-free oracle sees it. First order only: a wrong first-order
    /// rule is not the derivative of anything, so the two engines' second derivatives of it
    /// (the tape's dual numbers differentiate the wrong coefficient with correct rules) need
    /// not agree, and that disagreement would catch the mutant without the oracle.
    static let tapeSlip = TapeMutation(
        applies: { ins in
            switch ins.opcode {
            case .reciprocal: return (true, false)
            case .divide: return (false, true)
            case .powerInteger: return (ins.payload < 0, false)
            default: return (false, false)
            }
        }, perturbation: .negated)

    @Test(arguments: ["x/y", "1/(x^2 + 1) + y", "(x^2 + y)/(x - 2*y + 1)", "x^3*y^(-2) - x"])
    func sameWrongRule_inBothEngines_isCaughtByTheDifferenceQuotient(text: String) throws {
        let f = try Expr.parse(text)
        let report = try Self.check(
            f, symbolic: MutantSymbolicEngine(mutation: .unsignedNegativePowers),
            tape: MutantTapeEngine(Self.tapeSlip), secondOrder: false)
        #expect(!report.passed)
        // Every mismatch is the oracle against both engines, which agree with each other.
        for m in report.mismatches {
            #expect(m.readings.contains { $0.engine == .differenceQuotient }, "\(m)")
            let engines = m.readings.filter { $0.engine != .differenceQuotient }.map(\.value)
            #expect(Set(engines).count == 1, "\(m)")
        }
    }

    /// In a vector function whose other output is not rational, the rational output is still
    /// held exactly against the difference quotient at every point.
    @Test func sameWrongRule_inBothEngines_isCaught_besideATranscendentalOutput() throws {
        let report = try CrossCheck(
            .init(points: 6, seed: 3, secondOrder: false),
            symbolic: MutantSymbolicEngine(mutation: .unsignedNegativePowers),
            tape: MutantTapeEngine(Self.tapeSlip)
        )
        .check([try Expr.parse("x/y"), try Expr.parse("sin(x) + y")], variables: [Self.x, Self.y])
        #expect(report.approximatePoints > 0 && report.exactPoints == 0)
        #expect(
            report.mismatches.contains { m in
                m.object == .jvp && m.entry == [0] && m.comparison == .exact && m.readings.contains { $0.engine == .differenceQuotient }
            }, "\(report)")
    }
}
