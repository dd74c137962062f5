"""How long `make book` takes, before and after a change of the tooling, side by side.

Builds two copies of the book with the same `make book PYTHON=...` that the README names:
"before", the repository at an earlier commit (git archive), and "after", this working
tree (without _build, .git and the environments). Three stages, each run on both copies
one right after the other, so that a busy machine slows both alike:

1. fresh: a new clone's first `make book`: it creates the environment, then builds;
2. cold: the environment is there, _build is removed: every notebook is executed;
3. warm: nothing changed: no notebook is executed.

Prints the seconds of each and after / before (targets: fresh <= 0.6, cold <= 0.7), and the
CPU seconds they used: on a machine that other programs keep busy, parallel execution saves
no wall time, and the CPU seconds show what each build itself costs. The package caches
(pip's, uv's) are left as they are. Heavy: about ten minutes on 2 cores.

    python benchmarks/book_build.py --before d4624a1 --python python3.11
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from command_line import write_json  # benchmarks/command_line.py

ROOT = Path(__file__).resolve().parent.parent
LEFT_OUT = shutil.ignore_patterns(
    "_build", ".git", ".venv*", "*.egg-info", ".pytest_cache", ".ruff_cache", "__pycache__"
)
STAGES = ("fresh", "cold", "warm")
TARGETS = {"fresh": 0.6, "cold": 0.7}


def checkout(commit: str, folder: Path) -> None:
    """The repository at commit, as files in folder (no .git)."""
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        sys.exit(f"--before {commit}: git cannot read it here: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)


def cpu_seconds() -> float:
    """User and system seconds of this process's finished children, all added up."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def make_book(folder: Path, python: str, log: Path) -> dict:
    """Wall time, CPU time and exit code of one `make book` in folder."""
    start, cpu_start = time.perf_counter(), cpu_seconds()
    with open(log, "w", encoding="utf-8") as handle:
        done = subprocess.run(
            ["make", "book", f"PYTHON={python}"],
            cwd=folder,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
    return {"seconds": seconds, "cpu_seconds": cpu, "returncode": done.returncode}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="d4624a1", help="the commit to compare with")
    parser.add_argument("--python", default="python3", help="the PYTHON= for make (python3)")
    parser.add_argument("--keep", action="store_true", help="keep the copies and their logs")
    parser.add_argument("--json", metavar="PATH", help="write the measurements to PATH as JSON")
    args = parser.parse_args(argv)
    if shutil.which(args.python) is None and not Path(args.python).is_file():
        parser.error(f"argument --python: no Python found as {args.python!r}")

    workspace = Path(tempfile.mkdtemp(prefix="book-build-"))
    copies = {"before": workspace / "before", "after": workspace / "after"}
    checkout(args.before, copies["before"])
    shutil.copytree(ROOT, copies["after"], ignore=LEFT_OUT)
    print(f"CPU cores: {os.cpu_count()}; before = {args.before}, after = this working tree")
    # Other programs slow each build down by a different amount: show how busy the machine was.
    print(
        f"{'stage':<6} {'load':>5} {'before s':>9} {'after s':>8} {'after/before':>13}"
        f" {'before cpu s':>13} {'after cpu s':>12}"
    )
    results = {stage: {} for stage in STAGES}
    try:
        for stage in STAGES:
            load = os.getloadavg()[0]
            for side, folder in copies.items():
                if stage == "cold":
                    shutil.rmtree(folder / "_build", ignore_errors=True)
                log = workspace / f"{side}-{stage}.log"
                results[stage][side] = make_book(folder, args.python, log)
                if results[stage][side]["returncode"] != 0:
                    print(f"make book failed ({side}, {stage}); its log: {log}")
                    args.keep = True
            before, after = (results[stage][s]["seconds"] for s in copies)
            cpu_before, cpu_after = (results[stage][s]["cpu_seconds"] for s in copies)
            results[stage]["ratio"] = after / before
            target = f"(target <= {TARGETS[stage]})" if stage in TARGETS else ""
            print(
                f"{stage:<6} {load:>5.1f} {before:>9.1f} {after:>8.1f} {after / before:>13.2f}"
                f" {cpu_before:>13.1f} {cpu_after:>12.1f}  {target}",
                flush=True,
            )
    finally:
        if not args.keep:
            shutil.rmtree(workspace, ignore_errors=True)
    if args.json:
        write_json(args.json, {"cpu_count": os.cpu_count(), "before": args.before, **results})
    failed = any(results[stage][side]["returncode"] for stage in STAGES for side in copies)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
