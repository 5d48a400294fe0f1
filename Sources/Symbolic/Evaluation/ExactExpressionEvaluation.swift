import Exact

// Evaluation to an exact expression: substitute the point and canonicalise, so rational
// parts become numbers and the rest stays exact (cos(1/2), sqrt(2)); undefined
// subexpressions are still errors.

extension Expr {
    /// The exact value at `point` as an expression: a number where the value is rational,
    /// otherwise the canonical exact form.
    ///
    ///     try (x * cos(y)).evaluatedExactly(at: [Symbol("x"): 2, Symbol("y"): Rational(1, 2)])   // 2*cos(1/2)
    ///
    /// - Throws: ``EvaluationError``: `.unboundSymbol`, `.divisionByZero`,
    ///   `.logarithmOfNonPositive`, `.outOfDomain` (asin/acos of a number beyond [−1, 1], a
    ///   negative number to a non-integer power), naming the subexpression of `self`.
    public func evaluatedExactly(at point: [Symbol: Rational]) throws(EvaluationError) -> Expr {
        try substitutedExactly(
            value: { (s) throws(EvaluationError) in
                guard let r = point[s] else { throw .unboundSymbol(s) }
                return Expr(r)
            },
            checkPower: { (b, x, sub) throws(EvaluationError) in
                guard let r = b.rationalValue, let q = x.rationalValue else { return }
                if r.isZero && q.signum() < 0 { throw .divisionByZero(sub) }
                if r.signum() < 0 && !q.isInteger {
                    throw .outOfDomain(sub, reason: "a negative number (\(r)) to the non-integer power \(q)")
                }
            },
            checkCall: { (f, v, sub) throws(EvaluationError) in
                if let r = v.rationalValue { try f.checkDomain(r, of: sub) }
            })
    }

    /// The one fold behind both `evaluatedExactly(at:)`: every symbol replaced by
    /// `value(symbol)`, bottom-up and canonicalised, with each power `b^x` judged by
    /// `checkPower(b, x, subexpression)` and each call `f(v)` by `checkCall(f, v, call)` on
    /// their canonical operands before they are combined.
    func substitutedExactly(
        value symbolValue: (Symbol) throws(EvaluationError) -> Expr,
        checkPower: (Expr, Expr, Expr) throws(EvaluationError) -> Void,
        checkCall: (ElementaryFunction, Expr, Expr) throws(EvaluationError) -> Void
    ) throws(EvaluationError) -> Expr {
        try foldPostorder { (e: Expr, value: (Expr) -> Expr) throws(EvaluationError) -> Expr in
            func mapped(_ x: Expr) -> Expr { x.isOne ? x : value(x) }
            switch e.kind {
            case .number:
                return e
            case .symbol(let s):
                return try symbolValue(s)
            case .sum:
                return e.mappingChildren(mapped)
            case .product(let c, let factors):
                var builder = ProductBuilder()
                builder.coefficient = c
                for (b, x) in factors {
                    let mb = mapped(b)
                    let mx = mapped(x)
                    try checkPower(mb, mx, Expr.canonicalFactor(b, x))
                    builder.multiply(by: Expr.power(mb, mx))
                }
                return builder.build()
            case .power(let b, let x):
                let mb = mapped(b)
                let mx = mapped(x)
                try checkPower(mb, mx, e)
                return Expr.power(mb, mx)
            case .call(let f, let u):
                let v = value(u)
                try checkCall(f, v, e)
                return Expr.call(f, v)
            }
        }
    }
}

extension Expr {
    /// The exact value at a point of exact constants (`x = pi/4`, `y = sqrt(2)`): substitute
    /// and canonicalise, judging every power and call on its canonical operands *before*
    /// combining them, so that a constant without a real value is an error even where
    /// construction would fold it away (`(x - pi)·|x - pi|⁻¹` at pi is 0·0⁻¹, not 0).
    ///
    ///     try sin(x).evaluatedExactly(at: [Symbol("x"): Expr.pi / 4])   // sqrt(2)/2
    ///
    /// Signs that are not exact without evaluation (`log(sin(1) - 1)`) are left to the
    /// caller: the result then holds the call.
    ///
    /// - Throws: ``EvaluationError`` as ``evaluatedExactly(at:)-([Symbol:Rational])``.
    public func evaluatedExactly(at point: [Symbol: Expr]) throws(EvaluationError) -> Expr {
        try substitutedExactly(
            value: { (s) throws(EvaluationError) in
                guard let v = point[s] else { throw .unboundSymbol(s) }
                return v
            },
            checkPower: { (b, x, sub) throws(EvaluationError) in
                guard let reason = UndefinedConstant.Reason.of(base: b, exponent: x) else { return }
                throw EvaluationError(reason, in: sub, argument: b)
            },
            checkCall: { (f, v, sub) throws(EvaluationError) in
                if let reason = UndefinedConstant.Reason.of(f, v) { throw EvaluationError(reason, in: sub, argument: v) }
            })
    }
}

extension EvaluationError {
    /// The evaluation error for a subexpression `sub` whose operands make an undefined
    /// constant for `reason` (`argument`: the operand judged).
    init(_ reason: UndefinedConstant.Reason, in sub: Expr, argument: Expr) {
        switch reason {
        case .divisionByZero: self = .divisionByZero(sub)
        case .logarithmOfZero: self = .logarithmOfNonPositive(sub, argument: argument.description)
        case .notReal:
            if case .call(.log, _) = sub.kind {
                self = .logarithmOfNonPositive(sub, argument: argument.description)
            } else {
                self = .outOfDomain(sub, reason: "\(argument) is negative")
            }
        case .indeterminatePower: self = .outOfDomain(sub, reason: "0^0 is indeterminate")
        case .outsideUnitInterval: self = .outOfDomain(sub, reason: "\(argument) is outside [-1, 1]")
        case .pole: self = .outOfDomain(sub, reason: "tan has a pole at \(argument)")
        }
    }
}
