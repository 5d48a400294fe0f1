import Exact
import Symbolic
import Verification

/// A deliberate mistake in one rule of the symbolic engine.
enum SymbolicMutation: Sendable {
    /// f′(u) replaced by −f′(u) for this elementary function.
    case negatedDerivative(ElementaryFunction)
    /// d(uⁿ) = |n|·uⁿ⁻¹·du for integer n < 0: the minus sign of the power rule forgotten
    /// (so d(1/u) = +du/u², the classic quotient-rule slip).
    case unsignedNegativePowers
}

/// The symbolic engine with one wrong rule, for mutation tests: a small copy of the chain
/// rule (sums, Leibniz over products, powers, calls) with its own copy of the table of
/// f′(u), one entry of which is wrong. `Derivatives` itself is not touched.
struct MutantSymbolicEngine: SymbolicEngine {
    let mutation: SymbolicMutation

    func jacobian(of functions: [Expr], withRespectTo variables: [Symbol]) -> [[Expr]] {
        functions.map { f in variables.map { derivative(of: f, $0) } }
    }

    func hessian(of function: Expr, withRespectTo variables: [Symbol]) -> [[Expr]] {
        let gradient = variables.map { derivative(of: function, $0) }
        return gradient.map { g in variables.map { derivative(of: g, $0) } }
    }

    func derivative(of f: Expr, _ x: Symbol) -> Expr {
        f.foldPostorder { (e: Expr, d: (Expr) -> Expr) -> Expr in
            switch e.kind {
            case .number: return .zero
            case .symbol(let s): return s == x ? .one : .zero
            case .sum(_, let terms): return Expr.sum(terms.map { d($0.term) * $0.coefficient })
            case .product(let c, let factors):
                let powers = factors.map { Expr.power($0.base, $0.exponent) }
                return Expr.sum(
                    factors.indices.map { i in
                        Expr.product(
                            [Expr(c), power(factors[i].base, factors[i].exponent, d)]
                                + powers.indices.filter { $0 != i }.map { powers[$0] })
                    })
            case .power(let b, let n): return power(b, n, d)
            case .call(let g, let u): return rule(g, u) * d(u)
            }
        }
    }

    /// d(bⁿ), with the (possibly mutated) power rule for a constant exponent.
    private func power(_ b: Expr, _ n: Expr, _ d: (Expr) -> Expr) -> Expr {
        if let q = n.rationalValue {
            if q.isZero || d(b).isZero { return .zero }
            var k = q
            if case .unsignedNegativePowers = mutation, q.isInteger, q.signum() < 0 { k = -q }
            return Expr(k) * Expr.power(b, Expr(q - 1)) * d(b)
        }
        let bn = Expr.power(b, n)
        return bn * (d(n) * Expr.call(.log, b) + n * d(b) / b)
    }

    /// The copied table of f′(u).
    private func rule(_ f: ElementaryFunction, _ u: Expr) -> Expr {
        let derivative: Expr
        switch f {
        case .sin: derivative = .call(.cos, u)
        case .cos: derivative = -.call(.sin, u)
        case .tan: derivative = 1 + Expr.power(.call(.tan, u), Expr(2))
        case .exp: derivative = .call(.exp, u)
        case .log: derivative = 1 / u
        case .atan: derivative = 1 / (1 + Expr.power(u, Expr(2)))
        case .asin: derivative = Expr.power(1 - Expr.power(u, Expr(2)), Expr(Rational(-1, 2)))
        case .acos: derivative = -Expr.power(1 - Expr.power(u, Expr(2)), Expr(Rational(-1, 2)))
        case .sinh: derivative = .call(.cosh, u)
        case .cosh: derivative = .call(.sinh, u)
        case .tanh: derivative = 1 - Expr.power(.call(.tanh, u), Expr(2))
        case .abs: derivative = .call(.abs, u) / u
        }
        if case .negatedDerivative(let g) = mutation, g == f { return -derivative }
        return derivative
    }
}
