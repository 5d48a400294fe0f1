import Jacobi

/// Exact values at a point, as the reports print them: exact expressions (numbers where
/// rational, `cos(1/2)` otherwise) beside their floats.
enum PointValues {
    /// The float of an exact value, for JSON's `numeric`: correctly rounded when rational;
    /// nil when it is beyond Double's range (`3^100000`, `exp(1000)`) — JSON writes `null`
    /// there, beside the exact value, instead of losing the answer.
    static func double(_ e: Expr) -> Double? {
        if let r = e.rationalValue {
            let d = Double(r)
            return d.isFinite ? d : nil
        }
        guard let d = try? e.evaluated(at: [Symbol: Double]()), d.isFinite else { return nil }
        return d
    }

    /// The decimal written beside an exact value in text output: its float when it has one;
    /// beyond Double's range, the leading digits of a rational value computed exactly
    /// (`1.3349714142304015e+47712`); nil for a non-rational value beyond the range (`exp(1000)`).
    static func decimal(_ e: Expr) -> String? {
        if let r = e.rationalValue {
            let d = Double(r)
            return d.isFinite ? "\(d)" : r.scientificDescription()
        }
        return double(e).map { "\($0)" }
    }

    /// `3`, `2/3 ≈ 0.6666666666666666` or `cos(1/2) ≈ 0.8775825618903728`: the exact value,
    /// and its decimal unless it is an integer that Double holds. Values beyond Double's
    /// range print exactly, with their leading digits (rational) or alone (`exp(1000)`).
    static func text(_ e: Expr) -> String {
        if let r = e.rationalValue, r.isInteger, Double(r).isFinite { return r.description }
        return decimal(e).map { "\(e) ≈ \($0)" } ?? e.description
    }

    /// The float of an exact value (as for an `Expr`), without building an `Expr`
    /// for a rational.
    static func double(_ n: ExactNumber) -> Double? {
        switch n {
        case .rational(let r):
            let d = Double(r)
            return d.isFinite ? d : nil
        case .expression(let e): return double(e)
        }
    }

    /// The text of an exact value, as for an `Expr`.
    static func text(_ n: ExactNumber) -> String { text(n.expression) }
}
