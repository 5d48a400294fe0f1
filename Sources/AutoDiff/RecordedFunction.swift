import Exact

/// A traced program together with its tape: when a point makes a recorded branch go the
/// other way (``TapeError/guardViolated(instruction:source:)``), the program is recorded
/// again at that point and the operation retried, so every result is the derivative of
/// the branch actually taken there.
///
///     var f = try RecordedFunction(at: [Rational(1)]) { x in [x[0] > 0 ? x[0] * x[0] : -x[0]] }
///     try f.gradient(at: [Rational(3)])    // [6]
///     try f.gradient(at: [Rational(-3)])   // [-1]  (re-recorded)
public struct RecordedFunction {
    /// The program.
    public let body: ([Traced]) -> [Traced]
    /// The current tape (from the last recording).
    public private(set) var tape: Tape
    /// How many times the program has been recorded.
    public private(set) var recordings: Int

    /// Records `body` at `point`.
    ///
    /// - Throws: domain errors at the point.
    public init<C: TapeConstant>(at point: [C], _ body: @escaping ([Traced]) -> [Traced]) throws(TapeError) {
        self.body = body
        tape = try Tape.record(at: point, body)
        recordings = 1
    }

    /// Runs `operation` on the tape; on a guard violation records again at `point` and
    /// runs it once more.
    public mutating func withTape<C: TapeConstant, R>(
        at point: [C], _ operation: (Tape) throws(TapeError) -> R
    ) throws(TapeError) -> R {
        do {
            return try operation(tape)
        } catch .guardViolated {
            tape = try Tape.record(at: point, body)
            recordings += 1
            return try operation(tape)
        }
    }

    /// f(x), re-recording if a branch changed.
    public mutating func evaluate<S: TapeScalar & TapeConstant>(at point: [S]) throws(TapeError) -> [S] {
        try withTape(at: point) { (t) throws(TapeError) in try t.evaluate(at: point) }
    }

    /// ∇f(x), re-recording if a branch changed.
    public mutating func gradient<S: TapeScalar & TapeConstant>(at point: [S]) throws(TapeError) -> [S] {
        try withTape(at: point) { (t) throws(TapeError) in try t.gradient(at: point) }
    }

    /// J(x), re-recording if a branch changed.
    public mutating func jacobian<S: TapeScalar & TapeConstant>(at point: [S]) throws(TapeError) -> [[S]] {
        try withTape(at: point) { (t) throws(TapeError) in try t.jacobian(at: point) }
    }

    /// H(x)·v, re-recording if a branch changed.
    public mutating func hvp<S: TapeScalar & TapeConstant>(at point: [S], direction: [S]) throws(TapeError) -> [S] {
        try withTape(at: point) { (t) throws(TapeError) in try t.hvp(at: point, direction: direction) }
    }

    /// H(x), re-recording if a branch changed.
    public mutating func hessian<S: TapeScalar & TapeConstant>(at point: [S]) throws(TapeError) -> [[S]] {
        try withTape(at: point) { (t) throws(TapeError) in try t.hessian(at: point) }
    }
}
