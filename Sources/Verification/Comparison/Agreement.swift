import Exact
import Symbolic

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// When two engines' values agree. Exact values agree when equal. Exact expressions agree
// when they are the same canonical expression, else when their Double values are close.
// Doubles agree within a tolerance scaled by the magnitudes involved: rounding errors
// grow with the largest intermediate value, not with the result, so the scale is a bound
// on the intermediates (``Expr/roundingMagnitude(at:)``) as well as the two values.

/// The outcome of comparing two values.
enum Verdict: Equatable {
    case agree
    case disagree
    /// A floating-point comparison that the magnitudes make meaningless (or that overflowed).
    case illConditioned
}

/// How close Doubles must be.
struct Tolerance: Hashable, Sendable {
    /// |a − b| ≤ relative · scale, with scale ≥ 1.
    var relative: Double
    /// Beyond this ratio of intermediate magnitude to result a Double comparison says
    /// nothing and is left out.
    var maximumCancellation: Double

    /// Compares two values; `magnitude` bounds the intermediates of the computation.
    func compare(_ a: EntryValue, _ b: EntryValue, magnitude: Double) -> Verdict {
        switch (a, b) {
        case (.exact(let x), .exact(let y)):
            return x == y ? .agree : .disagree
        case (.approximate(let x), .approximate(let y)):
            return close(x, y, magnitude: magnitude)
        case (.exact, .expression), (.expression, .exact), (.expression, .expression):
            let x = Tolerance.expression(a)
            let y = Tolerance.expression(b)
            if x == y { return .agree }
            guard let dx = try? x.evaluated(at: [:] as [Symbol: Double]),
                let dy = try? y.evaluated(at: [:] as [Symbol: Double])
            else { return .illConditioned }
            let m = max(magnitude, x.roundingMagnitude(at: [:]), y.roundingMagnitude(at: [:]))
            return close(dx, dy, magnitude: m)
        case (.approximate(let x), _):
            guard let y = try? Tolerance.expression(b).evaluated(at: [:] as [Symbol: Double]) else { return .illConditioned }
            return close(x, y, magnitude: magnitude)
        case (_, .approximate(let y)):
            guard let x = try? Tolerance.expression(a).evaluated(at: [:] as [Symbol: Double]) else { return .illConditioned }
            return close(x, y, magnitude: magnitude)
        }
    }

    /// |x − y| ≤ relative · max(1, |x|, |y|, magnitude).
    func close(_ x: Double, _ y: Double, magnitude: Double) -> Verdict {
        let size = Swift.max(1, Swift.abs(x), Swift.abs(y))
        let scale = Swift.max(size, magnitude)
        guard x.isFinite, y.isFinite, scale.isFinite, scale <= maximumCancellation * size else { return .illConditioned }
        return Swift.abs(x - y) <= relative * scale ? .agree : .disagree
    }

    static func expression(_ v: EntryValue) -> Expr {
        switch v {
        case .exact(let r): Expr(r)
        case .expression(let e): e
        case .approximate(let d): Expr(Rational(exactly: d) ?? .zero)
        }
    }
}

extension Expr {
    /// A bound on the magnitudes that evaluating this expression in Double passes through,
    /// so that a rounding error is about `ulp · roundingMagnitude`: sums add the magnitudes
    /// of their terms (cancellation loses exactly that much), powers and products carry
    /// their factors' relative error, a function's value carries its argument's error
    /// (|f(u)| + its argument's magnitude, generously). `.infinity` where evaluation fails.
    ///
    ///     (x + 1e10 - 1e10).roundingMagnitude(at: [x: 1])   // about 2e10, though the value is 1
    func roundingMagnitude(at point: [Symbol: Double]) -> Double {
        typealias Pair = (value: Double, magnitude: Double)
        let result = try? foldPostorder { (e: Expr, sub: (Expr) -> Pair) throws(EvaluationError) -> Pair in
            switch e.kind {
            case .number(let r):
                let d = Double(r)
                return (d, Swift.abs(d))
            case .symbol(let s):
                guard let d = point[s] else { throw .unboundSymbol(s) }
                return (d, Swift.abs(d))
            case .sum(let c, let terms):
                var value = Double(c)
                var magnitude = Swift.abs(value)
                for (t, k) in terms {
                    let p = sub(t)
                    value += Double(k) * p.value
                    magnitude += Swift.abs(Double(k)) * p.magnitude
                }
                return (value, magnitude)
            case .product(let c, let factors):
                var value = Double(c)
                var magnitude = Swift.abs(value)
                for (b, x) in factors {
                    let p = powerPair(sub(b), x.rationalValue.map { (Double($0), 0) } ?? sub(x))
                    value *= p.value
                    magnitude *= p.magnitude
                }
                return (value, magnitude)
            case .power(let b, let x):
                return powerPair(sub(b), x.rationalValue.map { (Double($0), 0) } ?? sub(x))
            case .call:
                let value = try e.evaluated(at: point)
                var argument = 0.0
                e.forEachChild { argument = sub($0).magnitude }
                return (value, Swift.abs(value) + (1 + Swift.abs(value)) * argument)
            }
        }
        guard let m = result?.magnitude, m.isFinite else { return .infinity }
        return m
    }

}

/// bˣ's value and magnitude: |b|ˣ · (M(b)/|b|)^|x|, which is M(b)ˣ for x > 0 and keeps the
/// relative error of b for x < 0. (A free function: inside `Expr`, `pow` and `log` would
/// name its own elementary functions.)
private func powerPair(
    _ b: (value: Double, magnitude: Double), _ x: (value: Double, magnitude: Double)
) -> (value: Double, magnitude: Double) {
    let value = pow(b.value, x.value)
    let ratio = b.value == 0 ? 1 : Swift.max(1, b.magnitude / Swift.abs(b.value))
    let growth = 1 + x.magnitude * Swift.abs(log(Swift.abs(b.value) + 1))
    return (value, Swift.abs(value) * pow(ratio, Swift.abs(x.value)) * growth)
}
