import Exact

// Recording a Swift program by operator overloading (the "tracing" of JAX and of
// Griewank & Walther's ADOL-C): the program runs once over `Traced` values, and every
// operation appends one instruction to a tape. Control flow is not recorded; the branch
// taken is, as a guard instruction that checks the comparison again whenever the tape is
// replayed. A traced value also carries its primal value at the recording point, so that
// comparisons can be decided: exactly when the point is rational and the value is too.

/// The value a traced scalar has at the recording point.
public enum Primal: Sendable, Equatable {
    /// Exactly this rational.
    case exact(Rational)
    /// Approximately this (a Double point, or a value that is not rational, like sin(1/2)).
    case approximate(Double)

    /// As a Double.
    public var double: Double {
        switch self {
        case .exact(let r): Double(r)
        case .approximate(let d): d
        }
    }
}

/// A scalar being traced onto a tape. Arithmetic with other traced values and with
/// constants (`Int`, `Rational`, `Double` literals), the elementary functions, `pow`, and
/// comparisons are recorded.
///
///     let tape = try Tape.record(inputs: 2) { x in x[0] * x[1] + sin(x[0]) }
///     // [x0, x1, mul(0,1), sin(0), add(2,3)]
public struct Traced {
    @usableFromInline let recorder: Recorder
    /// The slot this value occupies on the tape being recorded.
    public let slot: Int
    /// Its value at the recording point (`nil` when recording without a point).
    public let primal: Primal?

    init(_ recorder: Recorder, _ slot: Int, _ primal: Primal?) {
        self.recorder = recorder
        self.slot = slot
        self.primal = primal
    }
}

/// Constants that may appear in a traced program: their exact value goes to the tape's
/// constant table. A `Double` constant is read exactly (0.1 is 3602879701896397/2⁵⁵).
public protocol TapeConstant {
    /// The exact value.
    var exactValue: Rational { get }
}

extension Int: TapeConstant {
    public var exactValue: Rational { Rational(self) }
}

extension Rational: TapeConstant {
    public var exactValue: Rational { self }
}

extension Double: TapeConstant {
    /// - Precondition: finite.
    public var exactValue: Rational {
        guard let r = Rational(exactly: self) else { preconditionFailure("a traced constant must be finite, not \(self)") }
        return r
    }
}

/// The tape under construction and the first error met while recording.
@usableFromInline
final class Recorder {
    var builder: TapeBuilder
    var firstError: TapeError?

    init(inputCount: Int) {
        builder = TapeBuilder(inputCount: inputCount)
    }

    func inputs(_ point: [Primal]?) -> [Traced] {
        (0..<builder.inputCount).map { Traced(self, $0, point?[$0]) }
    }

    func note(_ error: TapeError) {
        if firstError == nil { firstError = error }
    }

    /// Appends `ins` whose operands have primals `a`, `b` (and constant `c`), computing its primal.
    func append(_ ins: Instruction, _ a: Primal?, _ b: Primal?, constant c: Rational = .zero) -> Traced {
        let slot = builder.append(ins)
        return Traced(self, slot, primal(of: ins, a, b, c, slot: slot))
    }

    /// The primal of `ins`: exact when the operands are exact and the result is rational,
    /// else in Double; a domain error is noted (and the primal is unknown).
    private func primal(of ins: Instruction, _ a: Primal?, _ b: Primal?, _ c: Rational, slot: Int) -> Primal? {
        guard let a, let b else { return nil }
        do throws(ScalarError) {
            if case .exact(let x) = a, case .exact(let y) = b {
                do throws(ScalarError) {
                    return .exact(try Recorder.apply(ins, x, y, c))
                } catch .notRational {
                    // fall through to Double
                }
            }
            return .approximate(try Recorder.apply(ins, a.double, b.double, Double(c)))
        } catch {
            note(.domain(error, instruction: slot, source: nil))
            return nil
        }
    }

    /// One instruction's value rule (the table's) at operands `x`, `y` and constant `c`.
    static func apply<S: TapeScalar>(_ ins: Instruction, _ x: S, _ y: S, _ c: S) throws(ScalarError) -> S {
        try LocalPartials.value(of: ins, ValueOperands(x, y, c))
    }

    func unary(_ op: Opcode, _ x: Traced, payload: Int32 = 0) -> Traced {
        append(Instruction(op, x.slot, payload: payload), x.primal, x.primal)
    }

    func binary(_ op: Opcode, _ x: Traced, _ y: Traced) -> Traced {
        precondition(x.recorder === y.recorder, "values from two different recordings were combined")
        return append(Instruction(op, x.slot, y.slot), x.primal, y.primal)
    }

    func withConstant(_ op: Opcode, _ x: Traced, _ c: Rational) -> Traced {
        append(Instruction(op, x.slot, payload: builder.constant(c)), x.primal, x.primal, constant: c)
    }

    /// A slot holding the constant `c`.
    func constant(_ c: Rational) -> Traced {
        Traced(self, builder.slot(for: c), .exact(c))
    }

    /// Records the guard `x relation y` and returns the outcome at the recording point.
    func compare(_ x: Traced, _ y: Traced, _ relation: GuardRelation) -> Bool {
        precondition(x.recorder === y.recorder, "values from two different recordings were compared")
        var outcome = false
        var decided = true
        switch (x.primal, y.primal) {
        case (.exact(let a)?, .exact(let b)?):
            outcome = relation.holds(sign: a < b ? -1 : (a == b ? 0 : 1))
        case (let a?, let b?):
            if let s = try? Double.compare(a.double, b.double) { outcome = relation.holds(sign: s) } else { decided = false }
        default:
            decided = false
        }
        let slot = builder.append(Instruction(.branchGuard, x.slot, y.slot, payload: Instruction.guardPayload(relation, expected: outcome)))
        if !decided {
            note(
                x.primal == nil || y.primal == nil
                    ? .comparisonWithoutPoint(instruction: slot) : .domain(.undecidableComparison, instruction: slot, source: nil))
        }
        return outcome
    }
}

extension Tape {
    /// Records a scalar-valued Swift program onto a tape, without a point.
    ///
    ///     try Tape.record(inputs: 2) { x in x[0] * x[1] + sin(x[0]) }   // [x0, x1, mul(0,1), sin(0), add(2,3)]
    ///
    /// - Throws: ``TapeError/comparisonWithoutPoint(instruction:)`` if the program compares
    ///   traced values (the branch would be a guess; use `record(at:_:)` instead), and
    ///   domain errors of constant subexpressions (`1/0`).
    public static func record(inputs: Int, _ body: ([Traced]) -> Traced) throws(TapeError) -> Tape {
        try record(inputs, nil) { [body($0)] }
    }

    /// Records a vector-valued Swift program (m outputs) onto a tape, without a point.
    ///
    ///     try Tape.record(inputs: 2) { x in [x[0] * x[1], x[0] - x[1]] }.outputCount   // 2
    ///
    /// - Throws: as `record(inputs:_:)`.
    public static func record(inputs: Int, _ body: ([Traced]) -> [Traced]) throws(TapeError) -> Tape {
        try record(inputs, nil, body)
    }

    /// Records a program at an exact point: every comparison it makes is decided exactly
    /// and kept as a guard, so the tape refuses points where a branch goes the other way.
    ///
    ///     let t = try Tape.record(at: [Rational(1)]) { x in x[0] > 0 ? x[0] : -x[0] }
    ///     try t.evaluate(at: [Rational(-1)])   // throws TapeError.guardViolated
    ///
    /// - Throws: domain errors met at the point (``TapeError/domain(_:instruction:source:)``).
    public static func record<C: TapeConstant>(at point: [C], _ body: ([Traced]) -> Traced) throws(TapeError) -> Tape {
        try record(point.count, point.map(\.recordingPrimal)) { [body($0)] }
    }

    /// Records a vector-valued program at a point (see `record(at:_:)`).
    public static func record<C: TapeConstant>(at point: [C], _ body: ([Traced]) -> [Traced]) throws(TapeError) -> Tape {
        try record(point.count, point.map(\.recordingPrimal), body)
    }

    static func record(_ n: Int, _ point: [Primal]?, _ body: ([Traced]) -> [Traced]) throws(TapeError) -> Tape {
        let recorder = Recorder(inputCount: n)
        let outputs = body(recorder.inputs(point))
        if let error = recorder.firstError { throw error }
        for y in outputs { precondition(y.recorder === recorder, "an output comes from another recording") }
        return recorder.builder.tape(outputs: outputs.map(\.slot))
    }
}

extension TapeConstant {
    /// The primal a recording point of this type gives: exact, except for Double.
    var recordingPrimal: Primal {
        if let d = self as? Double { return .approximate(d) }
        return .exact(exactValue)
    }
}
