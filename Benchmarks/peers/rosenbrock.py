"""The extended (chained) Rosenbrock function of W4, W5, W9 and W12, for the peers that
take it as array code (JAX) or as a symbolic graph (CasADi, SymPy):
    f(x) = sum_{i=0}^{n-2} 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2      (0-based)
at x[i] = ((i mod 13) - 6)/7, with the HVP direction v[i] = ((i mod 5) - 2)/3, and the
checksums every system reports: check1 = sum(r), check2 = sum(r[i] * (i mod 7)).
"""
from __future__ import annotations

from typing import Any, Sequence


def point(n: int) -> list[float]:
    return [((i % 13) - 6) / 7.0 for i in range(n)]


def direction(n: int) -> list[float]:
    return [((i % 5) - 2) / 3.0 for i in range(n)]


def checks(result: Sequence[Any]) -> tuple[float, float]:
    values = [float(v) for v in result]
    return sum(values), sum(v * (i % 7) for i, v in enumerate(values))


def jax_f(x: Any) -> Any:
    """f on a jax.numpy array (slices, so jit sees one fused loop)."""
    import jax.numpy as jnp
    head, tail = x[:-1], x[1:]
    return jnp.sum(100.0 * (tail - head * head) ** 2 + (1.0 - head) ** 2)


def casadi_f(x: Any) -> Any:
    """f on a CasADi SX column of symbols."""
    import casadi
    head, tail = x[:-1], x[1:]
    return casadi.sum1(100 * (tail - head**2) ** 2 + (1 - head) ** 2)


def jax_x64() -> Any:
    import jax
    jax.config.update("jax_enable_x64", True)
    return jax
