#!/usr/bin/env python3
"""SymPy's count_ops of Jacobi's W7 partials, beside SymPy simplify's (the peers' measure).

    python3 Benchmarks/w7_count_ops.py JACOBI_DETAIL.json [SYMPY_DETAIL.json]

JACOBI_DETAIL is the w7_detail_jacobi-simplify.json that `jacobi-bench W7` writes;
SYMPY_DETAIL defaults to Benchmarks/results/w7_detail_sympy-simplify.json (written by
Benchmarks/peers/w7_simplify.py). Each
result string is parsed by SymPy exactly as w7_simplify.py parses the corpus (`^` -> `**`),
then counted with sympy.count_ops. Prints the totals, the per-partial differences, and
checks that every partial equals SymPy's diff at random points.
"""
import json, os, random, sys
import sympy

here = os.path.dirname(os.path.abspath(__file__))
ours = json.load(open(sys.argv[1]))
ref_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "results", "w7_detail_sympy-simplify.json")
ref = {(r["f"], r["var"]): r for r in json.load(open(ref_path))}
x, y, z = sympy.symbols("x y z")
loc = {"x": x, "y": y, "z": z}
parse = lambda s: sympy.parse_expr(s.replace("^", "**"), local_dict=loc)
total_ours = total_ref = 0
worse, better, wrong = [], [], []
rng = random.Random(7)
for r in ours:
    e = parse(r["result"])
    c = int(sympy.count_ops(e))
    key = (r["f"], r["var"])
    c_ref = ref[key]["count_ops"] if key in ref else None
    total_ours += c
    if c_ref is not None:
        total_ref += c_ref
        if c > c_ref: worse.append((c, c_ref, r["f"], r["var"], r["result"], ref[key]["result"]))
        if c < c_ref: better.append((c, c_ref, r["f"], r["var"], r["result"]))
    d = sympy.diff(parse(r["f"]), loc[r["var"]])
    for _ in range(3):
        pt = {s: sympy.Rational(rng.randint(1, 40), rng.randint(1, 9)) for s in (x, y, z)}
        a, b = complex(d.evalf(30, subs=pt)), complex(e.evalf(30, subs=pt))
        if abs(a - b) > 1e-9 * max(1, abs(a)):
            wrong.append((r["f"], r["var"], r["result"], a, b))
            break
print("partials", len(ours), "| jacobi total count_ops", total_ours, "| sympy simplify total", total_ref)
print("better on", len(better), "| worse on", len(worse), "| value mismatches", len(wrong))
for w in sorted(worse, key=lambda w: w[1] - w[0]):
    print("  worse %d vs %d  d/d%s %s:  %s   [sympy: %s]" % (w[0], w[1], w[3], w[2], w[4], w[5]))
for w in wrong:
    print("  MISMATCH", w)
if "-v" in sys.argv:
    for b in better:
        print("  better %d vs %d  d/d%s %s:  %s" % (b[0], b[1], b[3], b[2], b[4]))
