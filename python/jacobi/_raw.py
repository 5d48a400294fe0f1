"""Any `jacobi` command, with its whole JSON answer: the layer under `grad`, `hessian`, …,
for what they do not wrap (programs, sparsity, traces, `dir`, `linearize`, LaTeX)."""
from __future__ import annotations

import subprocess
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ._cli import JSONObject, JacobiError, _failure, arguments, binary, run_batch, run_json
from ._values import Number, number_text, point_object, point_text, vector_text

Option = Union[None, bool, Number, Mapping[str, Number], List[Any], Tuple[Any, ...]]


def _options(options: Mapping[str, Option]) -> Tuple[Dict[str, Optional[str]], List[str], List[str]]:
    """Python keywords as CLI options: `no_symbolic=True` is the flag `--no-symbolic`, `at` a
    mapping is `--at=x=1/2,y=3`, `dir=[1, Fraction(1, 2)]` is `--dir=1,1/2`, a list for any
    other option repeats it (`gradient=["2*x", "1"]`), False and None leave it out."""
    values: Dict[str, Optional[str]] = {}
    flags: List[str] = []
    repeated: List[str] = []
    for key, value in options.items():
        name = key.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            flags.append(name)
        elif isinstance(value, Mapping):
            values[name] = point_text(value)
        elif isinstance(value, (list, tuple)):
            if name in ("dir", "weights"):
                values[name] = vector_text(value)
            else:
                repeated += [f"--{name}={v}" for v in value]
        else:
            values[name] = number_text(value)
    return values, flags, repeated


def _command(command: str, functions: Union[str, Sequence[str]], options: Mapping[str, Option]) -> List[str]:
    values, flags, repeated = _options(options)
    fs = [functions] if isinstance(functions, str) else list(functions)
    args = arguments(command, fs, values, flags)
    split = args.index("--")
    return args[:split] + repeated + args[split:]


def run(command: str, functions: Union[str, Sequence[str]] = (), **options: Option) -> JSONObject:
    """Runs `jacobi COMMAND --OPTION=VALUE … --format json -- FUNCTIONS…` and returns its JSON
    object: every key of Docs/CLI.md's "JSON output" (`symbolic`, `latex`, `exact`, `value`,
    `trace`, …). `check` may report a mismatch (exit 1): that is still an answer.

    run("dir", "x^2*y", dir=[3, 4], at={"x": 1, "y": 2})["exact"] == "16"   # 3·2xy + 4·x²

    Raises `JacobiError` with the CLI's one-line message when it refuses the input.
    """
    return run_json(_command(command, functions, options), accept=(0, 1))


def run_points(command: str, functions: Union[str, Sequence[str]], points: Sequence[Mapping[str, Number]],
               **options: Option) -> List[JSONObject]:
    """One process for many points (the CLI's batch mode, `--points`): one JSON object per
    point, in order. A point where the command fails gets `{"index", "at", "error"}` instead
    of the results; the other points are computed all the same.

    [r["exact"] for r in run_points("grad", "x*y", [{"x": 1, "y": 2}, {"x": 3, "y": 4}])]
        == [["2", "1"], ["4", "3"]]

    Raises `JacobiError` when the whole run fails (a syntax error in the function).
    """
    if not points:
        return []
    return run_batch(_command(command, functions, options), [point_object(p) for p in points])


def run_text(command: str, functions: Union[str, Sequence[str]] = (), **options: Option) -> str:
    """The same command in the CLI's human-readable text format (what a terminal shows),
    or any other format with `format="latex"`."""
    done = subprocess.run([binary(), *_command(command, functions, options)], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise _failure(done.stderr, done.returncode)
    return done.stdout.rstrip("\n")


@lru_cache(maxsize=None)
def latex(expression: str) -> str:
    """An expression (or number) in Jacobi's syntax as LaTeX, canonical form, not simplified:
    `jacobi simplify --canonical --format latex`.

    latex("x^2/3") == r"\\frac{x^{2}}{3}"
    """
    text = run_text("simplify", [expression], canonical=True, format="latex")
    if not text:
        raise JacobiError(f"no LaTeX for {expression!r}")
    return text.strip()
