import Exact
import Symbolic

// At a point where some output is not rational (sin(x·y) beside x²/(1 + y)), the tape is
// compared in Double as a whole, but the outputs that are rational functions can still be
// held to the exact standard: the symbolic engine's exact value, directional derivative
// and second directional derivative of each such output against the difference quotient.

extension CrossCheck {
    /// Exact symbolic-vs-oracle comparisons for every output that is rational at `point`.
    /// Returns how many outputs were compared.
    @discardableResult
    func compareRationalOutputs(_ s: Subject, at point: CheckPoint, into ledger: inout Ledger) -> Int {
        let env = point.environment
        let dir = Dictionary(uniqueKeysWithValues: zip(s.variables, point.direction))
        var compared = 0
        for i in 0..<s.m {
            guard let value = try? Rational.symbolicValue(s.functions[i], at: env),
                let row = try? s.jacobian[i].map({ (e) throws(PointFailure) in try Rational.symbolicValue(e, at: env) }),
                let jet = try? DifferenceQuotientOracle.jet(of: s.functions[i], at: env, along: dir)
            else { continue }
            let weights = unit(i, s.m) as [Rational]
            ledger.compare(
                .value, [i], [Reading(.symbolic, .exact(value)), Reading(.differenceQuotient, .exact(jet.value))],
                at: point, comparison: .exact, probe: Probe(quantity: .value, weights: weights))
            ledger.compare(
                .jvp, [i],
                [
                    Reading(.symbolic, .exact(dot(row, point.direction))),
                    Reading(.differenceQuotient, .exact(jet.first)),
                ],
                at: point, comparison: .exact, usesDirection: true,
                probe: Probe(quantity: .first(direction: point.direction), weights: weights))
            if !s.hessians.isEmpty,
                let h = try? s.hessians[i].map({ (r) throws(PointFailure) in
                    try r.map { (e) throws(PointFailure) in try Rational.symbolicValue(e, at: env) }
                })
            {
                let vHv = dot(point.direction, times(h, point.direction))
                ledger.compare(
                    .secondDirectionalDerivative, [i],
                    [
                        Reading(.symbolic, .exact(vHv)),
                        Reading(.differenceQuotient, .exact(jet.second)),
                    ],
                    at: point, comparison: .exact, usesDirection: true,
                    probe: Probe(quantity: .second(left: point.direction, direction: point.direction), weights: weights))
            }
            compared += 1
        }
        return compared
    }
}
