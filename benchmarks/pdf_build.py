"""What the PDFs add to a test run: each step of `make pdf` and of their tests, timed.

Needs a built book (`make book`): the book's own warm build is the yardstick, since `make pdf`
runs it first and it is all `make test` paid before. Then the book on one HTML page (the
singlehtml build, from the execution cache: no notebook runs), Chromium printing both
PDFs, and the PDF tests reading them back. Each step runs --repeat times, in turn, and the
median and fastest wall seconds of each are printed side by side.

    python benchmarks/pdf_build.py
    python benchmarks/pdf_build.py --repeat 5 --json _build/bench-pdf.json
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from command_line import positive_int, write_json  # benchmarks/command_line.py

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILD = [str(BIN / "jupyter-book"), "build", ".", "-W", "--keep-going"]
STEPS = {
    "warm HTML build (yardstick)": BUILD,
    "singlehtml build": [*BUILD, "--builder", "singlehtml"],
    "print both PDFs": [sys.executable, "tools/print_book.py"],
    "PDF tests": [str(BIN / "pytest"), "-p", "no:xdist", "-q", "tests/browser/test_book_pdf.py"],
}


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=positive_int, default=3, help="runs of each step")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not (ROOT / "_build" / "html" / "index.html").is_file():
        sys.exit("No built book in _build/html: run `make book` first")
    times = {name: [] for name in STEPS}
    for _ in range(args.repeat):  # steps in turn, so that a slow spell hits them all
        for name, command in STEPS.items():
            times[name].append(seconds(command))
    yardstick = statistics.median(times["warm HTML build (yardstick)"])
    print(f"{'step':<30} {'median s':>9} {'fastest s':>10} {'x warm build':>13}")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:<30} {median:>9.1f} {min(runs):>10.1f} {median / yardstick:>13.1f}")
    added = sum(statistics.median(runs) for name, runs in times.items() if "yardstick" not in name)
    print(f"{'added by the PDFs':<30} {added:>9.1f}")
    if args.json:
        write_json(args.json, [{"step": name, "seconds": runs} for name, runs in times.items()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
