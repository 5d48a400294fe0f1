#!/usr/bin/env python3
"""CLI startup: wall time of `jacobi diff "x^2*y"`, 30 runs after 3 warm-ups.

    swift build -c release --product jacobi
    python3 Benchmarks/cli_startup.py [.build/release/jacobi]

Prints one JSON line like the other benchmarks (median and min wall seconds).
"""
import json
import statistics
import subprocess
import sys
import time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/jacobi"
args = [binary, "diff", "x^2*y"]
for _ in range(3):
    subprocess.run(args, capture_output=True, check=True)
times = []
for _ in range(30):
    t = time.perf_counter()
    subprocess.run(args, capture_output=True, check=True)
    times.append(time.perf_counter() - t)
print(json.dumps({"workload": "cli-startup", "system": "jacobi", "n": 30, "median_s": statistics.median(times),
                  "extra": {"min_s": min(times), "command": " ".join(args[1:])}}))
