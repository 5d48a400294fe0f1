import Jacobi
import TestSupport
import Testing

/// pi and E through the whole stack: parsing, derivatives, both engines at rational points
/// (exact expressions where values are not rational), Taylor models at exact constants.
@Suite struct ConstantTests {
    static let x = Symbol("x")

    static func parse(_ s: String) -> Expr {
        do { return try Expr.parse(s) } catch { fatalError("test expression \(s) does not parse: \(error)") }
    }

    @Test func sinPiX_partialsAndValuesAreExactAtRationalPoints() throws {
        let f = try Function(Self.parse("sin(pi*x)"))
        #expect(f.variables == [Self.x])  // pi is not a variable
        #expect(try f.gradient() == [Self.parse("pi*cos(pi*x)")])
        // (x, f(x), f′(x), f″(x)) with f″ = −pi²·sin(pi·x).
        let table: [(Rational, String, String, String)] = [
            (Rational(1, 6), "1/2", "sqrt(3)*pi/2", "-pi^2/2"),
            (Rational(1, 4), "sqrt(2)/2", "sqrt(2)*pi/2", "-sqrt(2)*pi^2/2"),
            (Rational(1, 3), "sqrt(3)/2", "pi/2", "-sqrt(3)*pi^2/2"),
            (Rational(1, 2), "1", "0", "-pi^2"),
            (Rational(-7, 6), "1/2", "-sqrt(3)*pi/2", "-pi^2/2"),
            (2, "0", "pi", "0"),
        ]
        for (a, value, slope, curvature) in table {
            let point = [Expr(a)]
            #expect(try f.value(at: point) == [Self.parse(value)], "f(\(a))")
            for engine in DifferentialEngine.allCases {
                let g: [Expr] = try f.gradient(at: point, engine: engine)
                #expect(g == [Self.parse(slope)], "f′(\(a)), \(engine)")
                let h: Matrix<Expr> = try f.hessian(at: point, engine: engine)
                #expect(h[0, 0] == Self.parse(curvature), "f″(\(a)), \(engine)")
            }
        }
        // Over Rational the value is exact where it is rational, an error where it is not.
        #expect(try Self.parse("sin(pi*x)").evaluated(at: [Self.x: Rational(5, 6)]) == Rational(1, 2))
        #expect(throws: (any Error).self) { let _: [Rational] = try f.value(at: [Rational(1, 4)]) }
        #expect(throws: (any Error).self) { let _: [Rational] = try f.gradient(at: [Rational(1, 2)]) }
    }

    @Test func powersOfConstants_differentiateWithTheirLogarithms() throws {
        #expect(Self.parse("pi^x").derivative(withRespectTo: Self.x) == Self.parse("pi^x*log(pi)"))
        #expect(Self.parse("E^x").derivative(withRespectTo: Self.x) == Self.parse("exp(x)"))
        #expect(Self.parse("E^x") == Self.parse("exp(x)") && Self.parse("log(E)") == Expr.one)
        let f = try Function(Self.parse("pi^x"))
        let g: [Expr] = try f.gradient(at: [Expr(2)])
        #expect(g == [Self.parse("pi^2*log(pi)")])
    }

    @Test func taylorModels_atConstantsAndOfConstants() throws {
        let sin = try Function(Self.parse("sin(x)"))
        for engine in DifferentialEngine.allCases {
            let model = try sin.taylor(at: [Expr.pi / Expr(4)], order: 2, engine: engine)
            #expect(model.description == "sqrt(2)/2 + sqrt(2)/2*(x - pi/4) - sqrt(2)/4*(x - pi/4)^2", "\(engine)")
        }
        let f = try Function(Self.parse("sin(pi*x)"))
        let symbolic = try f.taylor(at: [Rational(1, 6)], order: 4, engine: .symbolic)
        let tape = try f.taylor(at: [Rational(1, 6)], order: 4, engine: .forward)
        // c_k = pi^k·sin(pi/6 + k·pi/2)/k!.
        let expected = ["1/2", "sqrt(3)*pi/2", "-pi^2/4", "-sqrt(3)*pi^3/12", "pi^4/48"].map(Self.parse)
        #expect(symbolic.terms.map(\.coefficient) == expected)
        #expect(tape.terms.map(\.coefficient) == expected)
    }

    @Test func printers_spellTheConstants() throws {
        let e = Self.parse("2*pi*x + E")
        #expect(e.description.contains("pi") && e.description.contains("E"), "\(e)")
        #expect(e.latex.contains("\\pi") && e.latex.contains("e"))
        #expect(e.cCode.contains("M_PI") && e.cCode.contains("M_E"))
        #expect(try Expr.parse(e.description) == e)
        #expect(try Expr.parse("pi").evaluated(at: [Symbol: Double]()) == Double.pi)
    }
}
