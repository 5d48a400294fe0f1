"""A thin bridge from the notebooks to the `jacobi` CLI.

Every number and formula in the notebooks comes from `jacobi ... --format json` (the
contract of Docs/CLI.md, "JSON output"): exact values arrive as strings "p/q" and become `Fraction`s here,
expressions arrive in Jacobi's syntax with their LaTeX beside them (the `latex` key), or
become NumPy functions (through SymPy, which reads the syntax after ^ -> **) for plots.
Many points go through one process: `jacobi_points` sends them as JSON lines to
`jacobi ... --points -` and gets one object per point back, in order.

The binary is `$JACOBI_BIN` (CI sets it to `$(swift build --show-bin-path)/jacobi`), else
`jacobi` on the PATH, else the debug build of the repository this file sits in.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

__all__ = ["JACOBI", "jacobi", "jacobi_points", "jacobi_text", "latex", "frac", "fmt", "numpy_function", "point", "vector", "show"]


def _find_binary() -> str:
    if os.environ.get("JACOBI_BIN"):
        return os.environ["JACOBI_BIN"]
    on_path = shutil.which("jacobi")
    if on_path:
        return on_path
    local = Path(__file__).resolve().parent.parent / ".build" / "debug" / "jacobi"
    if local.exists():
        return str(local)
    raise RuntimeError("jacobi not found: build it (swift build) or set JACOBI_BIN")


JACOBI = _find_binary()


def _run(args: list[str], stdin: str | None = None, allowed=(0, 1)) -> str:
    done = subprocess.run([JACOBI, *args], capture_output=True, text=True, input=stdin)
    if done.returncode not in allowed:  # 1: `check` found a mismatch, still a report
        raise RuntimeError(f"jacobi {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def _arguments(command: str, expressions, options: dict) -> list[str]:
    args = [command]
    for key, value in options.items():
        if value is None or value is False:
            continue
        name = f"--{key.replace('_', '-')}"
        if value is True:  # a flag: no_symbolic=True is --no-symbolic
            args.append(name)
        elif isinstance(value, (list, tuple)):  # a repeated option: gradient=[...]
            args += [f"{name}={v}" for v in value]
        else:
            # --key=value: a value such as "-1,2" would otherwise be read as an option
            args.append(f"{name}={value}")
    if isinstance(expressions, str):
        expressions = [expressions]
    return args + ["--", *expressions]  # `--`: expressions may start with '-'


def jacobi(command: str, expressions, **options) -> dict:
    """Runs `jacobi COMMAND EXPR... --OPTION VALUE ... --format json` and returns the object."""
    return json.loads(_run(_arguments(command, expressions, {**options, "format": "json"})))


def jacobi_points(command: str, expressions, names, points, **options) -> list[dict]:
    """One process for many points: `jacobi COMMAND EXPR... --points - --format json`, the
    points (lists of exact values in the order of `names`) sent as JSON lines on stdin.
    Returns one object per point, in order; a point that failed has an "error" key instead
    of the results (the others are computed all the same)."""
    lines = "".join(json.dumps({n: fmt(v) for n, v in zip(names, p)}) + "\n" for p in points)
    args = _arguments(command, expressions, {**options, "points": "-", "format": "json"})
    out = _run(args, stdin=lines, allowed=(0, 2))  # 2: some point failed, said on its line
    return [json.loads(line) for line in out.splitlines()]


def jacobi_text(command: str, expressions, **options) -> str:
    """The same, in the human-readable text format (to show what a terminal user sees)."""
    return _run(_arguments(command, expressions, options)).rstrip("\n")


@lru_cache(maxsize=None)
def latex(expression: str) -> str:
    """An expression in Jacobi's syntax, as LaTeX, for text that did not come with its `latex`
    key (a number formatted here): `jacobi simplify EXPR --canonical --format latex`."""
    return _run(["simplify", "--canonical", "--format", "latex", "--", expression]).strip()


def frac(text: str) -> Fraction:
    """An exact number from the JSON ("p/q" or "n")."""
    return Fraction(text)


def fmt(x) -> str:
    """A Fraction (or a list of them) written the way Jacobi writes numbers: 3/4, -2, 1/3."""
    if isinstance(x, (list, tuple)):
        return "(" + ", ".join(fmt(v) for v in x) + ")"
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def point(names, values) -> str:
    """`--at` text for exact values: point(["x", "y"], [Fraction(1, 2), 3]) == "x=1/2,y=3"."""
    return ",".join(f"{n}={fmt(v)}" for n, v in zip(names, values))


def vector(values) -> str:
    """`--dir` / `--weights` text: vector([1, Fraction(-1, 2)]) == "1,-1/2"."""
    return ",".join(fmt(v) for v in values)


def numpy_function(expression: str, variables):
    """A NumPy-vectorised function of the variables, for plotting an expression Jacobi printed."""
    import sympy

    symbols = sympy.symbols(list(variables))
    parsed = sympy.sympify(expression.replace("^", "**"), locals={str(s): s for s in symbols})
    return sympy.lambdify(symbols, parsed, "numpy")


def show(tex: str) -> None:
    """Displays a formula (rendered by Jupyter from the text/latex output)."""
    from IPython.display import Math, display

    display(Math(tex))
