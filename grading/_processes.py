"""The processes of one notebook's run, followed through /proc: their resident memory, and
killing all of them at once. A run whose kernel has a user id of its own (the grader is
root) is every process of that user id too: a process that left both its parent and its
session (a double fork and setsid, as a daemon does) is still found by it."""

import os
import signal
from typing import NamedTuple

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


class Process(NamedTuple):
    parent: int
    session: int
    # Clock ticks after boot: with the pid, what tells a process from a later one that got
    # its pid again (pids wrap at 32768 on many machines, within minutes on a busy one).
    started: int
    resident_bytes: int
    uid: int


def processes():
    """{pid: Process} of every process /proc shows."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                # The fields after the command name, which may itself hold spaces and ")".
                fields = handle.read().rsplit(b")", 1)[1].split()
                uid = os.fstat(handle.fileno()).st_uid  # /proc/PID's files belong to its user
            process = Process(
                int(fields[1]), int(fields[3]), int(fields[19]), int(fields[21]) * PAGE_BYTES, uid
            )
        except (OSError, IndexError, ValueError):
            continue
        table[int(entry.name)] = process
    return table


class Watch:
    """The processes of one run: the runner, its descendants, and whatever shares a session
    with them, even after their parent has died; with uid, every process of that user id."""

    def __init__(self, root_pid, uid=None):
        self.root_pid = root_pid
        self.uid = uid
        self.known = {}  # pid: start time

    def alive(self, table):
        """The known processes still running: same pid, same start time."""
        if not self.known and self.root_pid in table:
            self.known[self.root_pid] = table[self.root_pid].started
        return {
            pid
            for pid, started in self.known.items()
            if pid in table and table[pid].started == started
        }

    def resident_bytes(self):
        table = processes()
        alive = self.alive(table)
        sessions = {table[pid].session for pid in alive}
        # A process of the run's user id belongs to it, but its session is only followed
        # when it is linked to the run too (the grader's session must never be taken in).
        of_uid = set()
        if self.uid is not None:
            of_uid = {pid for pid, process in table.items() if process.uid == self.uid}
        grown = True
        while grown:
            linked = {
                pid
                for pid, process in table.items()
                if pid not in alive and (process.parent in alive or process.session in sessions)
            }
            found = linked | (of_uid - alive)
            grown = bool(found)
            alive |= found
            sessions |= {table[pid].session for pid in linked}
            self.known |= {pid: table[pid].started for pid in found}
        return sum(table[pid].resident_bytes for pid in alive)

    def kill(self):
        self.resident_bytes()
        for pid in self.alive(processes()):
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
