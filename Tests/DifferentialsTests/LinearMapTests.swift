import AutoDiff
import Differentials
import Exact
import TestSupport
import Testing

@Suite struct LinearMapTests {
    /// f: ℚ³ → ℚ², a rational map with random coefficients.
    static func inner(_ c: [Rational]) throws -> Tape {
        try Tape.record(inputs: 3) { x in
            [x[0] * x[1] * c[0] + x[2] * x[2] * c[1] + c[2], x[0] / (x[1] * x[1] + 1) + x[2] * c[3]]
        }
    }

    /// g: ℚ² → ℚ², another.
    static func outer(_ c: [Rational]) throws -> Tape {
        try Tape.record(inputs: 2) { y in [y[0] * y[0] * y[1] + y[1] * c[0], (y[0] - y[1] * c[1]) * (y[0] + 2)] }
    }

    static func composite(_ c: [Rational], _ d: [Rational]) throws -> Tape {
        try Tape.record(inputs: 3) { x in
            let f0 = x[0] * x[1] * c[0] + x[2] * x[2] * c[1] + c[2]
            let f1 = x[0] / (x[1] * x[1] + 1) + x[2] * c[3]
            return [f0 * f0 * f1 + f1 * d[0], (f0 - f1 * d[1]) * (f0 + 2)]
        }
    }

    static func randomRationals(_ g: inout SeededGenerator, _ k: Int) -> [Rational] {
        (0..<k).map { _ in Rational(Int.random(in: -7...7, using: &g), Int.random(in: 1...4, using: &g)) }
    }

    @Test func chainRule_isTheMatrixProductExactly() throws {
        var g = SeededGenerator(seed: 31)
        for _ in 0..<40 {
            let c = Self.randomRationals(&g, 4)
            let d = Self.randomRationals(&g, 2)
            let a = Self.randomRationals(&g, 3)
            let f = try Self.inner(c)
            let gTape = try Self.outer(d)
            let fa = try f.evaluate(at: a)
            let df = LinearMap(tape: f, at: a, engine: .forward)
            let dg = LinearMap(tape: gTape, at: fa, engine: .reverse)
            let chain = dg.composed(with: df)
            let direct = LinearMap(tape: try Self.composite(c, d), at: a, engine: .forward)
            #expect(try chain.matrix() == direct.matrix())
            #expect(try chain.matrix() == dg.matrix() * df.matrix())
            let v = Self.randomRationals(&g, 3)
            #expect(try chain.apply(v) == direct.apply(v))
            let w = Self.randomRationals(&g, 2)
            #expect(try chain.applyTransposed(w) == direct.applyTransposed(w))
        }
    }

    @Test func adjointIdentity_holdsExactly() throws {
        var g = SeededGenerator(seed: 32)
        for _ in 0..<40 {
            let f = try Self.inner(Self.randomRationals(&g, 4))
            let df = LinearMap(tape: f, at: Self.randomRationals(&g, 3))
            let v = Self.randomRationals(&g, 3)
            let w = Self.randomRationals(&g, 2)
            // ⟨w, df(v)⟩ = ⟨dfᵀ(w), v⟩.
            #expect(try dot(w, df.apply(v)) == dot(df.applyTransposed(w), v))
            #expect(try df.transposed.matrix() == df.matrix().transposed)
            #expect(try df.transposed.apply(w) == df.applyTransposed(w))
        }
    }

    @Test func lazyAndMaterialisedMaps_agree() throws {
        var g = SeededGenerator(seed: 33)
        let f = try Self.inner(Self.randomRationals(&g, 4))
        let a = Self.randomRationals(&g, 3)
        let lazyForward = LinearMap(tape: f, at: a, engine: .forward)
        let lazyReverse = LinearMap(tape: f, at: a, engine: .reverse)
        #expect(lazyForward.isLazy)
        let dense = LinearMap(matrix: try lazyForward.matrix(), engine: .forward)
        #expect(!dense.isLazy)
        #expect(try lazyForward.matrix() == lazyReverse.matrix())
        let v = Self.randomRationals(&g, 3)
        #expect(try dense.apply(v) == lazyForward.apply(v))
        #expect(dense.inputDimension == 3 && dense.outputDimension == 2)
    }

    @Test func newtonOnARationalQuadratic_convergesInOneExactStep() throws {
        // q(x) = ½ xᵀAx − bᵀx with A symmetric positive definite: the minimiser solves Ax = b.
        let q = try Tape.record(inputs: 3) { x in
            let ax0 = x[0] * 4 + x[1] + x[2] * Rational(1, 2)
            let ax1 = x[0] + x[1] * 3 - x[2]
            let ax2 = x[0] * Rational(1, 2) - x[1] + x[2] * 5
            let quadratic = (x[0] * ax0 + x[1] * ax1 + x[2] * ax2) * Rational(1, 2)
            return quadratic - (x[0] * 2 - x[1] * Rational(1, 3) + x[2] * 7)
        }
        let x0: [Rational] = [Rational(5), Rational(-2, 7), Rational(11, 3)]
        let gradient = try q.gradient(at: x0)
        let hessian = Matrix(try q.hessian(at: x0))
        let step = try hessian.solve(gradient)
        let x1 = zip(x0, step).map { $0 - $1 }
        #expect(try q.gradient(at: x1).allSatisfy(\.isZero))
        // And the Hessian is the constant matrix A, exactly symmetric.
        #expect(hessian == hessian.transposed)
    }
}
