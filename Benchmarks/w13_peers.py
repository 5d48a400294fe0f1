#!/usr/bin/env python3
"""W13 peers: the symbolic gradient of sums of k squared residuals, beside `jacobi-bench W13`.

    python Benchmarks/w13_peers.py [--k 8 16 ...] [--shapes meyer ...] [--simplify-timeout 60]

Needs SymPy and SymEngine. Builds exactly the text of Benchmarks/Sources/JacobiBench/W13.swift:
  meyer       r_i = y*exp(x/(c_i + z)) - Y_i, c_i = 45 + 5i, Y_i = MGH's 16 values, cycled
  osborne2    r_i = x1*exp(-t_i*x5) + x2*exp(-(t_i - x9)^2*x6) + x3*exp(-(t_i - x10)^2*x7)
                    + x4*exp(-(t_i - x11)^2*x8) - y_i, t_i = (i - 1)/10
  biggs_exp6  r_i = x3*exp(-t_i*x1) - x4*exp(-t_i*x2) + x6*exp(-t_i*x5) - y_i, t_i = i/10
  rosenbrock  r_(2j-1) = 10*(x(2j) - x(2j-1)^2), r_(2j) = 1 - x(2j-1)
with y_i = ((7i mod 50) + 1)/25, f = sum of r_i^2, i = 1..k, k = 8, 16, 32, 64, 128.
Systems (one JSON line per shape and k, as the other peers print them):
  sympy-diff       every partial by sympy.diff (no simplification)
  sympy-simplify   sympy.simplify of every partial of sympy-diff (timed apart); once a
                   shape's gradient takes longer than the timeout (SIGALRM), larger k are
                   skipped and the line says "timeout"
  symengine-diff   every partial by symengine.diff
extra.chars is the printed size (str) of the gradient, extra.count_ops SymPy's count_ops.
"""
import argparse, json, signal, statistics, sys, time

import sympy
import symengine

MEYER_Y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872]
SHAPES = ["meyer", "osborne2", "biggs_exp6", "rosenbrock"]


def y(i):
    return f"{(7 * i) % 50 + 1}/25"


def residual(shape, i):
    if shape == "meyer":
        return f"y*exp(x/({45 + 5 * i} + z)) - {MEYER_Y[(i - 1) % 16]}"
    if shape == "osborne2":
        t = f"{i - 1}/10"
        return (f"x1*exp(-({t})*x5) + x2*exp(-(({t}) - x9)^2*x6) + x3*exp(-(({t}) - x10)^2*x7)"
                f" + x4*exp(-(({t}) - x11)^2*x8) - {y(i)}")
    if shape == "biggs_exp6":
        t = f"{i}/10"
        return f"x3*exp(-({t})*x1) - x4*exp(-({t})*x2) + x6*exp(-({t})*x5) - {y(i)}"
    j = (i + 1) // 2
    return f"10*(x{2 * j} - x{2 * j - 1}^2)" if i % 2 == 1 else f"1 - x{2 * j - 1}"


def text(shape, k):
    return " + ".join(f"({residual(shape, i)})^2" for i in range(1, k + 1))


def emit(system, k, median_s, extra):
    print(json.dumps({"workload": "W13", "system": system, "n": k, "median_s": median_s, "extra": extra}), flush=True)


def timed(body, reps=3, budget=10.0):
    times, result, total = [], None, 0.0
    while len(times) < reps and (not times or total < budget):
        t0 = time.perf_counter()
        result = body()
        t = time.perf_counter() - t0
        times.append(t)
        total += t
    return statistics.median(times), result, len(times)


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def sizes(exprs):
    return {"chars": sum(len(str(e)) for e in exprs), "count_ops": int(sum(sympy.count_ops(e) for e in exprs))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, nargs="*", default=[8, 16, 32, 64, 128])
    ap.add_argument("--shapes", nargs="*", default=SHAPES)
    ap.add_argument("--simplify-timeout", type=int, default=60)
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, on_alarm)
    for shape in args.shapes:
        simplify_gave_up = False
        for k in args.k:
            src = text(shape, k).replace("^", "**")
            f = sympy.sympify(src, rational=True)
            variables = sorted(f.free_symbols, key=lambda s: s.name)
            task = {"task": f"{shape}-{k}", "shape": shape, "partials": len(variables)}
            t, grad, reps = timed(lambda: [sympy.diff(f, v) for v in variables])
            emit("sympy-diff", k, t, {**task, **sizes(grad), "reps": reps})
            fe = symengine.sympify(src)
            ve = [symengine.Symbol(v.name) for v in variables]
            t, grad_e, reps = timed(lambda: [fe.diff(v) for v in ve], reps=7)
            emit("symengine-diff", k, t, {**task, "chars": sum(len(str(e)) for e in grad_e), "reps": reps})
            if simplify_gave_up:
                emit("sympy-simplify", k, None, {**task, "timeout": True, "skipped": True})
                continue
            signal.alarm(args.simplify_timeout)
            try:
                t0 = time.perf_counter()
                simple = [sympy.simplify(d) for d in grad]
                t = time.perf_counter() - t0
                signal.alarm(0)
                emit("sympy-simplify", k, t, {**task, **sizes(simple), "reps": 1})
            except Timeout:
                simplify_gave_up = True
                emit("sympy-simplify", k, None, {**task, "timeout": True, "timeout_s": args.simplify_timeout})


if __name__ == "__main__":
    main()
