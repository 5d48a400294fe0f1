// W2: symbolic gradient and Hessian of two scalar functions of n variables, as in
// Benchmarks/peers/w2_grad_hess.py:
//   rosenbrock  f = Σᵢ₌₁ⁿ⁻¹ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²
//   logistic    f = Σⱼ₌₁¹⁰ log(1 + exp(−yⱼ·Σₖ aⱼₖxₖ)), aⱼₖ = ((7j + 3k² + 1) mod 7) − 3,
//               yⱼ = 1 for even j, −1 for odd j
// Timed separately: the gradient (n partials) and the full n×n Hessian built from f (each
// mixed partial once, mirrored), raw as SymEngine's (canonical, not simplified).
import Jacobi

enum W2 {
    static func function(_ kind: String, _ n: Int) -> Expr {
        let x = W1.variables(n)
        if kind == "rosenbrock" {
            return Expr.sum((0..<(n - 1)).map { i in
                100 * Expr.power(x[i + 1] - Expr.power(x[i], Expr(2)), Expr(2)) + Expr.power(1 - x[i], Expr(2))
            })
        }
        var terms: [Expr] = []
        for j in 1...10 {
            let a = (1...n).map { k in ((7 * j + 3 * k * k + 1) % 7) - 3 }
            let y = j % 2 == 0 ? 1 : -1
            let dot = Expr.sum((0..<n).filter { a[$0] != 0 }.map { a[$0] * x[$0] })
            terms.append(Expr.call(.log, 1 + Expr.call(.exp, -y * dot)))
        }
        return Expr.sum(terms)
    }

    static func run(sizes: [Int]?) {
        for kind in ["rosenbrock", "logistic"] where caseSelected(kind) {
            for what in ["grad", "hess"] {
                for n in sizes ?? [10, 50, 100] {
                    let f = function(kind, n)
                    let symbols = (1...n).map { Symbol("x\($0)") }
                    let m = measure(maxReps: 25, budget: 5) { () -> [Expr] in
                        what == "grad" ? f.gradient(withRespectTo: symbols, simplifying: false)
                            : f.hessian(withRespectTo: symbols, simplifying: false).flatMap { $0 }
                    }
                    emit(workload: "W2", n: n, medianSeconds: m.medianWall,
                         extra: [("median_cpu_s", m.medianCPU), ("case", kind), ("what", what), ("reps", m.reps)]
                            + SymPySize.of(m.result))
                }
            }
        }
    }
}
