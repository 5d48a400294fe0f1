import AutoDiff
import Exact
import Symbolic

// Tracing a mismatch to where it starts: the two disagreeing engines compute the same
// quantity (the value, a directional derivative, a second directional derivative) on every
// subexpression of the function, smallest first. The first subexpression on which they
// disagree has children on which they agree, so the wrong rule is the one applied at its
// root: that is the culprit the report names.

extension CrossCheck {
    /// The most mismatches of one run that are traced (each search differentiates every
    /// subexpression once per engine).
    static let maximumLocalizations = 4

    func localize(_ s: Subject, _ ledger: inout Ledger) {
        let tolerance = ledger.tolerance
        for pending in ledger.pending.prefix(Self.maximumLocalizations) {
            let culprit: Mismatch.Culprit?
            switch ledger.report.mismatches[pending.index].comparison {
            case .exact: culprit = search(Rational.self, s, pending.probe, pending.engines, pending.point, tolerance)
            case .floatingPoint: culprit = search(Double.self, s, pending.probe, pending.engines, pending.point, tolerance)
            case .expression: culprit = search(Expr.self, s, pending.probe, pending.engines, pending.point, tolerance)
            }
            ledger.report.mismatches[pending.index].culprit = culprit
        }
        ledger.pending.removeAll()
    }

    /// The smallest subexpression of a weighted output where `engines` disagree on `probe`.
    func search<S: CheckScalar>(
        _: S.Type, _ s: Subject, _ probe: Probe, _ engines: (CrossCheck.Engine, CrossCheck.Engine), _ point: CheckPoint, _ tolerance: Tolerance
    ) -> Mismatch.Culprit? {
        for (i, f) in s.functions.enumerated() where !probe.weights[i].isZero {
            for sub in Self.subexpressions(of: f) {
                guard let x = probeValue(S.self, engines.0, sub, probe.quantity, s.variables, point),
                    let y = probeValue(S.self, engines.1, sub, probe.quantity, s.variables, point)
                else { continue }
                let verdict = tolerance.compare(x.value.entryValue, y.value.entryValue, magnitude: max(x.magnitude, y.magnitude))
                if verdict == .disagree {
                    return Mismatch.Culprit(
                        subexpression: sub,
                        readings: [Reading(engines.0, x.value.entryValue), Reading(engines.1, y.value.entryValue)])
                }
            }
        }
        return nil
    }

    /// The distinct subexpressions of `f` other than numbers, by increasing height.
    static func subexpressions(of f: Expr) -> [Expr] {
        var seen = Set<Expr>()
        var list: [Expr] = []
        var stack = [f]
        while let e = stack.popLast() {
            guard e.rationalValue == nil, seen.insert(e).inserted else { continue }
            list.append(e)
            e.forEachChild { stack.append($0) }
        }
        return list.enumerated().sorted { ($0.element.height, $0.offset) < ($1.element.height, $1.offset) }.map(\.element)
    }

    /// One engine's value of `quantity` on the expression `e` (and a bound on the magnitudes
    /// involved), or `nil` where that engine has none.
    func probeValue<S: CheckScalar>(
        _: S.Type, _ engine: CrossCheck.Engine, _ e: Expr, _ quantity: Probe.Quantity, _ variables: [Symbol], _ point: CheckPoint
    ) -> (value: S, magnitude: Double)? {
        let env = point.environment
        let x = point.coordinates.map { S($0) }
        func weighted(_ entries: [Expr], _ d: [Rational]) -> (value: S, magnitude: Double)? {
            var total = S.zero
            var magnitude = 0.0
            for (k, c) in d.enumerated() where !c.isZero {
                guard let v = try? S.symbolicValue(entries[k], at: env) else { return nil }
                total = total + S(c) * v
                magnitude += abs(Double(c)) * S.magnitude(entries[k], at: env)
            }
            return (total, magnitude)
        }
        switch engine {
        case .symbolic:
            switch quantity {
            case .value:
                guard let v = try? S.symbolicValue(e, at: env) else { return nil }
                return (v, S.magnitude(e, at: env))
            case .first(let d):
                return weighted(symbolic.jacobian(of: [e], withRespectTo: variables)[0], d)
            case .second(let u, let d):
                let h = symbolic.hessian(of: e, withRespectTo: variables)
                let row = (0..<variables.count).map { c in Expr.sum(zip(u, h).map { Expr($0.0) * $0.1[c] }) }
                return weighted(row, d)
            }
        case .forward, .reverse, .forwardOverReverse:
            guard let program = try? ExprCompiler.compile([e], inputs: variables) else { return nil }
            let t = tape
            let zero = [S](repeating: .zero, count: variables.count)
            do throws(TapeError) {
                switch (quantity, engine) {
                case (.value, .forward): return (try t.jvp(program, at: x, direction: zero).value[0], 0)
                case (.value, _): return (try t.vjp(program, at: x, weights: [.one]).value[0], 0)
                case (.first(let d), .forward): return (try t.jvp(program, at: x, direction: d.map { S($0) }).tangent[0], 0)
                case (.first(let d), _): return (dot(try t.vjp(program, at: x, weights: [.one]).cotangent, d.map { S($0) }), 0)
                case (.second(let u, let d), _):
                    return (dot(u.map { S($0) }, try t.hvp(program, at: x, direction: d.map { S($0) }, weights: [.one])), 0)
                }
            } catch {
                return nil
            }
        case .differenceQuotient:
            guard S.self == Rational.self else { return nil }
            let along: [Rational]
            switch quantity {
            case .value: along = [Rational](repeating: .zero, count: variables.count)
            case .first(let d): along = d
            case .second(let u, let d):
                guard u == d else { return nil }
                along = d
            }
            guard let jet = try? DifferenceQuotientOracle.jet(of: e, at: env, along: Dictionary(uniqueKeysWithValues: zip(variables, along)))
            else { return nil }
            switch quantity {
            case .value: return (S(jet.value), 0)
            case .first: return (S(jet.first), 0)
            case .second: return (S(jet.second), 0)
            }
        }
    }
}
