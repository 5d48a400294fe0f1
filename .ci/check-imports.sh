#!/usr/bin/env bash
# Engine independence and a library without the command line, checked from the sources
# (not only from Package.swift, which anyone can edit):
#   1. no file under Sources/AutoDiff imports Derivatives, and no file under
#      Sources/Derivatives imports AutoDiff: the two engines share no derivative rule;
#   2. no library module imports ArgumentParser: only executable targets may (a target is
#      executable when its folder has a main.swift or a file with @main, so a new module is
#      covered without editing this script).
# Any form of import counts: `import M`, `@_exported import M`, `@testable import M`,
# `@preconcurrency import M`, `import struct M.T`, `import M.Sub`.
# Prints every offending line as path:line: text and exits 1 if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0

# imports_of DIR MODULE: the lines of .swift files under DIR that import MODULE.
imports_of() {
    local dir=$1 module=$2
    [ -d "$dir" ] || return 0
    grep -rnE --include='*.swift' \
        "^[[:space:]]*(@[A-Za-z_]+([(][^)]*[)])?[[:space:]]+)*import[[:space:]]+((typealias|struct|class|enum|protocol|let|var|func)[[:space:]]+)?${module}([.[:space:]]|$)" \
        "$dir" || true
}

report() {
    local rule=$1 hits=$2
    if [ -n "$hits" ]; then
        echo "check-imports: $rule" >&2
        echo "$hits" | sed 's/^/  /' >&2
        failures=$((failures + 1))
    fi
}

report "AutoDiff must not import Derivatives" "$(imports_of Sources/AutoDiff Derivatives)"
report "Derivatives must not import AutoDiff" "$(imports_of Sources/Derivatives AutoDiff)"

is_executable_module() {
    local dir=$1
    [ -f "$dir/main.swift" ] && return 0
    grep -rqE --include='*.swift' '^[[:space:]]*@main\b' "$dir" 2>/dev/null
}

modules=0
for dir in Sources/*/; do
    dir=${dir%/}
    modules=$((modules + 1))
    if is_executable_module "$dir"; then continue; fi
    report "library module $(basename "$dir") must not import ArgumentParser" \
        "$(imports_of "$dir" ArgumentParser)"
done

if [ "$failures" -ne 0 ]; then
    echo "check-imports: $failures rule(s) broken" >&2
    exit 1
fi
echo "check-imports: $modules modules, engines independent, ArgumentParser only in executables"
