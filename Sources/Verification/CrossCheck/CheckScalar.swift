import AutoDiff
import Exact
import Symbolic

// The three number systems a cross-check compares in, behind one protocol so that the
// comparisons are written once:
//
//   Rational  exact values, compared for equality (rational points of rational values)
//   Double    floating point, compared within a scaled tolerance (everything else)
//   Expr      exact values as expressions (cos(1/2)), compared canonically, else numerically

/// Why no comparison was made at a point.
enum PointFailure: Error {
    /// A value is not rational: compare approximately instead.
    case notRational
    /// An engine found f or a derivative undefined (or not representable) there.
    case undefined(CrossCheck.Engine, String)
}

/// A scalar the cross-check can compute every engine's values in.
protocol CheckScalar: TapeScalar {
    /// How values of this type are compared.
    static var comparison: Mismatch.Comparison { get }
    /// The symbolic engine's value: `e` evaluated at `point`.
    static func symbolicValue(_ e: Expr, at point: [Symbol: Rational]) throws(PointFailure) -> Self
    /// A bound on the magnitudes evaluating `e` passes through (0 where comparison is exact).
    static func magnitude(_ e: Expr, at point: [Symbol: Rational]) -> Double
    /// The value as a report shows it.
    var entryValue: EntryValue { get }
}

extension Rational: CheckScalar {
    static var comparison: Mismatch.Comparison { .exact }

    static func symbolicValue(_ e: Expr, at point: [Symbol: Rational]) throws(PointFailure) -> Rational {
        do { return try e.evaluated(at: point) } catch {
            if case .notRational = error { throw .notRational }
            throw .undefined(.symbolic, error.description)
        }
    }

    static func magnitude(_ e: Expr, at point: [Symbol: Rational]) -> Double { 0 }

    var entryValue: EntryValue { .exact(self) }
}

extension Double: CheckScalar {
    static var comparison: Mismatch.Comparison { .floatingPoint }

    static func symbolicValue(_ e: Expr, at point: [Symbol: Rational]) throws(PointFailure) -> Double {
        do { return try e.evaluated(at: point.mapValues(Double.init)) } catch {
            throw .undefined(.symbolic, error.description)
        }
    }

    static func magnitude(_ e: Expr, at point: [Symbol: Rational]) -> Double {
        e.roundingMagnitude(at: point.mapValues(Double.init))
    }

    var entryValue: EntryValue { .approximate(self) }
}

extension Expr: CheckScalar {
    static var comparison: Mismatch.Comparison { .expression }

    static func symbolicValue(_ e: Expr, at point: [Symbol: Rational]) throws(PointFailure) -> Expr {
        do { return try e.evaluatedExactly(at: point) } catch {
            throw .undefined(.symbolic, error.description)
        }
    }

    static func magnitude(_ e: Expr, at point: [Symbol: Rational]) -> Double {
        e.roundingMagnitude(at: point.mapValues(Double.init))
    }

    var entryValue: EntryValue { rationalValue.map(EntryValue.exact) ?? .expression(self) }
}

/// Runs a tape engine's operation, turning its error into a point failure of `engine`.
func tapeCall<R>(_ engine: CrossCheck.Engine, _ body: () throws(TapeError) -> R) throws(PointFailure) -> R {
    do { return try body() } catch {
        if case .domain(.notRational, _, _) = error { throw .notRational }
        throw .undefined(engine, error.description)
    }
}

// MARK: - Small linear algebra over any field

/// Σ aᵢ·bᵢ.
func dot<S: ScalarField>(_ a: [S], _ b: [S]) -> S {
    zip(a, b).reduce(S.zero) { $0 + $1.0 * $1.1 }
}

/// M·v.
func times<S: ScalarField>(_ m: [[S]], _ v: [S]) -> [S] {
    m.map { dot($0, v) }
}

/// wᵀ·M (a row vector, as an array): entry j is Σᵢ wᵢ·Mᵢⱼ.
func transposeTimes<S: ScalarField>(_ w: [S], _ m: [[S]], columns: Int) -> [S] {
    (0..<columns).map { j in zip(w, m).reduce(S.zero) { $0 + $1.0 * $1.1[j] } }
}

/// Σᵢ wᵢ·Mᵢ for n × n matrices.
func weightedSum<S: ScalarField>(_ matrices: [[[S]]], _ w: [S], size n: Int) -> [[S]] {
    (0..<n).map { r in (0..<n).map { c in zip(w, matrices).reduce(S.zero) { $0 + $1.0 * $1.1[r][c] } } }
}
