import Exact

// Exact evaluation at a rational point: every operation is exact and size-checked; anything
// without a rational value (sqrt(2), sin(1/2)) is an error that names the subexpression.

extension Expr {
    /// The exact value at `point`.
    ///
    ///     try (x^2 / 2).evaluated(at: [Symbol("x"): Rational(1, 3)])   // 1/18
    ///
    /// Agrees with substituting the point and canonicalising, whenever that gives a number.
    /// - Throws: ``EvaluationError``: `.unboundSymbol` for a variable missing from `point`;
    ///   `.divisionByZero`, `.logarithmOfNonPositive`, `.outOfDomain` (asin/acos beyond
    ///   [−1, 1], a negative number to a non-integer power), `.notRational` (sqrt(2),
    ///   sin(1/2)), `.sizeLimitExceeded` — each naming the subexpression.
    public func evaluated(at point: [Symbol: Rational]) throws(EvaluationError) -> Rational {
        do {
            return try rationalFold(at: point)
        } catch {
            // pi and E are not rational, but an expression of them can be (sin(pi*x) at
            // x = 1): the exact expression value decides.
            guard case .notRational = error, containsNamedConstant,
                let r = (try? evaluatedExactly(at: point))?.rationalValue
            else { throw error }
            return r
        }
    }

    /// Whether pi or E occurs in the expression.
    var containsNamedConstant: Bool {
        foldPostorder { (e: Expr, inner: (Expr) -> Bool) -> Bool in
            if e.namedConstant != nil { return true }
            var found = false
            e.forEachChild { if !found && inner($0) { found = true } }
            return found
        }
    }

    /// The bottom-up exact evaluation of ``evaluated(at:)``.
    private func rationalFold(at point: [Symbol: Rational]) throws(EvaluationError) -> Rational {
        try foldPostorder { (e: Expr, value: (Expr) -> Rational) throws(EvaluationError) -> Rational in
            func checked(_ op: () throws(ExactError) -> Rational) throws(EvaluationError) -> Rational {
                do { return try op() } catch {
                    switch error {
                    case .divisionByZero: throw .divisionByZero(e)
                    case .sizeLimitExceeded: throw .sizeLimitExceeded(e)
                    }
                }
            }
            func number(_ x: Expr) -> Rational { x.rationalValue ?? value(x) }
            switch e.kind {
            case .number(let r):
                return r
            case .symbol(let s):
                guard let r = point[s] else { throw .unboundSymbol(s) }
                return r
            case .sum(let c, let terms):
                var total = c
                for (t, k) in terms {
                    let v = value(t)
                    total = try checked { () throws(ExactError) in try total.adding(k.multiplied(by: v)) }
                }
                return total
            case .product(let c, let factors):
                var total = c
                for (b, x) in factors {
                    let f = try Expr.exactPower(number(b), number(x), of: Expr.canonicalFactor(b, x))
                    total = try checked { () throws(ExactError) in try total.multiplied(by: f) }
                }
                return total
            case .power(let b, let x):
                return try Expr.exactPower(number(b), number(x), of: e)
            case .call(let f, let u):
                return try f.exactValue(at: value(u), of: e)
            }
        }
    }

    /// r^q exactly, or the error for the subexpression `e`.
    static func exactPower(_ r: Rational, _ q: Rational, of e: Expr) throws(EvaluationError) -> Rational {
        if q.isInteger {
            guard let n = Int(exactly: q.numerator) else {
                if r.isZero && q.signum() < 0 { throw .divisionByZero(e) }
                if r.isZero || r == .one { return r }
                if r == Rational(-1) { return q.numerator.isOdd ? r : .one }
                throw .sizeLimitExceeded(e)
            }
            do { return try r.power(n) } catch {
                switch error {
                case .divisionByZero: throw .divisionByZero(e)
                case .sizeLimitExceeded: throw .sizeLimitExceeded(e)
                }
            }
        }
        if r.isZero {
            if q.signum() < 0 { throw .divisionByZero(e) }
            return .zero
        }
        if r.signum() < 0 { throw .outOfDomain(e, reason: "a negative number (\(r)) to the non-integer power \(q)") }
        let value = Expr.power(Expr(r), Expr(q))
        if let v = value.rationalValue { return v }
        throw .notRational(e, value: value)
    }
}

extension ElementaryFunction {
    /// f(r) exactly, or the error for the subexpression `e` (= f(u) with u = r).
    func exactValue(at r: Rational, of e: Expr) throws(EvaluationError) -> Rational {
        try checkDomain(r, of: e)
        if let v = exactValue(at: r) { return v }
        throw .notRational(e, value: Expr.call(self, Expr(r)))
    }

    /// Throws when f is undefined at the real r.
    func checkDomain(_ r: Rational, of e: Expr) throws(EvaluationError) {
        switch self {
        case .log:
            if r.signum() <= 0 { throw .logarithmOfNonPositive(e, argument: r.description) }
        case .asin, .acos:
            if r.magnitude > .one { throw .outOfDomain(e, reason: "\(name) needs an argument in [-1, 1], got \(r)") }
        case .sin, .cos, .tan, .exp, .atan, .sinh, .cosh, .tanh, .abs:
            break
        }
    }
}
