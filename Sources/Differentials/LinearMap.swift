import AutoDiff
import Exact

/// Which engine produced a derivative.
public enum DifferentialEngine: String, Sendable, CaseIterable {
    /// Symbolic differentiation (module Derivatives), evaluated at the point.
    case symbolic
    /// Tape AD, forward mode (JVPs).
    case forward
    /// Tape AD, reverse mode (VJPs).
    case reverse
}

/// The differential df_a of f: ℝⁿ → ℝᵐ at a point a, as a linear map ℝⁿ → ℝᵐ.
///
///     let df = LinearMap(matrix: Matrix([[Rational(3), Rational(1, 2)]]), engine: .symbolic)
///     try df.apply([1, 2])            // [4]       (J·v)
///     try df.applyTransposed([1])     // [3, 1/2]  (Jᵀ·w)
///
/// A map is either a matrix (built from a symbolic Jacobian evaluated at a, or formed from
/// sweeps) or **lazy**: backed by a tape at a point, `apply` is one forward sweep and
/// `applyTransposed` one reverse sweep, and the matrix is formed only when asked (n forward
/// or m reverse sweeps, whichever is fewer). Compositions and transposes stay lazy too.
///
/// Laws: ⟨w, df(v)⟩ = ⟨dfᵀ(w), v⟩; d(g∘f)_a = dg_{f(a)} ∘ df_a (``composed(with:)``).
public struct LinearMap<Scalar: TapeScalar> {
    indirect enum Representation {
        case matrix(Matrix<Scalar>)
        case sparse(SparseMatrix<Scalar>)
        case tape(Tape, point: [Scalar])
        case composition(outer: LinearMap<Scalar>, inner: LinearMap<Scalar>)
        case transpose(LinearMap<Scalar>)
    }

    let representation: Representation
    /// The dimension n of the domain ℝⁿ.
    public let inputDimension: Int
    /// The dimension m of the codomain ℝᵐ.
    public let outputDimension: Int
    /// The engine that built it (for a composition: the inner map's).
    public let engine: DifferentialEngine

    /// The map v ↦ M·v of an m×n matrix.
    public init(matrix: Matrix<Scalar>, engine: DifferentialEngine) {
        representation = .matrix(matrix)
        inputDimension = matrix.columns
        outputDimension = matrix.rows
        self.engine = engine
    }

    /// The map v ↦ A·v of a sparse m×n matrix (a sparse Jacobian): applying it touches
    /// only the stored entries.
    ///
    ///     LinearMap(sparse: try SparseMatrix(pattern: .diagonal(2), values: [Rational(2), 3]), engine: .forward).apply([1, 1])   // [2, 3]
    public init(sparse: SparseMatrix<Scalar>, engine: DifferentialEngine) {
        representation = .sparse(sparse)
        inputDimension = sparse.columns
        outputDimension = sparse.rows
        self.engine = engine
    }

    /// The differential of the tape's function at `point`, lazily: nothing is computed
    /// until the map is applied or its matrix is asked for.
    ///
    /// - Parameters:
    ///   - tape: the function f, recorded or compiled.
    ///   - point: the point a at which df_a is taken.
    ///   - engine: `.forward` or `.reverse`: how the matrix is formed when asked
    ///     (`apply` is always forward, `applyTransposed` always reverse).
    /// - Precondition: `point.count == tape.inputCount`.
    public init(tape: Tape, at point: [Scalar], engine: DifferentialEngine = .forward) {
        precondition(point.count == tape.inputCount, "point of dimension \(point.count) for a tape with \(tape.inputCount) inputs")
        representation = .tape(tape, point: point)
        inputDimension = tape.inputCount
        outputDimension = tape.outputs.count
        self.engine = engine
    }

    private init(_ r: Representation, input: Int, output: Int, engine: DifferentialEngine) {
        representation = r
        inputDimension = input
        outputDimension = output
        self.engine = engine
    }

    /// df_a(v) = J·v (a JVP).
    ///
    /// - Throws: `TapeError` from a tape sweep (domain errors at the point).
    /// - Precondition: `v.count == inputDimension`.
    public func apply(_ v: [Scalar]) throws(TapeError) -> [Scalar] {
        precondition(v.count == inputDimension, "vector of dimension \(v.count) for a map from dimension \(inputDimension)")
        switch representation {
        case .matrix(let m): return m.applied(to: v)
        case .sparse(let a): return a.applied(to: v)
        case .tape(let t, let point): return try t.jvp(at: point, direction: v).tangent
        case .composition(let outer, let inner): return try outer.apply(inner.apply(v))
        case .transpose(let f): return try f.applyTransposed(v)
        }
    }

    /// df_aᵀ(w) = Jᵀ·w = (wᵀJ)ᵀ (a VJP).
    ///
    /// - Throws: `TapeError` from a tape sweep.
    /// - Precondition: `w.count == outputDimension`.
    public func applyTransposed(_ w: [Scalar]) throws(TapeError) -> [Scalar] {
        precondition(w.count == outputDimension, "vector of dimension \(w.count) for a map to dimension \(outputDimension)")
        switch representation {
        case .matrix(let m): return m.transposeApplied(to: w)
        case .sparse(let a): return a.transposeApplied(to: w)
        case .tape(let t, let point): return try t.vjp(at: point, weights: w).cotangent
        case .composition(let outer, let inner): return try inner.applyTransposed(outer.applyTransposed(w))
        case .transpose(let f): return try f.apply(w)
        }
    }

    /// The m×n matrix J of the map (the Jacobian at the point).
    ///
    /// - Throws: `TapeError` from tape sweeps.
    public func matrix() throws(TapeError) -> Matrix<Scalar> {
        switch representation {
        case .matrix(let m):
            return m
        case .sparse(let a):
            return a.dense
        case .tape(let t, let point):
            let mode: JacobianMode = engine == .reverse ? .reverse : .forward
            return Matrix(try t.jacobian(at: point, mode: mode))
        case .composition(let outer, let inner):
            return try outer.matrix() * inner.matrix()
        case .transpose(let f):
            return try f.matrix().transposed
        }
    }

    /// The chain rule: `g.composed(with: f)` is dg_{f(a)} ∘ df_a = d(g∘f)_a, whose matrix is
    /// J_g · J_f. Lazy: applying it applies f's map then g's.
    ///
    /// - Precondition: `inner.outputDimension == inputDimension`.
    public func composed(with inner: LinearMap) -> LinearMap {
        precondition(
            inner.outputDimension == inputDimension,
            "cannot compose a map from dimension \(inputDimension) after one to dimension \(inner.outputDimension)")
        if case .matrix(let g) = representation, case .matrix(let f) = inner.representation {
            return LinearMap(matrix: g * f, engine: inner.engine)
        }
        if case .sparse(let g) = representation, case .sparse(let f) = inner.representation {
            return LinearMap(sparse: g * f, engine: inner.engine)
        }
        return LinearMap(
            .composition(outer: self, inner: inner), input: inner.inputDimension, output: outputDimension,
            engine: inner.engine)
    }

    /// The transpose (adjoint) map w ↦ Jᵀ·w, from ℝᵐ to ℝⁿ.
    public var transposed: LinearMap {
        switch representation {
        case .matrix(let m): return LinearMap(matrix: m.transposed, engine: engine)
        case .sparse(let a): return LinearMap(sparse: a.transposed, engine: engine)
        case .transpose(let f): return f
        default: return LinearMap(.transpose(self), input: outputDimension, output: inputDimension, engine: engine)
        }
    }

    /// The sparse matrix, when the map holds one (``init(sparse:engine:)``); nil otherwise.
    public var sparseMatrix: SparseMatrix<Scalar>? {
        if case .sparse(let a) = representation { return a }
        return nil
    }

    /// `true` when the matrix is not stored and would be formed by sweeps.
    public var isLazy: Bool {
        switch representation {
        case .matrix, .sparse: return false
        case .tape, .composition, .transpose: return true
        }
    }
}
