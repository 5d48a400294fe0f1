import Exact
import Symbolic

// The centred form of a Taylor model, as written by hand and by SymPy's `series`: one term
// per nonzero coefficient, in graded order (the value, then degree 1, then degree 2, …),
// each a coefficient times powers of (xᵢ − aᵢ). It is text, not an `Expr`: the canonical
// constructors would distribute a number into (x − 3) and make (y − 6/5) primitive, which
// is the multiplied-out model (`TaylorModel.expression`) again. The text parses back to
// an expression equal to the model.

extension TaylorModel: CustomStringConvertible {
    /// The model centred at a, grouped by degree: `3*cosh(tan(6/5)) + cosh(tan(6/5))*(x - 3) + …`.
    ///
    ///     // x^3 at 1, order 3:
    ///     model.description   // 1 + 3*(x - 1) + 3*(x - 1)^2 + (x - 1)^3
    ///
    /// Parsing it gives an expression equal to ``expression``.
    public var description: String {
        render(
            Style(
                displacement: { x, a in
                    guard let a else { return x }
                    return a.hasPrefix("-") ? "(\(x) + \(a.dropFirst()))" : "(\(x) - \(a))"
                },
                power: { base, k in k == 1 ? base : "\(base)^\(k)" },
                times: "*", coefficient: { $0.description },
                parenthesizedSum: { "(\($0))" }))
    }

    /// The centred model as LaTeX math: `3 \cosh\left(\tan\left(\frac{6}{5}\right)\right) + … \left(x - 3\right)`.
    ///
    ///     // x^3 at 1, order 2:
    ///     model.latex   // 1 + 3 \left(x - 1\right) + 3 \left(x - 1\right)^{2}
    public var latex: String {
        render(
            Style(
                displacement: { x, a in
                    guard let a else { return x }
                    return a.hasPrefix("-") ? "\\left(\(x) + \(a.dropFirst())\\right)" : "\\left(\(x) - \(a)\\right)"
                },
                power: { base, k in k == 1 ? base : "\(base)^{\(k)}" },
                times: " ", coefficient: { $0.latex },
                parenthesizedSum: { "\\left(\($0)\\right)" }),
            symbol: { Expr($0).latex })
    }

    /// How one notation writes the pieces of a term.
    private struct Style {
        /// (x, a) ↦ the displacement x − a (a nil when it is 0).
        let displacement: (String, String?) -> String
        let power: (String, Int) -> String
        let times: String
        let coefficient: (Expr) -> String
        let parenthesizedSum: (String) -> String
    }

    private func render(_ style: Style, symbol: (Symbol) -> String = { $0.name }) -> String {
        let bases: [String] = zip(variables, center).map { x, a in
            style.displacement(symbol(x), a.isZero ? nil : style.coefficient(a))
        }
        var text = ""
        for (powers, c) in terms where !c.isZero {
            let monomial = zip(bases, powers).compactMap { $1 == 0 ? nil : style.power($0, $1) }
                .joined(separator: style.times)
            var (negative, magnitude) = Self.signAndMagnitude(c)
            var factor: String
            if let r = magnitude.rationalValue {
                factor = r == .one && !monomial.isEmpty ? "" : style.coefficient(magnitude)
            } else {
                factor = style.coefficient(magnitude)
                if case .sum = magnitude.kind, !monomial.isEmpty { factor = style.parenthesizedSum(factor) }
            }
            if factor.hasPrefix("-") {  // a printer's own leading minus (e.g. -x/y written as such)
                negative.toggle()
                factor.removeFirst()
            }
            let body = factor.isEmpty ? monomial : (monomial.isEmpty ? factor : factor + style.times + monomial)
            if text.isEmpty {
                text = (negative ? "-" : "") + body
            } else {
                text += (negative ? " - " : " + ") + body
            }
        }
        return text.isEmpty ? "0" : text
    }

    /// (c < 0, |c|) where the sign is visible: a negative number, or a product with a
    /// negative coefficient; a sum keeps its sign inside the parentheses.
    private static func signAndMagnitude(_ c: Expr) -> (Bool, Expr) {
        switch c.kind {
        case .number(let r): return (r.signum() < 0, Expr(r.magnitude))
        case .product(let k, _) where k.signum() < 0: return (true, -c)
        case .product, .symbol, .sum, .power, .call: return (false, c)
        }
    }
}
