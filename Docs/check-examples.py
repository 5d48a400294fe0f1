#!/usr/bin/env python3
"""Runs every example in Docs/*.md and compares it with what the page shows.

    python3 Docs/check-examples.py            check (CI): shell and Swift examples
    python3 Docs/check-examples.py --write    regenerate Docs/Examples/Sources/GuideExamples/main.swift
    python3 Docs/check-examples.py --shell    shell examples only (no Swift build)

Shell examples: in a ```console block, a line `$ jacobi ARGS` is run (arguments split as a
POSIX shell would, `jacobi` being $JACOBI_BIN or the debug build) and the lines after it,
up to the next `$ ` line or the end of the block, must equal its output (stdout and stderr
as a terminal shows them). A non-zero exit status is shown as a last line `[exit N]`.

Swift examples: every ```swift block becomes one `do { }` scope of the executable target
`guide-examples` (Docs/Examples), in page order; a line `print(EXPR)  // TEXT` becomes a
check that EXPR prints as TEXT. The generated file is committed, so that it can be read
and so that CI can tell when a page and it disagree. A block whose info string is
`swift skip-check` is shown but not compiled (a fragment, say).

Plain Python 3; no packages needed.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
EXAMPLES = DOCS / "Examples"
GENERATED = EXAMPLES / "Sources" / "GuideExamples" / "main.swift"
FENCE = re.compile(r"^(```+|~~~+)\s*([\w+-]*)\s*(.*)$")
PRINT_CHECK = re.compile(r"^(\s*)print\((.*)\)\s*//\s?(.*?)\s*$")


def pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def blocks(page: Path):
    """(language, info, first line number, lines) of every fenced block."""
    lines = page.read_text().splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, language, info = m.group(1), m.group(2), m.group(3)
        start = i + 1
        j = start
        while j < len(lines) and not lines[j].startswith(fence):
            j += 1
        yield language, info, start + 1, lines[start:j]
        i = j + 1


def jacobi_binary() -> str:
    if os.environ.get("JACOBI_BIN"):
        return os.environ["JACOBI_BIN"]
    return str(ROOT / ".build" / "debug" / "jacobi")


def check_shell() -> tuple[int, list[str]]:
    binary = jacobi_binary()
    passed, failures = 0, []
    for page in pages():
        for language, _, first, lines in blocks(page):
            if language != "console":
                continue
            k = 0
            while k < len(lines):
                if not lines[k].startswith("$ "):
                    k += 1
                    continue
                command, where = lines[k][2:], f"{page.name}:{first + k}"
                expected = []
                k += 1
                while k < len(lines) and not lines[k].startswith("$ "):
                    expected.append(lines[k])
                    k += 1
                argv = shlex.split(command)
                if argv[0] != "jacobi":
                    failures.append(f"{where}: only `jacobi` commands are run here: {command}")
                    continue
                done = subprocess.run([binary, *argv[1:]], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                actual = done.stdout.rstrip("\n").split("\n") if done.stdout.strip() else []
                if done.returncode != 0:
                    actual.append(f"[exit {done.returncode}]")
                while expected and expected[-1] == "":
                    expected.pop()
                if actual == expected:
                    passed += 1
                else:
                    failures.append(f"{where}: $ {command}\n--- page\n" + "\n".join(expected) + "\n--- jacobi\n" + "\n".join(actual))
    return passed, failures


def generated_swift() -> tuple[str, int]:
    imports, scopes, checks = {"import Jacobi"}, [], 0
    for page in pages():
        for language, info, first, lines in blocks(page):
            if language != "swift" or "skip-check" in info:
                continue
            body = []
            for offset, line in enumerate(lines):
                if line.startswith("import "):
                    imports.add(line.strip())
                    continue
                m = PRINT_CHECK.match(line)
                if m:
                    indent, expression, text = m.groups()
                    where = f"{page.name}:{first + offset}"
                    body.append(f'{indent}check({expression}, #"{text}"#, "{where}")')
                    checks += 1
                else:
                    body.append(line)
            inner = "\n".join("    " + l if l else "" for l in body)
            if any("try" in l for l in body):
                scopes.append(f"// {page.name}:{first}\ndo {{\n" + inner
                              + f'\n}} catch {{\n    fail("{page.name}:{first}", error)\n}}\n')
            else:  # nothing throws: a plain scope (a `catch` would be unreachable, a warning)
                scopes.append(f"// {page.name}:{first}\ndo {{\n" + inner + "\n}\n")
    header = (
        "// Generated by Docs/check-examples.py from the ```swift blocks of Docs/*.md: do not edit.\n"
        "// Each block is one `do` scope; `print(x)  // text` in a page is `check(x, \"text\")` here.\n"
    )
    support = '''
var failures = 0
var checks = 0

@MainActor func check(_ value: Any, _ expected: String, _ location: String) {
    checks += 1
    let actual = String(describing: value)
    if actual != expected {
        failures += 1
        print("\\(location): prints \\(actual), the page says \\(expected)")
    }
}

@MainActor func fail(_ location: String, _ error: any Error) {
    failures += 1
    print("\\(location): threw \\(error)")
}
'''
    footer = '''
print("guide examples: \\(checks - failures) passed, \\(failures) failed")
if failures > 0 { exit(1) }
'''
    text = header + "\n".join(sorted(imports | {"import Foundation"})) + "\n" + support + "\n" + "\n".join(scopes) + footer
    return text, checks


def check_swift(write: bool) -> tuple[int, list[str]]:
    text, count = generated_swift()
    if write:
        GENERATED.parent.mkdir(parents=True, exist_ok=True)
        GENERATED.write_text(text)
        print(f"wrote {GENERATED.relative_to(ROOT)} ({count} checks)")
        return 0, []
    if not GENERATED.exists() or GENERATED.read_text() != text:
        return 0, [f"{GENERATED.relative_to(ROOT)} is out of date: run python3 Docs/check-examples.py --write"]
    build = subprocess.run(["swift", "build", "--package-path", str(EXAMPLES), "--product", "guide-examples"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if build.returncode != 0:
        return 0, ["guide-examples does not build:\n" + build.stdout[-4000:]]
    binary = subprocess.run(["swift", "build", "--package-path", str(EXAMPLES), "--show-bin-path"],
                            capture_output=True, text=True, check=True).stdout.strip() + "/guide-examples"
    run = subprocess.run([binary], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(run.stdout.rstrip())
    if run.returncode != 0:
        return 0, ["guide-examples failed"]
    return count, []


def main(argv: list[str]) -> int:
    if "--write" in argv:
        check_swift(write=True)
        return 0
    passed, failures = check_shell()
    print(f"docs shell examples: {passed} passed, {len(failures)} failed")
    if "--shell" not in argv:
        swift_passed, swift_failures = check_swift(write=False)
        failures += swift_failures
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
