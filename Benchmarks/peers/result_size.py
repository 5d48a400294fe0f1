"""Sizes of symbolic results, measured on SymPy forms of every system's output so that
the numbers compare across systems (and with `jacobi-bench`, which counts the same way on
Jacobi's own expressions):

  tree_ops   the expression tree's operation count: an n-ary sum or product counts n - 1,
             any other non-atomic node (power, function call) counts 1, atoms 0
  dag_ops    the same count over distinct subexpressions only (what perfect common-
             subexpression elimination would leave)
  count_ops  the sum of sympy.count_ops over the entries (SymPy's own measure; it walks
             the tree, so it is skipped past 2e6 tree operations)
"""
from __future__ import annotations

from typing import Any

import sympy

from harness import OutOfTime, with_limit


def _own_ops(e: sympy.Basic) -> int:
    return len(e.args) - 1 if (e.is_Add or e.is_Mul) else 1


def tree_ops(entries: list[sympy.Basic]) -> int:
    known: dict[sympy.Basic, int] = {}
    total = 0
    for root in entries:
        # iterative post-order: a node's count is its own plus its children's
        stack: list[tuple[sympy.Basic, bool]] = [(root, False)]
        while stack:
            e, children_done = stack.pop()
            if not e.args or e in known:
                continue
            if children_done:
                known[e] = _own_ops(e) + sum(known.get(a, 0) for a in e.args)
            else:
                stack.append((e, True))
                stack.extend((a, False) for a in e.args)
        total += known.get(root, 0)
    return total


def dag_ops(entries: list[sympy.Basic]) -> int:
    seen: set[sympy.Basic] = set()
    total = 0
    stack = list(entries)
    while stack:
        e = stack.pop()
        if e.args and e not in seen:
            seen.add(e)
            total += _own_ops(e)
            stack.extend(e.args)
    return total


def sizes(entries: list[Any], limit: float = 60) -> dict[str, Any]:
    exprs = [sympy.sympify(e) for e in entries]
    out: dict[str, Any] = {}
    for name, measure in (("tree_ops", tree_ops), ("dag_ops", dag_ops)):
        try:
            out[name] = with_limit(limit, measure, exprs)
        except OutOfTime:
            out[name] = "skipped: >%ds" % limit
    if isinstance(out["tree_ops"], int) and out["tree_ops"] > 2 * 10**6:
        out["count_ops"] = "skipped: tree_ops > 2e6"
    else:
        try:
            out["count_ops"] = with_limit(limit, lambda: sum(sympy.count_ops(e) for e in exprs))
        except OutOfTime:
            out["count_ops"] = "skipped: >%ds" % limit
    return out


def casadi_entries(matrix: Any) -> list[sympy.Basic]:
    """Every entry of a CasADi SX matrix (structural zeros as 0), row by row, as SymPy,
    walking the SX graph once (shared nodes converted once)."""
    import casadi as ca
    binary = {ca.OP_ADD: sympy.Add, ca.OP_MUL: sympy.Mul,
              ca.OP_SUB: lambda a, b: a - b, ca.OP_DIV: lambda a, b: a / b,
              ca.OP_POW: sympy.Pow, ca.OP_CONSTPOW: sympy.Pow, ca.OP_ATAN2: sympy.atan2}
    unary = {ca.OP_NEG: lambda a: -a, ca.OP_SQ: lambda a: a**2, ca.OP_TWICE: lambda a: 2 * a,
             ca.OP_INV: lambda a: 1 / a, ca.OP_SQRT: sympy.sqrt, ca.OP_EXP: sympy.exp,
             ca.OP_LOG: sympy.log, ca.OP_SIN: sympy.sin, ca.OP_COS: sympy.cos,
             ca.OP_TAN: sympy.tan, ca.OP_ATAN: sympy.atan, ca.OP_ASIN: sympy.asin,
             ca.OP_ACOS: sympy.acos, ca.OP_SINH: sympy.sinh, ca.OP_COSH: sympy.cosh,
             ca.OP_TANH: sympy.tanh, ca.OP_FABS: sympy.Abs,
             ca.OP_LOG1P: lambda a: sympy.log(1 + a), ca.OP_EXPM1: lambda a: sympy.exp(a) - 1}
    converted: dict[int, sympy.Basic] = {}

    def convert(node: Any) -> sympy.Basic:
        pending = [(node, False)]
        while pending:
            e, ready = pending.pop()
            key = e.element_hash()
            if key in converted:
                continue
            if e.is_symbolic():
                converted[key] = sympy.Symbol(e.name())
            elif e.is_constant():
                v = float(e)
                converted[key] = sympy.Integer(int(v)) if v == int(v) else sympy.Float(v)
            elif not ready:
                pending.append((e, True))
                pending.extend((e.dep(i), False) for i in range(e.n_dep()))
            else:
                args = [converted[e.dep(i).element_hash()] for i in range(e.n_dep())]
                table = binary if len(args) == 2 else unary
                converted[key] = table[e.op()](*args)
        return converted[node.element_hash()]

    return [convert(matrix[i, j]) if matrix.has_nz(i, j) else sympy.Integer(0)
            for i in range(matrix.size1()) for j in range(matrix.size2())]


def casadi_counts(out: Any, inputs: Any) -> dict[str, Any]:
    """CasADi's own view of the result: graph nodes, VM instructions, nonzeros."""
    import casadi as ca
    f = ca.Function("f", [inputs], [out])
    return {"casadi_n_nodes": f.n_nodes(), "casadi_n_instructions": f.n_instructions(),
            "nnz": out.nnz()}
