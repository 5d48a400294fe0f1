import Jacobi
import TestSupport
import Testing

@Suite struct TaylorModelTests {
    static let x = Symbol("x"), y = Symbol("y"), z = Symbol("z")

    static func parse(_ s: String) -> Expr {
        do { return try Expr.parse(s) } catch { fatalError("test expression \(s) does not parse: \(error)") }
    }

    static func factorial(_ n: Int) -> Rational { (0..<n).reduce(Rational.one) { $0 * Rational($1 + 1) } }

    /// A random polynomial of total degree exactly `degree` in x, y, z with rational coefficients.
    static func polynomial(degree: Int, _ g: inout SeededGenerator) -> Expr {
        let generator = ExpressionGenerator()
        var terms: [Expr] = []
        for d in 0...degree {
            for _ in 0..<(d == degree ? 2 : Int.random(in: 0...2, using: &g)) {
                var e = [0, 0, 0]
                for _ in 0..<d { e[Int.random(in: 0...2, using: &g)] += 1 }
                var c = generator.specification.constants.rational(using: &g)
                if c.isZero { c = 1 }
                terms.append(Expr(c) * Expr.product(zip([x, y, z], e).map { Expr.power(Expr($0), Expr($1)) }))
            }
        }
        return Expr.sum(terms)
    }

    @Test func modelOfAPolynomialOfDegreeK_isThePolynomial() throws {
        var g = SeededGenerator(seed: 301)
        for k in 1...6 {
            let p = Self.polynomial(degree: k, &g)
            let f = try Function(p, variables: [Self.x, Self.y, Self.z])
            let a = (0..<3).map { _ in ExpressionGenerator().specification.constants.rational(using: &g) }
            for engine in DifferentialEngine.allCases {
                let model = try f.taylor(at: a, order: k, engine: engine)
                #expect(model.expression == (try p.expanded()), "order \(k), \(engine): \(p) at \(a)")
                #expect(model.terms.count == TaylorModel.multiIndices(variables: 3, order: k).count)
                // The centred text parses back to the same polynomial.
                #expect(try Self.parse(model.description).expanded() == p.expanded(), "\(model)")
            }
        }
    }

    @Test func knownSeries_areTheCoefficients() throws {
        let k = 8
        let exp = (0...k).map { 1 / Self.factorial($0) }
        let sin = (0...k).map { $0 % 2 == 0 ? Rational.zero : ($0 % 4 == 1 ? 1 : -1) / Self.factorial($0) }
        let cases: [(String, Rational, [Rational])] = [
            ("exp(x)", 0, exp),
            ("sin(x)", 0, sin),
            ("log(x)", 1, (0...k).map { $0 == 0 ? 0 : Rational($0 % 2 == 1 ? 1 : -1, $0) }),
            ("1/(1 - x)", 0, Array(repeating: 1, count: k + 1)),
            ("1/(1 - x)", 3, (0...k).map { Rational($0 % 2 == 0 ? -1 : 1, 1 << ($0 + 1)) }),  // −1/(2 + h) = −½·Σ(−h/2)ʲ
        ]
        for (text, a, expected) in cases {
            let f = try Function(Self.parse(text), variables: [Self.x])
            for engine in DifferentialEngine.allCases {
                let model = try f.taylor(at: [a], order: k, engine: engine)
                #expect(model.terms.map(\.coefficient) == expected.map { Expr($0) }, "\(text) at \(a), \(engine)")
            }
        }
        // A product of series in two variables: c_(i,j) = (1/i!)·sinⱼ.
        let f = try Function(Self.parse("exp(x)*sin(y)"))
        for engine in DifferentialEngine.allCases {
            let model = try f.taylor(at: [0, 0], order: 6, engine: engine)
            for (powers, c) in model.terms {
                #expect(c == Expr(exp[powers[0]] * sin[powers[1]]), "\(powers), \(engine)")
            }
        }
    }

    /// a = b as exact expressions: structurally, or their difference expands (or simplifies) to 0.
    static func exactlyEqual(_ a: Expr, _ b: Expr) throws -> Bool {
        if a == b { return true }
        if try (a - b).expanded().isZero { return true }
        return (a - b).simplified().isZero
    }

    @Test func engines_agreeExactlyOnRandomRationalFunctions() throws {
        var g = SeededGenerator(seed: 302)
        let generator = ExpressionGenerator(symbols: [Self.x, Self.y], maximumDepth: 3, includesFunctions: false)
        var checked = 0
        for trial in 0..<40 {
            let e = generator.expression(using: &g)
            guard let f = try? Function(e, variables: [Self.x, Self.y]) else { continue }
            let a = [generator.specification.constants.rational(using: &g), generator.specification.constants.rational(using: &g)]
            let k = 1 + trial % 6
            guard let symbolic = try? f.taylor(at: a, order: k, engine: .symbolic) else { continue }
            let tape = try f.taylor(at: a, order: k, engine: .forward)
            // Symbolic exponents (x^y) bring log(r): the two engines may group its powers
            // differently, so equality is as polynomials in those constants.
            for (s, t) in zip(symbolic.terms, tape.terms) {
                #expect(try Self.exactlyEqual(s.coefficient, t.coefficient), "\(e) at \(a), order \(k): \(s.powers)")
            }
            checked += 1
        }
        #expect(checked >= 20)
    }

    @Test func engines_agreeOnRandomTranscendentalFunctions() throws {
        // Coefficients are exact expressions in sin(r), exp(r), …; equal as numbers (the two
        // engines may write 1/cos(r)^2 and 1 + tan(r)^2), and exactly where both are rational.
        var g = SeededGenerator(seed: 303)
        let generator = ExpressionGenerator(symbols: [Self.x, Self.y], maximumDepth: 3, includesFunctions: true)
        var checked = 0
        var exactly = 0
        for trial in 0..<40 {
            let e = generator.expression(using: &g)
            guard let f = try? Function(e, variables: [Self.x, Self.y]) else { continue }
            let a = [generator.specification.constants.rational(using: &g), generator.specification.constants.rational(using: &g)]
            let k = 1 + trial % 4
            guard let symbolic = try? f.taylor(at: a, order: k, engine: .symbolic),
                let tape = try? f.taylor(at: a, order: k, engine: .forward)
            else { continue }
            for (s, t) in zip(symbolic.terms, tape.terms) {
                if let p = s.coefficient.rationalValue, let q = t.coefficient.rationalValue {
                    #expect(p == q, "\(e) at \(a): \(s.powers)")
                } else if (try? Self.exactlyEqual(s.coefficient, t.coefficient)) == true {
                    exactly += 1
                } else if let p = try? s.coefficient.evaluated(at: [Symbol: Double]()),
                    let q = try? t.coefficient.evaluated(at: [Symbol: Double]()), p.isFinite && q.isFinite
                {
                    #expect((p - q).magnitude <= 1e-8 * Swift.max(1, p.magnitude), "\(e) at \(a): \(s.powers): \(s.coefficient) vs \(t.coefficient)")
                }
            }
            checked += 1
        }
        #expect(checked >= 15)
        #expect(exactly >= 10)
    }

    @Test func centredModel_printsInPowersOfTheDisplacements() throws {
        let f = try Function(Self.parse("x*cosh(tan(y))"))
        for engine in DifferentialEngine.allCases {
            let model = try f.taylor(at: [3, Rational(6, 5)], order: 2, engine: engine)
            let text = model.description
            #expect(text.contains("(x - 3)") && text.contains("(y - 6/5)"), "\(text)")
            #expect(!text.contains("x^2"))  // ∂²f/∂x² = 0
            #expect(model.terms.filter { !$0.coefficient.isZero }.count == 5, "\(text)")
            #expect(text.hasPrefix("3*cosh(tan(6/5)) + cosh(tan(6/5))*(x - 3) + "), "\(text)")
            // Parsing the text gives the model back.
            #expect(try Self.parse(text).expanded() == model.expression, "\(text)")
            #expect(model.latex.contains("\\left(x - 3\\right)") && model.latex.contains("\\left(y - \\frac{6}{5}\\right)"))
        }
        let cubic = try Function(Self.parse("x^3")).taylor(at: [-1], order: 3)
        #expect(cubic.description == "-1 + 3*(x + 1) - 3*(x + 1)^2 + (x + 1)^3")
        #expect(try Function(Self.parse("x*y")).taylor(at: [0, 0], order: 2).description == "x*y")
    }

    @Test func higherDirectionalDerivatives_agreeAcrossEngines() throws {
        let f = try Function(Self.parse("exp(x)*sin(y) + x^2*y^3"))
        let a: [Rational] = [0, 0]
        let v: [Rational] = [2, 1]
        // d^k/dt^k of exp(2t)·sin(t) + 4t^5 at 0: Im((2 + i)^k), plus 4·5! at k = 5.
        let expected: [Rational] = [1, 4, 11, 24, 41 + 480]
        for k in 1...5 {
            let forward: Rational = try f.directionalDerivative(at: a, along: v, order: k)
            let symbolic: Rational = try f.directionalDerivative(at: a, along: v, order: k, engine: .symbolic)
            #expect(forward == symbolic && forward == expected[k - 1], "order \(k)")
        }
        #expect(try f.directionalDerivative(along: [Expr(1), Expr(0)], order: 2) == Self.parse("exp(x)*sin(y) + 2*y^3"))
    }

    @Test func ordersOutsideTheRange_throw() throws {
        let f = try Function(Self.parse("x*y"))
        for k in [0, -1, 13] {
            #expect(throws: TaylorModelError.orderOutOfRange(k)) { _ = try f.taylor(at: [1, 2], order: k) }
        }
        let wide = try Function(Expr.sum((0..<40).map { Expr(Symbol("x\($0)")) }))
        #expect(throws: TaylorModelError.self) { _ = try wide.taylor(at: Array(repeating: 0, count: 40), order: 6) }
    }
}
