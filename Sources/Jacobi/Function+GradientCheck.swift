import AutoDiff
import Exact
import Symbolic
import Verification

/// The outcome of checking gradient formulas against the tape (``Function/checkGradient(_:configuration:)``).
public struct GradientFormulaCheck: Sendable {
    /// The first entry where the formula and the tape disagree.
    public struct Mismatch: Sendable {
        /// The entry (0-based) of the gradient, and its variable.
        public let entry: Int
        public let variable: Symbol
        /// The point.
        public let point: Point
        /// ∂f/∂v at the point by the tape (reverse mode), exactly.
        public let tape: Expr
        /// The formula's value there, exactly, or why it has none.
        public let formula: Result<Expr, EvaluationError>
    }

    /// Points drawn.
    public let points: Int
    /// Points where every entry was equal exactly (equal rationals, or exact expressions that
    /// are equal after simplification).
    public let exactPoints: Int
    /// Points whose entries are not rational and whose equality simplification could not
    /// prove; they agree in Double to 1e-12 relative (a disagreement beyond that is a mismatch).
    public let approximatePoints: Int
    /// Points where f or its gradient has no value (a pole, log of a negative number).
    public let skippedPoints: Int
    /// The first disagreement, if any (the check stops there).
    public let mismatch: Mismatch?

    /// `true` when nothing disagreed and at least one point was compared.
    public var passed: Bool { mismatch == nil && exactPoints + approximatePoints > 0 }
}

extension Function {
    /// Checks hand-written gradient formulas (one per variable, in ``variables`` order)
    /// against the tape's reverse sweep at seeded random rational points, exactly: no
    /// tolerance where the values are rational. Like JAX's `check_grads`, without its
    /// tolerance.
    ///
    ///     try Function(x^2 * y).checkGradient([2*x*y, x^2]).passed    // true
    ///     try Function(x^2 * y).checkGradient([2*x*y, -x^2]).passed   // false: ∂f/∂y has the wrong sign
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``; ``FunctionError/dimensionMismatch(what:expected:got:)``
    ///   when the formulas are not one per variable; ``FunctionError/unlistedVariable(_:)``
    ///   when a formula uses a symbol that is not a variable.
    public func checkGradient(_ formulas: [Expr], configuration: GradientChecker.Configuration = .init()) throws -> GradientFormulaCheck {
        try requireScalar()
        try check("the gradient", formulas.count, inputDimension)
        for g in formulas {
            if let s = g.freeSymbols.first(where: { !variables.contains($0) }) { throw FunctionError.unlistedVariable(s) }
        }
        var generator = SplitMix64(seed: configuration.seed)
        var exact = 0, approximate = 0, skipped = 0
        for _ in 0..<configuration.points {
            let coordinates = configuration.sampler.vector(inputDimension, using: &generator)
            let a = Point(variables: variables, values: coordinates)
            guard let tape = try? gradient(at: a, engine: .reverse) else {
                skipped += 1
                continue
            }
            let values = Dictionary(uniqueKeysWithValues: zip(variables, coordinates))
            var proven = true
            for (i, g) in formulas.enumerated() {
                let given = Result { () throws(EvaluationError) -> Expr in try g.evaluatedExactly(at: values) }
                switch Self.compare(tape[i], given) {
                case .equal: continue
                case .agreeInDouble: proven = false
                case .different:
                    let m = GradientFormulaCheck.Mismatch(entry: i, variable: variables[i], point: a, tape: tape[i], formula: given)
                    return GradientFormulaCheck(
                        points: configuration.points, exactPoints: exact, approximatePoints: approximate,
                        skippedPoints: skipped, mismatch: m)
                }
            }
            if proven { exact += 1 } else { approximate += 1 }
        }
        return GradientFormulaCheck(
            points: configuration.points, exactPoints: exact, approximatePoints: approximate,
            skippedPoints: skipped, mismatch: nil)
    }

    enum Agreement { case equal, agreeInDouble, different }

    static func compare(_ tape: Expr, _ given: Result<Expr, EvaluationError>) -> Agreement {
        guard case .success(let g) = given else { return .different }
        if tape == g { return .equal }
        if tape.rationalValue != nil && g.rationalValue != nil { return .different }
        if (tape - g).simplified().isZero { return .equal }
        guard let a = try? tape.evaluated(at: [Symbol: Double]()), let b = try? g.evaluated(at: [Symbol: Double]()) else {
            return .different
        }
        return abs(a - b) <= 1e-12 * max(1, abs(a)) ? .agreeInDouble : .different
    }
}
