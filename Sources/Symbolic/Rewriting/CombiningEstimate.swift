import Exact

// Before a sum is converted to a rational function for `simplified()`'s whole-sum candidates,
// a look at its terms as they stand: when even this estimate of the common-denominator
// numerator is far past what `KernelMap.rationalFunction(_:termLimit:meter:gcdLimit:combiningGrowth:)`
// would accept, the conversion is not started. That check is made on the converted terms,
// in one polynomial ring over every kernel of the sum (a Meyer sum of 16 residuals has 19),
// so converting them only to refuse the combination was most of the search's time.

extension KernelMap {
    /// How far past the accepted size the estimate must be before the conversion is skipped:
    /// the estimate reads factors as printed (a polynomial factor of a base, or a
    /// denominator that cancels, could make the true bound smaller).
    static let hopelessMargin = 8

    /// `true` when the sum c + Σ kᵢ·tᵢ, put over one denominator, would have a numerator of
    /// more than ``hopelessMargin`` times max(``combiningFloor``, `growth` · the terms of its
    /// summands' factors), estimated from the summands' factors as they stand: each
    /// summand's numerator times the denominator bases it lacks, the bases common to every
    /// numerator kept outside (``FactoredRationalFunction/combinedNumeratorBound(_:)`` on
    /// expressions instead of polynomials; a sum base counts its summands, any other one).
    static func combiningIsHopeless(_ c: Rational, _ terms: [(term: Expr, coefficient: Rational)], growth: Int) -> Bool {
        guard terms.count > 1 else { return false }
        func width(_ b: Expr) -> Int {
            if case .sum(let k, let ts) = b.kind { return ts.count + (k.isZero ? 0 : 1) }
            return 1
        }
        var parts: [(numerator: [Expr: Int], denominator: [Expr: Int])] = []
        parts.reserveCapacity(terms.count + 1)
        var denominator: [Expr: Int] = [:]
        var separate = 0
        for (t, _) in terms {
            var top: [Expr: Int] = [:], bottom: [Expr: Int] = [:]
            for (b, x) in factors(of: t) {
                separate = separate &+ width(b)
                guard let r = x.rationalValue, r.isInteger, let e = Int(exactly: r.numerator), b.rationalValue == nil else {
                    top[Expr.power(b, x), default: 0] += 1  // a kernel
                    continue
                }
                if e < 0 {
                    bottom[b] = -e
                    denominator[b] = max(denominator[b] ?? 0, -e)
                } else {
                    top[b] = e
                }
            }
            parts.append((top, bottom))
        }
        if !c.isZero { parts.append(([:], [:])) }
        guard !denominator.isEmpty else { return false }
        var common = parts[0].numerator
        for p in parts.dropFirst() {
            common = common.filter { p.numerator[$0.key] != nil }.mapValues { $0 }
            for (b, e) in common { common[b] = min(e, p.numerator[b] ?? 0) }
        }
        let limit = FactoredRationalFunction.bound(
            max(KernelMap.combiningFloor, FactoredRationalFunction.bound(max(separate, parts.count), growth, 1)), hopelessMargin, 1)
        var combined = 0
        for p in parts {
            var n = 1
            for (b, e) in p.numerator { n = FactoredRationalFunction.bound(n, width(b), e - (common[b] ?? 0)) }
            for (b, d) in denominator { n = FactoredRationalFunction.bound(n, width(b), d - (p.denominator[b] ?? 0)) }
            combined = combined.addingReportingOverflow(n).overflow ? .max : combined + n
            if combined > limit { return true }
        }
        return false
    }
}
