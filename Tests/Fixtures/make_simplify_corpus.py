#!/usr/bin/env python3
"""Writes simplify_corpus.tsv: the simplifier corpus with SymPy simplify's count_ops.

    SC_WRITE_PROBLEMS=/tmp/problems.tsv swift run -c release --package-path Benchmarks jacobi-bench SC
    python3 Tests/Fixtures/make_simplify_corpus.py /tmp/problems.tsv     # SymPy 1.14

The problems (kind, functions, variables, parameter, -, family; one per line) come from
Jacobi's seeded generator (`SimplifierCorpus.generated()` in Sources/Verification/Corpus),
W7's corpus and the derivative fixtures. For each, this script computes the same object
with SymPy (diff, a Hessian entry, an entry of H·v, J·v or wᵀJ, a Taylor coefficient at a
rational point), applies `sympy.simplify` (20 s limit; past it the unsimplified object's
count is kept, as in the W7 peer script) and writes `count_ops` of the result in the fifth
column. Variables are plain `Symbol`s, as in W7. The Swift side (SimplifierCorpusTests,
the SC benchmark) reads the TSV; no Python runs at test time. A problem whose object SymPy
finds undefined (zoo, nan) is dropped.
"""
import math
import os
import signal
import sys
from multiprocessing import Pool

HERE = os.path.dirname(os.path.abspath(__file__))
LIMIT = 20


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def parse(text, names):
    import sympy
    local = {n: sympy.Symbol(n) for n in names}
    return sympy.parse_expr(text.replace("^", "**"), local_dict=local)


def rationals(text):
    import sympy
    return [sympy.Rational(t) for t in text.split(",")]


def obj(kind, fs, names, parameter):
    import sympy
    xs = [sympy.Symbol(n) for n in names]
    if kind == "simplify":
        return fs[0]
    if kind == "diff":
        return sympy.diff(fs[0], sympy.Symbol(parameter))
    if kind == "hessian":
        i, j = (int(t) for t in parameter.split(","))
        return sympy.diff(fs[0], xs[i], xs[j])
    if kind in ("hvp", "jvp", "vjp"):
        k, vec = parameter.split(":")
        k, vec = int(k), rationals(vec)
        if kind == "hvp":
            return sum(sympy.diff(fs[0], xs[k], xs[j]) * vec[j] for j in range(len(xs)))
        if kind == "jvp":
            return sum(sympy.diff(fs[k], xs[j]) * vec[j] for j in range(len(xs)))
        return sum(vec[i] * sympy.diff(fs[i], xs[k]) for i in range(len(fs)))
    if kind == "taylor":
        alpha, point = parameter.split("@")
        alpha = [int(t) for t in alpha.split(",")]
        d = fs[0]
        for x, e in zip(xs, alpha):
            if e:
                d = sympy.diff(d, x, e)
        d = d.subs(dict(zip(xs, rationals(point))))
        return d / math.prod(math.factorial(e) for e in alpha)
    raise ValueError(kind)


def measure(line):
    import sympy
    cells = line.rstrip("\n").split("\t")
    kind, functions, names, parameter = cells[0], cells[1].split(";"), cells[2].split(","), cells[3]
    family = cells[5] if len(cells) > 5 else "-"
    fs = [parse(f, names) for f in functions]
    o = obj(kind, fs, names, parameter)
    if o.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT)
    try:
        s = sympy.simplify(o)
    except Timeout:
        s = o
    finally:
        signal.alarm(0)
    if s.has(sympy.zoo, sympy.nan):
        return None
    return "\t".join([kind, cells[1], cells[2], parameter, str(int(sympy.count_ops(s))), family])


def main():
    import sympy
    problems = [l for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
    with Pool(2) as pool:
        rows = pool.map(measure, problems, chunksize=4)
    kept = [r for r in rows if r is not None]
    with open(os.path.join(HERE, "simplify_corpus.tsv"), "w") as out:
        out.write(f"# kind\tfunctions\tvariables\tparameter\tSymPy {sympy.__version__} count_ops(simplify(object))\tfamily\n")
        for r in kept:
            out.write(r + "\n")
    print(f"wrote {len(kept)} rows ({len(problems) - len(kept)} undefined in SymPy dropped)")


if __name__ == "__main__":
    main()
