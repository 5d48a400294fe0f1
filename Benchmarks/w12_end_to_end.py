#!/usr/bin/env python3
"""W12, Jacobi's side: the whole `jacobi grad --file rosenbrock.jac --at-file x0.json
--numeric --format json` process at n (default 10^6), as the peers' w12_end_to_end.py
defines it: extended Rosenbrock as a 4-line program, the point x_i = ((i mod 13) - 6)/8
(0-based) as {"x": [...]} in a JSON file, the gradient written as JSON.

    python3 Benchmarks/w12_end_to_end.py [--n N] [--exact] JACOBI_BINARY

Prints JSON lines: system "jacobi-e2e" (median wall time of 3 runs, with the time to the
first byte of output and the peak RSS of the process), and with --exact the same command
without --numeric (exact rationals; one run), system "jacobi-e2e-exact".
check1 = sum(g), check2 = sum(g_i * (i mod 7)), as the peers compute them.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

PROGRAM = """param n = 1000000
input x[n]
f = sum(i = 1..n-1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)
output f
"""


def write_inputs(d, n):
    with open(os.path.join(d, "x0.json"), "w") as fh:
        json.dump({"x": [((i % 13) - 6) / 8 for i in range(n)]}, fh)
    with open(os.path.join(d, "rosenbrock.jac"), "w") as fh:
        fh.write(PROGRAM.replace("1000000", str(n)))


def run(argv, reps):
    walls, firsts, rss, out = [], [], 0.0, b""
    for _ in range(reps):
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        head = p.stdout.read(1)
        t1 = time.perf_counter()
        out = head + p.stdout.read()
        err = p.stderr.read()
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - t0)
        firsts.append(t1 - t0)
        rss = max(rss, usage.ru_maxrss / 1024)
        if status != 0:
            sys.exit(err.decode())
    return statistics.median(walls), statistics.median(firsts), rss, out


def main():
    args = sys.argv[1:]
    n = 10**6
    if "--n" in args:
        n = int(args[args.index("--n") + 1])
    binary = args[-1]
    d = tempfile.mkdtemp(prefix="w12-jacobi-")
    write_inputs(d, n)
    base = [binary, "grad", "--file", os.path.join(d, "rosenbrock.jac"), "--at-file", os.path.join(d, "x0.json")]
    wall, first, rss, out = run(base + ["--numeric", "--format", "json"], 3)
    g = json.loads(out)["numeric"]
    c1, c2 = sum(g), sum(v * (i % 7) for i, v in enumerate(g))
    print(json.dumps({"workload": "W12", "system": "jacobi-e2e", "n": n, "median_s": wall,
                      "extra": {"first_output_s": first, "peak_rss_mb": rss, "check1": c1, "check2": c2}}))
    if "--exact" in args:
        wall, first, rss, _ = run(base + ["--no-symbolic", "--format", "json"], 1)
        print(json.dumps({"workload": "W12", "system": "jacobi-e2e-exact", "n": n, "median_s": wall,
                          "extra": {"first_output_s": first, "peak_rss_mb": rss}}))


if __name__ == "__main__":
    main()
