import AutoDiff
import Exact
import Symbolic

// Where values are not rational, the engines are also compared as formulas: the tape
// run over `Expr` scalars at the symbols themselves gives the Jacobian (forward and
// reverse) and the Hessians as expressions, built by the tape's own rule table. Each
// entry must equal the symbolic engine's: identical when their difference canonicalises
// to 0 (zero-equivalence, decided exactly), otherwise equal at the witness points as
// exact values (`2*cos(1/2)`), or failing that, in Double within the tolerance.

extension CrossCheck {
    func compareFormulas(_ s: Subject, witnesses: [CheckPoint], into ledger: inout Ledger) {
        let symbols = s.variables.map { Expr($0) }
        let (n, m) = (s.n, s.m)
        let engine = tape
        let program = s.tape
        let forward: [[Expr]]
        let reverse: [[Expr]]
        var hessians: [[[Expr]]] = []
        do {
            forward = try engine.jacobian(program, at: symbols, mode: .forward)
            reverse = try engine.jacobian(program, at: symbols, mode: .reverse)
            if !s.hessians.isEmpty {
                for i in 0..<m { hessians.append(try engine.hessian(program, at: symbols, weights: unit(i, m))) }
            }
        } catch {
            // A tape over symbols can fail only on a constant subexpression (log(-1)); the
            // numeric comparisons at the points have covered what exists.
            return
        }
        for i in 0..<m {
            for j in 0..<n {
                let probe = Probe(quantity: .first(direction: unit(j, n)), weights: unit(i, m))
                compare(
                    .jacobian, [i, j], s.jacobian[i][j], [(.forward, forward[i][j]), (.reverse, reverse[i][j])],
                    witnesses, probe, &ledger)
            }
        }
        for (i, h) in hessians.enumerated() {
            for r in 0..<n {
                for c in 0..<n {
                    let probe = Probe(quantity: .second(left: unit(r, n), direction: unit(c, n)), weights: unit(i, m))
                    compare(
                        .hessian, m == 1 ? [r, c] : [i, r, c], s.hessians[i][r][c], [(.forwardOverReverse, h[r][c])],
                        witnesses, probe, &ledger)
                }
            }
        }
    }

    /// One entry: the symbolic formula against each tape formula.
    private func compare(
        _ object: Mismatch.Object, _ entry: [Int], _ symbolic: Expr, _ formulas: [(CrossCheck.Engine, Expr)],
        _ witnesses: [CheckPoint], _ probe: Probe, _ ledger: inout Ledger
    ) {
        for (engine, formula) in formulas {
            if formula == symbolic || (formula - symbolic).isZero {
                ledger.report.identicalFormulas += 1
                continue
            }
            for p in witnesses {
                guard let a = try? Expr.symbolicValue(symbolic, at: p.environment),
                    let b = try? Expr.symbolicValue(formula, at: p.environment)
                else { continue }
                let before = ledger.report.mismatches.count
                ledger.compare(
                    object, entry, [Reading(.symbolic, a.entryValue), Reading(engine, b.entryValue)], at: p,
                    comparison: .expression, magnitude: Expr.magnitude(symbolic, at: p.environment),
                    usesWeights: probe.weights.count > 1, probe: probe)
                if ledger.report.mismatches.count > before { break }
            }
        }
    }
}
