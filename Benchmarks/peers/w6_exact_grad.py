"""W6: the exact gradient of the rational function
    f(x) = sum_{i=1}^{n-1} x_i^2 / (1 + x_(i+1)^2)        at x_i = i/7, n = 100, 1000,
hashed (harness.qhash) in the order x1..xn; extra.all_exact says every entry is a rational.

  sympy        diff by every variable (cache cleared), then the point substituted with
               xreplace (timed in median_s with the diffs; extra.diff_s, extra.xreplace_s)
               and with subs (extra.subs_s, SymPy's general substitution, not in median_s)
  symengine    diff by every variable, then subs with a DictBasic built once
  fractions, gmpy2, flint   the hand-derived gradient evaluated exactly, no symbolic step:
               g_k = 2 x_k/(1 + x_(k+1)^2) [k < n] - 2 x_k x_(k-1)^2/(1 + x_k^2)^2 [k > 1]
  c-gmp-hand   the same formula with GMP mpq_t (c/w6_gmp.c): the floor
"""
from __future__ import annotations

import os
import sys
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import BUILD, emit, main, qhash, repeat  # noqa: E402


def by_hand(q: Callable[..., Any], n: int) -> list[Any]:
    x = [q(i, 7) for i in range(n + 2)]          # x[0] and x[n+1] unused
    one_plus_square = [1 + v * v for v in x]
    gradient = []
    for k in range(1, n + 1):
        g = q(0)
        if k < n:
            g += 2 * x[k] / one_plus_square[k + 1]
        if k > 1:
            g -= 2 * x[k] * x[k - 1] * x[k - 1] / (one_plus_square[k] * one_plus_square[k])
        gradient.append(g)
    return gradient


def run_cell(cell: dict[str, Any]) -> None:
    system, n = cell["system"], cell["n"]
    extra: dict[str, Any] = {}
    if system in ("fractions", "gmpy2", "flint"):
        if system == "fractions":
            from fractions import Fraction as q
        elif system == "gmpy2":
            from gmpy2 import mpq as q
        else:
            from flint import fmpq as q
        median, reps, g = repeat(lambda: by_hand(q, n))
        values = [(int(v.numerator), int(v.denominator)) for v in g]
        extra["all_exact"] = True
    elif system == "sympy":
        import sympy
        from sympy.core.cache import clear_cache
        xs = sympy.symbols("x1:%d" % (n + 1))
        f = sympy.Add(*[xs[i] ** 2 / (1 + xs[i + 1] ** 2) for i in range(n - 1)])
        at = {xs[i]: sympy.Rational(i + 1, 7) for i in range(n)}
        diff_s, reps, partials = repeat(lambda: [f.diff(x) for x in xs], before=clear_cache)
        xreplace_s, _, g = repeat(lambda: [p.xreplace(at) for p in partials], before=clear_cache)
        cpu = sum(harness._cpu_medians)
        subs_s, _, g_subs = repeat(lambda: [p.subs(at) for p in partials], before=clear_cache)
        if g_subs != g:
            raise SystemExit("sympy: subs and xreplace disagree")
        median = diff_s + xreplace_s
        extra.update(diff_s=diff_s, xreplace_s=xreplace_s, subs_s=subs_s, reps=reps, median_cpu_s=cpu)
        extra["all_exact"] = all(v.is_Rational for v in g)
        values = [(int(v.p), int(v.q)) for v in g]
    else:
        import symengine
        import sympy
        xs = symengine.symbols(" ".join("x%d" % i for i in range(1, n + 1)))
        f = symengine.Add(*[xs[i] ** 2 / (1 + xs[i + 1] ** 2) for i in range(n - 1)])
        at = {xs[i]: symengine.Rational(i + 1, 7) for i in range(n)}
        diff_s, reps, partials = repeat(lambda: [f.diff(x) for x in xs])

        def substitute() -> list[Any]:
            table = symengine.DictBasic(at)
            return [p.subs(table) for p in partials]
        subs_s, _, g = repeat(substitute)
        median = diff_s + subs_s
        extra.update(diff_s=diff_s, subs_s=subs_s, reps=reps)
        extra["all_exact"] = all(v.is_Rational for v in g)
        values = [(int(r.p), int(r.q)) for r in (sympy.sympify(v) for v in g)]
    extra["hash"] = qhash(values)
    emit("W6", system, n, median, **extra)


if __name__ == "__main__":
    cells = [dict(workload="W6", system=s, n=n)
             for s in ("sympy", "symengine", "fractions", "gmpy2", "flint") for n in (100, 1000)]
    cells += [dict(workload="W6", system="c-gmp-hand", n=n, argv=[os.path.join(BUILD, "w6_gmp"), str(n)])
              for n in (100, 1000)]
    main(os.path.abspath(__file__), cells, run_cell)
