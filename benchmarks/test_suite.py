"""How long the notebook tests take, serial and parallel, against the cost of running them.

Measures, in one run and in this order:

- the floor: every notebook of chapters/ and exercises/ executed directly with nbclient,
  one after another, with no test framework around it;
- serial: `pytest -p no:xdist chapters exercises`;
- parallel: `pytest -n 2 --dist loadscope chapters exercises` (the cells of one notebook
  stay on one worker, in order).

and prints the ratios parallel / serial (target <= 0.65 on 2 cores) and serial / floor
(target <= 1.2). Heavy: it runs every notebook three times. Run it from the repository root:

    python benchmarks/test_suite.py --json test_suite.json
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import nbclient

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("chapters", "exercises")
SERIAL = ["-p", "no:xdist", *FOLDERS]
PARALLEL = ["-n", "2", "--dist", "loadscope", *FOLDERS]


def notebooks():
    """The MyST notebooks pytest collects: .md files whose header names a kernelspec."""
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).glob("*.md")):
            if "kernelspec" in jupytext.read(path).metadata:
                found.append(path)
    return found


def run_floor(paths):
    """Execute each notebook in a fresh kernel, in its own folder, one after another."""
    start = time.perf_counter()
    for path in paths:
        notebook = jupytext.read(path)
        client = nbclient.NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute()
    return time.perf_counter() - start


def run_pytest(arguments):
    """Wall time of one pytest run, and the last line of its summary."""
    command = [sys.executable, "-m", "pytest", "-q", *arguments]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = result.stdout.strip().splitlines()
    summary = lines[-1] if lines else result.stderr.strip()[-200:]
    return seconds, result.returncode, summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="PATH", help="write the measurements to PATH as JSON")
    args = parser.parse_args(argv)

    paths = notebooks()
    print(f"CPU cores: {os.cpu_count()}; {len(paths)} notebooks in {', '.join(FOLDERS)}")
    # Other programs slow each run down by a different amount: show how busy the machine was.
    print(f"load average before the floor: {os.getloadavg()[0]:.1f}")
    floor = run_floor(paths)
    print(f"floor (nbclient, one after another): {floor:7.1f} s")
    print(f"load average before serial: {os.getloadavg()[0]:.1f}")
    serial, serial_rc, serial_summary = run_pytest(SERIAL)
    print(f"serial   pytest {' '.join(SERIAL):<38} {serial:7.1f} s   {serial_summary}")
    print(f"load average before parallel: {os.getloadavg()[0]:.1f}")
    parallel, parallel_rc, parallel_summary = run_pytest(PARALLEL)
    print(f"parallel pytest {' '.join(PARALLEL):<38} {parallel:7.1f} s   {parallel_summary}")
    print(f"parallel / serial = {parallel / serial:.2f}   (target <= 0.65)")
    print(f"serial / floor    = {serial / floor:.2f}   (target <= 1.2)")
    if args.json:
        record = {
            "cpu_count": os.cpu_count(),
            "notebooks": len(paths),
            "floor_seconds": floor,
            "serial_seconds": serial,
            "parallel_seconds": parallel,
            "serial_returncode": serial_rc,
            "parallel_returncode": parallel_rc,
            "parallel_over_serial": parallel / serial,
            "serial_over_floor": serial / floor,
        }
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=2)
            handle.write("\n")
    return 0 if serial_rc == parallel_rc == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
