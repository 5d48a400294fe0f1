"""W12: end to end, a user's whole run: the gradient of extended Rosenbrock at n = 1e6 (or
W12_N) from a point file to a gradient file. The point x[i] = ((i mod 13) - 6)/8 (0-based;
exact in binary and in decimal) is the JSON object {"x": [numbers]} in x0.json; the
gradient is written as {"gradient": [numbers]}. check1 = sum(g), check2 = sum(g[i] (i mod 7)).

  jax-e2e     a fresh Python process: import jax (timed apart: import_s), read x0.json,
              jit(grad(f)), write the file; median_s = its wall time after the imports
              (work_s), extra.e2e_s = the whole process; 5 runs
Jacobi's side of the comparison (jacobi-bench, or by hand) runs on the same two files,
written beside each other into a temporary folder (printed on stderr):
  jacobi grad --file rosenbrock.jac --at-file x0.json --numeric --format json
with the program
  param n = 1000000
  input x[n]
  f = sum(i = 1..n-1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)
  output f
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import emit  # noqa: E402
from rosenbrock import checks  # noqa: E402

N = int(os.environ.get("W12_N", str(10**6)))
RUNS = 5

PROGRAM = """param n = {n}
input x[n]
f = sum(i = 1..n-1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)
output f
"""

# The user's script, run as its own process: imports, then the work.
JAX_RUN = r"""
import json, sys, time
started = time.perf_counter()
import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import numpy
imported = time.perf_counter()
with open(sys.argv[1]) as fh:
    x = jnp.asarray(json.load(fh)["x"], dtype=jnp.float64)
def f(x):
    head, tail = x[:-1], x[1:]
    return jnp.sum(100.0 * (tail - head * head) ** 2 + (1.0 - head) ** 2)
g = jax.jit(jax.grad(f))(x).block_until_ready()
with open(sys.argv[2], "w") as fh:
    json.dump({"gradient": numpy.asarray(g).tolist()}, fh)
print(json.dumps({"import_s": imported - started, "work_s": time.perf_counter() - imported}))
"""


def write_inputs(folder: str, n: int) -> str:
    with open(os.path.join(folder, "rosenbrock.jac"), "w") as fh:
        fh.write(PROGRAM.format(n=n))
    path = os.path.join(folder, "x0.json")
    with open(path, "w") as fh:
        json.dump({"x": [((i % 13) - 6) / 8 for i in range(n)]}, fh)
    return path


def main() -> None:
    folder = tempfile.mkdtemp(prefix="w12-")
    print("W12 files in " + folder, file=sys.stderr)
    point = write_inputs(folder, N)
    out = os.path.join(folder, "g.json")
    work, whole, imports = [], [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", JAX_RUN, point, out], capture_output=True, text=True)
        whole.append(time.perf_counter() - t0)
        if done.returncode != 0:
            emit("W12", "jax-e2e", N, None, error=(done.stderr.strip().splitlines() or ["failed"])[-1][:300])
            return
        timings = json.loads(done.stdout.strip().splitlines()[-1])
        work.append(timings["work_s"])
        imports.append(timings["import_s"])
    with open(out) as fh:
        c1, c2 = checks(json.load(fh)["gradient"])
    emit("W12", "jax-e2e", N, statistics.median(work), e2e_s=statistics.median(whole),
         import_s=statistics.median(imports), check1=c1, check2=c2)


if __name__ == "__main__":
    main()
