"""A progress bar on stderr: redrawn in place on a terminal, a line per tenth without one (logs, CI)."""

import sys
import time


class ProgressBar:
    WIDTH = 30

    def __init__(self, total: int = 0, stream=None):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.total = total
        self.done = 0
        self.label = ""
        self.started = time.monotonic()
        self._last_tenth = -1

    def begin(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.monotonic()
        self._draw()

    def __call__(self, count: int) -> None:
        self.done += count
        self._draw()

    def _draw(self) -> None:
        share = self.done / self.total if self.total else 1.0
        line = f"{self.label:<24} {self.done:>9}/{self.total} {share:6.1%} {time.monotonic() - self.started:6.1f} s"
        if self.tty:
            filled = int(share * self.WIDTH)
            self.stream.write("\r[" + "#" * filled + "-" * (self.WIDTH - filled) + "] " + line)
        elif int(share * 10) != self._last_tenth:
            self._last_tenth = int(share * 10)
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
        self.stream.flush()
