"""W9: the sparse Hessian of extended Rosenbrock at W4's point (rosenbrock.py), n = 1e5,
1e6. H is tridiagonal (3n - 2 nonzeros): diagonal d[0..n-1], off-diagonal o[0..n-2] with
H[i][i+1] = H[i+1][i] = o[i]; three colours suffice, a dense H (n^2 entries) does not fit.
  check1 = sum(d) + 2 sum(o)      (every nonzero of H)
  check2 = sum(d[i] (i mod 7)) + sum(o[i] ((i mod 7) + ((i+1) mod 7)))

  c-hand       c/w4_rosen.c hess: d and o by hand (the floor)
  casadi-hess  SX: hessian(f, x) (sparse), one Function of x; build time apart
  jax-hvp-3    jit of three HVPs seeded with the colour classes i mod 3 = 0, 1, 2 (the
               compressed Hessian a JAX user writes by hand); compile time apart
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BUILD, emit, main, per_call  # noqa: E402
from rosenbrock import casadi_f, jax_f, jax_x64, point  # noqa: E402

SIZES = (10**5, 10**6)


def tridiagonal_checks(d: Sequence[float], o: Sequence[float]) -> tuple[float, float]:
    c1 = float(sum(d)) + 2.0 * float(sum(o))
    c2 = sum(float(v) * (i % 7) for i, v in enumerate(d))
    c2 += sum(float(v) * ((i % 7) + ((i + 1) % 7)) for i, v in enumerate(o))
    return c1, c2


def run_cell(cell: dict[str, Any]) -> None:
    import numpy as np
    system, n = cell["system"], cell["n"]
    x0 = point(n)
    extra: dict[str, Any] = {"what": "hess"}
    if system == "jax-hvp-3":
        jax = jax_x64()
        import jax.numpy as jnp
        colours = jnp.asarray([[1.0 if i % 3 == c else 0.0 for i in range(n)] for c in range(3)])

        def compressed(x: Any) -> Any:
            # row c: H times the indicator of colour c = the sum of H's columns of that colour
            return jax.vmap(lambda s: jax.jvp(jax.grad(jax_f), (x,), (s,))[1])(colours)
        x = jnp.asarray(x0, dtype=jnp.float64)
        t0 = time.perf_counter()
        fn = jax.jit(compressed).lower(x).compile()
        extra["compile_s"] = time.perf_counter() - t0
        fn(x).block_until_ready()
        median, inner = per_call(lambda: fn(x).block_until_ready())
        B = np.asarray(fn(x))
        # H[i][i] sits in row (colour of column i); H[i][i+1] in row (colour of column i+1)
        d = [B[i % 3][i] for i in range(n)]
        o = [B[(i + 1) % 3][i] for i in range(n - 1)]
        extra["colors"] = 3
    else:
        import casadi
        t0 = time.perf_counter()
        xs = casadi.SX.sym("x", n)
        H = casadi.hessian(casadi_f(xs), xs)[0]
        F = casadi.Function("H", [xs], [H])
        extra.update(build_s=time.perf_counter() - t0, hess_nnz=H.nnz(), n_instructions=F.n_instructions())
        xd = casadi.DM(x0)
        median, inner = per_call(lambda: F(xd))
        values = F(xd)
        rows, cols = values.sparsity().get_triplet()
        d, o = np.zeros(n), np.zeros(n - 1)
        for r, c, v in zip(rows, cols, values.nonzeros()):
            if r == c:
                d[r] = v
            elif c == r + 1:
                o[r] = v
    extra["check1"], extra["check2"] = tridiagonal_checks(d, o)
    extra["inner"] = inner
    emit("W9", system, n, median, **extra)


if __name__ == "__main__":
    floor = os.path.join(BUILD, "w4_rosen")
    cells = [dict(workload="W9", system="c-hand", what="hess", n=n, argv=[floor, "hess", str(n), "W9"])
             for n in SIZES]
    cells += [dict(workload="W9", system=s, what="hess", n=n) for s in ("casadi-hess", "jax-hvp-3") for n in SIZES]
    main(os.path.abspath(__file__), cells, run_cell)
