import AutoDiff
import Exact

/// The tape engine as ``CrossCheck`` sees it: forward mode (JVP), reverse mode (VJP) and
/// forward-over-reverse (HVP) on a tape, over any scalar.
///
///     let engine: any TapeEngine = AutoDiffEngine()
///     try engine.jvp(tape, at: [Rational(1)], direction: [1]).tangent   // J·v, exactly
///
/// The cross-check takes its engines as values of this protocol (and of
/// ``SymbolicEngine``), so a mutation test can hand it an engine with one deliberately
/// wrong rule, without the production engine exposing any mutable state. The production
/// conformance is ``AutoDiffEngine``.
///
/// Laws (what the cross-check verifies): ⟨w, J·v⟩ = ⟨Jᵀ·w, v⟩; column j of the forward
/// Jacobian is J·eⱼ and row i of the reverse one is eᵢᵀ·J; H(wᵀf) is symmetric and its
/// product with v is `hvp`.
public protocol TapeEngine: Sendable {
    /// (f(x), J(x)·v) by one forward sweep.
    ///
    /// - Throws: `TapeError` (a domain error at an instruction, a guard, a dimension).
    func jvp<S: TapeScalar>(_ tape: Tape, at point: [S], direction: [S]) throws(TapeError) -> (value: [S], tangent: [S])

    /// (f(x), wᵀJ(x)) by one primal and one reverse sweep.
    ///
    /// - Throws: `TapeError`.
    func vjp<S: TapeScalar>(_ tape: Tape, at point: [S], weights: [S]) throws(TapeError) -> (value: [S], cotangent: [S])

    /// ∇²(wᵀf)(x)·v by forward-over-reverse.
    ///
    /// - Throws: `TapeError`.
    func hvp<S: TapeScalar>(_ tape: Tape, at point: [S], direction: [S], weights: [S]) throws(TapeError) -> [S]

    /// J(x), m rows by n columns, by n forward sweeps (`.forward`) or m reverse sweeps
    /// (`.reverse`).
    ///
    /// - Throws: `TapeError`.
    func jacobian<S: TapeScalar>(_ tape: Tape, at point: [S], mode: JacobianMode) throws(TapeError) -> [[S]]

    /// ∇f(x) of a scalar-valued tape, by one reverse sweep.
    ///
    /// - Throws: `TapeError` (`TapeError.notScalarValued(outputs:)` for m ≠ 1).
    func gradient<S: TapeScalar>(_ tape: Tape, at point: [S]) throws(TapeError) -> [S]

    /// ∇²(wᵀf)(x), n × n, column j by an HVP with eⱼ.
    ///
    /// - Throws: `TapeError`.
    func hessian<S: TapeScalar>(_ tape: Tape, at point: [S], weights: [S]) throws(TapeError) -> [[S]]
}

extension TapeEngine {
    /// The Jacobian from JVPs with the unit vectors (forward) or VJPs with them (reverse).
    public func jacobian<S: TapeScalar>(_ tape: Tape, at point: [S], mode: JacobianMode) throws(TapeError) -> [[S]] {
        let n = tape.inputCount
        let m = tape.outputCount
        switch mode {
        case .forward, .automatic:
            var columns: [[S]] = []
            for j in 0..<n { columns.append(try jvp(tape, at: point, direction: unit(j, n)).tangent) }
            return (0..<m).map { i in (0..<n).map { j in columns[j][i] } }
        case .reverse:
            var rows: [[S]] = []
            for i in 0..<m { rows.append(try vjp(tape, at: point, weights: unit(i, m)).cotangent) }
            return rows
        }
    }

    /// The gradient as the VJP with weight 1.
    public func gradient<S: TapeScalar>(_ tape: Tape, at point: [S]) throws(TapeError) -> [S] {
        if tape.outputCount != 1 { throw .notScalarValued(outputs: tape.outputCount) }
        return try vjp(tape, at: point, weights: [.one]).cotangent
    }

    /// The Hessian of wᵀf from n HVPs with the unit vectors.
    public func hessian<S: TapeScalar>(_ tape: Tape, at point: [S], weights: [S]) throws(TapeError) -> [[S]] {
        let n = tape.inputCount
        var columns: [[S]] = []
        for j in 0..<n { columns.append(try hvp(tape, at: point, direction: unit(j, n), weights: weights)) }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }
}

/// The unit vector eⱼ of length n.
func unit<S: ScalarField>(_ j: Int, _ n: Int) -> [S] {
    (0..<n).map { $0 == j ? S.one : S.zero }
}

/// The production tape engine: AutoDiff's own sweeps, unchanged.
///
///     try AutoDiffEngine().gradient(tape, at: [Rational(1), 2])   // tape.gradient(at:)
///
/// Every requirement forwards to the `Tape` method of the same name, so the cross-check
/// exercises exactly what users call.
public struct AutoDiffEngine: TapeEngine {
    /// The engine.
    public init() {}

    /// `tape.jvp(at:direction:)`: (f(x), J(x)·v), one forward sweep.
    ///
    /// - Throws: as `Tape.jvp(at:direction:)`.
    public func jvp<S: TapeScalar>(_ tape: Tape, at point: [S], direction: [S]) throws(TapeError) -> (value: [S], tangent: [S]) {
        try tape.jvp(at: point, direction: direction)
    }

    /// `tape.vjp(at:weights:)`: (f(x), wᵀJ(x)), one reverse sweep.
    ///
    /// - Throws: as `Tape.vjp(at:weights:)`.
    public func vjp<S: TapeScalar>(_ tape: Tape, at point: [S], weights: [S]) throws(TapeError) -> (value: [S], cotangent: [S]) {
        try tape.vjp(at: point, weights: weights)
    }

    /// `tape.hvp(at:direction:weights:)`: ∇²(wᵀf)(x)·v by forward-over-reverse.
    ///
    /// - Throws: as `Tape.hvp(at:direction:weights:)`.
    public func hvp<S: TapeScalar>(_ tape: Tape, at point: [S], direction: [S], weights: [S]) throws(TapeError) -> [S] {
        try tape.hvp(at: point, direction: direction, weights: weights).hvp
    }

    /// `tape.jacobian(at:mode:)`.
    ///
    /// - Throws: as `Tape.jacobian(at:mode:)`.
    public func jacobian<S: TapeScalar>(_ tape: Tape, at point: [S], mode: JacobianMode) throws(TapeError) -> [[S]] {
        try tape.jacobian(at: point, mode: mode)
    }

    /// `tape.gradient(at:)`.
    ///
    /// - Throws: as `Tape.gradient(at:)`.
    public func gradient<S: TapeScalar>(_ tape: Tape, at point: [S]) throws(TapeError) -> [S] {
        try tape.gradient(at: point)
    }

    /// `Tape.hessian(at:)` (scaled by the one weight) for a scalar-valued tape; n HVPs
    /// with the weights otherwise.
    ///
    /// - Throws: as `Tape.hessian(at:)`; a dimension error for the wrong number of weights.
    public func hessian<S: TapeScalar>(_ tape: Tape, at point: [S], weights: [S]) throws(TapeError) -> [[S]] {
        guard tape.outputCount == 1 else {
            let n = tape.inputCount
            var columns: [[S]] = []
            for j in 0..<n { columns.append(try hvp(tape, at: point, direction: unit(j, n), weights: weights)) }
            return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
        }
        if weights.count != 1 { throw .dimensionMismatch(what: "weights", expected: 1, actual: weights.count) }
        return try tape.hessian(at: point).map { row in row.map { weights[0] * $0 } }
    }
}
