import Exact
import Symbolic

/// Compares two expressions by value at seeded random rational points: exactly where both
/// values are rational, in `Double` with a relative tolerance where they are not (sin(1/2)).
/// Points where either side is undefined (a division by zero, log of a negative) are
/// skipped; at least `minimumPoints` must be usable.
public enum ValueComparison {
    public enum Verdict: Equatable, CustomStringConvertible {
        case equal
        case differ(point: String, left: String, right: String)
        case tooFewPoints

        public var description: String {
            switch self {
            case .equal: return "equal"
            case .differ(let p, let l, let r): return "differ at \(p): \(l) vs \(r)"
            case .tooFewPoints: return "too few points where both are defined"
            }
        }
    }

    /// A random rational point: small numerators, denominators 1…7, in (−3, 3), avoiding 0.
    public static func randomPoint(_ symbols: [Symbol], _ g: inout SeededGenerator, positive: Bool = false) -> [Symbol: Rational] {
        var p: [Symbol: Rational] = [:]
        for s in symbols {
            var r = Rational.zero
            while r.isZero {
                let d = Int.random(in: 1...7, using: &g)
                let lo = positive ? 1 : -3 * d + 1
                r = Rational(Int.random(in: lo...(3 * d - 1), using: &g), d)
            }
            p[s] = r
        }
        return p
    }

    public static func compare(_ a: Expr, _ b: Expr, points: Int = 8, minimumPoints: Int = 3, seed: UInt64 = 1) -> Verdict {
        var g = SeededGenerator(seed: seed)
        let symbols = Array(Set(a.freeSymbols + b.freeSymbols)).sorted()
        var used = 0
        var attempts = 0
        while used < points && attempts < points * 6 {
            attempts += 1
            let point = randomPoint(symbols, &g, positive: attempts % 2 == 0)
            let text = point.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            let ea = Result { () throws(EvaluationError) in try a.evaluated(at: point) }
            let eb = Result { () throws(EvaluationError) in try b.evaluated(at: point) }
            if case .success(let va) = ea, case .success(let vb) = eb {
                if va != vb { return .differ(point: text, left: va.description, right: vb.description) }
                used += 1
                continue
            }
            let dp = point.mapValues { Double($0) }
            guard let da = try? a.evaluated(at: dp), let db = try? b.evaluated(at: dp) else { continue }
            let scale = max(1.0, abs(da), abs(db))
            if abs(da - db) > 1e-9 * scale { return .differ(point: text, left: "\(da)", right: "\(db)") }
            used += 1
        }
        return used >= minimumPoints ? .equal : .tooFewPoints
    }
}
