"""Exact multivariate calculus from Python, through the `jacobi` command-line tool.

Every function here runs `jacobi … --format json` and reads its JSON: values at rational
points come back as `fractions.Fraction`s (exact, never through a float), values that are
not rational as exact expressions (`"cos(1/2)"`), and symbolic results as strings SymPy
parses (`^` written as `**`: `sympy.sympify(s)` works):

    >>> import jacobi
    >>> jacobi.grad("x^2*y", at={"x": 1, "y": 2})
    [Fraction(4, 1), Fraction(1, 1)]
    >>> jacobi.grad("x^2*y")
    ['2*x*y', 'x**2']

Points are mappings from variable names to numbers: `int`, `Fraction`, strings (`"0.1"`
is exactly 1/10, `"-3/4"`), or floats, written as their shortest decimal (`0.1` means 1/10).
`at=` a list of such mappings evaluates at every point in one process (the CLI's batch mode,
`--points`, when the binary has it; one process per point otherwise) and returns one result
per point, in order; a point where the function is undefined raises `JacobiError` with its
`index`.

Every other command (programs, sparsity, traces, `dir`, `linearize`, LaTeX output) is one
call away with its whole JSON answer: `run(command, functions, **options)`, many points in
one process with `run_points`, the text format with `run_text`, and `latex(expression)`.

The binary is `$JACOBI_BIN` if set, else `jacobi` on the PATH. Errors that `jacobi`
reports (a syntax error, a division by zero at the point) raise `JacobiError` with its
one-line message.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, TypeVar, Union, overload

from ._cli import JacobiError, JacobiNotFound, JSONObject, arguments, binary, run_batch, run_json, supports_batches
from ._raw import latex, run, run_points, run_text
from ._values import (Exact, Number, exact, exact_list, exact_matrix, expressions, number_text, point_object,
                      point_text, sympy_text, vector_text)

__version__ = "0.2.0"
__all__ = [
    "Exact", "Number", "Point", "Taylor", "CheckReport", "JacobiError", "JacobiNotFound", "binary",
    "grad", "jacobian", "hessian", "jvp", "vjp", "hvp", "taylor", "check", "simplify",
    "run", "run_points", "run_text", "latex", "number_text", "point_text", "vector_text",
]

Point = Mapping[str, Number]
Points = Union[Point, Sequence[Point]]
Functions = Union[str, Sequence[str]]
T = TypeVar("T")


def _functions(f: Functions) -> List[str]:
    return [f] if isinstance(f, str) else list(f)


def _common(variables: Optional[Sequence[str]], engine: Optional[str]) -> Dict[str, Optional[str]]:
    return {"vars": ",".join(variables) if variables else None, "engine": engine}


def _evaluate(command: str, fs: List[str], options: Dict[str, Optional[str]], at: Points,
              read: Callable[[JSONObject], T]) -> Union[T, List[T]]:
    """One point (a mapping): one process, `--at`. Several (a sequence of mappings): the batch
    mode, or one process per point where the binary has no batch mode."""
    if isinstance(at, Mapping):
        return read(run_json(arguments(command, fs, {**options, "at": point_text(at)})))
    points = list(at)
    if not points:
        return []
    if supports_batches(command):
        lines = run_batch(arguments(command, fs, options), [point_object(p) for p in points])
    else:
        lines = []
        for k, p in enumerate(points):
            try:
                lines.append(run_json(arguments(command, fs, {**options, "at": point_text(p)})))
            except JacobiError as error:
                lines.append({"index": k, "at": point_object(p), "error": error.message})
    results: List[T] = []
    for k, line in enumerate(lines):
        if "error" in line:
            raise JacobiError(str(line["error"]), index=k, at=line.get("at"))
        results.append(read(line))
    return results


def _symbolic_or_values(command: str, f: Functions, at: Optional[Points], options: Dict[str, Optional[str]],
                        symbolic: Callable[[Any], Any], values: Callable[[Any], Any]) -> Any:
    fs = _functions(f)
    if at is None:
        return symbolic(run_json(arguments(command, fs, options))["symbolic"])
    return _evaluate(command, fs, options, at, lambda line: values(line["exact"]))


@overload
def grad(f: str, at: None = None, *, variables: Optional[Sequence[str]] = None,
         engine: Optional[str] = None) -> List[str]: ...
@overload
def grad(f: str, at: Point, *, variables: Optional[Sequence[str]] = None,
         engine: Optional[str] = None) -> List[Exact]: ...
@overload
def grad(f: str, at: Sequence[Point], *, variables: Optional[Sequence[str]] = None,
         engine: Optional[str] = None) -> List[List[Exact]]: ...
def grad(f: str, at: Optional[Points] = None, *, variables: Optional[Sequence[str]] = None,
         engine: Optional[str] = None) -> Any:
    """The gradient ∇f = (∂f/∂x₁, …, ∂f/∂xₙ) in `variables` order (default: the free
    symbols, sorted): simplified expressions, or with `at` its exact value there
    (`engine`: "symbolic", "forward" or "reverse").

    grad("x^2*y", at={"x": 1, "y": 2}) == [Fraction(4), Fraction(1)]
    """
    return _symbolic_or_values("grad", f, at, _common(variables, engine), expressions, exact_list)


def jacobian(f: Functions, at: Optional[Points] = None, *, variables: Optional[Sequence[str]] = None,
             engine: Optional[str] = None) -> Any:
    """The Jacobian J[i][j] = ∂fᵢ/∂xⱼ of the functions (one row per function): expressions,
    or with `at` exact values (a list of matrices for a list of points).

    jacobian(["x*y", "x + y"], at={"x": 2, "y": 3}) == [[3, 2], [1, 1]]
    """
    return _symbolic_or_values("jacobian", f, at, _common(variables, engine),
                               lambda rows: [expressions(r) for r in rows], exact_matrix)


def hessian(f: str, at: Optional[Points] = None, *, variables: Optional[Sequence[str]] = None,
            engine: Optional[str] = None) -> Any:
    """The Hessian H[i][j] = ∂²f/∂xᵢ∂xⱼ (symmetric): expressions, or with `at` exact values.

    hessian("x^2*y", at={"x": 1, "y": 2}) == [[4, 2], [2, 0]]
    """
    return _symbolic_or_values("hessian", f, at, _common(variables, engine),
                               lambda rows: [expressions(r) for r in rows], exact_matrix)


def jvp(f: Functions, at: Points, direction: Sequence[Number], *, variables: Optional[Sequence[str]] = None,
        engine: Optional[str] = None) -> Any:
    """The Jacobian-vector product J(a)·v (forward mode by default), exactly.

    jvp(["x*y", "x + y"], at={"x": 2, "y": 3}, direction=[1, 0]) == [3, 1]
    """
    options = {**_common(variables, engine), "dir": vector_text(direction)}
    return _evaluate("jvp", _functions(f), options, at, lambda line: exact_list(line["exact"]))


def vjp(f: Functions, at: Points, weights: Sequence[Number], *, variables: Optional[Sequence[str]] = None,
        engine: Optional[str] = None) -> Any:
    """The vector-Jacobian product wᵀ·J(a) (reverse mode by default), exactly.

    vjp(["x*y", "x + y"], at={"x": 2, "y": 3}, weights=[1, 0]) == [3, 2]
    """
    options = {**_common(variables, engine), "weights": vector_text(weights)}
    return _evaluate("vjp", _functions(f), options, at, lambda line: exact_list(line["exact"]))


def hvp(f: str, at: Points, direction: Sequence[Number], *, variables: Optional[Sequence[str]] = None,
        engine: Optional[str] = None) -> Any:
    """The Hessian-vector product H(a)·v (forward-over-reverse by default), exactly.

    hvp("x^2*y", at={"x": 1, "y": 2}, direction=[1, 0]) == [4, 2]
    """
    options = {**_common(variables, engine), "dir": vector_text(direction)}
    return _evaluate("hvp", [f], options, at, lambda line: exact_list(line["exact"]))


@dataclass(frozen=True)
class Taylor:
    """A Taylor model of f around a: f(a + h) ≈ value + gradient·h + ½ hᵀ·hessian·h.

    `polynomial` is the model as an expression in the variables (SymPy syntax); `hessian`
    is None for a model of order 1; `raw` is the whole JSON answer (for keys added later).
    """
    polynomial: str
    value: Exact
    gradient: List[Exact]
    hessian: Optional[List[List[Exact]]]
    order: int
    raw: Dict[str, Any] = field(repr=False, compare=False)


def _taylor(line: JSONObject) -> Taylor:
    hessian = line.get("hessian")
    return Taylor(polynomial=sympy_text(line["symbolic"]), value=exact(line["value"]),
                  gradient=exact_list(line["gradient"]),
                  hessian=exact_matrix(hessian) if hessian is not None else None,
                  order=int(line["order"]), raw=line)


def taylor(f: str, at: Points, order: int = 2, *, variables: Optional[Sequence[str]] = None,
           engine: Optional[str] = None) -> Any:
    """The Taylor model of order `order` of f around the point `at`, with exact coefficients.

    taylor("x^2*y", at={"x": 1, "y": 2}).gradient == [4, 1]
    """
    options = {**_common(variables, engine), "order": str(order)}
    return _evaluate("taylor", [f], options, at, _taylor)


@dataclass(frozen=True)
class CheckReport:
    """What `jacobi check` found: `passed` is True when every engine agreed exactly (or
    within the floating-point comparison where values are not rational) at every point."""
    passed: bool
    points: int
    seed: int
    comparisons: int
    mismatches: List[Dict[str, Any]]
    skipped: List[Dict[str, Any]]
    raw: Dict[str, Any] = field(repr=False, compare=False)


def check(f: Functions, *, points: int = 10, seed: int = 0, variables: Optional[Sequence[str]] = None,
          gradient: Optional[Sequence[str]] = None) -> CheckReport:
    """Cross-checks the symbolic, forward and reverse engines (value, gradient, Jacobian, JVP,
    VJP, Hessian, HVP) at `points` seeded random rational points; with `gradient` (one
    expression per variable, in `variables` order), checks that hand-written gradient instead.

    check("sin(x)*y").passed is True
    """
    options: Dict[str, Optional[str]] = {**_common(variables, None), "points": str(points), "seed": str(seed)}
    args = arguments("check", _functions(f), options)
    if gradient is not None:
        split = args.index("--")
        args = args[:split] + [f"--gradient={g}" for g in gradient] + args[split:]
    line = run_json(args, accept=(0, 1))
    return CheckReport(passed=bool(line["passed"]), points=int(line.get("points", points)),
                       seed=int(line.get("seed", seed)), comparisons=int(line.get("comparisons", 0)),
                       mismatches=list(line.get("mismatches", [])), skipped=list(line.get("skipped", [])),
                       raw=line)


def simplify(expression: str, *, canonical: bool = False) -> str:
    """The simplified form of an expression (with `canonical=True`, only the canonical form:
    like terms and powers combined, nothing rewritten), in SymPy's syntax.

    simplify("x*x + x^2") == "2*x**2"
    """
    args = arguments("simplify", [expression], {}, ["canonical"] if canonical else [])
    return sympy_text(run_json(args)["symbolic"])
