import AutoDiff
import Derivatives
import Differentials
import Exact
import Symbolic

// Objects at an exact `Point`, as exact values: every engine runs over `Rational` first
// (exact numbers, the cheap case), and only when a value is not rational (sin(1/2), √2)
// once more over `Expr`, whose values stay exact expressions. Both runs give the same
// numbers where both are defined, so the fallback changes only what can be represented.
// A point whose coordinates are not all rational (`x = pi/4`) goes over `Expr` at once;
// the canonical constructors then fold what they know (sin(pi/4) = sqrt(2)/2), and every
// result is checked for constants without a real value (log(-pi), 1/0 after folding),
// which the `Expr` sweeps cannot decide by themselves for non-numeric arguments.
// The symbolic engine first evaluates f itself at the point (a derivative may have a value
// where f has none, e.g. x·log(x)'s derivative's pieces), and turns the division by zero
// in u/|u| (the derivative of abs at 0) into "not differentiable".

extension Function {
    /// The rational coordinates of `a` in ``variables`` order.
    ///
    /// - Throws: ``FunctionError/missingCoordinate(_:)``, ``FunctionError/unknownCoordinate(_:variables:)``,
    ///   ``FunctionError/notRationalCoordinate(_:value:)`` (see ``exactCoordinates(of:)``).
    public func coordinates(of a: Point) throws -> [Rational] {
        try a.coordinates(for: variables)  // O(n) when already in order (a program's points)
    }

    /// The exact coordinates of `a` in ``variables`` order (rational or not).
    ///
    ///     try Function(sin(x)).exactCoordinates(of: Point(exactly: [(x, Expr.pi / 4)]))   // [pi/4]
    ///
    /// - Throws: ``FunctionError/missingCoordinate(_:)``, ``FunctionError/unknownCoordinate(_:variables:)``.
    public func exactCoordinates(of a: Point) throws -> [Expr] {
        try a.exactCoordinates(for: variables)
    }

    /// Computes at `a` over `Rational` where it can: `rational` at a's coordinates (in
    /// ``variables`` order) when every coordinate is rational and so is every value computed;
    /// otherwise `exact` at `a` — the `Point` methods, whose values are exact expressions.
    /// Both give the same numbers where both are defined, so this only saves building an
    /// `Expr` per value; a batch of many rational points runs over `Rational` end to end.
    /// For f = x²y at a = (3, 2):
    ///
    ///     try f.atPoint(a, engine: .reverse, rational: { try f.gradient(at: $0) }, exact: { try f.gradient(at: $0) })   // .rational([12, 9])
    ///
    /// - Throws: what `exact` throws: a rational computation that fails is run again by
    ///   `exact`, so a point's error is the `Point` method's, whichever path was tried first.
    @inlinable
    public func atPoint<R, E>(
        _ a: Point, engine: DifferentialEngine?, rational: ([Rational]) throws -> R, exact: (Point) throws -> E
    ) throws -> AtPoint<R, E> {
        guard a.isRational, let r = try? coordinates(of: a) else { return .exact(try exact(a)) }
        try requireDefined(at: a, engine)  // what the `Point` methods check first (symbolic engine)
        if let value = try? rational(r) { return .rational(value) }
        return .exact(try exact(a))
    }

    /// Runs `body` over Rational, or, when a value (or a coordinate) is not rational, over
    /// exact expressions.
    func exactly<R: ExactResult>(_ a: Point, _ body: ([Rational]) throws -> R, else expression: ([Expr]) throws -> R) throws -> R {
        guard a.isRational else {
            let e = try exactCoordinates(of: a)
            let result = try notDifferentiableAtAbs { try expression(e) }
            for value in result.exactEntries { try Function.checkDefined(value) }
            return result
        }
        let r = try coordinates(of: a)
        do {
            return try body(r)
        } catch TapeError.domain(.notRational, _, _) {
        } catch EvaluationError.notRational {
        } catch let EvaluationError.divisionByZero(sub) where sub.callsAbs {
            throw FunctionError.notDifferentiable("abs has no derivative where its argument is 0 (in \(sub))")
        }
        return try notDifferentiableAtAbs { try expression(r.map { Expr($0) }) }
    }

    private func notDifferentiableAtAbs<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let EvaluationError.divisionByZero(sub) where sub.callsAbs {
            throw FunctionError.notDifferentiable("abs has no derivative where its argument is 0 (in \(sub))")
        }
    }

    /// An exact value with a constant subexpression that has no real value (`log(-pi)`)
    /// is an error (`UndefinedConstant`), never a result.
    static func checkDefined(_ value: Expr) throws {
        try value.checkDefined()
    }

    /// The symbolic engine needs f defined at a before its derivatives are evaluated there;
    /// at a point that is not rational every engine does (the `Expr` sweeps cannot decide
    /// `log(-pi)` on their own).
    @usableFromInline
    func requireDefined(at a: Point, _ engine: DifferentialEngine?) throws {
        if engine == .symbolic || !a.isRational { _ = try value(at: a, engine: .symbolic) }
    }

    /// f(a), exactly: numbers where rational, exact expressions otherwise; by the tape, or
    /// (`.symbolic`) by substituting into the expressions.
    ///
    ///     try Function([x*y, sin(x)]).value(at: Point([(x, 1/2), (y, 3)]))   // [3/2, sin(1/2)]
    ///
    /// - Throws: coordinate errors (``coordinates(of:)``); `TapeError` (`EvaluationError` for
    ///   `.symbolic`) where f is undefined.
    public func value(at a: Point, engine: DifferentialEngine = .reverse) throws -> [Expr] {
        if engine == .symbolic {
            guard a.isRational else {
                let p = Dictionary(uniqueKeysWithValues: zip(variables, try exactCoordinates(of: a)))
                return try outputs.map { e in
                    let v = try Expr.evaluate(e, at: p)
                    try Function.checkDefined(v)
                    return v
                }
            }
            let p = Dictionary(uniqueKeysWithValues: zip(variables, try coordinates(of: a)))
            return try expressions().map { try $0.evaluatedExactly(at: p) }
        }
        return try exactly(a, { try value(at: $0).map { Expr($0) } }, else: { try value(at: $0) })
    }

    /// ∇f(a), exactly (see ``gradient(at:engine:)-swift.method`` for the engines).
    ///
    ///     try Function(x^2 * y).gradient(at: Point([(x, 3), (y, 2)]))   // [12, 9]
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``; coordinate and domain errors
    ///   (``FunctionError/notDifferentiable(_:)`` for abs at 0 by the symbolic engine).
    public func gradient(at a: Point, engine: DifferentialEngine = .reverse) throws -> [Expr] {
        try requireDefined(at: a, engine)
        return try exactly(
            a, { try gradient(at: $0, engine: engine).map { Expr($0) } },
            else: { try gradient(at: $0, engine: engine) })
    }

    /// The partials ∂f/∂v(a) for `wrt` only, exactly: a tape engine computes the whole
    /// gradient (one sweep either way) and picks; the symbolic engine evaluates those partials.
    ///
    ///     try Function(x^2 * y).partials(withRespectTo: [y], at: Point([(x, 3), (y, 2)]))   // [9]
    ///
    /// - Throws: ``FunctionError/unlistedVariable(_:)`` for a `wrt` symbol that is not a
    ///   variable; as `gradient(at:engine:)`.
    public func partials(withRespectTo wrt: [Symbol], at a: Point, engine: DifferentialEngine = .reverse) throws -> [Expr] {
        let picked = try indices(of: wrt)
        if engine == .symbolic {
            try requireDefined(at: a, engine)
            let p = try partials(withRespectTo: wrt)
            return try exactly(a, { r in try evaluate(p, at: r).map { Expr($0) } }, else: { try evaluate(p, at: $0) })
        }
        let g = try gradient(at: a, engine: engine)
        return picked.map { g[$0] }
    }

    /// J(a), exactly (m×n; `nil` engine: ``cheapestJacobianEngine``).
    ///
    ///     try Function([x*y, sin(x)]).jacobian(at: Point([(x, 1/2), (y, 3)]))   // [[3, 1/2], [cos(1/2), 0]]
    ///
    /// - Throws: coordinate errors; `TapeError`/`EvaluationError` where f or J is undefined at a.
    public func jacobian(at a: Point, engine: DifferentialEngine? = nil) throws -> Matrix<Expr> {
        try requireDefined(at: a, engine)
        return try exactly(
            a, { try jacobian(at: $0, engine: engine).map { Expr($0) } },
            else: { try jacobian(at: $0, engine: engine) })
    }

    /// H(a), exactly (forward-over-reverse, or the symbolic Hessian at a).
    ///
    ///     try Function(x^2 * y).hessian(at: Point([(x, 1), (y, 2)]))   // [[4, 2], [2, 0]]
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``; coordinate and domain errors.
    public func hessian(at a: Point, engine: DifferentialEngine = .reverse) throws -> Matrix<Expr> {
        try requireDefined(at: a, engine)
        return try exactly(
            a, { try hessian(at: $0, engine: engine).map { Expr($0) } },
            else: { try hessian(at: $0, engine: engine) })
    }

    /// J(a)·v, exactly: one forward sweep (`.forward`), m reverse sweeps — J·v from VJPs,
    /// the rows of J (`.reverse`), or the symbolic Jacobian at a (`.symbolic`).
    ///
    ///     try Function([x*y]).jvp(at: Point([(x, 2), (y, 3)]), direction: [1, 0])   // [3]
    ///
    /// - Throws: ``FunctionError/dimensionMismatch(what:expected:got:)``; coordinate and domain errors.
    public func jvp(at a: Point, direction v: [Rational], engine: DifferentialEngine = .forward) throws -> [Expr] {
        try requireDefined(at: a, engine)
        return try exactly(
            a, { try jvp(at: $0, direction: v, engine: engine).map { Expr($0) } },
            else: { try jvp(at: $0, direction: v.map { Expr($0) }, engine: engine) })
    }

    /// wᵀJ(a), exactly: one reverse sweep (`.reverse`), n forward sweeps — wᵀJ from JVPs,
    /// the columns of J (`.forward`), or the symbolic Jacobian at a.
    ///
    ///     try Function([x*y, x]).vjp(at: Point([(x, 2), (y, 3)]), weights: [1, 1])   // [4, 2]
    ///
    /// - Throws: ``FunctionError/dimensionMismatch(what:expected:got:)``; coordinate and domain errors.
    public func vjp(at a: Point, weights w: [Rational], engine: DifferentialEngine = .reverse) throws -> [Expr] {
        try requireDefined(at: a, engine)
        return try exactly(
            a, { try vjp(at: $0, weights: w, engine: engine).map { Expr($0) } },
            else: { try vjp(at: $0, weights: w.map { Expr($0) }, engine: engine) })
    }

    /// H(a)·v, exactly (forward-over-reverse, or the symbolic Hessian at a).
    ///
    ///     try Function(x^2 * y).hvp(at: Point([(x, 1), (y, 2)]), direction: [1, 0])   // [4, 2]
    ///
    /// - Throws: ``FunctionError/engineNotAvailable(object:engine:)`` for `.forward`.
    public func hvp(at a: Point, direction v: [Rational], engine: DifferentialEngine = .reverse) throws -> [Expr] {
        try requireDefined(at: a, engine)
        return try exactly(
            a, { try hvp(at: $0, direction: v, engine: engine).map { Expr($0) } },
            else: { try hvp(at: $0, direction: v.map { Expr($0) }, engine: engine) })
    }

    /// D_v f(a) = ∇f(a)·v, exactly (one forward sweep by default).
    ///
    ///     try Function(x * y).directionalDerivative(at: Point([(x, 1), (y, 1)]), along: [1, 2])   // 3
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``; coordinate and domain errors.
    public func directionalDerivative(at a: Point, along v: [Rational], engine: DifferentialEngine = .forward) throws -> Expr {
        try requireScalar()
        return try jvp(at: a, direction: v, engine: engine)[0]
    }

    /// The Taylor model of order k around `a`, rational or of exact constants such as pi/4
    /// (see ``taylor(at:order:engine:)-swift.method``).
    ///
    ///     try Function(x^3).taylor(at: Point([(x, 1)])).expression   // 3*x^2 - 3*x + 1
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``; coordinate and domain errors.
    public func taylor(at a: Point, order: Int = 2, engine: DifferentialEngine = .reverse) throws -> TaylorModel {
        try requireDefined(at: a, engine)
        if !a.isRational {
            let model = try taylor(at: exactCoordinates(of: a), order: order, engine: engine)
            for c in model.exactEntries { try Function.checkDefined(c) }
            return model
        }
        return try taylor(at: coordinates(of: a), order: order, engine: engine)
    }
}

/// A result at an exact ``Point`` from ``Function/atPoint(_:engine:rational:exact:)``:
/// rational numbers (no `Expr` built) when every coordinate and every value is rational,
/// else the exact expressions of the `Point` methods (`cos(1/2)`, `sqrt(2)/2`).
///
///     AtPoint<[Rational], [Expr]>.rational([12, 9])
public enum AtPoint<Rationals, Expressions> {
    /// Every value rational, computed over `Rational`.
    case rational(Rationals)
    /// Exact values, some of them not rational (or a coordinate that is not).
    case exact(Expressions)
}

extension AtPoint: Sendable where Rationals: Sendable, Expressions: Sendable {}

/// A result at a point whose entries are exact values (checked for undefined constants).
protocol ExactResult {
    var exactEntries: [Expr] { get }
}

extension Expr: ExactResult {
    var exactEntries: [Expr] { [self] }
}

extension Array: ExactResult where Element == Expr {
    var exactEntries: [Expr] { self }
}

extension Matrix: ExactResult where Element == Expr {
    var exactEntries: [Expr] { elements }
}

extension SparseMatrix: ExactResult where Element == Expr {
    var exactEntries: [Expr] { values }
}

extension TaylorModel: ExactResult {
    var exactEntries: [Expr] { terms.map(\.coefficient) }
}

extension Expr {
    /// Whether an `abs` call occurs in the expression.
    var callsAbs: Bool {
        if case .call(.abs, _) = kind { return true }
        var found = false
        forEachChild { if !found && $0.callsAbs { found = true } }
        return found
    }
}
