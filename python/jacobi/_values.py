"""Python values to Jacobi's text and back, exactly."""
from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, List, Mapping, Sequence, Union

# An exact value at a point: a Fraction when it is rational, else an exact expression as a
# SymPy-parsable string (`cos(1/2)`).
Exact = Union[Fraction, str]
# What a point's coordinate or a vector's entry may be given as.
Number = Union[int, Fraction, str, float]

_RATIONAL = re.compile(r"^-?\d+(/\d+)?$")


def number_text(value: Number) -> str:
    """Jacobi's text of an exact number: `3`, `-3/4`; a string is passed as written
    (`"0.1"` is 1/10, `"pi/4"` an exact constant where the CLI takes one); a float is written
    as its shortest decimal (`0.1` → "0.1", read by Jacobi as exactly 1/10)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{value} is not a finite number")
        return repr(value)
    if isinstance(value, str):
        return value.strip()
    try:                                   # numbers.Rational (gmpy2.mpq, sympy.Rational, …)
        return number_text(Fraction(value))
    except (TypeError, ValueError):
        raise TypeError(f"not a number: {value!r}") from None


def point_text(at: Mapping[str, Number]) -> str:
    """`--at` text: {"x": Fraction(1, 2), "y": 3} → "x=1/2,y=3"."""
    return ",".join(f"{name}={number_text(value)}" for name, value in at.items())


def point_object(at: Mapping[str, Number]) -> Mapping[str, str]:
    """A point as a `--points` JSON line: values as exact strings."""
    return {name: number_text(value) for name, value in at.items()}


def vector_text(values: Sequence[Number]) -> str:
    """`--dir` / `--weights` text: [1, Fraction(-1, 2)] → "1,-1/2"."""
    return ",".join(number_text(v) for v in values)


def sympy_text(expression: str) -> str:
    """Jacobi's syntax as SymPy's: `^` is `**` (the rest is common to both)."""
    return expression.replace("^", "**")


def exact(value: Any) -> Exact:
    """A JSON exact value: "p/q" → Fraction, any other string → a SymPy-parsable expression."""
    if not isinstance(value, str):
        raise TypeError(f"expected an exact value as a string, got {value!r}")
    return Fraction(value) if _RATIONAL.match(value) else sympy_text(value)


def exact_list(values: Any) -> List[Exact]:
    return [exact(v) for v in values]


def exact_matrix(rows: Any) -> List[List[Exact]]:
    return [exact_list(row) for row in rows]


def expressions(values: Any) -> List[str]:
    return [sympy_text(v) for v in values]
