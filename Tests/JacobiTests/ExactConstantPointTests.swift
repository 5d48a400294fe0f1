import Foundation
import Jacobi
import TestSupport
import Testing

/// Points of exact constants (`x = pi/4`, `y = sqrt(2)`): every object at such a point is
/// exact, the same from every engine, equal in Double to the Double engines at the nearest
/// floats, and an error (never a printed constant) where it has no real value.
@Suite struct ExactConstantPointTests {
    static let x = Symbol("x"), y = Symbol("y")

    static func parse(_ s: String) -> Expr {
        do { return try Expr.parse(s) } catch { fatalError("test expression \(s) does not parse: \(error)") }
    }

    static func point(_ pairs: (Symbol, String)...) throws -> Point {
        try Point(exactly: pairs.map { ($0.0, try Expr.exactConstant(parsing: $0.1)) })
    }

    static func double(_ e: Expr) throws -> Double { try e.evaluated(at: [Symbol: Double]()) }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test func point_keepsRationalValuesRational_andConstantsExact() throws {
        let rational = try Self.point((Self.x, "0.25"), (Self.y, "-3/4"))
        #expect(rational.rationalValues == [Rational(1, 4), Rational(-3, 4)])
        #expect(try rational.coordinates(for: [Self.y, Self.x]) == [Rational(-3, 4), Rational(1, 4)])
        let a = try Self.point((Self.x, "pi/4"), (Self.y, "2"))
        #expect(!a.isRational)
        #expect(try a.exactCoordinates(for: [Self.y, Self.x]) == [Expr(2), Self.parse("pi/4")])
        #expect(throws: FunctionError.notRationalCoordinate(Self.x, value: Self.parse("pi/4"))) {
            try a.coordinates(for: [Self.x, Self.y])
        }
        #expect(throws: NotAConstant(text: "y + 1", variable: Self.y)) { try Point(exactly: [(Self.x, Self.parse("y + 1"))]) }
        #expect(throws: FunctionError.duplicateCoordinate(Self.x)) { try Point(exactly: [(Self.x, .pi), (Self.x, .pi)]) }
    }

    /// ∇(y·sin x) = (y·cos x, sin x) = (√2, √2/2) at (pi/4, 2), and the Hessian
    /// [[−y·sin x, cos x], [cos x, 0]]: the special values, from every engine.
    @Test(arguments: DifferentialEngine.allCases)
    func knownValuesAtPiOver4_fromEveryEngine(engine: DifferentialEngine) throws {
        let f = try Function(Self.parse("y*sin(x)"))
        let a = try Self.point((Self.x, "pi/4"), (Self.y, "2"))
        #expect(try f.value(at: a, engine: engine) == [Self.parse("sqrt(2)")])
        #expect(try f.gradient(at: a, engine: engine) == [Self.parse("sqrt(2)"), Self.parse("sqrt(2)/2")])
        let h = try f.hessian(at: a, engine: engine)
        #expect(h.rowList == [[Self.parse("-sqrt(2)"), Self.parse("sqrt(2)/2")], [Self.parse("sqrt(2)/2"), Expr(0)]])
        if engine != .forward {
            #expect(try f.hvp(at: a, direction: [1, 2], engine: engine) == [Expr(0), Self.parse("sqrt(2)/2")])
        }
        #expect(try f.jvp(at: a, direction: [1, 0], engine: engine) == [Self.parse("sqrt(2)")])
        #expect(try f.vjp(at: a, weights: [3], engine: engine) == [Self.parse("3*sqrt(2)"), Self.parse("3*sqrt(2)/2")])
    }

    /// sin around pi/6: 1/2 + (√3/2)h − h²/4 − (√3/12)h³ (the derivatives cycle sin, cos,
    /// −sin, −cos over k!), by both engines.
    @Test(arguments: [DifferentialEngine.symbolic, .reverse])
    func taylorOfSinAtPiOver6_isTheKnownSeries(engine: DifferentialEngine) throws {
        let f = try Function(Self.parse("sin(x)"))
        let model = try f.taylor(at: try Self.point((Self.x, "pi/6")), order: 3, engine: engine)
        #expect(model.terms.map(\.coefficient) == ["1/2", "sqrt(3)/2", "-1/4", "-sqrt(3)/12"].map(Self.parse))
        #expect(model.center == [Self.parse("pi/6")])
        #expect(
            try f.directionalDerivative(at: try Self.point((Self.x, "pi/6")), along: [2], order: 3, engine: engine)
                == Self.parse("-4*sqrt(3)"))
    }

    /// On random functions at (pi/4, E), the exact objects of every engine evaluate to the
    /// Double engines' values at the nearest floats.
    @Test func exactAtConstants_matchesDoubleEngines() throws {
        var g = SeededGenerator(seed: 0xC0_57A7)
        let texts = ["x^2*y + sin(x)/y", "exp(x*y) - log(y)*cos(x)", "atan(x - y)*sqrt(y)", "tan(x)^2 + x/(1 + y^2)"]
        let a = try Self.point((Self.x, "pi/4"), (Self.y, "E"))
        let floats = [Double.pi / 4, exp(1.0)]
        for text in texts {
            let f = try Function(Self.parse(text))
            let v: [Rational] = [Rational(Int.random(in: -3...3, using: &g)), Rational(Int.random(in: 1...4, using: &g))]
            let vd = v.map { Double($0) }
            for engine in DifferentialEngine.allCases {
                let grad = try f.gradient(at: a, engine: engine).map(Self.double)
                let gd: [Double] = try f.gradient(at: floats, engine: engine)
                #expect(zip(grad, gd).allSatisfy(Self.close), "∇(\(text)), \(engine)")
                let h = try f.hessian(at: a, engine: engine).map(Self.double)
                let hd: Matrix<Double> = try f.hessian(at: floats, engine: engine)
                #expect(zip(h.elements, hd.elements).allSatisfy(Self.close), "H(\(text)), \(engine)")
                let jv = try f.jvp(at: a, direction: v, engine: engine).map(Self.double)
                let jvd: [Double] = try f.jvp(at: floats, direction: vd, engine: engine)
                #expect(zip(jv, jvd).allSatisfy(Self.close), "J·v(\(text)), \(engine)")
            }
        }
    }

    /// Constants without a real value are errors at such points, whichever engine runs,
    /// also where the canonical constructors would fold them away (0·|0|⁻¹).
    @Test(arguments: DifferentialEngine.allCases)
    func undefinedAtConstants_isAnError(engine: DifferentialEngine) throws {
        let a = try Self.point((Self.x, "pi"))
        let minusPi = try Self.point((Self.x, "-pi"))
        #expect(throws: (any Error).self) { try Function(Self.parse("log(x)")).gradient(at: minusPi, engine: engine) }
        #expect(throws: (any Error).self) { try Function(Self.parse("1/(x - pi)")).gradient(at: a, engine: engine) }
        #expect(throws: (any Error).self) { try Function(Self.parse("abs(x - pi)")).gradient(at: a, engine: engine) }
        #expect(throws: (any Error).self) { try Function(Self.parse("sqrt(x - pi)")).gradient(at: a, engine: engine) }
        #expect(throws: (any Error).self) { try Function(Self.parse("tan(x/2)")).value(at: a, engine: engine) }
        // Defined there: sqrt(x - pi) has the value 0 at pi.
        #expect(try Function(Self.parse("sqrt(x - pi)")).value(at: a, engine: engine) == [Expr(0)])
    }
}
