"""Progress of a grading run: a bar with the time left on a terminal, a line per notebook
elsewhere (a CI log)."""

import sys
import time

WIDTH = 30


class Progress:
    """A bar with the time left, on a terminal; elsewhere a line per finished notebook."""

    def __init__(self, total, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.start = time.monotonic()
        self.bar = stream.isatty()
        if self.bar:
            # Shown at once: the first notebook can take a minute to finish.
            self.draw("time left: after the first notebook")

    def draw(self, left: str):
        filled = WIDTH * self.done // self.total
        bar = "#" * filled + "." * (WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} notebooks, {left}\033[K")
        self.stream.flush()

    def step(self, label):
        self.done += 1
        elapsed = time.monotonic() - self.start
        # The rate so far, all workers together, times what is left.
        seconds = round(elapsed / self.done * (self.total - self.done))
        if self.bar:
            self.draw(f"{seconds // 60}:{seconds % 60:02d} left")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.done}/{self.total} {label}\n")
        self.stream.flush()
