"""The progress bar of a long run, for people watching a terminal.

Shown on stderr once a run has lasted DELAY seconds, and only when stderr is
a terminal: piped and recorded output stays exactly the original's. One line,
redrawn in place: a bar, targets done out of all, the target being
generated. It is erased before anything else is written to stderr (-v
lines, errors) and when the run ends.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TextIO

DELAY = 1.0  # seconds a run lasts before it shows a bar
BAR_WIDTH = 20
DEFAULT_WIDTH = 80
ERASE = "\r\033[K"  # back to the line's start, and clear it


def terminal_width(stream: TextIO) -> int:
    """The terminal's columns; 80 when it does not say (a pty nobody sized)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or DEFAULT_WIDTH
    except (OSError, ValueError):
        return DEFAULT_WIDTH


def bar_line(done: int, total: int, current: str, width: int) -> str:
    """`[#####...............] 5/20 current`, cut to the terminal's width."""
    filled = BAR_WIDTH * done // total if total else BAR_WIDTH
    line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {current}"
    return line[: max(width - 1, 0)]  # never the last column: no wrapping


class Progress:
    """Targets done out of `total`; silent unless `enabled` (stderr is a terminal)."""

    def __init__(self, total: int, stream: TextIO, enabled: bool,
                 started: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.clock = clock
        self.started = clock() if started is None else started
        self.shown = False

    def show(self, done: int, current: str) -> None:
        """`done` targets are generated and `current` is next."""
        if not self.enabled or self.clock() - self.started < DELAY:
            return
        self.stream.write(ERASE + bar_line(done, self.total, current,
                                           terminal_width(self.stream)))
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the bar, so that what stderr shows next starts a clean line."""
        if self.shown:
            self.stream.write(ERASE)
            self.stream.flush()
            self.shown = False
