#!/bin/sh
# W8 (expand2) and W3c (Hilbert inverse) beside python-flint, in alternating rounds:
#   Benchmarks/w3c-w8-side-by-side.sh PYTHON [ROUNDS]
# Each round: flint W8, jacobi W8, flint fmpq_mat.inv n = 20 and 40, jacobi W3 at n = 20
# and 40 (Gauss–Jordan loop and Matrix<Rational>.inverse()). One JSON line per measurement.
set -e
PY=${1:?usage: $0 PYTHON [ROUNDS]}
ROUNDS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
swift build -c release --package-path "$HERE" >/dev/null
BENCH=$(swift build -c release --package-path "$HERE" --show-bin-path)/jacobi-bench
for r in $(seq "$ROUNDS"); do
    "$PY" "$HERE/peers/w8_expand.py" --cell '{"workload": "W8", "system": "flint", "n": 15}'
    "$BENCH" W8
    for n in 20 40; do
        "$PY" "$HERE/peers/w3_rational.py" --cell "{\"workload\": \"W3\", \"system\": \"flint\", \"task\": \"hilbert_builtin\", \"n\": $n}"
    done
    "$BENCH" W3 --n 20 --n 40 | grep '"hilbert"'
done
