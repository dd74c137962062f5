"""Count the notebook kernels a command starts, and which program started each.

    python benchmarks/kernel_starts.py -- make test PYTHON=python3.11

Every notebook here names the kernel `python3`. For the length of the command, a kernel spec
of that name comes first on JUPYTER_PATH: it writes one line per start (the program that
started it, the kernel's working folder) and then runs ipykernel as usual. Printed: the
starts per program (the book build, nbval, other pytest runs) and per folder, next to the
number of notebooks, so "one kernel per notebook per executor" can be read off directly.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from test_suite import notebooks  # benchmarks/test_suite.py

REPOSITORY = Path(__file__).resolve().parent.parent

# Runs in each kernel process before ipykernel: finds the program that started the kernel by
# walking up the parent processes (xdist workers and nbclient sit in between).
LOGGER = """\
import os, sys
from pathlib import Path

def starter():
    pid = os.getppid()
    while pid > 1:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\\0")
        text = " ".join(arg.decode(errors="replace") for arg in args)
        if "jupyter-book" in text:
            return "book build"
        if "pytest" in text:
            return "nbval" if "--nbval" in text else "pytest (other tests)"
        pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    return "other"

with open(os.environ["KERNEL_START_LOG"], "a", encoding="utf-8") as log:
    log.write(f"{starter()}\\t{os.getcwd()}\\n")

from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("argument command: expected a command after --, e.g. -- make test")

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "start_kernel.py").write_text(LOGGER, encoding="utf-8")
        spec = folder / "kernels" / "python3"
        spec.mkdir(parents=True)
        argv = [sys.executable, str(folder / "start_kernel.py"), "-f", "{connection_file}"]
        spec_json = {"argv": argv, "display_name": "Python 3", "language": "python"}
        (spec / "kernel.json").write_text(json.dumps(spec_json), encoding="utf-8")
        log = folder / "starts.tsv"
        log.touch()
        env = dict(os.environ, KERNEL_START_LOG=str(log))
        env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), env.get("JUPYTER_PATH")]))
        returncode = subprocess.run(command, cwd=REPOSITORY, env=env).returncode
        starts = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]

    by_starter = collections.Counter(starter for starter, _ in starts)
    by_folder = collections.Counter(Path(cwd).name for _, cwd in starts)
    print(f"\ncommand: {' '.join(command)} (exit code {returncode})")
    print(f"notebooks with code: {len(notebooks())}")
    print(f"kernels started: {len(starts)}")
    for starter, count in by_starter.most_common():
        print(f"  {starter:<22} {count}")
    print("by working folder: " + ", ".join(f"{k} {v}" for k, v in by_folder.most_common()))
    return returncode


if __name__ == "__main__":
    sys.exit(main())
