import Exact
import Symbolic
import TestSupport
import Testing

/// Every rule: its name, what it does (text in, text out), and that it leaves alone what it
/// does not match.
let ruleFacts: [(rule: RewriteRule, name: String, input: String, output: String)] = [
    (.sinSquaredPlusCosSquared, "pythagorean.sinCos", "sin(x*y)^2 + cos(x*y)^2", "1"),
    (.sinSquaredPlusCosSquared, "pythagorean.sinCos", "3*z*sin(x)^2 + 3*z*cos(x)^2 + y", "3*z + y"),
    (.coshSquaredMinusSinhSquared, "pythagorean.coshSinh", "cosh(x)^2 - sinh(x)^2", "1"),
    (.productOfExponentials, "expLog.productOfExponentials", "exp(x)*exp(y)^2*z", "z*exp(x + 2*y)"),
    (.expOfLog, "expLog.expOfLog", "exp(y*log(x))", "x^y"),
    (.hyperbolicQuotient, "expLog.hyperbolicQuotient", "y*exp(x*y)/(exp(x*y)^2 + 1)", "y/(2*cosh(x*y))"),
    (.hyperbolicQuotient, "expLog.hyperbolicQuotient", "3*exp(x)/(1 - exp(2*x))", "-3/(2*sinh(x))"),
    (.hyperbolicQuotient, "expLog.hyperbolicQuotient", "exp(x)/(-exp(x)^2 - 1)", "-1/(2*cosh(x))"),
    (.sinOverCos, "tangent.sinOverCos", "x*sin(y)/cos(y)", "x*tan(y)"),
    (.sinhOverCosh, "tangent.sinhOverCosh", "sinh(y)^2/cosh(y)^2", "tanh(y)^2"),
    (.onePlusTanSquared, "tangent.onePlusTanSquared", "1 + tan(x + y)^2", "1/cos(x + y)^2"),
    (.cosineOfSum, "angleAddition.cos", "cos(x + y + z)*cos(x - y) - sin(x + y + z)*sin(x - y)", "cos(2*x + z)"),
    (.cosineOfSum, "angleAddition.cos", "cos(x)*cos(y) + sin(x)*sin(y)", "cos(x - y)"),
    (.sineOfSum, "angleAddition.sin", "2*sin(x)*cos(y) + 2*cos(x)*sin(y)", "2*sin(x + y)"),
    (.sineOfSum, "angleAddition.sin", "sin(x)*cos(y) - cos(x)*sin(y)", "sin(x - y)"),
    (.sinTimesCos, "doubleAngle.sin", "4*y*sin(x)*cos(x)", "2*y*sin(2*x)"),
    (.cosSquaredMinusSinSquared, "doubleAngle.cos", "cos(x)^2 - sin(x)^2", "cos(2*x)"),
    (.commonFactor, "factorTerms.commonFactor", "x*exp(u) + 2*x*y*exp(u)", "x*(1 + 2*y)*exp(u)"),
    (.commonFactor, "factorTerms.commonFactor", "2*x*y + 3*y^2", "y*(2*x + 3*y)"),
]

/// Inputs that no rule may change.
let untouched = [
    "x + y", "sin(x)^2 + cos(y)^2", "exp(x) + exp(y)", "cos(x)*cos(y)", "sin(x)*cos(y)", "x^2 + 1",
    "exp(x)/(exp(y)^2 + 1)", "exp(x)/(exp(x)^2 + 2)",
]

@Suite struct RewriteRuleTests {
    @Test(arguments: ruleFacts.indices)
    func rule_hasItsNameAndEffect(_ i: Int) throws {
        let fact = ruleFacts[i]
        #expect(fact.rule.name == fact.name)
        let input = try Expr.parse(fact.input)
        let output = fact.rule.apply(input)
        #expect(output == (try Expr.parse(fact.output)), "\(fact.name): \(fact.input) → \(output)")
        #expect(ValueComparison.compare(input, output) == .equal)
    }

    @Test func rules_leaveUnmatchedExpressionsAlone() throws {
        let all: [RewriteRule] = ruleFacts.map(\.rule) + [.standard]
        for text in untouched {
            let e = try Expr.parse(text)
            for rule in all where rule.name != "factorTerms.commonFactor" {
                #expect(rule.apply(e) == e, "\(rule.name) changed \(text)")
            }
        }
    }

    @Test func combinators_composeRules() throws {
        let e = try Expr.parse("sin(x)^2 + cos(x)^2 + exp(x)*exp(y)")
        let both = RewriteRule.chain("both", [.sinSquaredPlusCosSquared, .productOfExponentials])
        #expect(both.name == "both")
        // postwalk reaches the product inside the sum; fixpoint repeats until nothing changes.
        #expect(RewriteRule.fixpoint(RewriteRule.postwalk(both)).rewrite(e) == (try Expr.parse("1 + exp(x + y)")))
        #expect(RewriteRule.postwalk(.sinSquaredPlusCosSquared).rewrite(try Expr.parse("x + y")) == nil)
    }
}

@Suite struct TogetherTests {
    static let laws: [(String, String)] = [
        ("(x^2 - 1)/(x - 1)", "x + 1"),
        ("(x^3 + y^3)/(x + y)", "x^2 - x*y + y^2"),
        ("1/x + 1/y", "(x + y)/(x*y)"),
        ("x/(x*y) - 1/y", "0"),
        ("sin(x)/sin(x)^2", "1/sin(x)"),
        ("sqrt(x)^3/x", "sqrt(x)"),
        ("(exp(x)^2 - 1)/(exp(x) + 1)", "exp(x) - 1"),
    ]

    @Test(arguments: laws.indices)
    func cancelled_reachesTheNormalForm(_ i: Int) throws {
        let (input, output) = Self.laws[i]
        let e = try Expr.parse(input)
        let expected = try Expr.parse(output)
        #expect(ValueComparison.compare(e.cancelled(), expected) == .equal)
        #expect((e.cancelled() - expected).isZeroAsRationalFunction, "\(input) → \(e.cancelled())")
        #expect(ValueComparison.compare(e.together(), expected) == .equal)
    }

    @Test func zeroTest_provesKernelIdentities() throws {
        for text in [
            "tan(x) - sin(x)/cos(x)", "exp(x + y) - exp(x)*exp(y)", "sin(x)^2 + cos(x)^2 - 1",
            "y*z/sqrt(x*y*z) - sqrt(x*y*z)/x", "x/(x*y) - 1/y",
        ] {
            #expect(try Expr.parse(text).isZeroAsRationalFunction, "\(text)")
        }
        for text in ["tan(x) - sin(x)", "exp(x) - x", "sqrt(x^2) - x"] {
            #expect(try !Expr.parse(text).isZeroAsRationalFunction, "\(text)")
        }
    }

    @Test func cancelled_isANormalForm() throws {
        var g = SeededGenerator(seed: 31)
        let gen = ExpressionGenerator(maximumDepth: 3, includesFunctions: false)
        for _ in 0..<60 {
            let a = gen.expression(using: &g)
            let b = gen.expression(using: &g)
            // b must be defined: a constant 0^(-k) inside (a division by zero) makes (a·b)/b
            // undefined, and says nothing about cancellation.
            guard !b.isZero, !Self.dividesByZero(b) else { continue }
            // (a·b)/b and a have the same normal form.
            let lhs = (a * b / b).cancelled()
            #expect(lhs == a.cancelled() || (lhs - a).isZeroAsRationalFunction, "\(a), \(b)")
        }
    }

    /// Whether e contains 0 raised to a negative power.
    static func dividesByZero(_ e: Expr) -> Bool {
        e.foldPostorder { (node: Expr, child: (Expr) -> Bool) -> Bool in
            let here: Bool
            switch node.kind {
            case .power(let b, let x): here = b.isZero && (x.rationalValue.map { $0.signum() < 0 } ?? false)
            case .product(_, let factors): here = factors.contains { $0.base.isZero && ($0.exponent.rationalValue.map { $0.signum() < 0 } ?? false) }
            case .number, .symbol, .sum, .call: here = false
            }
            var below = false
            node.forEachChild { below = below || child($0) }
            return here || below
        }
    }

    @Test func together_andSimplified_keepTheValue() throws {
        var g = SeededGenerator(seed: 32)
        let gen = ExpressionGenerator(maximumDepth: 3)
        for i in 0..<150 {
            let e = gen.expression(using: &g)
            let s = e.simplified()
            #expect(s.operationCount <= e.operationCount, "\(e) → \(s)")
            #expect(ValueComparison.compare(e, s, seed: UInt64(i)) != .differ(point: "", left: "", right: ""))
            if case .differ = ValueComparison.compare(e, s, seed: UInt64(i)) { Issue.record("simplified changed \(e) into \(s)") }
            if case .differ = ValueComparison.compare(e, e.together(), seed: UInt64(i)) { Issue.record("together changed \(e)") }
        }
    }

    @Test func simplified_findsTheSmallForms() throws {
        for (input, output) in [
            ("2*x*y + 3*y^2", "y*(2*x + 3*y)"), ("sin(x)^2 + cos(x)^2", "1"),
            ("exp(x - y)/(1 + exp(x - y))", "exp(x)/(exp(x) + exp(y))"),
            ("2*tan(x)/cos(x)^2 - 2*sin(x)/cos(x)^3", "0"),
            ("y*z/(2*sqrt(x*y*z))", "sqrt(x*y*z)/(2*x)"),
            ("cos(x + y + z)*cos(x - y) - sin(x + y + z)*sin(x - y)", "cos(2*x + z)"),
        ] {
            let s = try Expr.parse(input).simplified()
            #expect(s.operationCount <= (try Expr.parse(output)).operationCount, "\(input) → \(s)")
        }
    }
}
