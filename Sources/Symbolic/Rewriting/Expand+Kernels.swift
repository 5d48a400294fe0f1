import Exact

// The kernels of `expanded()` (calls, and powers that are not multiplied out) have their
// insides expanded too: sin((x + 1)^2) becomes sin(x^2 + 2*x + 1). Doing that by calling
// `expanded()` on each argument would recurse once per nested call, so a chain
// sin(sin(…)) 10⁵ deep would overflow the stack. Instead every kernel of the DAG is
// expanded innermost first, in one iterative post-order walk: when a kernel's argument is
// expanded, the kernels inside it already have their values here, and the one level of
// polynomial structure in between is all that is left to multiply out.

/// The expanded value of each kernel of one expression (memoised by structure).
final class KernelInsides {
    private var values: [Expr: Expr] = [:]

    /// Every kernel below (and including) `root`, expanded innermost first.
    ///
    /// - Throws: ``ExpandError`` from the first kernel whose insides cannot be expanded.
    static func expanding(_ root: Expr, termLimit: Int) throws(ExpandError) -> KernelInsides {
        let insides = KernelInsides()
        try root.foldPostorder { (e: Expr, _: (Expr) -> Void) throws(ExpandError) -> Void in
            switch e.kind {
            case .call, .power:
                if !Expansion.structure(e) { try insides.record(e, termLimit: termLimit) }
            case .product(_, let factors):
                // A product's factors b^x with x not a positive integer are kernels that are
                // not nodes of their own: record them too.
                for (b, x) in factors where Expansion.structuralExponent(x) == nil {
                    try insides.record(Expr.canonicalFactor(b, x), termLimit: termLimit)
                }
            case .number, .symbol, .sum:
                break
            }
        }
        return insides
    }

    /// The kernel's value with its insides expanded (numbers and symbols are themselves).
    func value(of e: Expr, termLimit: Int) throws(ExpandError) -> Expr {
        switch e.kind {
        case .number, .symbol, .sum, .product: return e
        case .call, .power:
            if let v = values[e] { return v }
            // Not met by the walk (a kernel made while expanding): its children were.
            try record(e, termLimit: termLimit)
            return values[e] ?? e
        }
    }

    private func record(_ e: Expr, termLimit: Int) throws(ExpandError) {
        guard values[e] == nil else { return }
        func level(_ u: Expr) throws(ExpandError) -> Expr {
            var expansion = Expansion(termLimit: termLimit, insides: self)
            return try expansion.expand(u)
        }
        switch e.kind {
        case .call(let f, let u):
            values[e] = Expr.call(f, try level(u))
        case .power(let b, let x):
            if case .sum = b.kind, let q = x.rationalValue, q.isInteger, q.signum() > 0 {
                throw ExpandError(termLimit: termLimit, subexpression: e)  // (a + b)^n, n past the structural bound
            }
            values[e] = Expr.power(try level(b), try level(x))
        case .number, .symbol, .sum, .product:
            values[e] = e
        }
    }
}
