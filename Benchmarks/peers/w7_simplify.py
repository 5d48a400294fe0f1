"""W7: simplification quality on corpus_w7.txt (62 functions of x, y, z; `#` lines are
comments). For each function f and each of its variables v, sorted by name, the partial
df/dv:

  sympy-diff      sympy.diff(f, v): time (cache cleared, median of 5), count_ops
  sympy-simplify  sympy.simplify of that partial: time (cache cleared, one run; over 30 s
                  counts as a timeout and keeps the unsimplified size), count_ops
  symengine-diff  SymEngine's diff of the same f: time (median of 5 loops of 200),
                  count_ops of the result converted to SymPy

One line per system: n = the number of partials, median_s = the median time per partial,
extra.total_count_ops = the sum over all partials. The partials themselves, in the
corpus's syntax (^ for powers), go to PEERS_RESULTS/w7_detail_<system>.json.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import HERE, RESULTS, OutOfTime, emit, main, with_limit  # noqa: E402

SIMPLIFY_LIMIT = 30


def corpus() -> list[tuple[str, Any]]:
    import sympy
    names = {v: sympy.Symbol(v) for v in ("x", "y", "z")}
    with open(os.path.join(HERE, "corpus_w7.txt")) as fh:
        lines = [s.strip() for s in fh]
    return [(s, sympy.parse_expr(s.replace("^", "**"), local_dict=names))
            for s in lines if s and not s.startswith("#")]


def timed(fn: Any, times: int = 5, inner: int = 1, before: Any = None) -> tuple[float, float, Any]:
    walls, cpus, result = [], [], None
    for _ in range(times):
        if before is not None:
            before()
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(inner):
            result = fn()
        walls.append((time.perf_counter() - t0) / inner)
        cpus.append((time.process_time() - c0) / inner)
    return statistics.median(walls), statistics.median(cpus), result


def run_cell(cell: dict[str, Any]) -> None:
    import sympy
    from sympy.core.cache import clear_cache
    system = cell["system"]
    functions = corpus()
    rows = []
    for source, f in functions:
        for v in sorted(f.free_symbols, key=lambda s: s.name):
            row: dict[str, Any] = {"f": source, "var": v.name}
            if system == "sympy-diff":
                row["time_s"], row["cpu_s"], d = timed(lambda: sympy.diff(f, v), before=clear_cache)
            elif system == "sympy-simplify":
                raw = sympy.diff(f, v)
                clear_cache()
                c0, t0 = time.process_time(), time.perf_counter()
                try:
                    d = with_limit(SIMPLIFY_LIMIT, sympy.simplify, raw)
                    row["time_s"], row["cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
                except OutOfTime:
                    d = raw
                    row["time_s"] = row["cpu_s"] = float(SIMPLIFY_LIMIT)
                    row["timeout"] = True
                row["raw_count_ops"] = int(sympy.count_ops(raw))
            else:
                import symengine
                fe, ve = symengine.sympify(f), symengine.Symbol(v.name)
                row["time_s"], row["cpu_s"], de = timed(lambda: fe.diff(ve), inner=200)
                d = sympy.sympify(de)
            row["result"] = str(d).replace("**", "^")
            row["count_ops"] = int(sympy.count_ops(d))
            rows.append(row)
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "w7_detail_%s.json" % system), "w") as fh:
        json.dump(rows, fh, indent=0)
    extra: dict[str, Any] = {
        "total_count_ops": sum(r["count_ops"] for r in rows),
        "total_time_s": sum(r["time_s"] for r in rows), "functions": len(functions),
        "median_cpu_s": statistics.median(r["cpu_s"] for r in rows),
        "total_cpu_s": sum(r["cpu_s"] for r in rows)}
    if system == "sympy-simplify":
        extra["timeouts"] = sum(1 for r in rows if r.get("timeout"))
        extra["total_raw_count_ops"] = sum(r["raw_count_ops"] for r in rows)
        extra["improved"] = sum(1 for r in rows if r["count_ops"] < r["raw_count_ops"])
        extra["worsened"] = sum(1 for r in rows if r["count_ops"] > r["raw_count_ops"])
    emit("W7", system, len(rows), statistics.median(r["time_s"] for r in rows), **extra)


if __name__ == "__main__":
    main(os.path.abspath(__file__),
         [dict(workload="W7", system=s, n=0) for s in ("sympy-diff", "symengine-diff", "sympy-simplify")],
         run_cell, timeout=1800)
