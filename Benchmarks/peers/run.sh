#!/usr/bin/env bash
# Runs the peers of Jacobi's benchmarks, one JSON line per measurement on stdout, and keeps
# the same lines in results/run-<UTC time>.jsonl. From a clone:
#   python3 -m venv .venv-peers && .venv-peers/bin/pip install -r Benchmarks/peers/requirements.txt
#   PEERS_PY=.venv-peers/bin/python Benchmarks/peers/run.sh                 # all (~30 min)
#   PEERS_ONLY="w3_rational w6_exact_grad" PEERS_PY=... Benchmarks/peers/run.sh
# The C floors are compiled first (gcc or $CC, -O2, with libgmp), and W4's Swift peer
# (swiftc -O, $SWIFTC), into build/ beside this script, or into $PEERS_BUILD. Every executable in Benchmarks/peers/extra.d/ runs after
# the peers (e.g. a wrapper around `jacobi-bench`), so one file holds both sides.
# Knobs: PEERS_PY, PEERS_ONLY, PEERS_BUILD, PEERS_RESULTS, and harness.py's PEERS_REPS,
# PEERS_BUDGET, PEERS_LIMIT, PEERS_CELL_TIMEOUT, PEERS_SLOW.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
py=${PEERS_PY:-python3}
if ! command -v "$py" >/dev/null 2>&1 && [ ! -x "$py" ]; then
    echo "run.sh: no Python at $py (set PEERS_PY to a venv with requirements.txt)" >&2
    exit 2
fi
py=$(command -v "$py" || echo "$py")
export PEERS_BUILD=${PEERS_BUILD:-$here/build}
export PEERS_RESULTS=${PEERS_RESULTS:-$here/results}
mkdir -p "$PEERS_BUILD" "$PEERS_RESULTS"

cc=${CC:-gcc}
"$cc" -O2 -std=c11 -Wall -o "$PEERS_BUILD/w3_gmp" "$here/c/w3_gmp.c" -lgmp
"$cc" -O2 -std=c11 -Wall -o "$PEERS_BUILD/w4_rosen" "$here/c/w4_rosen.c" -lm
"$cc" -O2 -std=c11 -Wall -o "$PEERS_BUILD/w6_gmp" "$here/c/w6_gmp.c" -lgmp
swiftc=${SWIFTC:-swiftc}
if command -v "$swiftc" >/dev/null 2>&1; then           # W4's swift-* rows (Swift's own AD)
    "$swiftc" -O "$here/swift/w4_rosen.swift" -o "$PEERS_BUILD/w4_swift"
else
    echo "run.sh: no swiftc: W4's swift-* rows will report an error" >&2
fi
echo "run.sh: C and Swift floors in $PEERS_BUILD" >&2

out=$PEERS_RESULTS/run-$(date -u +%Y%m%dT%H%M%SZ).jsonl
workloads=${PEERS_ONLY:-w1_jacobian w2_grad_hess w3_rational w4_grad w5_hvp w6_exact_grad w7_simplify w8_expand w9_sparse_hess w12_end_to_end}
{
    for w in $workloads; do
        echo "== $w $(date -u +%H:%M:%S)" >&2
        "$py" "$here/$w.py"
    done
    if [ -d "$here/extra.d" ]; then
        for x in "$here"/extra.d/*; do
            if [ -x "$x" ]; then echo "== $x" >&2; "$x"; fi
        done
    fi
} | tee "$out"
echo "run.sh: saved $out" >&2
