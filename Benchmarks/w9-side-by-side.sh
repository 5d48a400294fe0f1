#!/usr/bin/env bash
# W9 side by side: the hand-written C tridiagonal Hessian (floor), JAX's three hand-coloured
# HVPs (jit), CasADi's `hessian` (n = 10^5 only: its SX build takes minutes at 10^6), and
# Jacobi's sparse Hessian, interpreted (`jacobi-bench W9`) and through the compiled tape
# (`jacobi-bench W10`, its W9 line), at n = 10^6 and 10^5, alternating for ROUNDS rounds in
# one run, one JSON line per measurement on stdout.
#   Benchmarks/w9-side-by-side.sh PEERS_DIR PYTHON [ROUNDS]
# PEERS_DIR holds the peers' scripts (w9_sparse_hess.py, c/w4_rosen.c); PYTHON has JAX and CasADi.
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
cell() { "$PY" "$PEERS/w9_sparse_hess.py" --cell "{\"workload\": \"W9\", \"system\": \"$1\", \"what\": \"hess\", \"n\": $2}"; }
for round in $(seq "$ROUNDS"); do
  for n in 1000000 100000; do
    "$BUILD/w4_rosen" hess "$n" W9
    "$BIN" W9 --n "$n"
    "$BIN" W10 --n "$n" | grep '"W9"'
    cell jax-hvp-3 "$n"
    if [ "$n" = 100000 ] && [ "$round" = 1 ]; then cell casadi-hess "$n"; fi
  done
done
"$BIN" W9 --n 10000   # the exact (Rational) Hessian at n = 10^4
