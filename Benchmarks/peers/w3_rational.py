"""W3: exact rational arithmetic, three tasks, each result hashed (harness.qhash):

  harmonic N   H_N = 1/1 + 1/2 + ... + 1/N, one addition per term, N = 1e4, 1e5
               (harmonic_builtin: python-flint's fmpq.harmonic, binary splitting)
  muladd S     S = 1e6 steps of acc = acc*p + q from acc = 1/3, (p, q) taken in turn from
               P = 3/5 -7/4 5/6 2/7 7/2 6/5 -4/7 5/3, Q = 1/2 -2/3 3/4 -1/5 7/10 -9/10 -8/21 -5/6
               (the last four steps undo the first four: acc is back to 1/3 every 8
               steps, so the numbers stay word-sized and the small-value path is timed)
  hilbert n    the inverse of the n x n Hilbert matrix H_ij = 1/(i + j - 1) by Gauss-Jordan
               on [H | I] (first nonzero pivot; rows with a zero in the pivot column are
               skipped), n = 20, 40; hashed row by row. hilbert_builtin: flint's
               fmpq_mat.inv and SymPy's Matrix.inv.

Systems: fractions (Python's Fraction), gmpy2 (mpq), flint (python-flint fmpq), sympy
(Rational), c-gmp-mpq (c/w3_gmp.c, the floor).
"""
from __future__ import annotations

import os
import sys
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BUILD, emit, main, qhash, repeat  # noqa: E402

P = [(3, 5), (-7, 4), (5, 6), (2, 7), (7, 2), (6, 5), (-4, 7), (5, 3)]
Q = [(1, 2), (-2, 3), (3, 4), (-1, 5), (7, 10), (-9, 10), (-8, 21), (-5, 6)]
SYSTEMS = ("fractions", "gmpy2", "flint", "sympy")


def rational_type(system: str) -> Callable[..., Any]:
    if system == "fractions":
        from fractions import Fraction
        return Fraction
    if system == "gmpy2":
        import gmpy2
        return gmpy2.mpq
    if system == "flint":
        import flint
        return flint.fmpq
    import sympy
    return sympy.Rational


def harmonic(q: Callable[..., Any], count: int) -> list[Any]:
    total = q(0)
    for k in range(1, count + 1):
        total += q(1, k)
    return [total]


def muladd(q: Callable[..., Any], steps: int) -> list[Any]:
    ps = [q(a, b) for a, b in P]
    qs = [q(a, b) for a, b in Q]
    acc = q(1, 3)
    for s in range(steps):
        acc = acc * ps[s & 7] + qs[s & 7]
    return [acc]


def hilbert_inverse(q: Callable[..., Any], n: int) -> list[Any]:
    zero, one = q(0), q(1)
    rows = [[q(1, i + j + 1) for j in range(n)] + [one if k == i else zero for k in range(n)]
            for i in range(n)]
    for c in range(n):
        pivot = next(r for r in range(c, n) if rows[r][c] != zero)
        rows[c], rows[pivot] = rows[pivot], rows[c]
        scale = 1 / rows[c][c]
        top = rows[c]
        for j in range(c, 2 * n):
            top[j] = top[j] * scale
        for r in range(n):
            factor = rows[r][c]
            if r == c or factor == zero:
                continue
            row = rows[r]
            for j in range(c, 2 * n):
                row[j] = row[j] - factor * top[j]
    return [rows[i][n + j] for i in range(n) for j in range(n)]


def pairs(values: list[Any]) -> list[tuple[int, int]]:
    return [(int(v.numerator), int(v.denominator)) for v in values]


def run_cell(cell: dict[str, Any]) -> None:
    system, task, n = cell["system"], cell["task"], cell["n"]
    extra: dict[str, Any] = {"task": task}
    before = None
    if task == "harmonic_builtin":
        import flint
        median, reps, values = repeat(lambda: [flint.fmpq.harmonic(n)])
    elif task == "hilbert_builtin" and system == "flint":
        import flint
        H = flint.fmpq_mat(n, n, [flint.fmpq(1, i + j + 1) for i in range(n) for j in range(n)])
        median, reps, inverse = repeat(lambda: H.inv())
        values = [inverse[i, j] for i in range(n) for j in range(n)]
    elif task == "hilbert_builtin":
        import sympy
        from sympy.core.cache import clear_cache
        H = sympy.Matrix(n, n, lambda i, j: sympy.Rational(1, i + j + 1))
        median, reps, inverse = repeat(lambda: H.inv(), before=clear_cache)
        values = list(inverse)
    else:
        q = rational_type(system)
        if system == "sympy":
            from sympy.core.cache import clear_cache
            before = clear_cache
        work = {"harmonic": harmonic, "muladd": muladd, "hilbert": hilbert_inverse}[task]
        median, reps, values = repeat(lambda: work(q, n), before=before)
        if task == "harmonic":
            extra["den_bits"] = int(values[0].denominator).bit_length()
    extra["hash"] = qhash(pairs(values))
    extra["reps"] = reps
    emit("W3", system, n, median, **extra)


def cells() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    floor = os.path.join(BUILD, "w3_gmp")
    sizes = {"harmonic": (10**4, 10**5), "muladd": (10**6,), "hilbert": (20, 40)}
    for task, ns in sizes.items():
        out += [dict(workload="W3", system=s, task=task, n=n) for s in SYSTEMS for n in ns]
        out += [dict(workload="W3", system="c-gmp-mpq", task=task, n=n, argv=[floor, task, str(n)])
                for n in ns]
    out += [dict(workload="W3", system="flint", task="harmonic_builtin", n=n) for n in sizes["harmonic"]]
    out += [dict(workload="W3", system=s, task="hilbert_builtin", n=n)
            for s in ("flint", "sympy") for n in sizes["hilbert"]]
    return out


if __name__ == "__main__":
    main(os.path.abspath(__file__), cells(), run_cell)
