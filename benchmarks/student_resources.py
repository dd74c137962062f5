"""What one student needs on a JupyterHub: each notebook's time and its kernel's peak memory.

    python benchmarks/student_resources.py [--json FILE]

Each notebook page of the book runs top to bottom, worked answers included (the most a
student's kernel does), in a fresh kernel, one after the other, as a student would open
them. Printed per notebook: the wall time from kernel start to the last cell, and the
kernel's peak resident memory, which the kernel reads from its own process at the end
(getrusage's ru_maxrss). Then the largest of each: a hub's per-user memory limit must hold
the largest kernel plus the Jupyter server. On a busy machine the times grow, the memory
does not.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

REPOSITORY = Path(__file__).resolve().parent.parent
# Runs last in the kernel: its own peak resident set, in MiB (ru_maxrss is in KiB on Linux).
PEAK = "import resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"


def notebooks():
    """The book's notebook pages: the .md sources whose header names a kernel."""
    return sorted(
        path
        for folder in ("chapters", "exercises")
        for path in (REPOSITORY / folder).glob("*.md")
        if "\nkernelspec:" in path.read_text(encoding="utf-8")
    )


def measure(path: Path) -> dict:
    notebook = jupytext.read(path)
    notebook.cells.append(nbformat.v4.new_code_cell(PEAK))
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=600, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    seconds = time.perf_counter() - start
    peak = float(notebook.cells[-1].outputs[0]["text"])
    return {"notebook": path.relative_to(REPOSITORY).as_posix(), "seconds": seconds, "mib": peak}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    rows = []
    print(f"{'notebook':<52} {'seconds':>8} {'peak MiB':>9}")
    for path in notebooks():
        row = measure(path)
        rows.append(row)
        print(f"{row['notebook']:<52} {row['seconds']:>8.1f} {row['mib']:>9.0f}", flush=True)
    slowest = max(rows, key=lambda row: row["seconds"])
    largest = max(rows, key=lambda row: row["mib"])
    print(f"slowest: {slowest['notebook']}, {slowest['seconds']:.1f} s")
    print(f"largest kernel: {largest['notebook']}, {largest['mib']:.0f} MiB")
    print(f"all {len(rows)} in a row: {sum(row['seconds'] for row in rows):.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
