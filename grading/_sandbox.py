"""Run one notebook within limits: its own scratch folder, an unprivileged user when the
grader is root, a wall-clock limit and a resident-memory limit.

The runner (grading._run_notebook) and the kernel it starts are watched from here: every
POLL_SECONDS the resident memory of all their processes is summed from /proc, and past either
limit all of them are killed. Processes are followed by parent and by session, since
jupyter_client starts the kernel in a session of its own.
"""

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from grading._forking import popen
from grading._processes import Watch
from grading._unprivileged import interpreter, unprivileged_ids

POLL_SECONDS = 0.1
# Set when the grader is interrupted: every run stops and kills its processes.
STOP = threading.Event()
# What the runner may write back: the answers of one exercise are a few kilobytes.
MAX_RESULT_BYTES = 20 * 2**20


@dataclass
class Run:
    """outcome: "finished", "timeout", "out of memory", "crashed" or "interrupted";
    result: the runner's JSON (untrusted) or None; cell: the code cell it was in when it
    stopped, if known."""

    outcome: str
    result: dict | None
    cell: int | None
    seconds: float
    last_error_line: str = ""


# One notebook per core already: MXNet's own threads would only compete.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "MXNET_CPU_WORKER_NTHREADS": "1"}


def environment(scratch: Path, python: str):
    """A clean environment whose every writable place is inside the scratch folder."""
    home = str(scratch)
    return {
        "PATH": f"{Path(python).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        # The kernel's user id may have no account; tools that ask for a name find this.
        "USER": "student",
        "LOGNAME": "student",
        "PYTHONNOUSERSITE": "1",
        "IPYTHONDIR": f"{home}/.ipython",
        "JUPYTER_CONFIG_DIR": f"{home}/.jupyter",
        "JUPYTER_DATA_DIR": f"{home}/.local/share/jupyter",
        "JUPYTER_RUNTIME_DIR": f"{home}/.local/share/jupyter/runtime",
        "MPLCONFIGDIR": f"{home}/.config/matplotlib",
        "MPLBACKEND": "Agg",
        **ONE_THREAD,
        # ipykernel's debugger warns about frozen modules on every start.
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def run(notebook_text: str, names, timeout: float, memory_bytes: int) -> Run:
    """Execute a notebook (JSON text, outputs already removed) in a fresh scratch folder and
    return what became of it. A kernel that failed before the first cell, which no
    notebook can cause, is started once more."""
    outcome = run_once(notebook_text, names, timeout, memory_bytes)
    if outcome.outcome == "crashed" and outcome.cell is None and not STOP.is_set():
        outcome = run_once(notebook_text, names, timeout, memory_bytes)
    return outcome


def run_once(notebook_text: str, names, timeout: float, memory_bytes: int) -> Run:
    """One execution, in a scratch folder deleted afterwards."""
    scratch = Path(tempfile.mkdtemp(prefix="grading-"))
    try:
        notebook = scratch / "submission.ipynb"
        notebook.write_text(notebook_text, encoding="utf-8")
        result = scratch / "result.json"
        ids = unprivileged_ids()
        python, extra_environment = interpreter(ids)
        if ids is not None:
            for path in (scratch, notebook):
                os.chown(path, *ids)
        command = [python, "-s", "-m", "grading._run_notebook", str(notebook), str(result)]
        command += [str(memory_bytes), *names]
        start = time.monotonic()
        # The runner's own errors, for a run that ends without a result.
        log = open(scratch / "runner.log", "wb")  # noqa: SIM115 (closed below)
        process = popen(
            command,
            cwd=scratch,
            env=environment(scratch, python) | extra_environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
            **({"user": ids[0], "group": ids[1], "extra_groups": []} if ids else {}),
        )
        outcome = watch(process, timeout, memory_bytes, ids[0] if ids else None)
        seconds = time.monotonic() - start
        log.close()
        cell = read_cell(Path(f"{result}.cell"))
        return Run(outcome, read_json(result), cell, seconds, last_line(scratch / "runner.log"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def watch(process, timeout, memory_bytes, uid=None) -> str:
    watched = Watch(process.pid, uid)
    deadline = time.monotonic() + timeout
    outcome = "finished"
    while process.poll() is None:
        if STOP.is_set():
            outcome = "interrupted"
        elif watched.resident_bytes() > memory_bytes:
            outcome = "out of memory"
        elif time.monotonic() > deadline:
            outcome = "timeout"
        else:
            time.sleep(POLL_SECONDS)
            continue
        break
    # Whatever is left (a kernel after a kill, a process the notebook started) goes too.
    watched.kill()
    process.wait()
    if outcome == "finished" and process.returncode != 0:
        outcome = "crashed"
    return outcome


def read_json(path: Path):
    try:
        if path.stat().st_size > MAX_RESULT_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def last_line(path: Path) -> str:
    """The last line of a log, for a run that crashed: the error's name and message."""
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, path.stat().st_size - 2000))
            lines = handle.read().decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1][:300] if lines else ""


def read_cell(path: Path):
    try:
        return int(path.read_text()[:12])
    except (OSError, ValueError):
        return None
