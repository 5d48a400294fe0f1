// W1: symbolic Jacobian of two n×n systems (x₀ = xₙ₊₁ = 0), as in
// Benchmarks/peers/w1_jacobian.py:
//   broyden  Fᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1
//   chain    Fᵢ = exp(xᵢ)·sin(xᵢ₊₁) + xᵢ₋₁²/(1 + xᵢ²)
// Timed: the Jacobian of the already-built F, raw (canonical, not simplified: what SymPy's
// and SymEngine's `jacobian` give). Sizes (extra.tree_ops / dag_ops / count_ops) are
// counted the peers' way (sizes.py) on the SymPy form of the result; see `SymPySize`.
import Jacobi

enum W1 {
    static func variables(_ n: Int) -> [Expr] { (1...n).map { Expr(Symbol("x\($0)")) } }

    static func system(_ kind: String, _ n: Int) -> [Expr] {
        let xs = variables(n)
        func x(_ i: Int) -> Expr { (1...n).contains(i) ? xs[i - 1] : .zero }
        return (1...n).map { i in
            if kind == "broyden" { return (3 - 2 * x(i)) * x(i) - x(i - 1) - 2 * x(i + 1) + 1 }
            return Expr.call(.exp, x(i)) * Expr.call(.sin, x(i + 1)) + Expr.power(x(i - 1), Expr(2)) / (1 + Expr.power(x(i), Expr(2)))
        }
    }

    static func run(sizes: [Int]?) {
        for kind in ["broyden", "chain"] where caseSelected(kind) {
            for n in sizes ?? [10, 50, 200] {
                let f = system(kind, n)
                let symbols = (1...n).map { Symbol("x\($0)") }
                let m = measure(maxReps: 25, budget: 5) { f.jacobian(withRespectTo: symbols, simplifying: false) }
                let entries = m.result.flatMap { $0 }
                emit(workload: "W1", n: n, medianSeconds: m.medianWall,
                     extra: [("median_cpu_s", m.medianCPU), ("case", kind), ("reps", m.reps)] + SymPySize.of(entries))
            }
        }
    }
}

/// The peers' result sizes (Benchmarks/peers/result_size.py), counted on Jacobi's Expr as SymPy
/// would hold it: an n-ary Add or Mul counts n − 1, a Pow or a call 1, atoms 0; a sum's
/// term k·t is SymPy's Mul(k, t…), a product's factor b^e its Pow(b, e).
///   tree_ops   over the tree (shared nodes at every use)
///   dag_ops    over distinct subexpressions of the whole result
///   count_ops  Σ Expr.operationCount (SymPy's count_ops of the printed entries), when
///              tree_ops ≤ 2·10⁶ (the peers skip it beyond)
enum SymPySize {
    /// A SymPy node: an Expr, a scaled term k·t, or a factor b^e.
    enum Node: Hashable {
        case expr(Expr)
        case scaled(Expr, Rational)
        case factor(Expr, Expr)
    }

    static func children(_ n: Node) -> (ops: Int, args: [Node]) {
        switch n {
        case .expr(let e):
            switch e.kind {
            case .number, .symbol: return (0, [])
            case .call(_, let u): return (1, [.expr(u)])
            case .power(let b, let x): return (1, [.expr(b), .expr(x)])
            case .sum(let c, let terms):
                let args = terms.map { $0.coefficient == .one ? Node.expr($0.term) : .scaled($0.term, $0.coefficient) }
                return (args.count + (c.isZero ? 0 : 1) - 1, args)
            case .product(let c, let factors):
                let args = factors.map { $0.exponent.isOne ? Node.expr($0.base) : .factor($0.base, $0.exponent) }
                return (args.count + (c == .one ? 0 : 1) - 1, args)
            }
        case .scaled(let t, _):
            if case .product(_, let factors) = t.kind {
                return (factors.count, factors.map { $0.exponent.isOne ? Node.expr($0.base) : .factor($0.base, $0.exponent) })
            }
            return (1, [.expr(t)])
        case .factor(let b, let x):
            return (1, [.expr(b), .expr(x)])
        }
    }

    static func of(_ entries: [Expr]) -> [(String, Any)] {
        // tree_ops: memoised over distinct nodes, saturating.
        var memo: [Node: Int] = [:]
        var stack: [(Node, Bool)] = entries.map { (.expr($0), false) }
        while let (n, ready) = stack.popLast() {
            if memo[n] != nil { continue }
            let (ops, args) = children(n)
            if ready {
                var total = ops
                for a in args { total = min(Int.max / 2, total + memo[a]!) }
                memo[n] = total
            } else {
                stack.append((n, true))
                for a in args where memo[a] == nil { stack.append((a, false)) }
            }
        }
        let tree = entries.reduce(0) { min(Int.max / 2, $0 + memo[.expr($1)]!) }
        let dag = memo.keys.reduce(0) { $0 + children($1).ops }
        var out: [(String, Any)] = [("tree_ops", tree), ("dag_ops", dag)]
        if tree <= 2_000_000 {
            out.append(("count_ops", entries.reduce(0) { $0 + $1.operationCount }))
        } else {
            out.append(("count_ops", "skipped: tree_ops > 2e6"))
        }
        return out
    }
}
