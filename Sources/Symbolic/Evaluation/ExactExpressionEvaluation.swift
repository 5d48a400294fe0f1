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
        try foldPostorder { (e: Expr, value: (Expr) -> Expr) throws(EvaluationError) -> Expr in
            func mapped(_ x: Expr) -> Expr { x.isOne ? x : value(x) }
            func checkPower(_ b: Expr, _ x: Expr, of sub: Expr) throws(EvaluationError) {
                guard let r = b.rationalValue, let q = x.rationalValue else { return }
                if r.isZero && q.signum() < 0 { throw .divisionByZero(sub) }
                if r.signum() < 0 && !q.isInteger {
                    throw .outOfDomain(sub, reason: "a negative number (\(r)) to the non-integer power \(q)")
                }
            }
            switch e.kind {
            case .number:
                return e
            case .symbol(let s):
                guard let r = point[s] else { throw .unboundSymbol(s) }
                return Expr(r)
            case .sum:
                return e.mappingChildren(mapped)
            case .product(let c, let factors):
                var builder = ProductBuilder()
                builder.coefficient = c
                for (b, x) in factors {
                    let mb = mapped(b)
                    let mx = mapped(x)
                    try checkPower(mb, mx, of: Expr.canonicalFactor(b, x))
                    builder.multiply(by: Expr.power(mb, mx))
                }
                return builder.build()
            case .power(let b, let x):
                let mb = mapped(b)
                let mx = mapped(x)
                try checkPower(mb, mx, of: e)
                return Expr.power(mb, mx)
            case .call(let f, let u):
                let v = value(u)
                if let r = v.rationalValue { try f.checkDomain(r, of: e) }
                return Expr.call(f, v)
            }
        }
    }
}
