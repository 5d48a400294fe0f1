#!/usr/bin/env bash
# Builds the libFuzzer targets (release, -sanitize=fuzzer,address) and fuzzes each for a
# bounded time; fails on any crash, sanitizer report, disagreement (a trap in the target),
# timeout or memory blow-up.
# Usage: Fuzz/run.sh [seconds for ExpressionFuzzer, default 120] [seconds for ProgramFuzzer, default 90]
#
# New inputs go to a scratch directory; the committed corpus (Fuzz/Corpus/) is only read.
# To keep an interesting input, copy it from the scratch directory into Fuzz/Corpus/.
set -euo pipefail
cd "$(dirname "$0")"
expression_seconds="${1:-120}"
program_seconds="${2:-90}"

swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
bin="$(swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --show-bin-path)"

# The Swift runtime's own crash reporter would race AddressSanitizer's report.
export SWIFT_BACKTRACE=enable=no
scratch="$(mktemp -d "${TMPDIR:-/tmp}/jacobi-fuzz.XXXXXX")"
echo "fuzz: scratch corpus and artifacts in $scratch"
status=0
for target in ExpressionFuzzer ProgramFuzzer; do
    case "$target" in
        ExpressionFuzzer) corpus="Corpus/expressions" dict="expressions.dict" max_len=256 seconds="$expression_seconds" ;;
        ProgramFuzzer) corpus="Corpus/programs" dict="programs.dict" max_len=1024 seconds="$program_seconds" ;;
    esac
    mkdir -p "$scratch/$target"
    # -timeout: one input taking longer is a hang, reported as a failure.
    if ! "$bin/$target" "$scratch/$target" "$corpus" \
        -dict="$dict" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 \
        -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$scratch/$target-" 2>&1 | tee "$scratch/$target.log" | grep -E "^#[0-9]+ +(DONE|pulse)|stat::|ERROR|fuzz:|SUMMARY|Test unit written" ; then
        :
    fi
    if grep -qE "ERROR: (libFuzzer|AddressSanitizer)|fuzz: |Test unit written" "$scratch/$target.log"; then
        echo "fuzz: $target FAILED; the input is in $scratch (artifact files $target-*)"
        status=1
    fi
done
exit $status
