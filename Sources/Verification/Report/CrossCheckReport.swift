import Exact
import Symbolic

/// What a ``CrossCheck`` run found: how many points and entries were compared and how,
/// which points were skipped and why, and every mismatch.
///
///     let report = try CrossCheck().check([x * y], variables: [x, y])
///     report.passed        // true
///     report.description   // "passed: 8 points (8 exact), 112 comparisons, 0 skipped"
public struct CrossCheckReport: Sendable, CustomStringConvertible {
    /// The functions checked (as parsed, or as a recorded program evaluated over symbols).
    public let functions: [Expr]
    /// The variables, in order.
    public let variables: [Symbol]
    /// Points drawn.
    public internal(set) var points = 0
    /// Points where every comparison was exact (rational values throughout).
    public internal(set) var exactPoints = 0
    /// Points where some value is not rational: compared as exact expressions and in Double.
    public internal(set) var approximatePoints = 0
    /// Points skipped because f or a derivative is undefined there, with the reason.
    public internal(set) var skipped: [SkippedPoint] = []
    /// Entry comparisons made (each engine against the reference counts once).
    public internal(set) var comparisons = 0
    /// Of those, comparisons against the difference-quotient oracle.
    public internal(set) var oracleComparisons = 0
    /// Double comparisons left out because the magnitudes involved make rounding errors
    /// larger than any sensible tolerance, or a floating-point evaluation overflowed.
    public internal(set) var illConditioned = 0
    /// Entries whose symbolic and tape formulas are equal as expressions (their difference
    /// canonicalises to 0), for functions that are not rational.
    public internal(set) var identicalFormulas = 0
    /// Why the difference-quotient oracle did not apply, when it did not (`nil` when it
    /// was used at every checked point).
    public internal(set) var oracleNotApplicable: String?
    /// Every disagreement.
    public internal(set) var mismatches: [Mismatch] = []

    /// An empty report for `functions` of `variables`.
    init(functions: [Expr], variables: [Symbol]) {
        self.functions = functions
        self.variables = variables
    }

    /// `true` when no mismatch was found.
    public var passed: Bool { mismatches.isEmpty }

    /// Points where comparisons were made (exact or approximate).
    public var checkedPoints: Int { exactPoints + approximatePoints }

    /// One line of counts, then one line per mismatch.
    public var description: String {
        var text = passed ? "passed" : "FAILED (\(mismatches.count) mismatch\(mismatches.count == 1 ? "" : "es"))"
        text += ": \(points) point\(points == 1 ? "" : "s") (\(exactPoints) exact, \(approximatePoints) approximate, "
        text += "\(skipped.count) skipped), \(comparisons) comparisons (\(oracleComparisons) against the difference quotient)"
        if illConditioned > 0 { text += ", \(illConditioned) ill-conditioned left out" }
        for m in mismatches { text += "\n  " + m.description }
        return text
    }
}

/// A point where a function or one of its derivatives is undefined, so nothing was compared.
public struct SkippedPoint: Hashable, Sendable, CustomStringConvertible {
    /// The point.
    public let point: [Rational]
    /// The engine that found it undefined.
    public let engine: CrossCheck.Engine
    /// Why (the engine's error, printed).
    public let reason: String

    /// The one-line printed form.
    public var description: String {
        "(\(point.map(\.description).joined(separator: ", "))): \(engine): \(reason)"
    }
}
