"""The grader forks runners in worker threads while its main thread judges answers with MXNet.
MXNet's fork handler loses an operation pushed during a fork, and both threads then wait
forever (seen grading a class of 30); grading._forking.popen and FORK_LOCK keep them apart."""

import os
import subprocess
import sys
import threading

from grading._forking import FORK_LOCK
from grading._unprivileged import can_run

# A worker thread forks (preexec_fn rules out vfork, which skips fork handlers; the grader's
# runner forks because it gets another user id) while the main thread judges, as in grade.py.
RACE = """
import os, sys, threading, time
from mxnet import np, npx
from grading._forking import FORK_LOCK, popen

npx.set_np()
done = threading.Event()
forks = 0

def fork_runners():
    global forks
    while not done.is_set():
        popen(["true"], preexec_fn=os.getpid).wait()
        forks += 1

worker = threading.Thread(target=fork_runners)
worker.start()
judged, end = 0, time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    with FORK_LOCK:
        answer = np.array([[1.0, 2.0], [3.0, 4.0]])
        judged += float((answer @ answer).sum()) == 54.0
    time.sleep(0.001)  # a lock is not fair: leave the worker its turns
done.set()
worker.join()
print(forks, judged)
"""


def test_judging_and_forking_runners_at_once_do_not_deadlock():
    # Without the lock this hung within a second, every time it was tried.
    seconds = 4
    run = subprocess.run(
        [sys.executable, "-c", RACE, str(seconds)], capture_output=True, text=True, timeout=30
    )
    assert run.returncode == 0, run.stderr
    forks, judged = map(int, run.stdout.split())
    assert forks > 20 and judged > 20, (forks, judged)


def test_asking_whether_the_kernels_user_can_run_python_waits_for_judging():
    # A grading thread asks this on its first notebook, with a fork (the child changes ids),
    # while the main thread may be judging: it must wait for FORK_LOCK like every runner.
    asked = threading.Event()
    with FORK_LOCK:
        thread = threading.Thread(
            target=lambda: (can_run(sys.executable, (os.getuid(), os.getgid())), asked.set())
        )
        thread.start()
        assert not asked.wait(1.0), "can_run started a process while judging held FORK_LOCK"
    assert asked.wait(30)
    thread.join()
