import AutoDiff
import Exact
import Symbolic

// Common-subexpression elimination over an expression DAG (SymPy's `cse`, egg's
// e-graph-free special case): every subexpression used more than once, over all the
// outputs together, is computed once into a temporary t0, t1, … in dependency order.
// Equality is structural (canonical forms make equal values equal nodes), so repeated
// subexpressions are found whether or not they share a node.

/// The outputs of several expressions rewritten over temporaries, each shared
/// subexpression computed once.
///
///     let cse = CommonSubexpressions([sin(x*y) + x*y, cos(x*y)])
///     cse.definitions   // [(t0, x*y)]; outputs [sin(t0) + t0, cos(t0)]
///     cse.operationCount < [sin(x*y) + x*y, cos(x*y)].map(\.operationCount).reduce(0, +)   // true
///
/// The temporaries are symbols `t0, t1, …` (a different prefix when the expressions use
/// such names); substituting the definitions back in order gives the outputs exactly.
public struct CommonSubexpressions: Sendable {
    /// The temporaries in dependency order: each definition uses only earlier ones.
    public let definitions: [(name: Symbol, value: Expr)]
    /// The outputs over the temporaries.
    public let outputs: [Expr]
    /// The nodes computed once (keys are structural), in definition order.
    let shared: [Expr]

    /// The shared subexpressions of `expressions`.
    public init(_ expressions: [Expr]) {
        // Uses of each distinct node, counting each parent once per occurrence.
        var uses: [Expr: Int] = [:]
        var order: [Expr] = []  // distinct nodes, children first
        var seen: Set<Expr> = []
        for root in expressions {
            uses[root, default: 0] += 1
            var stack: [(Expr, Bool)] = [(root, false)]
            while let (e, ready) = stack.popLast() {
                if ready {
                    order.append(e)
                    continue
                }
                if seen.contains(e) { continue }
                seen.insert(e)
                stack.append((e, true))
                for c in Self.operands(of: e) {
                    uses[c, default: 0] += 1
                    if !seen.contains(c) { stack.append((c, false)) }
                }
            }
        }
        let shared = order.filter { e in
            guard (uses[e] ?? 0) >= 2 else { return false }
            switch e.kind {
            case .number, .symbol: return false
            case .sum, .product, .power, .call: return true
            }
        }
        let used = Set(expressions.flatMap(\.freeSymbols).map(\.name))
        var prefix = "t"
        while used.contains(where: { $0.hasPrefix(prefix) && Int($0.dropFirst(prefix.count)) != nil }) { prefix += "_" }
        var names: [Expr: Symbol] = [:]
        var definitions: [(name: Symbol, value: Expr)] = []
        func rewrite(_ e: Expr, top: Bool) -> Expr {
            if !top, let s = names[e] { return Expr(s) }
            return e.mappingChildren { rewrite($0, top: false) }
        }
        for (k, e) in shared.enumerated() {
            let s = Symbol("\(prefix)\(k)")
            definitions.append((s, rewrite(e, top: true)))
            names[e] = s
        }
        self.definitions = definitions
        self.outputs = expressions.map { rewrite($0, top: false) }
        self.shared = shared
    }

    /// The operations of the definitions and outputs, as `Expr.operationCount` counts them.
    public var operationCount: Int {
        definitions.reduce(0) { $0 + $1.value.operationCount } + outputs.reduce(0) { $0 + $1.operationCount }
    }

    /// The subexpressions that are computed on their own (numeric exponents are not).
    static func operands(of e: Expr) -> [Expr] {
        switch e.kind {
        case .number, .symbol: return []
        case .sum(_, let terms): return terms.map(\.term)
        case .product(_, let factors):
            return factors.flatMap { f -> [Expr] in
                guard f.exponent.rationalValue == nil else { return [f.base] }
                return [f.base, f.exponent]
            }
        case .power(let b, let x): return x.rationalValue == nil ? [b, x] : [b]
        case .call(_, let u): return [u]
        }
    }
}

/// Expressions to statements: the shared subexpressions as `t<k>` locals, then the outputs.
struct ExprLowering {
    /// What each symbol is in the generated code (x[k], v[k], w[k]).
    let symbols: [Symbol: Term]

    func lower(_ expressions: [Expr], into array: String = "out") -> [Statement] {
        let cse = CommonSubexpressions(expressions)
        var memo: [Expr: Term] = [:]
        var out: [Statement] = []
        func term(_ e: Expr) -> Term {
            if let t = memo[e] { return t }
            let t = build(e, term)
            memo[e] = t
            return t
        }
        for (k, e) in cse.shared.enumerated() {
            let name = cse.definitions[k].name.name
            out.append(.define(name, build(e, term)))
            memo[e] = .local(name)
        }
        for (k, e) in expressions.enumerated() { out.append(.assign(.element(array, .at(k)), term(e))) }
        return out
    }

    /// One node, its operands already lowered by `term`.
    private func build(_ e: Expr, _ term: (Expr) -> Term) -> Term {
        switch e.kind {
        case .number(let q): return .number(q)
        case .symbol(let s): return symbols[s] ?? .local(s.name)
        case .call(let f, let u): return .call(UnaryFunction(f), term(u))
        case .power(let b, let x): return power(term(b), x, term)
        case .sum(let c, let terms):
            var acc: Term?
            for (t, k) in terms {
                let magnitude = k.magnitude == .one ? term(t) : .multiply(.number(k.magnitude), term(t))
                if let a = acc {
                    acc = k.signum() < 0 ? .subtract(a, magnitude) : .add(a, magnitude)
                } else {
                    acc = k.signum() < 0 ? .negate(magnitude) : magnitude
                }
            }
            guard let a = acc else { return .number(c) }
            if c.isZero { return a }
            return c.signum() < 0 ? .subtract(a, .number(-c)) : .add(a, .number(c))
        case .product(let c, let factors):
            var top: Term?
            var bottom: Term?
            for (b, x) in factors {
                if let q = x.rationalValue, q.signum() < 0 {
                    let p = power(term(b), Expr(-q), term)
                    bottom = bottom.map { .multiply($0, p) } ?? p
                } else {
                    let p = power(term(b), x, term)
                    top = top.map { .multiply($0, p) } ?? p
                }
            }
            var numerator = top ?? .number(c.magnitude)
            if top != nil && c.magnitude != .one { numerator = .multiply(.number(c.magnitude), numerator) }
            var result = bottom.map { Term.divide(numerator, $0) } ?? numerator
            if c.signum() < 0 { result = .negate(result) }
            return result
        }
    }

    private func power(_ b: Term, _ x: Expr, _ term: (Expr) -> Term) -> Term {
        guard let q = x.rationalValue else { return .power(b, term(x)) }
        if q == .one { return b }
        if q.isInteger, let n = Int(exactly: q.numerator) { return n == 2 ? .multiply(b, b) : .powerInteger(b, n) }
        if q == Rational(1, 2) { return .call(.sqrt, b) }
        if q == Rational(-1, 2) { return .divide(.one, .call(.sqrt, b)) }
        return .powerRational(b, q)
    }
}
