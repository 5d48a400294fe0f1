import Exact

// The per-opcode kernels of the Double Taylor plan: the series of one column (`cnt`
// repetitions) from its operands' series, by the generic sweep's recurrences
// (TaylorSweep+Instructions.swift) in the same order, so that the coefficients agree with
// it to the last bits. Values (degree 0) come from the tape's own table
// (`LocalPartials.value`), as in every sweep. Where the generic sweep throws, or picks a
// recurrence by the numbers (sqrt, abs, fractional powers at 0; a guard that fails), the
// kernel returns false and the whole call goes to the generic sweep, which gives the
// result or the typed error. One exhaustive switch, no `default:`.

extension TaylorRecurrences {
    /// Writes the series of column `w` (cnt repetitions) of `ins` from operands `a`, `b`
    /// (inputs and constants are the caller's); false where the generic sweep must decide.
    ///
    /// No operand may overlap `w` over the `cnt` repetitions (a column that reads itself
    /// runs one repetition at a time, or as a chain, in the caller).
    func apply(_ ins: Instruction, _ w: TaylorColumn, _ a: TaylorColumn, _ b: TaylorColumn, constant c: Double, _ cnt: Int) -> Bool {
        let k = order
        let (w0, a0, b0) = (w[0], a[0], b[0])
        switch ins.opcode {
        case .input, .constant:
            preconditionFailure("inputs and constants are loaded by the plan run")
        case .branchGuard:
            let (relation, expected) = ins.guardCondition
            for r in 0..<cnt {
                guard let sign = try? Double.compare(a0[r], b0[r]), relation.holds(sign: sign) == expected else { return false }
            }
            for d in 0...k { w[d].update(repeating: 0, count: cnt) }
        case .add:
            for d in 0...k {
                let (x, y, z) = (w[d], a[d], b[d])
                for r in 0..<cnt { x[r] = y[r] + z[r] }
            }
        case .subtract:
            for d in 0...k {
                let (x, y, z) = (w[d], a[d], b[d])
                for r in 0..<cnt { x[r] = y[r] - z[r] }
            }
        case .negate:
            for d in 0...k {
                let (x, y) = (w[d], a[d])
                for r in 0..<cnt { x[r] = -y[r] }
            }
        case .addConstant:
            for r in 0..<cnt { w0[r] = a0[r] + c }
            for d in stride(from: 1, through: k, by: 1) { w[d].update(from: a[d], count: cnt) }
        case .subtractFromConstant:
            for r in 0..<cnt { w0[r] = c - a0[r] }
            for d in stride(from: 1, through: k, by: 1) {
                let (x, y) = (w[d], a[d])
                for r in 0..<cnt { x[r] = -y[r] }
            }
        case .multiplyConstant:
            for d in 0...k {
                let (x, y) = (w[d], a[d])
                for r in 0..<cnt { x[r] = c * y[r] }
            }
        case .multiply, .square:
            let bb = ins.opcode == .square ? a : b
            let y0 = bb[0]
            for r in 0..<cnt { w0[r] = a0[r] * y0[r] }
            for d in stride(from: 1, through: k, by: 1) { convolve(w, d, a, bb, from: 0, through: d, cnt) }
        case .divide:
            guard values(ins, w, a, b, c, cnt) else { return false }
            for r in 0..<cnt { planeA[r] = 1 / b0[r] }  // b₀ ≠ 0: the value did not throw
            quotient(w, a, b, reciprocal: planeA, cnt)
        case .reciprocal:
            guard values(ins, w, a, b, c, cnt) else { return false }
            quotient(w, nil, a, reciprocal: w0, cnt)
        case .powerInteger:
            guard values(ins, w, a, b, c, cnt) else { return false }
            let n = Int(ins.payload)
            if n == 0 {
                for d in stride(from: 1, through: k, by: 1) { w[d].update(repeating: 0, count: cnt) }
            } else if n > 0 {
                planeA.update(from: w0, count: cnt)
                power(into: w, a, n, cnt)
                w0.update(from: planeA, count: cnt)
            } else {
                let p = series[3]
                power(into: p, a, -n, cnt)
                quotient(w, nil, p, reciprocal: w0, cnt)
            }
        case .powerConstant:
            for r in 0..<cnt where a0[r] == 0 { return false }  // the generic sweep picks the rule at 0
            guard values(ins, w, a, b, c, cnt) else { return false }
            for r in 0..<cnt { planeA[r] = 1 / a0[r] }
            realPower(w, a, exponent: c, inverse: planeA, cnt)
        case .power:
            // The rule depends on which operands are constant, repetition by repetition.
            for r in 0..<cnt {
                guard variablePower(ins, w.from(r), a.from(r), b.from(r), c) else { return false }
            }
        case .exp:
            guard values(ins, w, a, b, c, cnt) else { return false }
            for d in stride(from: 1, through: k, by: 1) { derivation(w, d, a, w, cnt) }
        case .sin, .cos, .sinh, .cosh:
            guard values(ins, w, a, b, c, cnt) else { return false }
            let other = series[0]
            let hyperbolic = ins.opcode == .sinh || ins.opcode == .cosh
            let op = ins.opcode
            let companion: UnaryFunction = op == .sin ? .cos : op == .cos ? .sin : op == .sinh ? .cosh : .sinh
            for r in 0..<cnt {
                guard let x = try? Double.evaluate(companion, a0[r]) else { return false }
                other[0][r] = x
            }
            let isSine = ins.opcode == .sin || ins.opcode == .sinh
            let (s, co) = isSine ? (w, other) : (other, w)
            for d in stride(from: 1, through: k, by: 1) {
                derivation(s, d, a, co, cnt)
                derivation(co, d, a, s, cnt, negated: !hyperbolic)
            }
        case .tan, .tanh:
            guard values(ins, w, a, b, c, cnt) else { return false }
            let q = series[0]
            let plus = ins.opcode == .tan
            for r in 0..<cnt { q[0][r] = plus ? 1 + w0[r] * w0[r] : 1 - w0[r] * w0[r] }
            for d in stride(from: 1, through: k, by: 1) {
                derivation(w, d, a, q, cnt)
                if d < k {
                    convolve(q, d, w, w, from: 0, through: d, cnt)
                    if !plus {
                        let qd = q[d]
                        for r in 0..<cnt { qd[r] = -qd[r] }
                    }
                }
            }
        case .log:
            guard values(ins, w, a, b, c, cnt) else { return false }
            for r in 0..<cnt { planeA[r] = 1 / a0[r] }  // a₀ > 0: log did not throw
            quotientDerivation(w, numerator: a, negated: false, denominator: a, reciprocal: planeA, cnt)
        case .atan:
            guard values(ins, w, a, b, c, cnt) else { return false }
            let q = series[0]
            multiply(into: q, a, a, cnt)
            for r in 0..<cnt {
                q[0][r] = 1 + q[0][r]
                planeA[r] = 1 / q[0][r]
            }
            quotientDerivation(w, numerator: a, negated: false, denominator: q, reciprocal: planeA, cnt)
        case .asin, .acos:
            guard values(ins, w, a, b, c, cnt) else { return false }
            // D = √(1 − u²): A = 1 − u² in scratch 0, D in scratch 1.
            let (aa, root) = (series[0], series[1])
            multiply(into: aa, a, a, cnt)
            for d in 0...k {
                let x = aa[d]
                for r in 0..<cnt { x[r] = -x[r] }
            }
            let root0 = root[0]
            for r in 0..<cnt {
                aa[0][r] = 1 + aa[0][r]
                guard let s = try? Double.evaluate(.sqrt, aa[0][r]), s != 0 else { return false }
                root0[r] = s
                planeA[r] = 1 / s
                planeB[r] = 1 / (s + s)
            }
            squareRoot(root, aa, reciprocal: planeB, cnt)
            quotientDerivation(w, numerator: a, negated: ins.opcode == .acos, denominator: root, reciprocal: planeA, cnt)
        case .sqrt:
            guard values(ins, w, a, b, c, cnt) else { return false }
            for r in 0..<cnt {
                if w0[r] == 0 { return false }
                planeA[r] = 1 / (w0[r] + w0[r])
            }
            squareRoot(w, a, reciprocal: planeA, cnt)
        case .abs:
            guard values(ins, w, a, b, c, cnt) else { return false }
            for r in 0..<cnt {
                if a0[r] == 0 { return false }
                planeA[r] = w0[r] / a0[r]
            }
            for d in stride(from: 1, through: k, by: 1) {
                let (x, y) = (w[d], a[d])
                for r in 0..<cnt { x[r] = planeA[r] * y[r] }
            }
        }
        return true
    }

    /// w₀ from the tape's table, per repetition; false where it throws.
    @inline(__always)
    func values(_ ins: Instruction, _ w: TaylorColumn, _ a: TaylorColumn, _ b: TaylorColumn, _ c: Double, _ cnt: Int) -> Bool {
        let (w0, a0, b0) = (w[0], a[0], b[0])
        for r in 0..<cnt {
            do throws(ScalarError) {
                w0[r] = try LocalPartials.value(of: ins, ValueOperands(a0[r], b0[r], c))
            } catch {
                return false
            }
        }
        return true
    }

    /// u^v for one repetition, by the generic sweep's choice: zero past the value when both
    /// are constant, the power recurrence when v is, else exp(v·log u).
    func variablePower(_ ins: Instruction, _ w: TaylorColumn, _ a: TaylorColumn, _ b: TaylorColumn, _ c: Double) -> Bool {
        let k = order
        guard values(ins, w, a, b, c, 1) else { return false }
        let constantA = (0...k).allSatisfy { $0 == 0 || a[$0][0] == 0 }
        let constantB = (0...k).allSatisfy { $0 == 0 || b[$0][0] == 0 }
        if constantA && constantB {
            for d in stride(from: 1, through: k, by: 1) { w[d][0] = 0 }
            return true
        }
        if constantB {
            if a[0][0] == 0 { return false }
            planeA[0] = 1 / a[0][0]
            realPower(w, a, exponent: b[0][0], inverse: planeA, 1)
            return true
        }
        // u^v = exp(v·log u): log u in scratch 0, z = v ⊗ log u in scratch 1.
        let (l, z) = (series[0], series[1])
        guard let log0 = try? Double.evaluate(.log, a[0][0]) else { return false }
        l[0][0] = log0
        planeA[0] = 1 / a[0][0]
        quotientDerivation(l, numerator: a, negated: false, denominator: a, reciprocal: planeA, 1)
        multiply(into: z, b, l, 1)
        for d in stride(from: 1, through: k, by: 1) { derivation(w, d, z, w, 1) }
        return true
    }
}
