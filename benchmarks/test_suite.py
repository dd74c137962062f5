"""How long the notebook tests take, serial and parallel, against the cost of running them.

Measures, in each round and in this order:

- the floor: every notebook of chapters/ and exercises/ that has code executed directly
  with nbclient, one after another, with no test framework around it (each kernel is
  stopped at once, as nbval stops its own);
- serial: `pytest -p no:xdist chapters exercises`;
- parallel: `pytest -n 2 --dist loadscope chapters exercises` (the cells of one notebook
  stay on one worker, in order).

and prints the ratios parallel / serial (target <= 0.65 on 2 cores) and serial / floor
(target <= 1.2), from the best of each over --repeat rounds (default 3). Heavy: each round
runs every notebook three times, about three minutes on 2 cores. From the repository root:

    python benchmarks/test_suite.py --json _build/bench-test-suite.json
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import nbclient
from command_line import positive_int, write_json  # benchmarks/command_line.py

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("chapters", "exercises")
SERIAL = ["-p", "no:xdist", *FOLDERS]
PARALLEL = ["-n", "2", "--dist", "loadscope", *FOLDERS]


def notebooks():
    """The MyST notebooks pytest runs: .md files whose header names a kernelspec, with code.

    A notebook without code cells gives pytest no test, so no kernel is started for it.
    """
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).glob("*.md")):
            notebook = jupytext.read(path)
            has_code = any(cell.cell_type == "code" for cell in notebook.cells)
            if "kernelspec" in notebook.metadata and has_code:
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
            shutdown_kernel="immediate",
            # ipykernel warns on every start that the loopback TCP is unencrypted.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
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
    parser.add_argument(
        "--repeat",
        type=positive_int,
        default=3,
        metavar="N",
        help="rounds of floor, serial and parallel (default 3); the ratios use each one's best",
    )
    args = parser.parse_args(argv)

    paths = notebooks()
    print(f"CPU cores: {os.cpu_count()}; {len(paths)} notebooks with code in {', '.join(FOLDERS)}")
    print(f"serial:   pytest {' '.join(SERIAL)}")
    print(f"parallel: pytest {' '.join(PARALLEL)}")
    # Other programs on a shared machine slow single runs down by different amounts. Rounds
    # interleave the three, so a busy minute hits all of them, and each one's best time is the
    # closest to its cost on a quiet machine. The load average shows how busy each round was.
    print(f"{'round':>5} {'load':>5} {'floor s':>8} {'serial s':>9} {'parallel s':>11}")
    rounds = []
    failures = []
    for number in range(1, args.repeat + 1):
        load = os.getloadavg()[0]
        floor = run_floor(paths)
        serial, serial_rc, serial_summary = run_pytest(SERIAL)
        parallel, parallel_rc, parallel_summary = run_pytest(PARALLEL)
        for name, rc, summary in (
            ("serial", serial_rc, serial_summary),
            ("parallel", parallel_rc, parallel_summary),
        ):
            if rc != 0:
                failures.append(f"round {number}, {name}: {summary}")
        rounds.append(
            {
                "floor_seconds": floor,
                "serial_seconds": serial,
                "parallel_seconds": parallel,
                "load_average": load,
            }
        )
        print(
            f"{number:>5} {load:>5.1f} {floor:>8.1f} {serial:>9.1f} {parallel:>11.1f}", flush=True
        )
    print(f"pytest said: {serial_summary} (serial); {parallel_summary} (parallel)")

    best = {
        key: min(r[key] for r in rounds)
        for key in ("floor_seconds", "serial_seconds", "parallel_seconds")
    }
    parallel_over_serial = best["parallel_seconds"] / best["serial_seconds"]
    serial_over_floor = best["serial_seconds"] / best["floor_seconds"]
    print(
        f"{'best':>5} {'':>5} {best['floor_seconds']:>8.1f} {best['serial_seconds']:>9.1f} "
        f"{best['parallel_seconds']:>11.1f}"
    )
    print(f"parallel / serial = {parallel_over_serial:.2f}   (target <= 0.65)")
    print(f"serial / floor    = {serial_over_floor:.2f}   (target <= 1.2)")
    for failure in failures:
        print(f"FAILED {failure}")
    if args.json:
        record = {
            "cpu_count": os.cpu_count(),
            "notebooks": len(paths),
            "rounds": rounds,
            **best,
            "parallel_over_serial": parallel_over_serial,
            "serial_over_floor": serial_over_floor,
            "failures": failures,
        }
        write_json(args.json, record)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
