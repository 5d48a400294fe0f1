import AutoDiff
import Derivatives
import Differentials
import Exact
import Symbolic

/// Objects at a point a. Over `Rational` everything is exact (and throws where a value is
/// not rational); over `Expr` the values are exact expressions (`cos(1/2)`); over `Double`
/// they are floats. All engines give the same exact values; they differ in cost. The
/// Rational versions are compiled here once (`@_specialize(exported:)`), so a caller in
/// another module (the CLI's batches, a user's loop) runs them specialised, not through
/// the generic entry point, which costs about twice as much per point.
extension Function {
    func pointMap<S: PointScalar>(_ a: [S]) throws -> [Symbol: S] {
        try check("point", a.count, inputDimension)
        return Dictionary(uniqueKeysWithValues: zip(variables, a))
    }

    func evaluate<S: PointScalar>(_ exprs: [Expr], at a: [S]) throws -> [S] {
        let p = try pointMap(a)
        return try exprs.map { try S.evaluate($0, at: p) }
    }

    /// f(a).
    ///
    ///     try f.value(at: [Rational(1, 2), 3])
    @_specialize(exported:true,where S == Rational)
    public func value<S: PointScalar>(at a: [S]) throws -> [S] {
        try check("point", a.count, inputDimension)
        return try tape.evaluate(at: a)
    }

    /// ∇f(a): by default one reverse sweep.
    ///
    ///     try Function(x^2 * y).gradient(at: [Rational(3), 2])   // [12, 9]
    @_specialize(exported:true,where S == Rational)
    public func gradient<S: PointScalar>(at a: [S], engine: DifferentialEngine = .reverse) throws -> [S] {
        try requireScalar()
        switch engine {
        case .symbolic: return try evaluate(gradient(), at: a)
        case .reverse: return try tape.gradient(at: a)
        case .forward: return try tape.jacobian(at: a, mode: .forward)[0]
        }
    }

    /// J(a), m×n: n forward or m reverse sweeps (whichever the engine says), or the symbolic
    /// Jacobian evaluated at a.
    @_specialize(exported:true,where S == Rational)
    public func jacobian<S: PointScalar>(at a: [S], engine: DifferentialEngine? = nil) throws -> Matrix<S> {
        switch engine {
        case .symbolic?:
            let p = try pointMap(a)
            return try jacobian().map { try S.evaluate($0, at: p) }
        case .forward?: return Matrix(try tape.jacobian(at: a, mode: .forward))
        case .reverse?: return Matrix(try tape.jacobian(at: a, mode: .reverse))
        case nil: return Matrix(try tape.jacobian(at: a, mode: .automatic))
        }
    }

    /// H(a), n×n: n forward-over-reverse sweeps (either tape engine), or the symbolic Hessian
    /// evaluated at a.
    @_specialize(exported:true,where S == Rational)
    public func hessian<S: PointScalar>(at a: [S], engine: DifferentialEngine = .reverse) throws -> Matrix<S> {
        try requireScalar()
        if engine == .symbolic {
            let p = try pointMap(a)
            return try hessian().map { try S.evaluate($0, at: p) }
        }
        return Matrix(try tape.hessian(at: a))
    }

    /// J(a)·v: one forward sweep without forming J (`.reverse`: m reverse sweeps, the rows of J).
    @_specialize(exported:true,where S == Rational)
    public func jvp<S: PointScalar>(at a: [S], direction v: [S], engine: DifferentialEngine = .forward) throws -> [S] {
        try check("direction", v.count, inputDimension)
        switch engine {
        case .forward: return try tape.jvp(at: a, direction: v).tangent
        case .reverse: return try jacobian(at: a, engine: .reverse).applied(to: v)
        case .symbolic: return try jacobian(at: a, engine: .symbolic).applied(to: v)
        }
    }

    /// wᵀJ(a): one reverse sweep without forming J (`.forward`: n forward sweeps, the columns).
    @_specialize(exported:true,where S == Rational)
    public func vjp<S: PointScalar>(at a: [S], weights w: [S], engine: DifferentialEngine = .reverse) throws -> [S] {
        try check("weights", w.count, outputDimension)
        switch engine {
        case .reverse: return try tape.vjp(at: a, weights: w).cotangent
        case .forward: return try jacobian(at: a, engine: .forward).transposeApplied(to: w)
        case .symbolic: return try jacobian(at: a, engine: .symbolic).transposeApplied(to: w)
        }
    }

    /// H(a)·v: forward-over-reverse without forming H (`.reverse`), or the symbolic Hessian
    /// times v (`.symbolic`).
    ///
    /// - Throws: ``FunctionError/engineNotAvailable(object:engine:)`` for `.forward` (forward
    ///   mode alone has no H·v here: the tape's H·v is a forward sweep through the reverse one).
    @_specialize(exported:true,where S == Rational)
    public func hvp<S: PointScalar>(at a: [S], direction v: [S], engine: DifferentialEngine = .reverse) throws -> [S] {
        try requireScalar()
        try check("direction", v.count, inputDimension)
        switch engine {
        case .symbolic: return try hessian(at: a, engine: .symbolic).applied(to: v)
        case .reverse: return try tape.hvp(at: a, direction: v)
        case .forward: throw FunctionError.engineNotAvailable(object: "H·v", engine: .forward)
        }
    }

    /// D_v f(a) = ∇f(a)·v: one forward sweep.
    @_specialize(exported:true,where S == Rational)
    public func directionalDerivative<S: PointScalar>(at a: [S], along v: [S], engine: DifferentialEngine = .forward) throws -> S {
        try requireScalar()
        return try jvp(at: a, direction: v, engine: engine)[0]
    }

    /// The differential df_a as a linear map. With a tape engine it is lazy (applying it is
    /// one sweep; the matrix is formed only when asked); with `.symbolic` it is the symbolic
    /// Jacobian evaluated at a.
    ///
    ///     try f.differential(at: a).apply(v) == f.jvp(at: a, direction: v)   // true
    public func differential<S: PointScalar>(at a: [S], engine: DifferentialEngine = .forward) throws -> LinearMap<S> {
        try check("point", a.count, inputDimension)
        if engine == .symbolic { return LinearMap(matrix: try jacobian(at: a, engine: .symbolic), engine: .symbolic) }
        return LinearMap(tape: tape, at: a, engine: engine)
    }
}
