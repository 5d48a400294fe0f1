"""W8: SymEngine's expand2 benchmark: e = (x + y + z + w)^15, then expand(e * (e + w)).
extra.terms is the number of terms of the result (6272), extra.task = "expand2".

  flint      python-flint fmpz_mpoly: the power and the product as sparse polynomials
             (the floor)
  symengine  symengine.expand of the product
  sympy      sympy.expand of the product, one repetition
"""
from __future__ import annotations

import os
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import emit, main, repeat  # noqa: E402

POWER = 15


def run_cell(cell: dict[str, Any]) -> None:
    system = cell["system"]
    if system == "flint":
        import flint
        ring = flint.fmpz_mpoly_ctx.get(("x", "y", "z", "w"), "lex")
        x, y, z, w = ring.gens()

        def product() -> Any:
            e = (x + y + z + w) ** POWER
            return e * (e + w)
        median, reps, result = repeat(product)
        terms = len(result)
    else:
        cas: Any = __import__(system)
        x, y, z, w = cas.symbols("x y z w")
        e = (x + y + z + w) ** POWER
        unexpanded = e * (e + w)
        median, reps, result = repeat(lambda: cas.expand(unexpanded), reps=1 if system == "sympy" else None)
        terms = len(result.args)
    emit("W8", system, POWER, median, task="expand2", terms=terms, reps=reps)


if __name__ == "__main__":
    main(os.path.abspath(__file__),
         [dict(workload="W8", system=s, n=POWER) for s in ("flint", "symengine", "sympy")], run_cell)
