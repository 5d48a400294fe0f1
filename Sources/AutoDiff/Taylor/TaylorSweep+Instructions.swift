import Exact

// The per-opcode rules of Taylor-mode AD (the recurrences are listed in TaylorSweep.swift).
// One exhaustive switch, no `default:`, so a new opcode does not compile without its rule.

extension TaylorSweep {
    /// Writes the series of slot `i` from the series of earlier slots.
    ///
    /// - Parameters:
    ///   - seeds: Vᵢⱼ row-major (n × m): input i's degree-1 block.
    ///   - exponents: the tape's exact constants (for `powerConstant`'s integer test).
    /// - Throws: the scalar errors of the value and of the derivatives (not differentiable
    ///   at 0 for sqrt, abs and fractional powers; asin, acos at ±1); a violated guard as
    ///   ``TaylorSweepFailure/guardViolated``.
    @inlinable
    mutating func step(
        _ ins: Instruction, slot i: Int, point: [S], seeds: [S], constants: [S], exponents: [Rational]
    ) throws(TaylorSweepFailure) {
        start(i)
        let w = series(i)
        let u = UnsafePointer(series(Int(ins.a)))
        let v = UnsafePointer(series(Int(ins.b)))
        let m = layout.variables
        let k = Int(ins.payload)
        switch ins.opcode {
        case .input:
            w[0] = point[k]
            for j in 0..<m where order >= 1 { w[1 + j] = seeds[k * m + j] }
            return
        case .constant:
            w[0] = constants[k]
            return
        case .branchGuard:
            let (relation, expected) = ins.guardCondition
            let sign: Int
            do throws(ScalarError) { sign = try S.compare(u[0], v[0]) } catch { throw .scalar(error) }
            if relation.holds(sign: sign) != expected { throw .guardViolated }
            return
        case .add, .subtract, .multiply, .divide, .negate, .addConstant, .subtractFromConstant, .multiplyConstant,
            .square, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan,
            .asin, .acos, .sinh, .cosh, .tanh, .abs:
            break
        }
        do throws(ScalarError) {
            let c = ins.usesConstant ? constants[k] : .zero
            let value = try LocalPartials.value(of: ins, ValueOperands(u[0], v[0], c))
            try rest(ins, w, u, v, value: value, constant: c, exponents: exponents)
            w[0] = value
            for t in 0..<width { try S.checkSize(w[t]) }
        } catch {
            throw .scalar(error)
        }
    }

    /// The coefficients of degree ≥ 1 of the instruction's series (w₀ = `value` is written
    /// by the caller afterwards; recurrences that read w₀ find it set here first).
    @inlinable
    func rest(
        _ ins: Instruction, _ w: UnsafeMutablePointer<S>, _ u: UnsafePointer<S>, _ v: UnsafePointer<S>, value: S,
        constant c: S, exponents: [Rational]
    ) throws(ScalarError) {
        w[0] = value
        switch ins.opcode {
        case .input, .constant, .branchGuard:
            return
        case .add: for t in 1..<width { w[t] = u[t] + v[t] }
        case .subtract: for t in 1..<width { w[t] = u[t] - v[t] }
        case .negate, .subtractFromConstant: for t in 1..<width { w[t] = -u[t] }
        case .addConstant: for t in 1..<width { w[t] = u[t] }
        case .multiplyConstant: for t in 1..<width { w[t] = c * u[t] }
        case .multiply, .square:
            let b = ins.opcode == .square ? u : v
            for d in stride(from: 1, through: order, by: 1) { convolve(into: w, degree: d, u, b, from: 0, through: d) }
        case .divide:
            if isConstant(u) && isConstant(v) { return }
            quotient(into: w, u, v, reciprocal: try S.one.divided(by: v[0]))
        case .reciprocal:
            if isConstant(u) { return }
            quotient(into: w, nil, u, reciprocal: value)
        case .powerInteger:
            if isConstant(u) { return }
            try integerPower(into: w, u, Int(ins.payload), value: value)
        case .powerConstant:
            if isConstant(u) { return }
            let r = exponents[Int(ins.payload)]
            if !u[0].isZero { return try realPower(into: w, u, exponent: c) }
            guard r.isInteger, r.signum() >= 0, let n = Int(exactly: r.numerator) else {
                throw .notDifferentiable(expression: "(0)^(\(r))")
            }
            try integerPower(into: w, u, n, value: value)
        case .power:
            if isConstant(u) && isConstant(v) { return }
            if isConstant(v) {
                if u[0].isZero { throw .notDifferentiable(expression: "(0)^(\(v[0].errorDescription))") }
                return try realPower(into: w, u, exponent: v[0])
            }
            // u^v = exp(v·log u): z = v ⊗ log u in scratch 1, log u in scratch 0.
            let l = scratch(0)
            let z = scratch(1)
            l.update(repeating: .zero, count: width)
            l[0] = try S.evaluate(.log, u[0])
            quotientDerivation(into: l, numerator: u, negated: false, denominator: u, reciprocal: try S.one.divided(by: u[0]))
            multiply(into: z, v, l)
            for d in stride(from: 1, through: order, by: 1) { derivation(into: w, degree: d, z, w) }
        case .exp:
            if isConstant(u) { return }
            for d in stride(from: 1, through: order, by: 1) { derivation(into: w, degree: d, u, w) }
        case .sin, .cos, .sinh, .cosh:
            if isConstant(u) { return }
            try trigonometric(ins.opcode, into: w, u)
        case .tan, .tanh:
            if isConstant(u) { return }
            // q = 1 ± w², built alongside w (q_d needs w up to degree d).
            let q = scratch(0)
            q.update(repeating: .zero, count: width)
            let plus = ins.opcode == .tan
            q[0] = plus ? S.one + value * value : S.one - value * value
            for d in stride(from: 1, through: order, by: 1) {
                derivation(into: w, degree: d, u, q)
                if d < order {
                    convolve(into: q, degree: d, w, w, from: 0, through: d)
                    if !plus { for t in layout.block(d) { q[t] = -q[t] } }
                }
            }
        case .log:
            if isConstant(u) { return }
            quotientDerivation(into: w, numerator: u, negated: false, denominator: u, reciprocal: try S.one.divided(by: u[0]))
        case .atan:
            if isConstant(u) { return }
            let q = scratch(0)
            multiply(into: q, u, u)
            q[0] = S.one + q[0]
            quotientDerivation(into: w, numerator: u, negated: false, denominator: q, reciprocal: try S.one.divided(by: q[0]))
        case .asin, .acos:
            if isConstant(u) { return }
            // D = √(1 − u²): A = 1 − u² in scratch 0, D in scratch 1.
            let a = scratch(0)
            let root = scratch(1)
            multiply(into: a, u, u)
            for t in 0..<width { a[t] = -a[t] }
            a[0] = S.one + a[0]
            root.update(repeating: .zero, count: width)
            root[0] = try S.evaluate(.sqrt, a[0])
            if root[0].isZero { throw .notDifferentiable(expression: "\(ins.opcode)(\(u[0].errorDescription))") }
            let r = try S.one.divided(by: root[0])
            squareRoot(into: root, a, reciprocalOfTwiceValue: try S.one.divided(by: root[0] + root[0]))
            quotientDerivation(into: w, numerator: u, negated: ins.opcode == .acos, denominator: root, reciprocal: r)
        case .sqrt:
            if isConstant(u) { return }
            if value.isZero { throw .notDifferentiable(expression: "sqrt(\(u[0].errorDescription))") }
            squareRoot(into: w, u, reciprocalOfTwiceValue: try S.one.divided(by: value + value))
        case .abs:
            if isConstant(u) { return }
            if u[0].isZero { throw .notDifferentiable(expression: "abs(0)") }
            let sign = try value.divided(by: u[0])
            for t in 1..<width { w[t] = sign * u[t] }
        }
    }

    /// w = uⁿ (any integer n, u not constant), w₀ = `value` already known.
    @inlinable
    func integerPower(into w: UnsafeMutablePointer<S>, _ u: UnsafePointer<S>, _ n: Int, value: S) throws(ScalarError) {
        if n == 0 { return }
        if n > 0 { return power(into: w, u, n) }
        // uⁿ = 1/u^|n|: the power in scratch 0…2, then the reciprocal recurrence (1/P₀ = value).
        let p = UnsafeMutablePointer<S>.allocate(capacity: width)
        defer {
            p.deinitialize(count: width)
            p.deallocate()
        }
        p.initialize(repeating: .zero, count: width)
        power(into: p, u, -n)
        w[0] = value
        quotient(into: w, nil, p, reciprocal: value)
    }

    /// sin, cos, sinh or cosh of a non-constant series, with the companion in scratch 0.
    @inlinable
    func trigonometric(_ op: Opcode, into w: UnsafeMutablePointer<S>, _ u: UnsafePointer<S>) throws(ScalarError) {
        let other = scratch(0)
        other.update(repeating: .zero, count: width)
        let companion: UnaryFunction
        let hyperbolic: Bool
        let isSine: Bool
        switch op {
        case .sin: (companion, hyperbolic, isSine) = (.cos, false, true)
        case .cos: (companion, hyperbolic, isSine) = (.sin, false, false)
        case .sinh: (companion, hyperbolic, isSine) = (.cosh, true, true)
        case .cosh: (companion, hyperbolic, isSine) = (.sinh, true, false)
        case .input, .constant, .add, .subtract, .multiply, .divide, .negate, .addConstant, .subtractFromConstant,
            .multiplyConstant, .square, .reciprocal, .powerInteger, .powerConstant, .power, .tan, .exp, .log, .sqrt,
            .atan, .asin, .acos, .tanh, .abs, .branchGuard:
            preconditionFailure("trigonometric(_:) applies only to sin, cos, sinh, cosh")
        }
        other[0] = try S.evaluate(companion, u[0])
        let s = isSine ? w : other
        let c = isSine ? other : w
        for d in stride(from: 1, through: order, by: 1) {
            // s′ = c·u′; c′ = ∓s·u′ (− for cos, + for cosh).
            derivation(into: s, degree: d, u, c)
            derivation(into: c, degree: d, u, s, negated: !hyperbolic)
        }
    }
}

/// Why a Taylor sweep stopped at an instruction: a scalar error, or a recorded branch that
/// goes the other way (the caller adds the instruction and its source).
@usableFromInline
enum TaylorSweepFailure: Error {
    case scalar(ScalarError)
    case guardViolated
}
