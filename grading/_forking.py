"""Starting a process from the grader, whose main thread judges answers with MXNet.

MXNet's fork handler stops its engine, waiting for every pending operation, and starts it
again after the fork: an operation that another thread pushes meanwhile is lost, and both
threads then wait for each other forever. The grader judges in its main thread while worker
threads start processes (a fork, not a vfork, whenever the child gets another user id), so
every process the grader starts is started with popen() below, and judging holds FORK_LOCK.
"""

import subprocess
import threading

FORK_LOCK = threading.Lock()


def popen(command, **options) -> subprocess.Popen:
    """subprocess.Popen, never while this process runs MXNet in another thread (FORK_LOCK)."""
    with FORK_LOCK:
        return subprocess.Popen(command, **options)
