"""The processes of one notebook's run, followed through /proc: their resident memory, and
killing all of them at once."""

import os
import signal

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


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
