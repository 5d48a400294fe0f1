import Exact
import Symbolic

/// A random point of a cross-check, with its direction and weights.
struct CheckPoint {
    /// The point a, one coordinate per variable.
    let coordinates: [Rational]
    /// The direction v for JVPs, HVPs and the oracle.
    let direction: [Rational]
    /// The output weights w for VJPs and the Hessian of wᵀf.
    let weights: [Rational]
    /// a as a substitution.
    let environment: [Symbol: Rational]
}

/// How to recompute a compared quantity on a subexpression, to find where engines first
/// differ: Σᵢ wᵢ·q(fᵢ) for the quantity q below.
struct Probe {
    enum Quantity {
        /// f(a).
        case value
        /// ∇f(a)·d.
        case first(direction: [Rational])
        /// uᵀ∇²f(a)·d.
        case second(left: [Rational], direction: [Rational])
    }

    let quantity: Quantity
    /// The weights of the outputs (eᵢ for an entry of one output).
    let weights: [Rational]
}

/// Counts comparisons and collects mismatches as a run goes.
struct Ledger {
    var report: CrossCheckReport
    let tolerance: Tolerance
    /// Mismatches still to be localised: their index in the report and how to probe them.
    var pending: [(index: Int, probe: Probe, engines: (CrossCheck.Engine, CrossCheck.Engine), point: CheckPoint)] = []

    init(report: CrossCheckReport, tolerance: Tolerance) {
        self.report = report
        self.tolerance = tolerance
    }

    /// Compares every reading with the first; on a disagreement records one mismatch with
    /// all of them. `magnitude` bounds the computation's intermediates (Double only).
    mutating func compare(
        _ object: Mismatch.Object, _ entry: [Int], _ readings: [Reading], at p: CheckPoint,
        comparison: Mismatch.Comparison, magnitude: Double = 0,
        usesDirection: Bool = false, usesWeights: Bool = false, probe: Probe? = nil
    ) {
        guard let reference = readings.first else { return }
        var differing: CrossCheck.Engine?
        for r in readings.dropFirst() {
            report.comparisons += 1
            if r.engine == .differenceQuotient || reference.engine == .differenceQuotient { report.oracleComparisons += 1 }
            switch tolerance.compare(reference.value, r.value, magnitude: magnitude) {
            case .agree: break
            case .illConditioned: report.illConditioned += 1
            case .disagree: if differing == nil { differing = r.engine }
            }
        }
        guard let other = differing else { return }
        report.mismatches.append(
            Mismatch(
                object: object, entry: entry, variables: report.variables, point: p.coordinates,
                direction: usesDirection ? p.direction : nil, weights: usesWeights ? p.weights : nil,
                comparison: comparison, readings: readings, culprit: nil))
        if let probe, other != reference.engine {
            pending.append((report.mismatches.count - 1, probe, (reference.engine, other), p))
        }
    }

    /// Counts a point where nothing was compared.
    mutating func skip(_ p: CheckPoint, _ failure: PointFailure) {
        switch failure {
        case .undefined(let engine, let reason):
            report.skipped.append(SkippedPoint(point: p.coordinates, engine: engine, reason: reason))
        case .notRational:
            report.skipped.append(SkippedPoint(point: p.coordinates, engine: .symbolic, reason: "not rational"))
        }
    }
}
