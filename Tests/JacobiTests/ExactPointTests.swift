import Jacobi
import Testing

/// The library's exact-at-a-point door: `Point`, natural variable order, values exact as
/// rationals where they are, exact expressions where not, the same from every engine.
@Suite struct ExactPointTests {
    static let x = Symbol("x"), y = Symbol("y")

    static func function(_ texts: String...) throws -> Function {
        try Function(texts.map { try Expr.parse($0) })
    }

    @Test func naturalOrder_putsX2BeforeX10() {
        let names = ["x10", "x2", "y", "x1", "x02", "a", "x"].map { Symbol($0) }
        #expect(names.sorted(by: Symbol.naturalOrder).map(\.name) == ["a", "x", "x1", "x02", "x2", "x10", "y"])
        #expect(names.naturallySorted().count == 7)
    }

    @Test func function_defaultsToNaturalOrder() throws {
        let f = try Self.function("x10*x2 + x1")
        #expect(f.variables.map(\.name) == ["x1", "x2", "x10"])
    }

    @Test func point_readsCoordinatesInTheFunctionsOrder() throws {
        let a = try Point([(Self.y, 3), (Self.x, Rational(1, 2))])
        #expect(try a.coordinates(for: [Self.x, Self.y]) == [Rational(1, 2), 3])
        #expect(throws: FunctionError.missingCoordinate(Self.y)) { try Point([(Self.x, 1)]).coordinates(for: [Self.x, Self.y]) }
        #expect(throws: FunctionError.unknownCoordinate(Symbol("z"), variables: [Self.x])) {
            try Point([(Self.x, 1), (Symbol("z"), 2)]).coordinates(for: [Self.x])
        }
        #expect(throws: FunctionError.duplicateCoordinate(Self.x)) { try Point([(Self.x, 1), (Self.x, 2)]) }
    }

    /// Rational first: where every value is rational the result is numbers, equal to the
    /// Rational engines'; where one is not, the exact expression, equal in Double.
    @Test(arguments: DifferentialEngine.allCases)
    func exactValues_areTheRationalOnes_orExactExpressions(engine: DifferentialEngine) throws {
        let f = try Self.function("x^2*y + sin(x)/y")
        let rationalPoint = try Point([(Self.x, 0), (Self.y, 3)])
        let rational: [Rational] = try f.gradient(at: [0, 3], engine: engine)
        #expect(try f.gradient(at: rationalPoint, engine: engine) == rational.map { Expr($0) })
        let a = try Point([(Self.x, Rational(1, 2)), (Self.y, 3)])
        let exact = try f.gradient(at: a, engine: engine)
        #expect(exact.map(\.description) == ["cos(1/2)/3 + 3", "1/4 - sin(1/2)/9"])
        let floats: [Double] = try f.gradient(at: [0.5, 3], engine: engine)
        for (e, d) in zip(exact, floats) {
            #expect(abs(try e.evaluated(at: [Symbol: Double]()) - d) <= 1e-15 * max(1, abs(d)))
        }
    }

    /// J·v from VJPs (reverse) and wᵀJ from JVPs (forward) equal the one-sweep products.
    @Test func productsByTheOtherMode_equalTheOneSweepProducts() throws {
        let g = try Self.function("x*y", "exp(x) + y^3", "x/(1 + y^2)")
        let a = try Point([(Self.x, Rational(1, 3)), (Self.y, -2)])
        let v: [Rational] = [2, Rational(-1, 3)]
        let w: [Rational] = [1, -1, 5]
        #expect(try g.jvp(at: a, direction: v, engine: .reverse) == g.jvp(at: a, direction: v, engine: .forward))
        #expect(try g.jvp(at: a, direction: v, engine: .symbolic) == g.jvp(at: a, direction: v, engine: .forward))
        #expect(try g.vjp(at: a, weights: w, engine: .forward) == g.vjp(at: a, weights: w, engine: .reverse))
        #expect(try g.vjp(at: a, weights: w, engine: .symbolic) == g.vjp(at: a, weights: w, engine: .reverse))
    }

    @Test func hvp_hasNoForwardEngine() throws {
        let f = try Self.function("x^2*y")
        let a = try Point([(Self.x, 1), (Self.y, 2)])
        #expect(throws: FunctionError.engineNotAvailable(object: "H·v", engine: .forward)) {
            try f.hvp(at: a, direction: [1, 0], engine: .forward)
        }
        #expect(try f.hvp(at: a, direction: [1, 0]).map(\.description) == ["4", "2"])
    }

    @Test func partials_withRespectToSomeVariables_pickFromTheGradient() throws {
        let f = try Self.function("x*y^2 + x^3")
        let a = try Point([(Self.x, 2), (Self.y, 3)])
        #expect(try f.partials(withRespectTo: [Self.y, Self.x]).map(\.description) == ["2*x*y", "3*x^2 + y^2"])
        for engine in DifferentialEngine.allCases {
            #expect(try f.partials(withRespectTo: [Self.y], at: a, engine: engine).map(\.description) == ["12"])
        }
    }

    /// The symbolic products are simplified: x/(x+y) + y/(x+y) is 1, so wᵀJ for w = (1, 1) is 0.
    @Test func symbolicProducts_areSimplified() throws {
        let f = try Self.function("x/(x + y)", "y/(x + y)")
        #expect(try f.vjp(weights: [Expr.one, Expr.one]).map(\.description) == ["0", "0"])
    }

    @Test func abs_atZero_isNotDifferentiable_saidByTheSymbolicEngine() throws {
        let f = try Self.function("abs(x)")
        let a = try Point([(Self.x, 0)])
        #expect(throws: FunctionError.self) { try f.gradient(at: a, engine: .symbolic) }
    }

    @Test func taylorTerms_areEveryCoefficientInGradedLexOrder() throws {
        let f = try Self.function("x^2*y + y")
        let model = try f.taylor(at: Point([(Self.x, 1), (Self.y, 2)]))
        #expect(model.terms.map(\.powers) == [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2]])
        // f = 4 + 4(x−1) + 2(y−2) + 2(x−1)² + 2(x−1)(y−2) + 0 exactly (f is a cubic: the rest is (x−1)²(y−2)).
        #expect(model.terms.map(\.coefficient.description) == ["4", "4", "2", "2", "2", "0"])
    }

    /// A hand-written gradient against the tape: the right one passes, a sign error and an
    /// index slip are caught at the first point where they show, with both exact values.
    @Test func checkGradient_catchesSignErrorsAndIndexSlips() throws {
        let f = try Self.function("x^2*y + x/(1 + y^2)")
        let right = try ["2*x*y + 1/(1 + y^2)", "x^2 - 2*x*y/(1 + y^2)^2"].map { try Expr.parse($0) }
        #expect(try f.checkGradient(right, configuration: .init(points: 30, seed: 5)).passed)
        let sign = try ["2*x*y + 1/(1 + y^2)", "x^2 + 2*x*y/(1 + y^2)^2"].map { try Expr.parse($0) }
        let s = try f.checkGradient(sign, configuration: .init(points: 30, seed: 5))
        #expect(!s.passed && s.mismatch?.variable == Self.y)
        if let m = s.mismatch {
            let a = try m.point.coordinates(for: [Self.x, Self.y])
            let expected: [Rational] = try f.gradient(at: a)
            #expect(m.tape == Expr(expected[1]))
        }
        let slip = Array(right.reversed())
        #expect(try f.checkGradient(slip).mismatch?.entry == 0)
    }

    /// `atPoint`: over Rational where every coordinate and value is rational (the same
    /// numbers as the `Point` method), the `Point` method's exact expressions otherwise, and
    /// the `Point` method's error where there is one, whichever engine.
    @Test(arguments: DifferentialEngine.allCases)
    func atPoint_isRationalWhereItCanBe_andThePointMethodElsewhere(engine: DifferentialEngine) throws {
        let f = try Self.function("x^2*y + sin(x)/y")
        func run(_ a: Point) throws -> AtPoint<[Rational], [Expr]> {
            try f.atPoint(a, engine: engine, rational: { try f.gradient(at: $0, engine: engine) }, exact: { try f.gradient(at: $0, engine: engine) })
        }
        // ∇f = (2xy + cos(x)/y, x² − sin(x)/y²) = (1/3, 0) at (0, 3), given out of order.
        let zero = try Point([(Self.y, 3), (Self.x, 0)])
        guard case .rational(let r) = try run(zero) else {
            Issue.record("a rational point with rational values is computed over Rational")
            return
        }
        #expect(r == [Rational(1, 3), 0])
        #expect(r.map { Expr($0) } == (try f.gradient(at: zero, engine: engine)))
        // cos(1/2) is not rational, nor is the point x = pi/4: the Point method's expressions.
        for a in [try Point([(Self.x, Rational(1, 2)), (Self.y, 3)]), try Point(exactly: [(Self.x, Expr.pi / 4), (Self.y, Expr(2))])] {
            guard case .exact(let e) = try run(a) else {
                Issue.record("\(a.valueTexts): not all values are rational")
                continue
            }
            #expect(e == (try f.gradient(at: a, engine: engine)))
        }
        // At y = 0, f is undefined: the error is the Point method's.
        let pole = try Point([(Self.x, 1), (Self.y, 0)])
        let expected = "\(try #require(throws: (any Error).self) { try f.gradient(at: pole, engine: engine) })"
        #expect("\(try #require(throws: (any Error).self) { try run(pole) })" == expected)
    }
}
