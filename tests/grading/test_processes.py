"""Watch follows a run's processes into new sessions and kills them all, and only them."""

import os
import subprocess
import sys
import time

from grading._processes import Watch

# A child that starts a grandchild in a session of its own, as jupyter_client starts a
# kernel, prints the grandchild's pid, and then waits.
SPAWNER = """
import subprocess, sys, time
grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                              start_new_session=True)
print(grandchild.pid, flush=True)
time.sleep(60)
"""


def running(pid) -> bool:
    """Is pid a live process (a killed one stays a zombie until its parent reaps it)?"""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def test_watch_kills_a_grandchild_in_its_own_session_and_nothing_else():
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    child = subprocess.Popen(
        [sys.executable, "-c", SPAWNER], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        grandchild = int(child.stdout.readline())
        watch = Watch(child.pid)
        assert watch.resident_bytes() > 0
        assert {child.pid, grandchild} <= set(watch.known)
        assert bystander.pid not in watch.known and os.getpid() not in watch.known
        watch.kill()
        child.wait(timeout=10)
        deadline = time.monotonic() + 10
        while running(grandchild) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not running(grandchild), "the grandchild in its own session survived"
        assert bystander.poll() is None, "a process outside the run was killed"
    finally:
        bystander.kill()
        child.kill()
