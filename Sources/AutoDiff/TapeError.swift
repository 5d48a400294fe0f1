import Exact

/// Why one scalar operation has no value: the point is outside the operation's domain, or
/// the value exists but the scalar type cannot hold it exactly. Never NaN instead.
///
///     try Rational(1).divided(by: 0)                      // throws ScalarError.divisionByZero
///     try Rational.evaluate(.sin, Rational(1, 2))         // throws .notRational("sin(1/2)")
public enum ScalarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A division by zero (also 0 to a negative power, 1/x at 0).
    case divisionByZero
    /// The argument is outside the function's domain: log of ≤ 0, sqrt of < 0, asin of
    /// |x| > 1, a power with a non-positive base. `expression` is the offending application,
    /// as text (`"log(0)"`).
    case outsideDomain(expression: String)
    /// The function is defined here but has no derivative (sqrt at 0, abs at 0, …).
    case notDifferentiable(expression: String)
    /// The exact value exists but is not a rational number (`"sin(1/2)"`): over `Rational`,
    /// elementary functions are exact only at their exact special points.
    case notRational(expression: String)
    /// An exact result would be larger than `ExactLimits.maximumBitWidth` bits.
    case sizeLimitExceeded(bits: Int, limit: Int)
    /// A comparison of values whose order the scalar type cannot decide (a symbolic
    /// expression, a NaN).
    case undecidableComparison

    public var description: String {
        switch self {
        case .divisionByZero: "division by zero"
        case .outsideDomain(let e): "\(e) is outside the function's domain"
        case .notDifferentiable(let e): "\(e) has no derivative there"
        case .notRational(let e): "\(e) is not a rational number"
        case .sizeLimitExceeded(let bits, let limit):
            "result too large: about \(bits) bits, the limit is \(limit) bits"
        case .undecidableComparison: "a comparison that cannot be decided for these values"
        }
    }

    /// The same error for exact arithmetic's own error type.
    public init(_ error: ExactError) {
        switch error {
        case .divisionByZero: self = .divisionByZero
        case .sizeLimitExceeded(let bits, let limit): self = .sizeLimitExceeded(bits: bits, limit: limit)
        }
    }
}

/// An error of a tape: building it, or running it at a point.
///
/// Scalar errors are reported at the instruction where they happen, with that
/// instruction's source text when the tape was compiled from an expression:
///
///     try tape.evaluate(at: [Rational(0)])   // TapeError.domain(.divisionByZero, instruction: 2, source: "1/x")
public enum TapeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A scalar operation failed at `instruction` (whose source subexpression is `source`,
    /// when known).
    case domain(ScalarError, instruction: Int, source: String?)
    /// A recorded branch comes out differently at this point: the tape's derivative would
    /// be the other branch's. Re-record the program at the new point.
    case guardViolated(instruction: Int, source: String?)
    /// A comparison was made while recording without a point (`Tape.record(inputs:)`), so
    /// the branch taken is unknown. Record at a point instead.
    case comparisonWithoutPoint(instruction: Int)
    /// The point, direction or weights have the wrong length.
    case dimensionMismatch(what: String, expected: Int, actual: Int)
    /// The operation needs a scalar-valued tape (one output).
    case notScalarValued(outputs: Int)
    /// An expression being compiled uses a variable that is not among the inputs.
    case unknownVariable(String)
    /// The instructions do not form a valid tape (an operand that is not an earlier slot,
    /// a constant or input index out of range, more slots than 32-bit indices reach).
    case malformed(instruction: Int, reason: String)
    /// A Taylor sweep of this order cannot be run: the order is negative, or its series
    /// would have more coefficients than the budget allows (`reason` says which).
    case taylorOrder(Int, reason: String)

    public var description: String {
        switch self {
        case .domain(let error, let i, let source):
            "\(error) at instruction \(i)" + (source.map { " (in \($0))" } ?? "")
        case .guardViolated(let i, let source):
            "the branch recorded at instruction \(i) goes the other way at this point"
                + (source.map { " (\($0))" } ?? "")
        case .comparisonWithoutPoint(let i):
            "instruction \(i) compares values, but the program was recorded without a point"
        case .dimensionMismatch(let what, let expected, let actual):
            "\(what) has \(actual) entries, expected \(expected)"
        case .notScalarValued(let m): "the function has \(m) outputs; this needs exactly one"
        case .unknownVariable(let name): "the variable \(name) is not among the inputs"
        case .malformed(let i, let reason): "malformed tape at instruction \(i): \(reason)"
        case .taylorOrder(let k, let reason): "Taylor order \(k): \(reason)"
        }
    }
}
