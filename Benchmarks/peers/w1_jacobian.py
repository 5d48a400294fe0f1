"""W1: the symbolic Jacobian of two systems of n equations in x1..xn (x0 = x(n+1) = 0):

  broyden  F_i = (3 - 2 x_i) x_i - x_(i-1) - 2 x_(i+1) + 1      (tridiagonal)
  chain    F_i = exp(x_i) sin(x_(i+1)) + x_(i-1)^2 / (1 + x_i^2)

n = 10, 50, 200. Timed: the Jacobian of the already-built F (SymPy's cache cleared before
each repetition). Result sizes (tree_ops, dag_ops, count_ops) as in result_size.py.
Systems: sympy (Matrix.jacobian), symengine (DenseMatrix.jacobian), casadi (SX jacobian).
"""
from __future__ import annotations

import os
import sys
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import emit, main, repeat  # noqa: E402


def equations(case: str, xs: list[Any], exp: Callable[[Any], Any], sin: Callable[[Any], Any]) -> list[Any]:
    n = len(xs)
    x = [0] + list(xs) + [0]                      # x[0] and x[n+1] are zero
    if case == "broyden":
        return [(3 - 2 * x[i]) * x[i] - x[i - 1] - 2 * x[i + 1] + 1 for i in range(1, n + 1)]
    return [exp(x[i]) * sin(x[i + 1]) + x[i - 1] ** 2 / (1 + x[i] ** 2) for i in range(1, n + 1)]


def run_cell(cell: dict[str, Any]) -> None:
    from result_size import casadi_counts, casadi_entries, sizes
    system, case, n = cell["system"], cell["case"], cell["n"]
    own: dict[str, Any] = {}
    if system == "sympy":
        import sympy
        from sympy.core.cache import clear_cache
        xs = list(sympy.symbols("x1:%d" % (n + 1)))
        F = sympy.Matrix(equations(case, xs, sympy.exp, sympy.sin))
        median, reps, J = repeat(lambda: F.jacobian(xs), before=clear_cache)
        entries = list(J)
    elif system == "symengine":
        import symengine
        xs = list(symengine.symbols(" ".join("x%d" % i for i in range(1, n + 1))))
        F = symengine.DenseMatrix(equations(case, xs, symengine.exp, symengine.sin))
        column = symengine.DenseMatrix(xs)
        median, reps, J = repeat(lambda: F.jacobian(column))
        entries = list(J)
    else:
        import casadi
        x = casadi.SX.sym("x", n)
        F = casadi.vertcat(*equations(case, [x[i] for i in range(n)], casadi.exp, casadi.sin))
        median, reps, J = repeat(lambda: casadi.jacobian(F, x))
        own = casadi_counts(J, x)
        entries = casadi_entries(J)
    emit("W1", system, n, median, case=case, reps=reps, **sizes(entries), **own)


if __name__ == "__main__":
    main(os.path.abspath(__file__),
         [dict(workload="W1", system=s, case=c, n=n)
          for c in ("broyden", "chain") for s in ("sympy", "symengine", "casadi") for n in (10, 50, 200)],
         run_cell)
