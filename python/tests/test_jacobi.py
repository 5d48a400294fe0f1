"""The Python package against mathematics: SymPy as an independent oracle for derivatives
(exact, at rational points), and the identities that tie the objects together
(J·v, wᵀJ, H·v, symmetry of H, the Taylor model's coefficients). Needs the `jacobi` binary
(`JACOBI_BIN` or PATH) and SymPy."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Dict, List, Sequence

import pytest
import sympy

import jacobi

X, Y, Z = sympy.symbols("x y z")
NAMES = {"x": X, "y": Y, "z": Z}


def parse(expression: str) -> sympy.Expr:
    return sympy.sympify(expression, locals=NAMES)


def at_sympy(point: Dict[str, Fraction]) -> Dict[sympy.Symbol, sympy.Rational]:
    return {NAMES[k]: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()}


def as_fraction(value: sympy.Expr) -> Fraction:
    value = sympy.nsimplify(value) if not value.is_Rational else value
    assert value.is_Rational, value
    return Fraction(int(value.p), int(value.q))


def matvec(m: Sequence[Sequence[Fraction]], v: Sequence[Fraction]) -> List[Fraction]:
    return [sum((a * b for a, b in zip(row, v)), Fraction(0)) for row in m]


RATIONAL_FUNCTIONS = ["x^2*y + x/(1 + y^2)", "(x - y)^3/(1 + x^2 + z^2)", "x*y*z - 3/4*x^2 + y/(2 + z^4)"]
POINTS = [{"x": Fraction(1, 2), "y": Fraction(3), "z": Fraction(-2, 7)},
          {"x": Fraction(-5, 3), "y": Fraction(1, 9), "z": Fraction(4)}]


@pytest.fixture(autouse=True, scope="session")
def binary_present() -> None:
    jacobi.binary()   # raises JacobiNotFound with instructions: these tests need the CLI


@pytest.mark.parametrize("f", RATIONAL_FUNCTIONS)
def test_gradient_equals_sympy_exactly(f: str) -> None:
    variables = ["x", "y", "z"]
    for point in POINTS:
        expected = [as_fraction(sympy.diff(parse(f), NAMES[v]).subs(at_sympy(point))) for v in variables]
        for engine in ("symbolic", "forward", "reverse"):
            got = jacobi.grad(f, at=point, variables=variables, engine=engine)
            assert got == expected
            assert all(isinstance(g, Fraction) for g in got)


@pytest.mark.parametrize("f", RATIONAL_FUNCTIONS)
def test_symbolic_gradient_parses_in_sympy_and_is_the_derivative(f: str) -> None:
    partials = jacobi.grad(f, variables=["x", "y", "z"])
    for expression, v in zip(partials, (X, Y, Z)):
        assert sympy.simplify(parse(expression) - sympy.diff(parse(f), v)) == 0


def test_decimals_are_exact() -> None:
    # d/dx x^3 = 3x^2 at x = 1/10 is exactly 3/100, whether 0.1 is given as text or as a float
    assert jacobi.grad("x^3", at={"x": "0.1"}) == [Fraction(3, 100)]
    assert jacobi.grad("x^3", at={"x": 0.1}) == [Fraction(3, 100)]
    assert jacobi.grad("x^3", at={"x": Fraction(1, 10)}) == [Fraction(3, 100)]


def test_a_value_that_is_not_rational_is_an_exact_expression() -> None:
    (value,) = jacobi.grad("sin(x)", at={"x": Fraction(1, 2)})
    assert isinstance(value, str)
    assert parse(value) == sympy.cos(sympy.Rational(1, 2))


def test_jacobian_hessian_and_products_agree() -> None:
    fs = ["x^2*y - z", "x*y*z/(1 + x^2)", "y^3 + x*z"]
    v = [Fraction(1, 3), Fraction(-2), Fraction(5, 4)]
    w = [Fraction(2), Fraction(-1, 5), Fraction(7)]
    for point in POINTS:
        J = jacobi.jacobian(fs, at=point, variables=["x", "y", "z"])
        expected = [[as_fraction(sympy.diff(parse(f), s).subs(at_sympy(point))) for s in (X, Y, Z)] for f in fs]
        assert J == expected
        assert jacobi.jvp(fs, at=point, direction=v, variables=["x", "y", "z"]) == matvec(J, v)
        transposed = [list(col) for col in zip(*J)]
        assert jacobi.vjp(fs, at=point, weights=w, variables=["x", "y", "z"]) == matvec(transposed, w)
        f = fs[1]
        H = jacobi.hessian(f, at=point, variables=["x", "y", "z"])
        assert H == [list(row) for row in zip(*H)]                        # symmetric
        assert H == [[as_fraction(sympy.diff(parse(f), a, b).subs(at_sympy(point))) for b in (X, Y, Z)]
                     for a in (X, Y, Z)]
        assert jacobi.hvp(f, at=point, direction=v, variables=["x", "y", "z"]) == matvec(H, v)


def test_taylor_model_has_the_derivatives_as_coefficients() -> None:
    f = "x^2*y + x/(1 + y^2)"
    point = {"x": Fraction(1, 2), "y": Fraction(3)}
    model = jacobi.taylor(f, at=point, order=2)
    assert model.order == 2
    assert model.value == as_fraction(parse(f).subs(at_sympy(point)))
    assert model.gradient == jacobi.grad(f, at=point)
    assert model.hessian == jacobi.hessian(f, at=point)
    # the model, as a polynomial, has f's value and gradient at the point
    p = parse(model.polynomial)
    assert as_fraction(p.subs(at_sympy(point))) == model.value
    assert [as_fraction(sympy.diff(p, s).subs(at_sympy(point))) for s in (X, Y)] == model.gradient


def test_many_points_give_what_single_points_give() -> None:
    f = "x^2*y + x/(1 + y^2)"
    points = [{"x": Fraction(k, 7), "y": Fraction(k % 5 - 2, 3)} for k in range(-6, 7)]
    batch = jacobi.grad(f, at=points)
    assert batch == [jacobi.grad(f, at=p) for p in points]
    hessians = jacobi.hessian(f, at=points, engine="reverse")
    assert hessians == [jacobi.hessian(f, at=p, engine="reverse") for p in points]
    assert jacobi.grad(f, at=[]) == []


def test_a_failing_point_in_a_batch_names_its_index() -> None:
    points = [{"x": 1}, {"x": 2}, {"x": 0}, {"x": 3}]
    with pytest.raises(jacobi.JacobiError) as raised:
        jacobi.grad("1/x", at=points)
    assert raised.value.index == 2
    assert "zero" in raised.value.message


def test_bad_input_raises_with_the_cli_message() -> None:
    with pytest.raises(jacobi.JacobiError) as raised:
        jacobi.grad("x^2 +* y")
    assert "column" in raised.value.message and "\n" not in raised.value.message


def test_check_passes_on_consistent_engines() -> None:
    report = jacobi.check(["sin(x)*y + x/(1 + y^2)", "exp(x - y)"], points=5, seed=3)
    assert report.passed and report.mismatches == [] and report.points == 5 and report.seed == 3


def test_check_catches_a_wrong_hand_written_gradient() -> None:
    if "--gradient" not in _help("check"):
        pytest.skip("this jacobi binary has no `check --gradient`")
    right = jacobi.check("x^2*y", gradient=["2*x*y", "x^2"], variables=["x", "y"])
    wrong = jacobi.check("x^2*y", gradient=["2*x*y", "-x^2"], variables=["x", "y"])
    assert right.passed and not wrong.passed


def test_simplify_returns_sympy_syntax_with_the_same_value() -> None:
    for expression in ("x*x + x^2", "(x^2*y)^3/x", "0.25*x + x/4"):
        simplified = jacobi.simplify(expression)
        assert "^" not in simplified
        assert sympy.simplify(parse(simplified) - sympy.sympify(expression.replace("^", "**"), locals=NAMES)) == 0


def test_simplify_applies_identities_and_canonical_keeps_the_form() -> None:
    # the Pythagorean identity and a cancellation, each checked against SymPy's value
    assert jacobi.simplify("sin(x)^2 + cos(x)^2") == "1"
    assert sympy.simplify(parse(jacobi.simplify("(x^2 - 1)/(x - 1)")) - (X + 1)) == 0
    canonical = jacobi.simplify("sin(x)^2 + cos(x)^2", canonical=True)
    assert canonical != "1" and sympy.simplify(parse(canonical) - 1) == 0


def test_binary_from_jacobi_bin_and_from_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = jacobi.binary()
    not_executable = tmp_path / "jacobi-text"
    not_executable.write_text("")
    monkeypatch.setenv("JACOBI_BIN", str(not_executable))
    with pytest.raises(jacobi.JacobiNotFound):
        jacobi.binary()
    monkeypatch.delenv("JACOBI_BIN")
    link = tmp_path / "jacobi"
    link.symlink_to(real)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert Path(jacobi.binary()) == link
    assert jacobi.grad("x*y", at={"x": 2, "y": 5}) == [Fraction(5), Fraction(2)]
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(jacobi.JacobiNotFound):
        jacobi.binary()


def _help(command: str) -> str:
    import subprocess
    return subprocess.run([jacobi.binary(), command, "--help"], capture_output=True, text=True).stdout


def test_run_gives_the_whole_answer_of_any_command() -> None:
    # D_v f(a) = ∇f(a)·v, with ∇f from SymPy; `dir` is not wrapped by a function of its own.
    f, a, v = "x^2*y + x/(1 + y^2)", {"x": Fraction(1, 2), "y": Fraction(3)}, [Fraction(3, 5), Fraction(-4, 5)]
    answer = jacobi.run("dir", f, dir=v, at=a, vars="x,y")
    gradient = [as_fraction(sympy.diff(parse(f), s).subs(at_sympy(a))) for s in (X, Y)]
    assert Fraction(answer["exact"]) == gradient[0] * v[0] + gradient[1] * v[1]
    assert sympy.simplify(parse(answer["symbolic"].replace("^", "**"))
                          - (sympy.diff(parse(f), X) * sympy.Rational(3, 5) - sympy.diff(parse(f), Y) * sympy.Rational(4, 5))) == 0
    # Flags and repeated options: a wrong hand-written gradient is a mismatch (exit 1), still an answer.
    report = jacobi.run("check", "x^2*y", gradient=["2*x*y", "x"], points=3, seed=1)
    assert report["passed"] is False
    assert "symbolic" not in jacobi.run("grad", f, at=a, no_symbolic=True)


def test_run_points_is_one_answer_per_point_with_failures_in_place() -> None:
    points = [{"x": Fraction(k, 3), "y": Fraction(k - 2)} for k in range(5)]
    lines = jacobi.run_points("grad", "x/y", points, no_symbolic=True)
    assert len(lines) == len(points)
    assert lines[2] == {"index": 2, "at": {"x": "2/3", "y": "0"}, "error": lines[2]["error"]}
    for k, line in enumerate(lines):
        if k != 2:   # ∇(x/y) = (1/y, −x/y²)
            p = points[k]
            assert [Fraction(s) for s in line["exact"]] == [1 / p["y"], -p["x"] / p["y"] ** 2]
    assert jacobi.run_points("grad", "x", []) == []


def test_run_text_and_latex() -> None:
    assert "2*x*y" in jacobi.run_text("grad", "x^2*y")
    assert jacobi.latex("x^2/3") == r"\frac{x^{2}}{3}"
    with pytest.raises(jacobi.JacobiError):
        jacobi.run("grad", "x^2 +* y")
