#!/usr/bin/env bash
# Builds the DocC documentation of every public library module with warnings treated as
# errors, so a broken ``Symbol`` link or a malformed catalog fails CI.
#   bash .ci/docs.sh                 # every library module under Sources/
#   bash .ci/docs.sh Exact Symbolic  # only these
# A library module is a folder of Sources/ with Swift files and no entry point (main.swift
# or @main): new modules are covered without editing this script. Archives go to
# .build/plugins/Swift-DocC/outputs/<Module>.doccarchive.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
    for dir in Sources/*/; do
        dir=${dir%/}
        [ -n "$(find "$dir" -name '*.swift' -print -quit)" ] || continue           # CGMP: C only
        [ -f "$dir/main.swift" ] && continue
        grep -rqE --include='*.swift' '^[[:space:]]*@main\b' "$dir" && continue   # executables
        modules+=("$(basename "$dir")")
    done
fi

targets=()
for m in "${modules[@]}"; do targets+=(--target "$m"); done
echo "docs: ${modules[*]}" >&2
swift package generate-documentation "${targets[@]}" --warnings-as-errors
