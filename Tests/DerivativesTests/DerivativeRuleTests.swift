import Derivatives
import Exact
import Symbolic
import TestSupport
import Testing

/// One derivative fact per line: (f, variable, ∂f/∂variable), compared by value at random
/// rational points (exactly where rational) and, for the raw derivative, the same.
let derivativeFacts: [(f: String, x: String, expected: String)] = [
    // Every elementary function's rule.
    ("sin(x)", "x", "cos(x)"),
    ("cos(x)", "x", "-sin(x)"),
    ("tan(x)", "x", "1 + tan(x)^2"),
    ("exp(x)", "x", "exp(x)"),
    ("log(x)", "x", "1/x"),
    ("atan(x)", "x", "1/(1 + x^2)"),
    ("asin(x/4)", "x", "1/(4*sqrt(1 - x^2/16))"),
    ("acos(x/4)", "x", "-1/(4*sqrt(1 - x^2/16))"),
    ("sinh(x)", "x", "cosh(x)"),
    ("cosh(x)", "x", "sinh(x)"),
    ("tanh(x)", "x", "1 - tanh(x)^2"),
    ("abs(x)", "x", "x/abs(x)"),
    ("sqrt(x)", "x", "1/(2*sqrt(x))"),
    // Sum, product, quotient, chain.
    ("x^2*y + 3*x*y^2 - 7", "x", "2*x*y + 3*y^2"),
    ("x^2*y + 3*x*y^2 - 7", "y", "x^2 + 6*x*y"),
    ("sin(x)*cos(x)", "x", "cos(x)^2 - sin(x)^2"),
    ("x/(x + y)", "x", "y/(x + y)^2"),
    ("(x^2 - 1)/(x - 1)", "x", "1"),
    ("sin(x)^2", "x", "2*cos(x)*sin(x)"),
    ("exp(sin(x*y))", "y", "x*cos(x*y)*exp(sin(x*y))"),
    ("log(1 + exp(x))", "x", "exp(x)/(1 + exp(x))"),
    // Powers: constant exponent, symbolic exponent, general power.
    ("x^3", "x", "3*x^2"),
    ("x^(-2)", "x", "-2/x^3"),
    ("x^y", "x", "y*x^(y - 1)"),
    ("x^y", "y", "x^y*log(x)"),
    ("2^x", "x", "2^x*log(2)"),
    ("x^x", "x", "x^x*(log(x) + 1)"),
    ("(x^2 + 1)^sin(x)", "x", "(x^2 + 1)^sin(x)*(cos(x)*log(x^2 + 1) + 2*x*sin(x)/(x^2 + 1))"),
    ("sqrt(x^2 + y^2)", "x", "x/sqrt(x^2 + y^2)"),
    // Variables that do not occur.
    ("sin(y)", "x", "0"),
    ("7", "x", "0"),
]

@Suite struct DerivativeRuleTests {
    @Test(arguments: derivativeFacts.indices)
    func derivative_matchesTheTable(_ i: Int) throws {
        let (fText, xName, expectedText) = derivativeFacts[i]
        let f = try Expr.parse(fText)
        let x = Symbol(xName)
        let expected = try Expr.parse(expectedText)
        let d = f.derivative(withRespectTo: x)
        #expect(ValueComparison.compare(d, expected) == .equal, "d/d\(xName) \(fText) = \(d), expected \(expectedText)")
        let raw = f.rawDerivative(withRespectTo: x)
        #expect(ValueComparison.compare(raw, expected) == .equal, "raw d/d\(xName) \(fText) = \(raw)")
    }

    @Test func constantExponentRule_isExactAtZero() throws {
        let d = try Expr.parse("x^3").derivative(withRespectTo: Symbol("x"))
        #expect(try d.evaluated(at: [Symbol("x"): .zero]) == .zero)
        let d2 = try Expr.parse("x^3").derivative(withRespectTo: Symbol("x"), order: 2)
        #expect(try d2.evaluated(at: [Symbol("x"): Rational(1, 2)]) == Rational(3))
    }

    @Test func absDerivative_hasNoValueAtZero() throws {
        let d = try Expr.parse("abs(x)").derivative(withRespectTo: Symbol("x"))
        #expect(try d.evaluated(at: [Symbol("x"): Rational(-2)]) == Rational(-1))
        #expect(throws: EvaluationError.self) { try d.evaluated(at: [Symbol("x"): .zero]) }
    }

    @Test func mixedPartials_commute() throws {
        let x = Symbol("x"), y = Symbol("y")
        for text in ["x^2*y^3 + sin(x*y)", "exp(x*y)/(1 + x^2)", "x^y", "atan(y/x)", "sqrt(x^2 + y^2)*log(x + 2)"] {
            let f = try Expr.parse(text)
            let fxy = f.derivative(withRespectTo: [x, y])
            let fyx = f.derivative(withRespectTo: [y, x])
            #expect(ValueComparison.compare(fxy, fyx) == .equal, "\(text): \(fxy) vs \(fyx)")
        }
    }

    @Test func hessian_isExactlySymmetricAndMatchesSecondPartials() throws {
        let vars = [Symbol("x"), Symbol("y"), Symbol("z")]
        let f = try Expr.parse("x^2*y*z + exp(x*z) - log(1 + y^2)*x")
        let h = f.hessian(withRespectTo: vars)
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(h[i][j] == h[j][i])
                let direct = f.derivative(withRespectTo: [vars[i], vars[j]])
                #expect(ValueComparison.compare(h[i][j], direct) == .equal)
            }
        }
    }

    @Test func jacobianAndDirectionalDerivative_agreeWithPartials() throws {
        let x = Symbol("x"), y = Symbol("y")
        let fs = [try Expr.parse("x*y"), try Expr.parse("sin(x) + y^2")]
        let j = fs.jacobian(withRespectTo: [x, y])
        #expect(j[0][0] == Expr(y) && j[0][1] == Expr(x))
        #expect(j[1][0] == Expr.call(.cos, Expr(x)))
        let dir = fs[1].directionalDerivative(along: [Expr(1), Expr(2)], withRespectTo: [x, y])
        #expect(ValueComparison.compare(dir, try Expr.parse("cos(x) + 4*y")) == .equal)
    }

    @Test func sharedSubexpressions_keepTheDerivativeLinearInSize() throws {
        // f = u^2 with u = u_{k-1}^2 + x, nested 60 deep: a tree of 2^60 nodes, a DAG of ~120.
        let x = Expr(Symbol("x"))
        var u = x
        for _ in 0..<60 { u = u * u + x }
        let d = u.rawDerivative(withRespectTo: Symbol("x"))
        #expect(d.dagSize < 40 * u.dagSize)
    }

    @Test func deepInput_doesNotExhaustTheStack() throws {
        // u_k = u_{k-1}^2 + x, 20 000 deep: a recursive driver would overflow the stack.
        let x = Expr(Symbol("x"))
        var u = x
        for _ in 0..<20_000 { u = u * u + x }
        let d = u.rawDerivative(withRespectTo: Symbol("x"))
        #expect(try d.evaluated(at: [Symbol("x"): .zero]) == .one)
    }
}

@Suite struct DerivativeObjectTests {
    let x = Symbol("x"), y = Symbol("y"), z = Symbol("z")

    @Test func jacobian_ofATridiagonalSystemIsTridiagonal() throws {
        // Broyden's system from W1, n = 5: entries off the three diagonals are exactly 0.
        let xs = (1...5).map { Symbol("x\($0)") }
        func v(_ i: Int) -> Expr { (1...5).contains(i) ? Expr(xs[i - 1]) : .zero }
        let f = (1...5).map { i in (3 - 2 * v(i)) * v(i) - v(i - 1) - 2 * v(i + 1) + 1 }
        let j = f.jacobian(withRespectTo: xs)
        for r in 0..<5 {
            for c in 0..<5 {
                #expect(j[r][c].isZero == (abs(r - c) > 1), "J[\(r)][\(c)] = \(j[r][c])")
            }
            #expect(j[r][r] == 3 - 4 * Expr(xs[r]))
        }
    }

    @Test func sharedTablesAcrossRowsAndVariables_giveEachPartialExactly() throws {
        // W1's chain system and extended Rosenbrock, n = 6: rows share nodes (x_i^2 in rows i
        // and i + 1), and one memo serves every variable. Each raw entry equals the partial
        // taken on its own, and the values at a rational point equal the hand-derived ones.
        let n = 6
        let xs = (1...n).map { Symbol("x\($0)") }
        func v(_ i: Int) -> Expr { (1...n).contains(i) ? Expr(xs[i - 1]) : .zero }
        let chain = (1...n).map { i in
            Expr.call(.exp, v(i)) * Expr.call(.sin, v(i + 1)) + Expr.power(v(i - 1), Expr(2)) / (1 + Expr.power(v(i), Expr(2)))
        }
        let j = chain.jacobian(withRespectTo: xs, simplifying: false)
        for r in 0..<n {
            for c in 0..<n { #expect(j[r][c] == chain[r].rawDerivative(withRespectTo: xs[c]), "J[\(r)][\(c)]") }
        }
        let f = Expr.sum((1..<n).map { i in 100 * Expr.power(v(i + 1) - Expr.power(v(i), Expr(2)), Expr(2)) + Expr.power(1 - v(i), Expr(2)) })
        let g = f.gradient(withRespectTo: xs, simplifying: false)
        let h = f.hessian(withRespectTo: xs, simplifying: false)
        let p = (1...n).map { Rational($0 % 4 - 1, 3) }
        let point = Dictionary(uniqueKeysWithValues: zip(xs, p))
        func q(_ i: Int) -> Rational { (1...n).contains(i) ? p[i - 1] : .zero }
        for i in 1...n {
            // ∂f/∂xᵢ = −400xᵢ(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ) [i < n] + 200(xᵢ − xᵢ₋₁²) [i > 1]
            var expected = Rational.zero
            if i < n { expected += Rational(-400) * q(i) * (q(i + 1) - q(i) * q(i)) - 2 * (1 - q(i)) }
            if i > 1 { expected += 200 * (q(i) - q(i - 1) * q(i - 1)) }
            #expect(try g[i - 1].evaluated(at: point) == expected, "g[\(i)]")
            #expect(g[i - 1] == f.rawDerivative(withRespectTo: xs[i - 1]))
            for k in 1...n {
                #expect(h[i - 1][k - 1] == g[i - 1].rawDerivative(withRespectTo: xs[k - 1]), "H[\(i)][\(k)]")
            }
            // ∂²f/∂xᵢ² = 1200xᵢ² − 400xᵢ₊₁ + 2 [i < n] + 200 [i > 1]; ∂²f/∂xᵢ∂xᵢ₊₁ = −400xᵢ.
            var diagonal = Rational.zero
            if i < n { diagonal += 1200 * q(i) * q(i) - 400 * q(i + 1) + 2 }
            if i > 1 { diagonal += 200 }
            #expect(try h[i - 1][i - 1].evaluated(at: point) == diagonal, "H[\(i)][\(i)]")
            if i < n { #expect(try h[i - 1][i].evaluated(at: point) == Rational(-400) * q(i), "H[\(i)][\(i + 1)]") }
        }
    }

    @Test func directionalDerivative_isLinearInTheDirection() throws {
        let f = try Expr.parse("x^2*sin(y) + exp(x*z)")
        let vars = [x, y, z]
        let u: [Expr] = [1, 2, -1].map { Expr($0) }
        let w: [Expr] = [Expr(Rational(1, 2)), Expr(0), Expr(3)]
        let sum = zip(u, w).map { $0 + 2 * $1 }
        let lhs = f.directionalDerivative(along: sum, withRespectTo: vars)
        let rhs = f.directionalDerivative(along: u, withRespectTo: vars) + 2 * f.directionalDerivative(along: w, withRespectTo: vars)
        #expect(ValueComparison.compare(lhs, rhs) == .equal)
    }

    @Test func gradient_handlesAbsentAndRepeatedVariables() throws {
        let f = try Expr.parse("x*y^2")
        let g = f.gradient(withRespectTo: [y, z, x, y])
        #expect(g[0] == (try Expr.parse("2*x*y")))
        #expect(g[1].isZero)
        #expect(g[2] == (try Expr.parse("y^2")))
        #expect(g[3] == g[0])
    }

    @Test func higherDerivatives_repeatTheFirst() throws {
        let f = try Expr.parse("sin(x)*exp(2*x)")
        let third = f.derivative(withRespectTo: x, order: 3)
        let repeated = f.derivative(withRespectTo: x).derivative(withRespectTo: x).derivative(withRespectTo: x)
        #expect(ValueComparison.compare(third, repeated) == .equal)
        #expect(f.derivative(withRespectTo: x, order: 0) == f)
    }

    @Test func rawAndSimplified_agreeAndSimplifiedIsNeverLarger() throws {
        for row in Fixtures.rows.prefix(60) {
            let f = try Expr.parse(row.function)
            let raw = f.rawDerivative(withRespectTo: Symbol(row.variable))
            let simplified = f.derivative(withRespectTo: Symbol(row.variable))
            #expect(simplified.operationCount <= raw.operationCount, "\(row)")
        }
    }
}

@Suite struct LargeInputTests {
    /// W2's logistic loss with 12 variables: its Hessian entries are sums of exponentials of
    /// long dot products, where a rational normal form with one kernel per summand of each
    /// exponent would swell. Simplification must stay equal (and come back at all).
    @Test func logisticHessian_simplifiesWithoutSwell() throws {
        let n = 12
        let xs = (1...n).map { Symbol("x\($0)") }
        var terms: [Expr] = []
        for j in 1...10 {
            let a = (1...n).map { k in ((7 * j + 3 * k * k + 1) % 7) - 3 }
            let dot = Expr.sum((0..<n).filter { a[$0] != 0 }.map { a[$0] * Expr(xs[$0]) })
            terms.append(Expr.call(.log, 1 + Expr.call(.exp, (j % 2 == 0 ? -1 : 1) * dot)))
        }
        let f = Expr.sum(terms)
        let raw = f.hessian(withRespectTo: xs, simplifying: false)
        let simplified = f.hessian(withRespectTo: xs)
        let point = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($0.element, Double($0.offset % 5 - 2) / 10) })
        for (i, j) in [(0, 0), (0, 5), (3, 7), (11, 11)] {
            let a = try raw[i][j].evaluated(at: point)
            let b = try simplified[i][j].evaluated(at: point)
            #expect(abs(a - b) <= 1e-9 * max(1, abs(a)), "H[\(i)][\(j)]")
            #expect(simplified[i][j].operationCount <= raw[i][j].operationCount)
        }
    }
}
