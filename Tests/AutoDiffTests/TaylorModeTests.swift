import AutoDiff
import Exact
import Symbolic
import TestSupport
import Testing

@Suite struct TaylorModeTests {
    static let x = Symbol("x")
    static let xy = [Symbol("x"), Symbol("y")]

    static func tape(_ text: String, _ inputs: [Symbol] = [x]) throws -> Tape {
        try ExprCompiler.compile([try Expr.parse(text)], inputs: inputs)
    }

    /// c₀…c_k of f(a + t) for a univariate f.
    static func series(_ text: String, at a: Rational = 0, order k: Int) throws -> [Rational] {
        try tape(text).taylorCoefficients(at: [a], direction: [Rational(1)], order: k)[0]
    }

    static func factorial(_ n: Int) -> Rational { (0..<n).reduce(Rational.one) { $0 * Rational($1 + 1) } }

    /// The binomial series coefficients C(r, j) of (1 + t)^r.
    static func binomial(_ r: Rational, _ k: Int) -> [Rational] {
        var c = [Rational.one]
        for j in 1...k { c.append(c[j - 1] * (r - Rational(j - 1)) / Rational(j)) }
        return c
    }

    /// The Cauchy product of two truncated series.
    static func product(_ a: [Rational], _ b: [Rational]) -> [Rational] {
        (0..<a.count).map { d in (0...d).reduce(Rational.zero) { $0 + a[$1] * b[d - $1] } }
    }

    static let k = 9
    static var expSeries: [Rational] { (0...k).map { 1 / factorial($0) } }
    static var sinSeries: [Rational] { (0...k).map { $0 % 2 == 0 ? 0 : ($0 % 4 == 1 ? 1 : -1) / factorial($0) } }
    static var cosSeries: [Rational] { (0...k).map { $0 % 2 == 1 ? 0 : ($0 % 4 == 0 ? 1 : -1) / factorial($0) } }

    @Test func elementarySeriesAtZero_areTheKnownSeries() throws {
        let k = Self.k
        let cases: [(String, [Rational])] = [
            ("exp(x)", Self.expSeries),
            ("sin(x)", Self.sinSeries),
            ("cos(x)", Self.cosSeries),
            ("sinh(x)", (0...k).map { $0 % 2 == 0 ? 0 : 1 / Self.factorial($0) }),
            ("cosh(x)", (0...k).map { $0 % 2 == 1 ? 0 : 1 / Self.factorial($0) }),
            ("log(1 + x)", (0...k).map { $0 == 0 ? 0 : Rational($0 % 2 == 1 ? 1 : -1, $0) }),
            ("1/(1 - x)", Array(repeating: 1, count: k + 1)),
            ("atan(x)", (0...k).map { $0 % 2 == 0 ? 0 : Rational($0 % 4 == 1 ? 1 : -1, $0) }),
            ("tan(x)", [0, 1, 0, Rational(1, 3), 0, Rational(2, 15), 0, Rational(17, 315), 0, Rational(62, 2835)]),
            ("tanh(x)", [0, 1, 0, Rational(-1, 3), 0, Rational(2, 15), 0, Rational(-17, 315), 0, Rational(62, 2835)]),
            ("asin(x)", [0, 1, 0, Rational(1, 6), 0, Rational(3, 40), 0, Rational(5, 112), 0, Rational(35, 1152)]),
            ("sqrt(1 + x)", Self.binomial(Rational(1, 2), k)),
            ("(1 + x)^(2/3)", Self.binomial(Rational(2, 3), k)),
            ("(1 + x)^(-3)", Self.binomial(-3, k)),
            ("(2 + x)^7", (0...k).map { j in j > 7 ? 0 : Self.binomial(7, 7)[0] * Rational(1 << (7 - j)) * Self.binomial(7, k)[j] }),
            ("x^5", (0...k).map { $0 == 5 ? 1 : 0 }),
            ("exp(x)*sin(x)", Self.product(Self.expSeries, Self.sinSeries)),
            ("cos(x)/(1 - x)", Self.product(Self.cosSeries, Array(repeating: 1, count: k + 1))),
        ]
        try withEvery(cases) { (text, expected) throws in
            #expect(try Self.series(text, order: k) == expected, "\(text)")
        }
    }

    @Test func acos_isMinusAsinPastTheValue() throws {
        let t = try Self.tape("acos(x)")
        let c = try t.taylorCoefficients(at: [Expr(0)], direction: [Expr(1)], order: 7)[0]
        let asin = try Self.series("asin(x)", order: 7)
        #expect(c.dropFirst().map(\.rationalValue) == asin.dropFirst().map { -$0 })
    }

    @Test func varyingPower_isExpOfTheLogarithm() throws {
        let direct = try Self.series("x^x", at: 1, order: 7)
        let viaExp = try Self.series("exp(x*log(x))", at: 1, order: 7)
        #expect(direct == viaExp)
        #expect(Array(direct.prefix(4)) == [1, 1, 1, Rational(1, 2)])
    }

    @Test func lowOrders_agreeWithTheOtherSweeps() throws {
        var g = SeededGenerator(seed: 91)
        let generator = ExpressionGenerator(symbols: Self.xy, maximumDepth: 3, includesFunctions: false)
        var checked = 0
        for _ in 0..<120 {
            let f = generator.expression(using: &g)
            guard let tape = try? ExprCompiler.compile([f], inputs: Self.xy) else { continue }
            let a = [generator.specification.constants.rational(using: &g), generator.specification.constants.rational(using: &g)]
            guard let h = try? tape.hessian(at: a), let grad = try? tape.gradient(at: a),
                let value = try? tape.evaluate(at: a)
            else { continue }
            let (layout, c) = try tape.taylorCoefficients(at: a, order: 2)
            #expect(layout.multiIndices == [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2]])
            let expected = [value[0], grad[0], grad[1], h[0][0] / 2, h[0][1], h[1][1] / 2]
            #expect(c[0] == expected, "\(f) at \(a)")
            checked += 1
        }
        #expect(checked > 60)
    }

    @Test func directionalCoefficients_areTheMultivariateOnesContracted() throws {
        // c_d(v) = Σ_{|α| = d} f_α v^α: the univariate sweep along v and the full sweep agree.
        var g = SeededGenerator(seed: 92)
        let generator = ExpressionGenerator(symbols: Self.xy, maximumDepth: 3, includesFunctions: false)
        var checked = 0
        for _ in 0..<80 {
            let f = generator.expression(using: &g)
            guard let tape = try? ExprCompiler.compile([f], inputs: Self.xy) else { continue }
            let a = [generator.specification.constants.rational(using: &g), generator.specification.constants.rational(using: &g)]
            let v = [generator.specification.constants.rational(using: &g), generator.specification.constants.rational(using: &g)]
            guard let (layout, full) = try? tape.taylorCoefficients(at: a, order: 5),
                let along = try? tape.taylorCoefficients(at: a, direction: v, order: 5)
            else { continue }
            var contracted = [Rational](repeating: 0, count: 6)
            for (alpha, c) in zip(layout.multiIndices, full[0]) {
                contracted[alpha[0] + alpha[1]] += c * (try v[0].raised(to: alpha[0])) * (try v[1].raised(to: alpha[1]))
            }
            #expect(along[0] == contracted, "\(f) at \(a) along \(v)")
            let third = try tape.directionalDerivative(at: a, along: v, order: 3)
            #expect(third == [6 * along[0][3]])
            checked += 1
        }
        #expect(checked > 40)
    }

    @Test func nonDifferentiablePoints_throwTypedErrors() throws {
        for text in ["sqrt(x)", "abs(x)", "x^(3/2)"] {
            #expect(throws: TapeError.self, "\(text)") {
                _ = try Self.tape(text).taylorCoefficients(at: [Rational(0)], direction: [Rational(1)], order: 3)
            }
        }
        #expect(throws: TapeError.self) {
            _ = try Self.tape("asin(x)").taylorCoefficients(at: [Rational(1)], direction: [Rational(1)], order: 2)
        }
        // A constant argument is fine: sqrt(0*x) has the series 0.
        #expect(try Self.tape("sqrt(x)").taylorCoefficients(at: [Rational(0)], direction: [Rational(0)], order: 3) == [[0, 0, 0, 0]])
        #expect(throws: TapeError.taylorOrder(-1, reason: "the order must be at least 0")) {
            _ = try Self.tape("x").taylorCoefficients(at: [Rational(0)], direction: [Rational(1)], order: -1)
        }
    }

    @Test func doubleSweep_matchesTheExactOne() throws {
        let text = "exp(sin(x))*atan(x/2) + sqrt(2 + x)^3 / (1 + x^2)"
        let exact = try Self.tape(text).taylorCoefficients(at: [Expr(0)], direction: [Expr(1)], order: 6)[0]
        let float = try Self.tape(text).taylorCoefficients(at: [0.0], direction: [1.0], order: 6)[0]
        for (e, f) in zip(exact, float) {
            let value = try e.evaluated(at: [Symbol: Double]())
            #expect(abs(value - f) <= 1e-12 * max(1, abs(f)), "\(e) vs \(f)")
        }
    }
}
