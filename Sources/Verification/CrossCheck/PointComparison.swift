import AutoDiff
import Exact
import Symbolic

/// The function under check, with everything that does not depend on the point: its
/// tape, and the symbolic engine's Jacobian and Hessians (one per output).
struct Subject {
    let functions: [Expr]
    let variables: [Symbol]
    let tape: Tape
    let jacobian: [[Expr]]
    /// Empty when second order is not checked.
    let hessians: [[[Expr]]]

    var n: Int { variables.count }
    var m: Int { functions.count }
}

/// Every comparison at one point, in one number system S: the symbolic engine evaluated
/// there, the tape engine's sweeps, and (for S = Rational) the difference-quotient oracle.
struct PointComparison<S: CheckScalar> {
    let subject: Subject
    let engine: any TapeEngine
    let point: CheckPoint
    /// Whether to try the oracle (it applies only to rational functions at exact points).
    let oracle: Bool

    /// Computes every engine's values, then compares them. Nothing is recorded unless all
    /// of them exist, so a point is either fully compared or skipped.
    ///
    /// - Returns: why the oracle did not apply, when it was tried and did not.
    /// - Throws: ``PointFailure`` when some value is not rational (S = Rational) or undefined.
    func run(into ledger: inout Ledger) throws(PointFailure) -> OracleError? {
        let s = subject
        let env = point.environment
        let (n, m) = (s.n, s.m)
        let secondOrder = !s.hessians.isEmpty

        // The symbolic engine, evaluated at the point.
        var F: [S] = []
        for f in s.functions { F.append(try S.symbolicValue(f, at: env)) }
        var J: [[S]] = []
        for row in s.jacobian {
            var r: [S] = []
            for e in row { r.append(try S.symbolicValue(e, at: env)) }
            J.append(r)
        }
        var Hs: [[[S]]] = []
        for h in s.hessians {
            var rows: [[S]] = []
            for row in h {
                var r: [S] = []
                for e in row { r.append(try S.symbolicValue(e, at: env)) }
                rows.append(r)
            }
            Hs.append(rows)
        }

        // The tape engine.
        let x = point.coordinates.map { S($0) }
        let v = point.direction.map { S($0) }
        let w = point.weights.map { S($0) }
        let tape = s.tape
        let e = engine
        let fwd = try tapeCall(.forward) { () throws(TapeError) in try e.jvp(tape, at: x, direction: v) }
        let rev = try tapeCall(.reverse) { () throws(TapeError) in try e.vjp(tape, at: x, weights: w) }
        let Jf = try tapeCall(.forward) { () throws(TapeError) in try e.jacobian(tape, at: x, mode: .forward) }
        let Jr = try tapeCall(.reverse) { () throws(TapeError) in try e.jacobian(tape, at: x, mode: .reverse) }
        let gradient = m == 1 ? try tapeCall(.reverse) { () throws(TapeError) in try e.gradient(tape, at: x) } : nil
        var hv: [S] = []
        var Ht: [[S]] = []
        if secondOrder {
            hv = try tapeCall(.forwardOverReverse) { () throws(TapeError) in try e.hvp(tape, at: x, direction: v, weights: w) }
            Ht = try tapeCall(.forwardOverReverse) { () throws(TapeError) in try e.hessian(tape, at: x, weights: w) }
        }

        // The oracle: f(a + h·v) along the direction, for each output.
        var jets: [(value: Rational, first: Rational, second: Rational)]?
        var oracleFailure: OracleError?
        if oracle && S.self == Rational.self {
            let dir = Dictionary(uniqueKeysWithValues: zip(s.variables, point.direction))
            do throws(OracleError) {
                jets = try s.functions.map { (f) throws(OracleError) in try DifferenceQuotientOracle.jet(of: f, at: env, along: dir) }
            } catch {
                oracleFailure = error
            }
        }
        func q(_ r: Rational) -> EntryValue { S(r).entryValue }

        // Magnitudes bound the rounding of Double values (0 for exact comparison).
        func magnitude(_ e: Expr) -> Double { S.magnitude(e, at: env) }
        let MF = s.functions.map(magnitude)
        let MJ = s.jacobian.map { $0.map(magnitude) }
        let MH = s.hessians.map { $0.map { $0.map(magnitude) } }
        let av = point.direction.map { abs(Double($0)) }
        let aw = point.weights.map { abs(Double($0)) }
        let cmp = S.comparison
        let ei: (Int, Int) -> [Rational] = { i, k in unit(i, k) }

        for i in 0..<m {
            var readings = [
                Reading(.symbolic, F[i].entryValue), Reading(.forward, fwd.value[i].entryValue),
                Reading(.reverse, rev.value[i].entryValue),
            ]
            if let jets { readings.append(Reading(.differenceQuotient, q(jets[i].value))) }
            ledger.compare(
                .value, [i], readings, at: point, comparison: cmp, magnitude: MF[i],
                probe: Probe(quantity: .value, weights: ei(i, m)))
            for j in 0..<n {
                ledger.compare(
                    .jacobian, [i, j],
                    [
                        Reading(.symbolic, J[i][j].entryValue), Reading(.forward, Jf[i][j].entryValue),
                        Reading(.reverse, Jr[i][j].entryValue),
                    ],
                    at: point, comparison: cmp, magnitude: MJ[i][j],
                    probe: Probe(quantity: .first(direction: ei(j, n)), weights: ei(i, m)))
            }
        }
        if let gradient {
            for j in 0..<n {
                ledger.compare(
                    .gradient, [j], [Reading(.symbolic, J[0][j].entryValue), Reading(.reverse, gradient[j].entryValue)],
                    at: point, comparison: cmp, magnitude: MJ[0][j],
                    probe: Probe(quantity: .first(direction: ei(j, n)), weights: [.one]))
            }
        }
        let Jv = times(J, v)
        for i in 0..<m {
            var readings = [Reading(.symbolic, Jv[i].entryValue), Reading(.forward, fwd.tangent[i].entryValue)]
            if let jets { readings.append(Reading(.differenceQuotient, q(jets[i].first))) }
            ledger.compare(
                .jvp, [i], readings, at: point, comparison: cmp, magnitude: dot(MJ[i], av), usesDirection: true,
                probe: Probe(quantity: .first(direction: point.direction), weights: ei(i, m)))
        }
        let wJ = transposeTimes(w, J, columns: n)
        for j in 0..<n {
            let mag = (0..<m).reduce(0.0) { $0 + aw[$1] * MJ[$1][j] }
            ledger.compare(
                .vjp, [j], [Reading(.symbolic, wJ[j].entryValue), Reading(.reverse, rev.cotangent[j].entryValue)],
                at: point, comparison: cmp, magnitude: mag, usesWeights: true,
                probe: Probe(quantity: .first(direction: ei(j, n)), weights: point.weights))
        }
        let adjointMagnitude = (0..<m).reduce(0.0) { $0 + aw[$1] * dot(MJ[$1], av) }
        ledger.compare(
            .adjointIdentity, [],
            [
                Reading(.forward, dot(w, fwd.tangent).entryValue),
                Reading(.reverse, dot(rev.cotangent, v).entryValue),
            ],
            at: point, comparison: cmp, magnitude: adjointMagnitude, usesDirection: true, usesWeights: true,
            probe: Probe(quantity: .first(direction: point.direction), weights: point.weights))
        guard secondOrder else { return oracleFailure }

        let H = weightedSum(Hs, w, size: n)
        let MHw = weightedSum(MH, aw, size: n)
        for r in 0..<n {
            for c in 0..<n {
                ledger.compare(
                    .hessian, [r, c],
                    [
                        Reading(.symbolic, H[r][c].entryValue),
                        Reading(.forwardOverReverse, Ht[r][c].entryValue),
                    ],
                    at: point, comparison: cmp, magnitude: MHw[r][c], usesWeights: true,
                    probe: Probe(quantity: .second(left: ei(r, n), direction: ei(c, n)), weights: point.weights))
                if r < c {
                    ledger.compare(
                        .hessianSymmetry, [r, c],
                        [
                            Reading(.forwardOverReverse, Ht[r][c].entryValue),
                            Reading(.forwardOverReverse, Ht[c][r].entryValue),
                        ],
                        at: point, comparison: cmp, magnitude: max(MHw[r][c], MHw[c][r]), usesWeights: true)
                    ledger.compare(
                        .hessianSymmetry, [r, c],
                        [
                            Reading(.symbolic, H[r][c].entryValue),
                            Reading(.symbolic, H[c][r].entryValue),
                        ],
                        at: point, comparison: cmp, magnitude: max(MHw[r][c], MHw[c][r]), usesWeights: true)
                }
            }
        }
        let Hv = times(H, v)
        let Htv = times(Ht, v)
        for k in 0..<n {
            let mag = dot(MHw[k], av)
            let probe = Probe(quantity: .second(left: ei(k, n), direction: point.direction), weights: point.weights)
            ledger.compare(
                .hvp, [k], [Reading(.symbolic, Hv[k].entryValue), Reading(.forwardOverReverse, hv[k].entryValue)],
                at: point, comparison: cmp, magnitude: mag, usesDirection: true, usesWeights: true, probe: probe)
            // The law HVP = H·v, inside the tape engine.
            ledger.compare(
                .hvp, [k],
                [
                    Reading(.forwardOverReverse, Htv[k].entryValue),
                    Reading(.forwardOverReverse, hv[k].entryValue),
                ],
                at: point, comparison: cmp, magnitude: mag, usesDirection: true, usesWeights: true)
        }
        if let jets {
            let oracleValue = zip(point.weights, jets).reduce(Rational.zero) { $0 + $1.0 * $1.1.second }
            ledger.compare(
                .secondDirectionalDerivative, [],
                [
                    Reading(.symbolic, dot(v, Hv).entryValue),
                    Reading(.forwardOverReverse, dot(v, hv).entryValue),
                    Reading(.differenceQuotient, q(oracleValue)),
                ],
                at: point, comparison: cmp, usesDirection: true, usesWeights: true,
                probe: Probe(quantity: .second(left: point.direction, direction: point.direction), weights: point.weights))
        }
        return oracleFailure
    }
}
