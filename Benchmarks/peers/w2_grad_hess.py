"""W2: the symbolic gradient and Hessian of two scalar functions of x1..xn, n = 10, 50, 100:

  rosenbrock  f = sum_{i=1}^{n-1} 100 (x_(i+1) - x_i^2)^2 + (1 - x_i)^2
  logistic    f = sum_{j=1}^{10} log(1 + exp(-y_j * sum_k a_jk x_k)), with
              a_jk = ((7j + 3k^2 + 1) mod 7) - 3 and y_j = 1 for even j, -1 for odd j
              (j, k from 1; terms with a_jk = 0 left out of the inner sum)

what = grad (all n partials) or hess (the full n x n matrix from f: sympy.hessian;
SymEngine: the gradient, then the upper triangle differentiated and mirrored;
casadi.hessian). SymPy's cache is cleared before each repetition. Sizes as in W1.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import emit, main, repeat  # noqa: E402

SAMPLES = 10


def objective(case: str, xs: list[Any], exp: Callable[[Any], Any], log: Callable[[Any], Any]) -> Any:
    n = len(xs)
    if case == "rosenbrock":
        return sum((100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(n - 1)), 0)
    terms = []
    for j in range(1, SAMPLES + 1):
        label = 1 if j % 2 == 0 else -1
        weights = [((7 * j + 3 * k * k + 1) % 7) - 3 for k in range(1, n + 1)]
        margin = sum((w * x for w, x in zip(weights, xs) if w != 0), 0)
        terms.append(log(1 + exp(-label * margin)))
    return sum(terms, 0)


def run_cell(cell: dict[str, Any]) -> None:
    from result_size import casadi_counts, casadi_entries, sizes
    system, case, what, n = cell["system"], cell["case"], cell["what"], cell["n"]
    own: dict[str, Any] = {}
    if system == "sympy":
        import sympy
        from sympy.core.cache import clear_cache
        xs = list(sympy.symbols("x1:%d" % (n + 1)))
        f = objective(case, xs, sympy.exp, sympy.log)
        work = (lambda: [f.diff(x) for x in xs]) if what == "grad" else (lambda: sympy.hessian(f, xs))
        median, reps, result = repeat(work, before=clear_cache)
        entries = list(result)
    elif system == "symengine":
        import symengine
        xs = list(symengine.symbols(" ".join("x%d" % i for i in range(1, n + 1))))
        f = objective(case, xs, symengine.exp, symengine.log)

        def hessian() -> list[Any]:
            g = [f.diff(x) for x in xs]
            H: list[list[Any]] = [[0] * n for _ in range(n)]
            for i in range(n):
                for j in range(i, n):
                    H[i][j] = H[j][i] = g[i].diff(xs[j])
            return [e for row in H for e in row]
        work = (lambda: [f.diff(x) for x in xs]) if what == "grad" else hessian
        median, reps, entries = repeat(work)
    else:
        import casadi
        x = casadi.SX.sym("x", n)
        f = objective(case, [x[i] for i in range(n)], casadi.exp, casadi.log)
        work = (lambda: casadi.gradient(f, x)) if what == "grad" else (lambda: casadi.hessian(f, x)[0])
        median, reps, result = repeat(work)
        own = casadi_counts(result, x)
        entries = casadi_entries(result)
    emit("W2", system, n, median, case=case, what=what, reps=reps, **sizes(entries), **own)


if __name__ == "__main__":
    main(os.path.abspath(__file__),
         [dict(workload="W2", system=s, case=c, what=w, n=n)
          for c in ("rosenbrock", "logistic") for w in ("grad", "hess")
          for s in ("sympy", "symengine", "casadi") for n in (10, 50, 100)],
         run_cell)
