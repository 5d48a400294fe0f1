import Jacobi
import TestSupport
import Testing

@Suite struct FunctionTests {
    static let x = Symbol("x"), y = Symbol("y"), z = Symbol("z")

    static func parse(_ s: String) -> Expr {
        // Test inputs are literals known to parse.
        (try? Expr.parse(s)) ?? .zero
    }

    static func randomPoint(_ g: inout SeededGenerator, _ n: Int) -> [Rational] {
        (0..<n).map { _ in Rational(Int.random(in: -9...9, using: &g), Int.random(in: 1...5, using: &g)) }
    }

    static let rationalFunctions = [
        "x^2*y + 3*x*y^2 - 7", "(x + y)^3/(1 + x^2)", "x*y/(x^2 + y^2 + 1)", "(x - 2*y + z)^3 + x*z",
        "1/(1 + x) + 1/(1 + y) - z/(2 + x*y)", "x^4 - x*y*z + z^2/3",
    ]

    @Test func allEngines_agreeExactlyAtRationalPoints() throws {
        var g = SeededGenerator(seed: 41)
        for text in Self.rationalFunctions {
            let f = try Function(Self.parse(text), variables: [Self.x, Self.y, Self.z])
            for _ in 0..<10 {
                let a = Self.randomPoint(&g, 3)
                let v = Self.randomPoint(&g, 3)
                guard let symbolic: [Rational] = try? f.gradient(at: a, engine: .symbolic) else { continue }  // a pole
                #expect(try f.gradient(at: a, engine: .reverse) == symbolic, "\(text) at \(a)")
                #expect(try f.gradient(at: a, engine: .forward) == symbolic, "\(text) at \(a)")
                let h: Matrix<Rational> = try f.hessian(at: a, engine: .symbolic)
                #expect(try f.hessian(at: a, engine: .reverse) == h)
                #expect(h == h.transposed)
                #expect(try f.hvp(at: a, direction: v) == h.applied(to: v))
                #expect(try f.jvp(at: a, direction: v) == [dot(symbolic, v)])
                #expect(try f.directionalDerivative(at: a, along: v, engine: .symbolic) == dot(symbolic, v))
            }
        }
    }

    @Test func symbolicAndTapeBuiltDifferentials_areEqual() throws {
        var g = SeededGenerator(seed: 42)
        let f = try Function(["x*y", "x/(1 + y^2)", "x^2 - y*x"].map(Self.parse), variables: [Self.x, Self.y])
        for _ in 0..<20 {
            let a = Self.randomPoint(&g, 2)
            let symbolic: LinearMap<Rational> = try f.differential(at: a, engine: .symbolic)
            let forward: LinearMap<Rational> = try f.differential(at: a, engine: .forward)
            let reverse: LinearMap<Rational> = try f.differential(at: a, engine: .reverse)
            #expect(forward.isLazy && !symbolic.isLazy)
            #expect(try symbolic.matrix() == forward.matrix())
            #expect(try symbolic.matrix() == reverse.matrix())
            let w = Self.randomPoint(&g, 3)
            #expect(try symbolic.applyTransposed(w) == f.vjp(at: a, weights: w))
            #expect(try forward.applyTransposed(w) == f.vjp(at: a, weights: w, engine: .forward))
        }
    }

    @Test func taylorModelOfAQuadratic_isExact() throws {
        let q = Self.parse("3*x^2 - 2*x*y + y/2 + 7")
        let f = try Function(q)
        for engine in DifferentialEngine.allCases {
            let t = try f.taylor(at: [Rational(1, 2), 3], order: 2, engine: engine)
            #expect(try t.expression.expanded() == q.expanded(), "\(engine)")
            var g = SeededGenerator(seed: 43)
            for _ in 0..<10 {
                let p = Self.randomPoint(&g, 2)
                #expect(try t.remainder(of: q, at: p).isZero)
            }
        }
    }

    @Test func taylorModelOfACubic_leavesExactlyTheCubicTerm() throws {
        let c = Self.parse("x^3 + x*y^2 - 4*x*y + y")
        let f = try Function(c)
        let a: [Rational] = [Rational(2, 3), Rational(-1)]
        let t = try f.taylor(at: a, order: 2)
        var g = SeededGenerator(seed: 44)
        for _ in 0..<20 {
            let p = Self.randomPoint(&g, 2)
            let hx = p[0] - a[0], hy = p[1] - a[1]
            // The cubic part of f in h = p − a: hx³ + hx·hy².
            let cubic = hx * hx * hx + hx * hy * hy
            #expect(try t.remainder(of: c, at: p).rationalValue == cubic)
        }
        // Order 1 leaves the quadratic and cubic parts: check one point by hand.
        let t1 = try f.taylor(at: [0, 0], order: 1)
        #expect(t1.expression == Self.parse("y"))
    }

    @Test func transcendentalValues_stayExact() throws {
        let f = try Function(["x*y", "sin(x) + y^2"].map(Self.parse))
        let j: Matrix<Expr> = try f.jacobian(at: [Expr(Rational(1, 2)), Expr(3)])
        #expect(j.rowList.map { $0.map(\.description) } == [["3", "1/2"], ["cos(1/2)", "6"]])
        #expect(throws: (any Error).self) { let _: Matrix<Rational> = try f.jacobian(at: [Rational(1, 2), 3]) }
        let t = try Function(Self.parse("sin(x)*y")).taylor(at: [Rational(1, 2), 3], order: 1)
        #expect(t.value == Self.parse("3*sin(1/2)"))
        #expect(t.evaluatedExactly(at: [Rational(1, 2), 3]) == t.value)
    }

    @Test func newton_convergesInOneExactStepOnAQuadratic() throws {
        let f = try Function(Self.parse("(x - 1/3)^2 + 2*(y + 5/7)^2 + x*y/4"))
        let a: [Rational] = [7, -2]
        let h: Matrix<Rational> = try f.hessian(at: a)
        let step = try h.solve(f.gradient(at: a))
        let next = zip(a, step).map { $0 - $1 }
        #expect(try f.gradient(at: next).allSatisfy(\.isZero))
    }

    @Test func misuse_throwsTypedErrors() throws {
        let f = try Function(["x", "y"].map(Self.parse))
        #expect(throws: FunctionError.notScalarValued(outputs: 2)) { try f.gradient() }
        #expect(throws: FunctionError.unlistedVariable(Self.y)) { try Function(Self.parse("x*y"), variables: [Self.x]) }
        #expect(throws: FunctionError.self) { let _: [Rational] = try f.jvp(at: [1, 2], direction: [1]) }
    }
}
