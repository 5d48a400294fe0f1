"""W5: the Hessian-vector product H(x) v of extended Rosenbrock at W4's point, direction
v[i] = ((i mod 5) - 2)/3 (rosenbrock.py), n = 1e5; f and grad through the same system
too, for hvp/f and hvp/grad. check1 = sum(Hv), check2 = sum((Hv)[i] * (i mod 7)).

  c-hand              c/w4_rosen.c hvp: hand-written tridiagonal H v (the floor)
  jax-jit             jit of jvp(grad(f)) (forward-over-reverse); compile time apart
  casadi-jtimes       SX: jtimes(gradient(f, x), x, v), one Function of (x, v)
  casadi-hess-mtimes  SX: the sparse hessian(f, x), then mtimes(H, v)
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BUILD, emit, main, per_call  # noqa: E402
from rosenbrock import casadi_f, checks, direction, jax_f, jax_x64, point  # noqa: E402

N = 10**5


def run_cell(cell: dict[str, Any]) -> None:
    system, what, n = cell["system"], cell["what"], cell["n"]
    x0, v0 = point(n), direction(n)
    extra: dict[str, Any] = {"what": what}
    if system == "jax-jit":
        jax = jax_x64()
        import jax.numpy as jnp
        x = jnp.asarray(x0, dtype=jnp.float64)
        v = jnp.asarray(v0, dtype=jnp.float64)
        programs = {"f": (jax_f, (x,)), "grad": (jax.grad(jax_f), (x,)),
                    "hvp": (lambda x, v: jax.jvp(jax.grad(jax_f), (x,), (v,))[1], (x, v))}
        fn, args = programs[what]
        t0 = time.perf_counter()
        compiled = jax.jit(fn).lower(*args).compile()
        extra["compile_s"] = time.perf_counter() - t0
        compiled(*args).block_until_ready()
        median, inner = per_call(lambda: compiled(*args).block_until_ready())
        result = [float(r) for r in jnp.ravel(compiled(*args))]
    else:
        import casadi
        t0 = time.perf_counter()
        xs, vs = casadi.SX.sym("x", n), casadi.SX.sym("v", n)
        f = casadi_f(xs)
        if what == "f":
            out = f
        elif what == "grad":
            out = casadi.gradient(f, xs)
        elif system == "casadi-jtimes":
            out = casadi.jtimes(casadi.gradient(f, xs), xs, vs)
        else:
            H = casadi.hessian(f, xs)[0]
            extra["hess_nnz"] = H.nnz()
            out = casadi.mtimes(H, vs)
        F = casadi.Function("F", [xs, vs], [out])
        extra["build_s"] = time.perf_counter() - t0
        extra["n_instructions"] = F.n_instructions()
        xd, vd = casadi.DM(x0), casadi.DM(v0)
        median, inner = per_call(lambda: F(xd, vd))
        result = list(F(xd, vd).full().ravel())
    if what == "f":
        extra["check1"] = float(result[0])
    else:
        extra["check1"], extra["check2"] = checks(result)
    extra["inner"] = inner
    emit("W5", system, n, median, **extra)


if __name__ == "__main__":
    floor = os.path.join(BUILD, "w4_rosen")
    cells = [dict(workload="W5", system="c-hand", what=w, n=N, argv=[floor, w, str(N), "W5"])
             for w in ("f", "grad", "hvp")]
    cells += [dict(workload="W5", system=s, what=w, n=N)
              for s in ("jax-jit", "casadi-jtimes") for w in ("f", "grad", "hvp")]
    cells.append(dict(workload="W5", system="casadi-hess-mtimes", what="hvp", n=N))
    main(os.path.abspath(__file__), cells, run_cell)
