"""W4: the Double gradient of extended Rosenbrock (rosenbrock.py: f, the point, the
checksums) by tape AD, n = 1e5, 1e6; what = f (f alone) or grad, so the report can form
grad/f. One-off costs apart: extra.compile_s (JIT), extra.build_s (graph construction).

  c-hand          c/w4_rosen.c: hand-written loops, gcc -O2 (the floor)
  swift-*         swift/w4_rosen.swift, swiftc -O: f (plain loop), grad_hand (no AD),
                  grad_ad_term (Swift AD of one term, the sum's chain rule by hand),
                  grad_ad_reduce (Swift AD of f as Array.differentiableReduce), grad_ad
                  (Swift AD of f as an index loop: O(n^2), n = 1e3, 1e4)
  jax-jit         jax.jit of f and of jax.grad(f), float64 on the CPU
  jax-eager       jax.grad(f) without jit
  casadi-sx       SX graph of f, gradient(f, x), a Function called with a DM
  sympy-lambdify  diff by every variable, lambdify (NumPy printer), called on a list;
                  n = 1e2, 1e3 only (n partials of an n-term sum is quadratic)
check1 for what = f is f itself.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BUILD, emit, main, per_call  # noqa: E402
from rosenbrock import casadi_f, checks, jax_f, jax_x64, point  # noqa: E402


def run_cell(cell: dict[str, Any]) -> None:
    system, what, n = cell["system"], cell["what"], cell["n"]
    x0 = point(n)
    extra: dict[str, Any] = {"what": what}
    if system in ("jax-jit", "jax-eager"):
        jax = jax_x64()
        import jax.numpy as jnp
        x = jnp.asarray(x0, dtype=jnp.float64)
        fn = jax_f if what == "f" else jax.grad(jax_f)
        if system == "jax-jit":
            t0 = time.perf_counter()
            fn = jax.jit(fn).lower(x).compile()
            extra["compile_s"] = time.perf_counter() - t0
        fn(x).block_until_ready()
        median, inner = per_call(lambda: fn(x).block_until_ready())
        result = [float(v) for v in jnp.ravel(fn(x))]
        extra["jax"] = jax.__version__
    elif system == "casadi-sx":
        import casadi
        t0 = time.perf_counter()
        xs = casadi.SX.sym("x", n)
        f = casadi_f(xs)
        t1 = time.perf_counter()
        out = f if what == "f" else casadi.gradient(f, xs)
        t2 = time.perf_counter()
        F = casadi.Function("F", [xs], [out])
        t3 = time.perf_counter()
        extra.update(build_s=t3 - t0, expr_s=t1 - t0, diff_s=t2 - t1, function_s=t3 - t2,
                     n_instructions=F.n_instructions())
        xd = casadi.DM(x0)
        median, inner = per_call(lambda: F(xd))
        result = list(F(xd).full().ravel())
    else:
        import sympy
        t0 = time.perf_counter()
        xs = sympy.symbols("x0:%d" % n)
        f = sympy.Add(*[100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(n - 1)])
        t1 = time.perf_counter()
        out = f if what == "f" else [f.diff(v) for v in xs]
        t2 = time.perf_counter()
        F = sympy.lambdify([xs], out, "numpy")
        t3 = time.perf_counter()
        extra.update(build_s=t3 - t0, expr_s=t1 - t0, diff_s=t2 - t1, lambdify_s=t3 - t2)
        median, inner = per_call(lambda: F(x0))
        value = F(x0)
        result = [float(value)] if what == "f" else [float(v) for v in value]
    if what == "f":
        extra["check1"] = float(result[0])
    else:
        extra["check1"], extra["check2"] = checks(result)
    extra["inner"] = inner
    emit("W4", system, n, median, **extra)


def cells() -> list[dict[str, Any]]:
    floor = os.path.join(BUILD, "w4_rosen")
    big = (10**5, 10**6)
    out: list[dict[str, Any]] = []
    for what in ("f", "grad"):
        out += [dict(workload="W4", system="c-hand", what=what, n=n, argv=[floor, what, str(n)]) for n in big]
        for system in ("jax-jit", "jax-eager", "casadi-sx"):
            out += [dict(workload="W4", system=system, what=what, n=n) for n in big]
        out += [dict(workload="W4", system="sympy-lambdify", what=what, n=n) for n in (10**2, 10**3)]
    swift = os.path.join(BUILD, "w4_swift")
    for mode in ("f", "grad_hand", "grad_ad_term", "grad_ad_reduce"):
        out += [dict(workload="W4", system="swift-" + mode, n=n, argv=[swift, mode, str(n)]) for n in big]
    out += [dict(workload="W4", system="swift-grad_ad", n=n, argv=[swift, "grad_ad", str(n)]) for n in (10**3, 10**4)]
    return out


if __name__ == "__main__":
    main(os.path.abspath(__file__), cells(), run_cell)
