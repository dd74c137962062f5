"""Who runs a submission's kernel when the grader is root, and with which Python."""

import atexit
import fcntl
import functools
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import threading
from pathlib import Path

from grading._forking import popen

# Kernels run as user ids that own no file of the course, of the submissions or of the
# results, so they can change none of them: one id per notebook running at once, so that
# neither can enter the other's scratch folder or signal its processes. No account is
# needed for them; 65100 and up lie in the range Debian and Ubuntu reserve and never hand
# out (65000-65533), below the 65536 ids a container's user namespace maps.
FIRST_UID = 65100
# Named in messages: who the kernels are, for what other users can read.
UNPRIVILEGED_USER = "an unprivileged user id (65100 and up)"
LAST_UID = 65499
# Where a grading thread holds its id, with a lock on a file named after it, for as long as
# its process lives: two graders at once (a class split in two, the test suite's workers)
# never share an id, so neither takes the other's processes for its own. Only root enters.
CLAIMS = Path(tempfile.gettempdir()) / "grader-user-ids"
_slots = threading.local()
_claimed = []  # the open lock files: closing one would release its id


def unprivileged_ids():
    """(uid, gid) for the notebook this thread runs, or None when the grader is not root.
    Each grading thread runs one notebook at a time and keeps its id."""
    if os.geteuid() != 0:
        return None
    if not hasattr(_slots, "uid"):
        _slots.uid = claim_uid()
    return _slots.uid, _slots.uid


def claim_uid() -> int:
    """The first id from FIRST_UID that no grading thread holds, in any process."""
    CLAIMS.mkdir(mode=0o700, exist_ok=True)
    claims = CLAIMS.stat()
    if claims.st_uid != 0 or claims.st_mode & 0o077:
        raise SandboxError(f"{CLAIMS} must belong to root and be closed to others")
    for uid in range(FIRST_UID, LAST_UID + 1):
        handle = open(CLAIMS / str(uid), "a")  # noqa: SIM115 (kept open while the id is held)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        _claimed.append(handle)
        return uid
    raise SandboxError(f"every user id from {FIRST_UID} to {LAST_UID} is held by a grader")


def open_to_others(folder) -> bool:
    """Can a user who is neither the owner nor in the group (the kernels' users) get into
    folder? Only if every folder on its path lets others through (o+x)."""
    path = os.path.abspath(folder)
    while True:
        if not os.stat(path).st_mode & stat.S_IXOTH:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


class SandboxError(Exception):
    """Kernels cannot be run as the unprivileged user; the message says why and what to do."""


def can_run(python, ids) -> bool:
    """Can the user ids run python? Started with popen (a fork: the child changes its ids),
    since a grading thread asks while the main thread may judge with MXNet."""
    try:
        process = popen(
            [python, "-s", "-c", "import sys"],
            user=ids[0],
            group=ids[1],
            extra_groups=[],
            env={"PATH": "/usr/bin:/bin"},
            cwd="/",
            # Not in the grader's session: a run that follows this user id must not
            # take that session, and every process of it, for its own.
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    try:
        return process.wait(timeout=60) == 0
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return False


@functools.cache
def interpreter(ids):
    """(python, environment) with which the unprivileged user runs the runner and kernel.

    This environment's own Python when that user can run it. When it lives where that user
    cannot go (a Python installed in root's home folder, mode 700), the system's Python of
    the same version, with this environment's packages and the course first on its path (a
    sitecustomize.py that adds them as a site folder, so that their .pth files run as they
    do here).
    """
    if ids is None or can_run(sys.executable, ids):
        return sys.executable, {}
    version = "{}.{}".format(*sys.version_info[:2])
    for python in (f"/usr/local/bin/python{version}", f"/usr/bin/python{version}"):
        if os.path.exists(python) and can_run(python, ids):
            break
    else:
        raise SandboxError(
            f"{UNPRIVILEGED_USER} cannot run {sys.executable}, and no Python {version} "
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
