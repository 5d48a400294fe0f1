/// The factors (base, exponent) of a term of a sum, its coefficient left out: a product's
/// factors, a power's one factor, else the term itself to the first power. One definition
/// for the printers (numerator and denominator), the display order, expansion and the
/// rewrite rules, so that they all see the same factors.
///
///     factors(of: 3*x^2*sin(y))   // [(x, 2), (sin(y), 1)]
func factors(of term: Expr) -> [(base: Expr, exponent: Expr)] {
    switch term.kind {
    case .product(_, let f): return f
    case .power(let b, let x): return [(b, x)]
    case .number, .symbol, .sum, .call: return [(term, .one)]
    }
}
