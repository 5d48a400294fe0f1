"""What every peer script shares: timing, the JSON line, the exact-result hash, and running
each measurement ("cell") in a child process with a time limit.

A measurement is one JSON line on stdout:
    {"workload": "W4", "system": "jax-jit", "n": 1000000, "median_s": 0.0071,
     "extra": {"median_cpu_s": 0.0070, "load1": 1.2, ...}}
`median_s` is wall time, `extra.median_cpu_s` the process CPU time of the same calls (the
steadier figure on a shared machine), `extra.load1` the 1-minute load average when the
line was written. A cell that ran out of time has `median_s: null` and `extra.skipped`.

Knobs (environment): PEERS_REPS (5 repetitions), PEERS_BUDGET (20 s of repetitions),
PEERS_LIMIT (60 s for one repetition), PEERS_CELL_TIMEOUT (170 s for one child),
PEERS_BUILD (where run.sh put the C floors), PEERS_RESULTS (W7's detail files).
"""
from __future__ import annotations

import gc
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from typing import Any, Callable, Iterable

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.environ.get("PEERS_BUILD", os.path.join(HERE, "build"))
RESULTS = os.environ.get("PEERS_RESULTS", os.path.join(HERE, "results"))
REPS = int(os.environ.get("PEERS_REPS", "5"))
BUDGET = float(os.environ.get("PEERS_BUDGET", "20"))
LIMIT = float(os.environ.get("PEERS_LIMIT", "60"))
CELL_TIMEOUT = float(os.environ.get("PEERS_CELL_TIMEOUT", "170"))
# a series (same cell but n) stops growing once one of its cells took longer than this
SLOW = float(os.environ.get("PEERS_SLOW", "15"))

# The exact-result hash: a polynomial hash modulo the Mersenne prime 2^61 - 1 over the
# numerators and denominators in order, base 1000003. Residues are taken with floor
# division (a negative numerator -p gives M61 - (p mod M61)), as GMP's mpz_fdiv_ui does in
# c/floors.h and Jacobi's own benchmarks do, so equal hashes mean equal exact results.
MERSENNE_61 = (1 << 61) - 1
HASH_BASE = 1000003


def qhash(fractions: Iterable[tuple[int, int]]) -> str:
    """Hash of exact rationals given as (numerator, denominator) pairs, 16 hex digits."""
    h = 0
    for numerator, denominator in fractions:
        for part in (int(numerator), int(denominator)):
            h = (h * HASH_BASE + part % MERSENNE_61) % MERSENNE_61
    return "%016x" % h


class OutOfTime(Exception):
    """One repetition took longer than PEERS_LIMIT seconds."""


_cpu_medians: list[float] = []


def emit(workload: str, system: str, n: int, median_s: float | None, **extra: Any) -> None:
    """Print one measurement line; the CPU medians timed since the last line are summed
    into extra.median_cpu_s unless the caller gives one."""
    if median_s is not None and _cpu_medians and "median_cpu_s" not in extra:
        extra["median_cpu_s"] = sum(_cpu_medians)
    _cpu_medians.clear()
    extra.setdefault("load1", round(os.getloadavg()[0], 2))
    line = {"workload": workload, "system": system, "n": n, "median_s": median_s, "extra": extra}
    print(json.dumps(line), flush=True)


def _with_limit(seconds: float, fn: Callable[[], Any]) -> Any:
    def on_alarm(signum: int, frame: Any) -> None:
        raise OutOfTime()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def with_limit(seconds: float, fn: Callable[..., Any], *args: Any) -> Any:
    """fn(*args), interrupted with OutOfTime after `seconds` (Python-level code only)."""
    return _with_limit(seconds, lambda: fn(*args))


def repeat(fn: Callable[[], Any], before: Callable[[], Any] | None = None,
           reps: int | None = None) -> tuple[float, int, Any]:
    """Median wall time of fn() over up to `reps` repetitions (fewer once BUDGET seconds
    are spent; more, up to 25, while the total is under half a second). `before()` runs
    untimed before each repetition (e.g. clearing a cache). Returns (median, reps, result)."""
    reps = reps or REPS
    walls: list[float] = []
    cpus: list[float] = []
    result: Any = None

    def once(collect: bool = True) -> Any:
        if before is not None:
            before()
        if collect:
            gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        r = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        return r

    while len(walls) < reps and (not walls or sum(walls) <= BUDGET):
        result = _with_limit(LIMIT, once)
    while sum(walls) < 0.5 and len(walls) < 25:     # fast cells: more samples, warm caches
        result = once(collect=False)
    _cpu_medians.append(statistics.median(cpus))
    return statistics.median(walls), len(walls), result


def per_call(fn: Callable[[], Any], samples: int = 7, sample_s: float = 0.1) -> tuple[float, int]:
    """Median seconds per call of a fast fn(): each of `samples` samples loops fn() enough
    times to last about `sample_s`. Returns (median per call, calls per sample)."""
    t0 = time.perf_counter()
    _with_limit(LIMIT, fn)
    first = time.perf_counter() - t0
    inner = max(1, int(sample_s / max(first, 1e-9)))
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(samples):
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(inner):
            fn()
        walls.append((time.perf_counter() - t0) / inner)
        cpus.append((time.process_time() - c0) / inner)
    _cpu_medians.append(statistics.median(cpus))
    return statistics.median(walls), inner


def main(script: str, cells: list[dict[str, Any]], run_cell: Callable[[dict[str, Any]], None],
         timeout: float | None = None) -> None:
    """`script --cell JSON` measures one cell in this process. Without arguments, every cell
    runs in its own child (a cell with "argv" runs that program, a C floor, which prints its
    own line). Cells of one series (equal but for "n", in increasing n) stop once one is
    out of time or slower than PEERS_SLOW: the larger ones are reported as skipped."""
    if len(sys.argv) >= 3 and sys.argv[1] == "--cell":
        sys.setrecursionlimit(10**6)
        cell = json.loads(sys.argv[2])
        try:
            run_cell(cell)
        except OutOfTime:
            emit(cell["workload"], cell["system"], cell["n"], None,
                 skipped=">%gs" % LIMIT, **_parameters(cell))
        return
    given = sys.argv[1:]
    stopped: dict[str, str] = {}
    for cell in cells:
        if given and cell["system"] not in given:
            continue
        series = json.dumps({k: v for k, v in cell.items() if k not in ("n", "argv")}, sort_keys=True)
        if series in stopped:
            emit(cell["workload"], cell["system"], cell["n"], None, skipped=stopped[series],
                 **_parameters(cell))
            continue
        command = cell.get("argv") or [sys.executable, script, "--cell", json.dumps(cell)]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=timeout or CELL_TIMEOUT)
            out, status, err = done.stdout, done.returncode, done.stderr
        except subprocess.TimeoutExpired as e:
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            status, err = None, ""
        lines = [json.loads(s) for s in out.splitlines() if s.startswith("{")]
        for line in lines:
            line.setdefault("extra", {}).setdefault("load1", round(os.getloadavg()[0], 2))
            print(json.dumps(line), flush=True)
        if not lines:
            reason = ("killed after %gs" % (timeout or CELL_TIMEOUT) if status is None
                      else (err.strip().splitlines() or ["exit status %s" % status])[-1][:300])
            emit(cell["workload"], cell["system"], cell["n"], None,
                 **{("skipped" if status is None else "error"): reason}, **_parameters(cell))
            if status is None:
                stopped[series] = "n=%s was out of time" % cell["n"]
            continue
        times = [l["median_s"] for l in lines if l.get("median_s") is not None]
        if len(times) < len(lines) or max(times, default=0) > SLOW:
            stopped[series] = "n=%s took too long" % cell["n"]


def _parameters(cell: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in cell.items() if k not in ("workload", "system", "n", "argv")}
