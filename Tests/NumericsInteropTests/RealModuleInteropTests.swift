import Jacobi
import RealModule
import Testing

// A user's file importing both swift-numerics' RealModule and Jacobi. Every unqualified-
// looking static below (`Double.exp`, `Float.sin`, `T.cos`) must resolve to RealModule's,
// and Jacobi's checked functions (`checkedExp`, …) to Jacobi's: if the two modules shared a
// name, this file would not compile. The assertions check that both compute the same
// mathematics: the tape calls the same C library as RealModule, so values agree exactly.

/// exp(x)·sin(x) written against RealModule's protocol.
func realModuleProduct<T: Real>(_ x: T) -> T { T.exp(x) * T.sin(x) }

/// The same function written against Jacobi's checked protocol.
func checkedProduct<T: CheckedElementaryFunctions>(_ x: T) throws(ScalarError) -> T {
    try T.checkedExp(x) * T.checkedSin(x)
}

@Suite struct RealModuleInteropTests {
    static let x = Symbol("x"), y = Symbol("y")

    static func function(_ text: String, _ variables: [Symbol]) throws -> Function {
        try Function(Expr.parse(text), variables: variables)
    }

    @Test func tapeValueOfExp_equalsRealModuleExp() throws {
        let f = try Self.function("exp(x)", [Self.x])
        #expect(try f.value(at: [0.5]) == [Double.exp(0.5)])
        // (eˣ)' = eˣ, by every engine.
        #expect(try f.gradient(at: [0.5], engine: .reverse) == [Double.exp(0.5)])
        #expect(try f.gradient(at: [0.5], engine: .forward) == [Double.exp(0.5)])
        #expect(try f.gradient(at: [0.5], engine: .symbolic) == [Double.exp(0.5)])
        // Exactly: the derivative at 1/2 is the expression exp(1/2), whose value is RealModule's.
        let exact: [Expr] = try f.gradient(at: [Expr(Rational(1, 2))])
        #expect(exact == [Expr.call(.exp, Expr(Rational(1, 2)))])
        #expect(try exact.map { try Double.evaluate($0, at: [:]) } == [Double.exp(0.5)])
    }

    @Test func gradientOfSinTimesY_isCosAndSinOfRealModule() throws {
        // ∇(y·sin x) = (y·cos x, sin x); at (1/2, 2) the products by 2 are exact.
        let f = try Self.function("y*sin(x)", [Self.x, Self.y])
        let expected = [2 * Double.cos(0.5), Double.sin(0.5)]
        #expect(try f.gradient(at: [0.5, 2.0], engine: .reverse) == expected)
        #expect(try f.gradient(at: [0.5, 2.0], engine: .forward) == expected)
        // The Hessian's off-diagonal entry is cos x, its (x, x) entry −y·sin x.
        let h: Matrix<Double> = try f.hessian(at: [0.5, 2.0])
        #expect(h[0, 1] == Double.cos(0.5))
        #expect(h[1, 0] == Double.cos(0.5))
        #expect(h[0, 0] == -2 * Double.sin(0.5))
        #expect(h[1, 1] == 0)
    }

    @Test func genericCodeOverBothProtocols_agrees() throws {
        for a in [-1.25, 0.0, 0.5, 3.0] {
            let viaRealModule = realModuleProduct(a)
            #expect(try checkedProduct(a) == viaRealModule)
            #expect(try Self.function("exp(x)*sin(x)", [Self.x]).value(at: [a]) == [viaRealModule])
            // Over dual numbers Jacobi's generic code also differentiates:
            // (eˣ sin x)' = eˣ(sin x + cos x), up to the order of rounding.
            let tangent = try checkedProduct(Dual(a, 1.0)).tangent
            let expected = Double.exp(a) * (Double.sin(a) + Double.cos(a))
            #expect(Swift.abs(tangent - expected) <= 4 * expected.magnitude.ulp + Double.leastNormalMagnitude)
        }
    }

    @Test func floatFunctions_agreeWithTheDoubleTapeToOneFloatUlp() throws {
        // Jacobi's tapes run over Double; RealModule's Float.sin and Float.cos at the same
        // point agree with the tape's value and derivative rounded to Float, to one Float ulp.
        let f = try Self.function("sin(x)", [Self.x])
        for a: Float in [0.25, 1, -2.5] {
            let value = try f.value(at: [Double(a)])[0]
            let slope = try f.gradient(at: [Double(a)])[0]
            #expect(Swift.abs(Float(value) - Float.sin(a)) <= Float.sin(a).magnitude.ulp)
            #expect(Swift.abs(Float(slope) - Float.cos(a)) <= Float.cos(a).magnitude.ulp)
        }
    }

    @Test func domainErrors_areTypedInJacobiAndNaNInRealModule() throws {
        #expect(Double.log(-1).isNaN)
        #expect(throws: ScalarError.outsideDomain(expression: "log(-1.0)")) { try Double.checkedLog(-1) }
        #expect(Double.sqrt(-4).isNaN)
        #expect(throws: ScalarError.outsideDomain(expression: "sqrt(-4.0)")) { try Double.checkedSqrt(-4) }
        let f = try Self.function("log(x)", [Self.x])
        #expect(throws: TapeError.self) { try f.value(at: [-1.0]) }
        // Inside the domain both agree.
        #expect(try Double.checkedLog(2) == Double.log(2))
        #expect(try f.value(at: [2.0]) == [Double.log(2)])
    }
}
