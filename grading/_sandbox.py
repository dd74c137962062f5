"""Run one notebook within limits: its own scratch folder, an unprivileged user when the
grader is root, a wall-clock limit and a resident-memory limit.

The runner (grading._run_notebook) and the kernel it starts are watched from here: every
POLL_SECONDS the resident memory of all their processes is summed from /proc, and past either
limit all of them are killed. Processes are followed by parent and by session, since
jupyter_client starts the kernel in a session of its own.
"""

import atexit
import functools
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

POLL_SECONDS = 0.1
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
# What the runner may write back: the answers of one exercise are a few kilobytes.
MAX_RESULT_BYTES = 20 * 2**20
# Who runs the kernel when the grader is root: nobody owns no file of the course, of the
# submissions or of the results, so the kernel can change none of them.
UNPRIVILEGED_USER = "nobody"


@dataclass
class Run:
    """outcome: "finished", "timeout", "out of memory" or "crashed"; result: the runner's
    JSON (untrusted) or None; cell: the code cell it was in when it stopped, if known."""

    outcome: str
    result: dict | None
    cell: int | None
    seconds: float
    last_error_line: str = ""


def unprivileged_ids():
    """(uid, gid) to run kernels as, or None when the grader is not root."""
    if os.geteuid() != 0:
        return None
    entry = pwd.getpwnam(UNPRIVILEGED_USER)
    return entry.pw_uid, entry.pw_gid


class SandboxError(Exception):
    """Kernels cannot be run as the unprivileged user; the message says why and what to do."""


def can_run(python, ids) -> bool:
    try:
        command = [python, "-s", "-c", "import sys"]
        return (
            subprocess.run(
                command,
                user=ids[0],
                group=ids[1],
                extra_groups=[],
                env={"PATH": "/usr/bin:/bin"},
                cwd="/",
                capture_output=True,
                timeout=60,
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


@functools.cache
def interpreter(ids):
    """(python, environment) with which the unprivileged user runs the runner and kernel.

    This environment's own Python when that user can run it. When it lives where that user
    cannot go (a pyenv under /root, mode 700), the system's Python of the same version, with
    this environment's packages and the course first on its path (a sitecustomize.py that
    adds them as a site folder, so that their .pth files run as they do here).
    """
    if ids is None or can_run(sys.executable, ids):
        return sys.executable, {}
    version = "{}.{}".format(*sys.version_info[:2])
    for python in (f"/usr/local/bin/python{version}", f"/usr/bin/python{version}"):
        if os.path.exists(python) and can_run(python, ids):
            break
    else:
        raise SandboxError(
            f"the user {UNPRIVILEGED_USER} cannot run {sys.executable}, and no Python {version} "
            f"in /usr/local/bin or /usr/bin: make the environment from a Python every user can "
            f"run (for example make grade PYTHON=/usr/bin/python{version}), or grade as a user "
            "other than root"
        )
    packages = sysconfig.get_paths()["purelib"]
    course = str(Path(__file__).resolve().parent.parent)
    bootstrap = tempfile.mkdtemp(prefix="grading-python-")
    atexit.register(shutil.rmtree, bootstrap, ignore_errors=True)
    os.chmod(bootstrap, 0o755)
    with open(os.path.join(bootstrap, "sitecustomize.py"), "w") as handle:
        handle.write(f"import site\nsite.addsitedir({packages!r})\n")
    os.chmod(os.path.join(bootstrap, "sitecustomize.py"), 0o644)
    return python, {"PYTHONPATH": os.pathsep.join([bootstrap, packages, course])}


def processes():
    """{pid: (parent pid, session id, resident bytes)} of every process /proc shows."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        table[int(entry.name)] = (int(fields[1]), int(fields[3]), int(fields[21]) * PAGE_BYTES)
    return table


class Watch:
    """The processes of one run: the runner, its descendants, and whatever shares a session
    with them, even after their parent has died."""

    def __init__(self, root_pid):
        self.known = {root_pid}

    def resident_bytes(self):
        table = processes()
        sessions = {table[pid][1] for pid in self.known if pid in table}
        grown = True
        while grown:
            found = {
                pid
                for pid, (parent, session, _) in table.items()
                if pid not in self.known and (parent in self.known or session in sessions)
            }
            grown = bool(found)
            self.known |= found
            sessions |= {table[pid][1] for pid in found}
        return sum(table[pid][2] for pid in self.known if pid in table)

    def kill(self):
        self.resident_bytes()
        for pid in self.known:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def environment(scratch: Path, python: str):
    """A clean environment whose every writable place is inside the scratch folder."""
    home = str(scratch)
    return {
        "PATH": f"{Path(python).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "PYTHONNOUSERSITE": "1",
        "IPYTHONDIR": f"{home}/.ipython",
        "JUPYTER_CONFIG_DIR": f"{home}/.jupyter",
        "JUPYTER_DATA_DIR": f"{home}/.local/share/jupyter",
        "JUPYTER_RUNTIME_DIR": f"{home}/.local/share/jupyter/runtime",
        "MPLCONFIGDIR": f"{home}/.config/matplotlib",
        "MPLBACKEND": "Agg",
        # One notebook per core already: MXNet's own threads would only compete.
        "OMP_NUM_THREADS": "1",
        "MXNET_CPU_WORKER_NTHREADS": "1",
        # ipykernel's debugger warns about frozen modules on every start.
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def run(notebook_text: str, names, timeout: float, memory_bytes: int) -> Run:
    """Execute a notebook (JSON text, outputs already removed) in a fresh scratch folder and
    return what became of it. The scratch folder is deleted afterwards."""
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
        process = subprocess.Popen(
            command,
            cwd=scratch,
            env=environment(scratch, python) | extra_environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
            **({"user": ids[0], "group": ids[1], "extra_groups": []} if ids else {}),
        )
        outcome = watch(process, timeout, memory_bytes)
        seconds = time.monotonic() - start
        log.close()
        cell = read_cell(Path(f"{result}.cell"))
        return Run(outcome, read_json(result), cell, seconds, last_line(scratch / "runner.log"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def watch(process, timeout, memory_bytes) -> str:
    watched = Watch(process.pid)
    deadline = time.monotonic() + timeout
    outcome = "finished"
    while process.poll() is None:
        if watched.resident_bytes() > memory_bytes:
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
