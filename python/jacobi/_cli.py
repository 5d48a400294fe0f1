"""Finding and running the `jacobi` binary; its JSON output is the only interface used."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Optional, Sequence

JSONObject = Dict[str, Any]


class JacobiError(Exception):
    """`jacobi` refused the input: the one-line message it printed (exit status 2).

    In a batch, `index` is the 0-based index of the failing point and `at` its values.
    """

    def __init__(self, message: str, index: Optional[int] = None, at: Optional[Mapping[str, Any]] = None):
        super().__init__(message)
        self.message = message
        self.index = index
        self.at = dict(at) if at is not None else None


class JacobiNotFound(JacobiError):
    """No `jacobi` binary: neither `$JACOBI_BIN` nor `jacobi` on the PATH."""


def binary() -> str:
    """The `jacobi` executable: `$JACOBI_BIN` if set, else `jacobi` on the PATH."""
    configured = os.environ.get("JACOBI_BIN")
    if configured:
        if not (os.path.isfile(configured) and os.access(configured, os.X_OK)):
            raise JacobiNotFound(f"JACOBI_BIN is {configured!r}, which is not an executable file")
        return configured
    found = shutil.which("jacobi")
    if found is None:
        raise JacobiNotFound(
            "jacobi not found: put the binary on the PATH "
            "(swift build -c release --static-swift-stdlib, then copy .build/release/jacobi) "
            "or set JACOBI_BIN to its path"
        )
    return found


def arguments(command: str, expressions: Sequence[str], options: Mapping[str, Optional[str]],
              flags: Sequence[str] = ()) -> List[str]:
    """`command --key=value … --flag … -- expr…`: `=` and `--` so that values and expressions
    starting with `-` are never read as options."""
    args = [command]
    for key, value in options.items():
        if value is not None:
            args.append(f"--{key}={value}")
    args += [f"--{flag}" for flag in flags]
    return args + ["--", *expressions]


def _failure(stderr: str, status: int) -> JacobiError:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    message = lines[0] if lines else f"jacobi exited with status {status}"
    if message.startswith("jacobi: "):
        message = message[len("jacobi: "):]
    return JacobiError(message)


def run_json(args: Sequence[str], accept: Sequence[int] = (0,)) -> JSONObject:
    """Runs `jacobi ARGS --format json` and returns the object it prints."""
    done = subprocess.run([binary(), *_with_json(args)], capture_output=True, text=True)
    if done.returncode not in accept:
        raise _failure(done.stderr, done.returncode)
    try:
        parsed = json.loads(done.stdout)
    except ValueError as error:
        raise JacobiError(f"unreadable output from jacobi: {error}") from None
    if not isinstance(parsed, dict):
        raise JacobiError("unexpected output from jacobi: not a JSON object")
    return parsed


def _with_json(args: Sequence[str]) -> List[str]:
    """Inserts `--format=json` before the `--` that starts the expressions."""
    args = list(args)
    split = args.index("--") if "--" in args else len(args)
    return args[:split] + ["--format=json"] + args[split:]


@lru_cache(maxsize=None)
def supports_batches(command: str) -> bool:
    """Whether this binary's `command` takes `--points FILE` (the batch mode): read from its
    `--help`, once per command. (`check --points N` is a count, not a file.)"""
    done = subprocess.run([binary(), command, "--help"], capture_output=True, text=True)
    return done.returncode == 0 and "--points <" in done.stdout and command != "check"


def run_batch(args: Sequence[str], points: Sequence[Mapping[str, str]]) -> List[JSONObject]:
    """Runs `jacobi ARGS --points FILE --format json` over the points (JSON lines in, one JSON
    line out per point, in order). A failing point's line carries `error`; the others are
    results. Exit status 2 with no lines at all is an error of the whole run."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for point in points:
            fh.write(json.dumps(dict(point)) + "\n")
        path = fh.name
    try:
        args = list(args)
        split = args.index("--") if "--" in args else len(args)
        args = args[:split] + [f"--points={path}"] + args[split:]
        done = subprocess.run([binary(), *_with_json(args)], capture_output=True, text=True)
    finally:
        os.unlink(path)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if done.returncode not in (0, 2) or (done.returncode == 2 and not lines):
        raise _failure(done.stderr, done.returncode)
    if len(lines) != len(points):
        raise JacobiError(f"jacobi answered {len(lines)} points out of {len(points)}")
    return lines
