// The work limits of `simplified()`, all in one place. Work is counted, not timed, so a
// result is the same on every machine and every run: a unit is one coefficient operation
// of the polynomial arithmetic (a product of polynomials with m and n terms costs m·n, a
// division step or a gcd step the terms it touches) or one node visited by a rule pass.
// A step that runs out of work is abandoned: its candidate is dropped, the candidates found
// before it remain, and the input itself is always one of them.

/// The deterministic work limits of ``Expr/simplified(budget:)``, in counted operations.
///
///     try Expr.parse("sin(x)^2 + cos(x)^2").simplified(budget: .standard)   // 1
///
/// Whatever the budget, the result equals the input in value and is never larger by
/// ``Expr/operationCount``; a smaller budget can only find fewer candidates.
public struct SimplificationBudget: Sendable, Hashable {
    /// Work for one whole `simplified()` call: every candidate, every rule pass, every
    /// rational normal form and, for a sum, the simplification of its terms one by one.
    public var search: Int
    /// Work for one rational normal form of the whole input (kernel conversion, sums over
    /// a common denominator, cancellation by gcd, printing the numerator multiplied out).
    public var rationalForm: Int
    /// Work for one summand of a sum simplified on its own.
    public var term: Int
    /// Work for one polynomial gcd met while cancelling a denominator.
    public var gcd: Int
    /// Most terms a polynomial may be multiplied out to while combining a sum over one
    /// denominator, judged before multiplying; a larger combination is not attempted.
    public var combinedTerms: Int
    /// Most passes of one rule fixpoint (each pass rewrites every node bottom-up once).
    public var rulePasses: Int

    /// A budget from its limits (see each property).
    ///
    ///     SimplificationBudget(search: 10_000, rationalForm: 1_000, term: 1_000, gcd: 100, combinedTerms: 50, rulePasses: 2)
    public init(search: Int, rationalForm: Int, term: Int, gcd: Int, combinedTerms: Int, rulePasses: Int) {
        self.search = max(0, search)
        self.rationalForm = max(0, rationalForm)
        self.term = max(0, term)
        self.gcd = max(0, gcd)
        self.combinedTerms = max(1, combinedTerms)
        self.rulePasses = max(0, rulePasses)
    }

    /// The default: generous for functions a person writes (every W7 partial finishes far
    /// inside it), and a few milliseconds of work at most before a step gives up.
    ///
    ///     SimplificationBudget.standard.search   // 4000000
    public static let standard = SimplificationBudget(
        search: 4_000_000, rationalForm: 400_000, term: 200_000, gcd: 100_000, combinedTerms: 2_000, rulePasses: 8)

    /// No simplification work at all: `simplified(budget: .none)` returns its input.
    ///
    ///     try Expr.parse("x*y + x*z").simplified(budget: .none)   // x*y + x*z
    public static let none = SimplificationBudget(search: 0, rationalForm: 0, term: 0, gcd: 0, combinedTerms: 1, rulePasses: 0)
}

/// A step ran out of its work budget (internal: `simplified()` catches it and keeps the
/// candidates it has).
struct WorkExhausted: Error {}

/// Counts the work of one simplification step against its limit, and against the limits
/// of the steps it runs inside (a child meter charges its parents too).
///
/// A meter that refuses a charge stays exhausted (every later charge is refused too), so
/// a step either finishes within its limit or is abandoned, deterministically.
/// Not `Sendable`: one meter belongs to one call on one thread.
final class WorkMeter {
    private(set) var spent = 0
    let limit: Int
    private let parent: WorkMeter?
    /// This meter refused a charge.
    private(set) var ranOut = false
    /// Some meter under this root (this one included) refused a charge.
    private var stepRanOut = false

    init(limit: Int, parent: WorkMeter? = nil) {
        self.limit = limit
        self.parent = parent
    }

    /// `true` once this meter or an enclosing one has refused a charge: the step must stop.
    var isExhausted: Bool { ranOut || (parent?.isExhausted ?? false) }

    /// `true` when any step charged to this root meter was cut short.
    var anyStepRanOut: Bool { stepRanOut }

    /// A meter for a sub-step: at most `limit` more units, and whatever is left of this one.
    func child(limit: Int) -> WorkMeter { WorkMeter(limit: limit, parent: self) }

    /// Records `units` of work; throws (recording nothing) when that would take this meter
    /// or an enclosing one past its limit, so `spent` never exceeds `limit`.
    func charge(_ units: Int) throws(WorkExhausted) {
        let units = max(0, units)
        var m: WorkMeter? = self
        while let meter = m {
            if meter.ranOut || units > meter.limit - meter.spent {
                meter.ranOut = true
                markStepRanOut()
                throw WorkExhausted()
            }
            m = meter.parent
        }
        m = self
        while let meter = m {
            meter.spent += units
            m = meter.parent
        }
    }

    private func markStepRanOut() {
        var m: WorkMeter? = self
        while let meter = m {
            meter.stepRanOut = true
            m = meter.parent
        }
    }
}
