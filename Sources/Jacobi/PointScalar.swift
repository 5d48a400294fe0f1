import AutoDiff
import Exact
import Symbolic

/// A scalar at which both engines can be evaluated: the tape runs over it, and a symbolic
/// result (an `Expr`) can be evaluated at a point of it.
///
///     try Rational.evaluate(Expr.parse("x^2"), at: [Symbol("x"): 3])   // 9
///
/// `Rational` gives exact numbers (and throws where a value is not rational), `Double` gives
/// floats, `Expr` gives exact expressions (`cos(1/2)` stays `cos(1/2)`).
public protocol PointScalar: TapeScalar {
    /// The value of `e` with each symbol replaced by its value in `point`.
    ///
    /// - Throws: `EvaluationError` (÷0, log of a non-positive number, not rational, unbound symbol).
    static func evaluate(_ e: Expr, at point: [Symbol: Self]) throws -> Self
}

extension Rational: PointScalar {
    public static func evaluate(_ e: Expr, at point: [Symbol: Rational]) throws -> Rational {
        try e.evaluated(at: point)
    }
}

extension Double: PointScalar {
    public static func evaluate(_ e: Expr, at point: [Symbol: Double]) throws -> Double {
        try e.evaluated(at: point)
    }
}

extension Expr: PointScalar {
    /// Substitutes and lets the canonical constructors fold numbers; an exact rational point
    /// gives exact numbers where the value is rational (`x^2` at 1/2 is `1/4`), a point of
    /// exact constants exact values (`sin(x)` at pi/4 is `sqrt(2)/2`), and a point with
    /// symbols the substituted expression.
    ///
    /// - Throws: `EvaluationError` when the result divides by zero or takes the log of a
    ///   non-positive number at a point of constants.
    public static func evaluate(_ e: Expr, at point: [Symbol: Expr]) throws -> Expr {
        var rational: [Symbol: Rational] = [:]
        var constant = true
        for (s, v) in point {
            if let r = v.rationalValue {
                rational[s] = r
            } else if !v.freeSymbols.isEmpty {
                constant = false
                break
            }
        }
        if rational.count == point.count { return try e.evaluatedExactly(at: rational) }
        return constant ? try e.evaluatedExactly(at: point) : e.substituting(point)
    }
}
