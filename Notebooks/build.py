"""Executes the notebooks: `Notebooks/NN-topic.md` (jupytext Markdown) is the source, the
paired `NN-topic.ipynb` is committed with its outputs so that it reads well on a code host.

    python Notebooks/build.py [NAME ...]          execute each .md, write its .ipynb
    python Notebooks/build.py --check [NAME ...]  CI: every pair in sync, every notebook
                                                  executes without a cell error

`--check` compares the cells (not the outputs: notebook 05 shows timings, which differ
from run to run) and executes each notebook in memory; any cell that raises fails it.
The notebooks `import jacobi`, the Python package in python/ (install it into the
notebooks' environment: `pip install ./python`); it runs the CLI named by `$JACOBI_BIN`, or
`jacobi` on the PATH.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent


def execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    client = NotebookClient(
        nb,
        timeout=900,
        kernel_name="python3",
        resources={"metadata": {"path": str(HERE)}},
        record_timing=False,  # no per-cell timestamps: re-executions diff cleanly
    )
    client.execute()
    return nb


def coalesce_streams(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Joins adjacent stdout (stderr) outputs of a cell: how the kernel chunks a stream
    depends on timing, and the committed notebook should not."""
    for cell in nb.cells:
        outputs = []
        for out in cell.get("outputs", []):
            if (out.output_type == "stream" and outputs and outputs[-1].output_type == "stream"
                    and outputs[-1].name == out.name):
                outputs[-1].text += out.text
            else:
                outputs.append(out)
        if cell.cell_type == "code":
            cell.outputs = outputs
    return nb


def as_markdown(nb: nbformat.NotebookNode) -> str:
    return jupytext.writes(nb, fmt="md")


def main(argv: list[str]) -> int:
    check = "--check" in argv
    names = [a for a in argv if not a.startswith("--")]
    sources = sorted(HERE.glob("[0-9][0-9]-*.md"))
    if names:
        sources = [s for s in sources if any(s.stem.startswith(n) or s.name == n for n in names)]
    failed = []
    for md in sources:
        ipynb = md.with_suffix(".ipynb")
        start = time.monotonic()
        nb = jupytext.read(md)
        for i, cell in enumerate(nb.cells):
            cell.id = f"cell-{i}"  # stable ids (jupytext draws random ones): re-executions diff cleanly
        try:
            if check:
                if not ipynb.exists():
                    raise RuntimeError(f"{ipynb.name} is missing: run python Notebooks/build.py {md.stem[:2]}")
                if as_markdown(jupytext.read(ipynb)) != as_markdown(nb):
                    raise RuntimeError(f"{ipynb.name} is out of sync with {md.name}: run python Notebooks/build.py {md.stem[:2]}")
                execute(nb)
            else:
                execute(nb)
                jupytext.write(coalesce_streams(nb), ipynb)
        except (CellExecutionError, RuntimeError) as error:
            failed.append(md.name)
            print(f"FAIL {md.name}: {error}", flush=True)
            continue
        print(f"ok   {md.name} ({time.monotonic() - start:.1f} s)", flush=True)
    print(f"notebooks: {len(sources) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed or not sources else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
