// W8: SymEngine's expand2 benchmark (Benchmarks/peers/w8_expand.py):
//   e = (x + y + z + w)^15, expand(e·(e + w)) → 6272 terms.
// Also the construction cost of the W1 systems (issue 3): building the n component
// expressions of the Broyden and chain systems, which must grow linearly in n.
import Jacobi

enum W8 {
    static func run(sizes: [Int]?) {
        let (x, y, z, w) = (Expr(Symbol("x")), Expr(Symbol("y")), Expr(Symbol("z")), Expr(Symbol("w")))
        let e = Expr.power(x + y + z + w, Expr(15))
        let f = e * (e + w)
        let m = measure { () -> Int in
            guard let r = try? f.expanded() else { return -1 }  // within the default term limit: cannot throw
            if case .sum(let c, let t) = r.kind { return t.count + (c.isZero ? 0 : 1) }
            return 1
        }
        let terms = m.result
        emit(workload: "W8", n: 15, medianSeconds: m.medianWall,
             extra: [("median_cpu_s", m.medianCPU), ("task", "expand2"), ("reps", m.reps), ("terms", terms)])
    }
}

enum W1Construction {
    /// Broyden tridiagonal Fᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1 and the chain
    /// Fᵢ = exp(xᵢ)·sin(xᵢ₊₁) + xᵢ₋₁²/(1 + xᵢ²), with x₀ = xₙ₊₁ = 0.
    static func system(_ kind: String, _ n: Int) -> [Expr] {
        let xs = (0...(n + 1)).map { i -> Expr in (i == 0 || i == n + 1) ? .zero : Expr(Symbol("x\(i)")) }
        return (1...n).map { i in
            if kind == "broyden" {
                return (3 - 2 * xs[i]) * xs[i] - xs[i - 1] - 2 * xs[i + 1] + 1
            }
            return Expr.call(.exp, xs[i]) * Expr.call(.sin, xs[i + 1]) + xs[i - 1] * xs[i - 1] / (1 + xs[i] * xs[i])
        }
    }

    static func run(sizes: [Int]?) {
        for kind in ["broyden", "chain"] {
            for n in sizes ?? [50, 200, 1000] {
                let m = measure { system(kind, n).reduce(0) { $0 + $1.dagSize } }
                emit(workload: "W1", system: "jacobi-construct", n: n, medianSeconds: m.medianWall,
                     extra: [("median_cpu_s", m.medianCPU), ("case", kind), ("task", "construct"), ("reps", m.reps),
                             ("dag_ops_sum", m.result)])
            }
        }
    }
}
