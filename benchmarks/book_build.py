"""How long `jupyter-book build` takes cold, warm, and after one notebook changes.

Copies the repository (without _build, .git, .venv and caches) to a temporary folder and
builds the book there three times with the same command as `make book`:

1. cold: no _build at all, so every notebook is executed;
2. warm: nothing changed, so no notebook should be executed (target: at most 15% of the
   cold build's time);
3. changed: one notebook's code changed, so only that notebook should be executed.

The number of notebooks executed is read from the build log, where MyST-NB writes one
"Executing notebook" line per notebook it runs. Heavy: the cold build runs every notebook.

    python benchmarks/book_build.py
    python benchmarks/book_build.py --change chapters/08_summary.md --json book_build.json
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from command_line import write_json  # benchmarks/command_line.py

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
LEFT_OUT = shutil.ignore_patterns(
    "_build", ".git", ".venv", "*.egg-info", ".pytest_cache", ".ruff_cache", "__pycache__"
)
EXECUTED = re.compile(r"^(\S+\.(?:md|ipynb)): Executing notebook", re.MULTILINE)
# A code cell of its own at the end of the page: new code, nothing printed.
CHANGE = "\n```{code-cell} ipython3\nbuild_benchmark_change = 1\n```\n"


def build(folder: Path, log: Path):
    """Wall time, return code and executed notebooks of one build of the book in folder."""
    command = [str(JUPYTER_BOOK), "build", str(folder), "-W", "--keep-going"]
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as handle:
        result = subprocess.run(command, cwd=folder, stdout=handle, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    executed = [os.path.relpath(path, folder) for path in EXECUTED.findall(log.read_text("utf-8"))]
    return {"seconds": seconds, "returncode": result.returncode, "executed": executed}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--change",
        default="chapters/09_how-fast-is-our-data-pipeline.md",
        help="the notebook whose code is changed before the third build",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    parser.add_argument("--json", metavar="PATH", help="write the measurements to PATH as JSON")
    args = parser.parse_args(argv)

    workspace = Path(tempfile.mkdtemp(prefix="book-build-"))
    folder = workspace / "book"
    shutil.copytree(ROOT, folder, ignore=LEFT_OUT)
    print(f"CPU cores: {os.cpu_count()}; building a copy of the book in {folder}")
    results = {}
    # Other programs slow each build down by a different amount: show how busy the machine was.
    print(f"load average before the builds: {os.getloadavg()[0]:.1f}")
    try:
        results["cold"] = build(folder, workspace / "cold.log")
        results["warm"] = build(folder, workspace / "warm.log")
        changed = folder / args.change
        changed.write_text(changed.read_text("utf-8") + CHANGE, encoding="utf-8")
        results["changed"] = build(folder, workspace / "changed.log")
    finally:
        if not args.keep:
            shutil.rmtree(workspace, ignore_errors=True)

    for name, result in results.items():
        executed = result["executed"]
        listed = ", ".join(executed) if len(executed) <= 3 else f"{executed[0]}, ..."
        print(
            f"{name:<8} {result['seconds']:7.1f} s  exit {result['returncode']}"
            f"  notebooks executed: {len(executed)}" + (f" ({listed})" if executed else "")
        )
    ratio = results["warm"]["seconds"] / results["cold"]["seconds"]
    print(f"warm / cold = {ratio:.0%}   (target <= 15%)")
    only_changed = results["changed"]["executed"] == [args.change]
    print(f"only {args.change} re-executed after its change: {only_changed}")
    if args.json:
        record = {"cpu_count": os.cpu_count(), "changed_notebook": args.change, **results}
        record["warm_over_cold"] = ratio
        write_json(args.json, record)
    return 0 if only_changed and not results["warm"]["executed"] else 1


if __name__ == "__main__":
    sys.exit(main())
