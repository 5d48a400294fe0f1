import AutoDiff
import Derivatives
import Exact
import Symbolic

/// Cross-checks Jacobi's differentiation engines against each other at random rational
/// points: the symbolic engine (evaluated exactly), the tape's forward mode and its
/// reverse mode, for every first-order object (value, gradient, Jacobian, JVP, VJP) and
/// second-order one (Hessian, HVP), plus laws that need no second engine (the adjoint
/// identity ⟨w, J·v⟩ = ⟨Jᵀ·w, v⟩, exact Hessian symmetry, HVP = H·v).
///
///     let report = try CrossCheck().check([try Expr.parse("x^2/(1 + y)")], variables: [x, y])
///     report.passed   // true
///
/// **Exactness.** At a rational point where every value is rational, values are compared
/// for exact equality. For rational functions a third, rule-free oracle joins in: the
/// exact difference quotient of g(h) = f(a + h·v), cancelled and evaluated at h = 0
/// (``DifferenceQuotientOracle``), so a rule wrong in the same way in both engines is still
/// caught. Where a value is not rational (sin(1/2)), the symbolic formulas and the tape run
/// over `Expr` scalars must agree as expressions (identical after canonicalisation, else
/// equal at several random points), and Double values must agree within a tolerance scaled
/// by the magnitudes the computation passes through.
///
/// **Undefined points** (a pole, log of a negative number, abs at 0) are skipped and
/// counted in the report, never a crash; so are values too large for exact arithmetic.
///
/// The engines are values (``SymbolicEngine``, ``TapeEngine``), so a mutation test can
/// substitute one with a deliberately wrong rule and see the harness catch it.
public struct CrossCheck: Sendable {
    /// How many points, which seed, what tolerance.
    public struct Configuration: Sendable, Hashable {
        /// The number of random points per function.
        public var points: Int
        /// The seed of the points, directions and weights: the same seed gives the same run.
        public var seed: UInt64
        /// How coordinates, directions and weights are drawn.
        public var sampler: RationalSampler
        /// Doubles agree when |a − b| ≤ relativeTolerance · max(1, |a|, |b|, magnitude).
        public var relativeTolerance: Double
        /// A Double comparison is left out (counted as ill-conditioned) when the magnitudes
        /// the computation passes through exceed its result by more than this factor: the
        /// cancellation has then eaten the digits the tolerance relies on.
        public var maximumCancellation: Double
        /// How many of a function's points serve as witnesses when formulas are compared
        /// as expressions.
        public var witnessPoints: Int
        /// Whether Hessians and HVPs are compared (they cost n reverse sweeps and n² symbolic entries).
        public var secondOrder: Bool
        /// Whether each mismatch is traced to the smallest subexpression where it starts.
        public var localizesMismatches: Bool

        /// A configuration; the defaults check 8 points with seed 0.
        public init(
            points: Int = 8, seed: UInt64 = 0, sampler: RationalSampler = RationalSampler(),
            relativeTolerance: Double = 1e-8, maximumCancellation: Double = 1e6, witnessPoints: Int = 3,
            secondOrder: Bool = true, localizesMismatches: Bool = true
        ) {
            self.points = points
            self.seed = seed
            self.sampler = sampler
            self.relativeTolerance = relativeTolerance
            self.maximumCancellation = maximumCancellation
            self.witnessPoints = witnessPoints
            self.secondOrder = secondOrder
            self.localizesMismatches = localizesMismatches
        }
    }

    /// The run's settings.
    public var configuration: Configuration
    /// The symbolic engine (production: ``DerivativesEngine``).
    public var symbolic: any SymbolicEngine
    /// The tape engine (production: ``AutoDiffEngine``).
    public var tape: any TapeEngine

    /// A cross-check of `symbolic` against `tape`, by default the production engines.
    ///
    ///     CrossCheck(.init(points: 20, seed: 7))
    public init(
        _ configuration: Configuration = Configuration(), symbolic: any SymbolicEngine = DerivativesEngine(),
        tape: any TapeEngine = AutoDiffEngine()
    ) {
        self.configuration = configuration
        self.symbolic = symbolic
        self.tape = tape
    }

    /// Cross-checks the vector function (f₁, …, fₘ) of `variables` (in that order).
    ///
    ///     try CrossCheck().check([x * y, sin(x)], variables: [x, y]).passed   // true
    ///
    /// The tape is compiled from the expressions (`ExprCompiler`).
    /// - Throws: ``CrossCheckError/repeatedVariable(_:)``,
    ///   ``CrossCheckError/unboundVariable(_:)`` for a free symbol missing from `variables`.
    public func check(_ functions: [Expr], variables: [Symbol]) throws(CrossCheckError) -> CrossCheckReport {
        var seen = Set<Symbol>()
        for v in variables where !seen.insert(v).inserted { throw .repeatedVariable(v) }
        for f in functions {
            if let s = f.freeSymbols.first(where: { !seen.contains($0) }) { throw .unboundVariable(s) }
        }
        let compiled: Tape
        do { compiled = try ExprCompiler.compile(functions, inputs: variables) } catch { throw .tape(error) }
        return run(prepare(functions, variables, compiled))
    }

    /// Cross-checks a recorded program (a tape). Its symbolic form is the tape run over
    /// symbols (`x0`, `x1`, … unless `variables` names them); the engines run on the tape itself.
    ///
    ///     let t = try Tape.record(inputs: 1) { x in sqrt(x[0]) }
    ///     try CrossCheck().check(t).passed   // true
    ///
    /// - Throws: ``CrossCheckError/notExpressible(_:)`` when the tape has no symbolic form
    ///   (it compares values: recorded branches), ``CrossCheckError/repeatedVariable(_:)``.
    public func check(_ program: Tape, variables: [Symbol]? = nil) throws(CrossCheckError) -> CrossCheckReport {
        let names = variables ?? (0..<program.inputCount).map { Symbol("x\($0)") }
        var seen = Set<Symbol>()
        for v in names where !seen.insert(v).inserted { throw .repeatedVariable(v) }
        if names.count != program.inputCount {
            throw .tape(.dimensionMismatch(what: "variables", expected: program.inputCount, actual: names.count))
        }
        let functions: [Expr]
        do { functions = try program.evaluate(at: names.map { Expr($0) }) } catch { throw .notExpressible(error) }
        return run(prepare(functions, names, program))
    }

    func prepare(_ functions: [Expr], _ variables: [Symbol], _ tape: Tape) -> Subject {
        let hessians = configuration.secondOrder ? functions.map { symbolic.hessian(of: $0, withRespectTo: variables) } : []
        return Subject(
            functions: functions, variables: variables, tape: tape,
            jacobian: symbolic.jacobian(of: functions, withRespectTo: variables), hessians: hessians)
    }

    /// Draws the points and compares everything at each.
    func run(_ subject: Subject) -> CrossCheckReport {
        let tolerance = Tolerance(relative: configuration.relativeTolerance, maximumCancellation: configuration.maximumCancellation)
        var ledger = Ledger(report: CrossCheckReport(functions: subject.functions, variables: subject.variables), tolerance: tolerance)
        let root = SplitMix64(seed: configuration.seed)
        var oracle = true
        var witnesses: [CheckPoint] = []
        for k in 0..<configuration.points {
            var g = root.split(k)
            let sampler = configuration.sampler
            let a = sampler.vector(subject.n, using: &g)
            let point = CheckPoint(
                coordinates: a, direction: sampler.nonzeroVector(subject.n, using: &g),
                weights: sampler.nonzeroVector(subject.m, using: &g),
                environment: Dictionary(uniqueKeysWithValues: zip(subject.variables, a)))
            ledger.report.points += 1
            do throws(PointFailure) {
                let exact = PointComparison<Rational>(subject: subject, engine: tape, point: point, oracle: oracle)
                if let failure = try exact.run(into: &ledger) {
                    if case .notRationalFunction = failure { oracle = false }
                    if ledger.report.oracleNotApplicable == nil { ledger.report.oracleNotApplicable = failure.description }
                }
                ledger.report.exactPoints += 1
            } catch .notRational {
                do throws(PointFailure) {
                    let approximate = PointComparison<Double>(subject: subject, engine: tape, point: point, oracle: false)
                    _ = try approximate.run(into: &ledger)
                    if subject.m > 1 { compareRationalOutputs(subject, at: point, into: &ledger) }
                    ledger.report.approximatePoints += 1
                    witnesses.append(point)
                } catch {
                    ledger.skip(point, error)
                }
            } catch {
                ledger.skip(point, error)
            }
        }
        if ledger.report.approximatePoints > 0 && ledger.report.oracleNotApplicable == nil {
            ledger.report.oracleNotApplicable = "some values are not rational"
        }
        if !witnesses.isEmpty {
            compareFormulas(subject, witnesses: Array(witnesses.prefix(configuration.witnessPoints)), into: &ledger)
        }
        if configuration.localizesMismatches { localize(subject, &ledger) }
        return ledger.report
    }
}

/// Why a cross-check could not start.
public enum CrossCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A free symbol of a function is not among the variables.
    case unboundVariable(Symbol)
    /// A variable is listed twice.
    case repeatedVariable(Symbol)
    /// The tape could not be built or does not match the variables.
    case tape(TapeError)
    /// A recorded program has no symbolic form (it compares traced values).
    case notExpressible(TapeError)

    /// The one-line printed form.
    public var description: String {
        switch self {
        case .unboundVariable(let s): "the variable \(s) is not in the list of variables"
        case .repeatedVariable(let s): "the variable \(s) is listed twice"
        case .tape(let e): "\(e)"
        case .notExpressible(let e): "the program has no symbolic form: \(e)"
        }
    }
}
