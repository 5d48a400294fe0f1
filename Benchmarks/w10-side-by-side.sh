#!/usr/bin/env bash
# W10 side by side: the hand-written C floor, JAX's jit and Jacobi's compiled tape (and its
# interpreted tape) on W4 (gradient, n = 10^6) and W5 (H·v, n = 10^5), alternating for
# ROUNDS rounds in one run, one JSON line per measurement on stdout.
#   Benchmarks/w10-side-by-side.sh PEERS_DIR PYTHON [ROUNDS]
# PEERS_DIR holds the peers' scripts (w4_grad.py, w5_hvp.py, c/w4_rosen.c); PYTHON has JAX.
set -euo pipefail
PEERS=$1
PY=$2
ROUNDS=${3:-3}
cd "$(dirname "$0")"
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
${CC:-cc} -O2 -o "$BUILD/w4_rosen" "$PEERS/c/w4_rosen.c" -lm
swift build -c release --package-path . >&2
BIN=$(swift build -c release --package-path . --show-bin-path)/jacobi-bench
for _ in $(seq "$ROUNDS"); do
  "$BUILD/w4_rosen" grad 1000000
  "$PY" "$PEERS/w4_grad.py" --cell '{"workload": "W4", "system": "jax-jit", "what": "grad", "n": 1000000}'
  "$BIN" W10 --n 1000000
  "$BUILD/w4_rosen" hvp 100000
  "$PY" "$PEERS/w5_hvp.py" --cell '{"workload": "W5", "system": "jax-jit", "what": "hvp", "n": 100000}'
  "$BIN" W10 --n 100000
done
"$BIN" W4 --n 1000000
"$BIN" W5 --n 100000
