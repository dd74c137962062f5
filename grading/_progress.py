"""Progress of a grading run: a bar with the time left on a terminal, a line per notebook
elsewhere (a CI log)."""

import sys
import time


class Progress:
    """A bar with the time left, on a terminal; elsewhere a line per finished notebook."""

    def __init__(self, total, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.start = time.monotonic()
        self.bar = stream.isatty()

    def step(self, label):
        self.done += 1
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done)
        if self.bar:
            filled = int(30 * self.done / self.total)
            bar = "#" * filled + "." * (30 - filled)
            text = f"\r[{bar}] {self.done}/{self.total} notebooks, {left:4.0f} s left "
            self.stream.write(text)
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.done}/{self.total} {label}\n")
        self.stream.flush()
