#!/usr/bin/env python3
"""Writes special_values.tsv: (expression, SymPy's value) per line, for sin, cos and tan at
k·pi/d (d = 1, 2, 3, 4, 6; every k with |k/d| ≤ 2) and for asin, acos and atan at the
algebraic values those take (0, ±1/2, ±sqrt(2)/2, ±sqrt(3)/2, ±1; atan also ±sqrt(3)/3,
±sqrt(3)), plus log(E), E^x and exp(1) forms.

    python3 Tests/Fixtures/make_special_values.py      # SymPy 1.14 (pip install sympy)

The Swift tests (Tests/SymbolicTests/SpecialValueTests.swift) read the committed TSV, parse
both columns and require equal canonical expressions; no Python runs at test time. A value
SymPy reports as complex infinity (tan(pi/2)) is written `undefined`. Syntax: `^` for
powers (SymPy's `**` is rewritten); `pi` and `E` as in SymPy.
"""
import os
import sympy
from sympy import pi, sin, cos, tan, asin, acos, atan, sqrt, Rational, zoo, log, E, exp, Symbol

HERE = os.path.dirname(os.path.abspath(__file__))


def text(e):
    return sympy.sstr(e).replace("**", "^")


def main():
    rows = []
    for f in (sin, cos, tan):
        for d in (1, 2, 3, 4, 6):
            for k in range(-2 * d, 2 * d + 1):
                q = Rational(k, d)
                if q.q != d:  # each angle once, with its own denominator
                    continue
                arg = q * pi
                value = f(arg)
                rows.append((f"{f.__name__}({text(arg)})", "undefined" if value == zoo else text(value)))
    values = [0, Rational(1, 2), sqrt(2) / 2, sqrt(3) / 2, 1]
    values = values + [-v for v in values[1:]]
    for f in (asin, acos):
        for v in values:
            rows.append((f"{f.__name__}({text(v)})", text(f(v))))
    for v in [0, sqrt(3) / 3, 1, sqrt(3)]:
        for s in ([1, -1] if v != 0 else [1]):
            rows.append((f"atan({text(s * v)})", text(atan(s * v))))
    x = Symbol("x")
    for e in ["log(E)", "E^x", "E^(2*x)", "exp(1)", "log(E^3)", "E^2*exp(x)", "sin(pi*x)"]:
        rows.append((e, text(sympy.sympify(e.replace("^", "**")))))
    with open(os.path.join(HERE, "special_values.tsv"), "w") as out:
        out.write(f"# expression\tSymPy {sympy.__version__}\n")
        for a, b in rows:
            out.write(f"{a}\t{b}\n")
    print(f"wrote {len(rows)} rows")


if __name__ == "__main__":
    main()
