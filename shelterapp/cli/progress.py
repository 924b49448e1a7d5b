"""Progress of long commands (update, import) on a terminal: one line on stderr, rewritten in place.

Quiet unless stderr is a terminal, and always with --json: a script reading the output, or a log collecting
stderr, gets no carriage returns. Redrawn at most ten times a second, so a fast download costs nothing.
"""

from __future__ import annotations

import shutil
import sys
from typing import TextIO

from shelterapp.progress import Throttle, size_text

REDRAW_INTERVAL_S = 0.1


class TerminalProgress:
    """One task at a time (start, then bytes and rows, then finish); implements progress.ListProgress."""

    def __init__(self, stream: TextIO, enabled: bool, interval_s: float = REDRAW_INTERVAL_S) -> None:
        self.stream = stream
        self.enabled = enabled
        self._interval_s = interval_s
        self._throttle = Throttle(interval_s)
        self._label = ""
        self._received: int | None = None
        self._total: int | None = None
        self._rows: int | None = None
        self._drawn = ""  # what the line shows now
        self._width = 0

    @classmethod
    def for_command(cls, json_output: bool, stream: TextIO | None = None) -> TerminalProgress:
        stream = stream or sys.stderr
        return cls(stream, enabled=not json_output and stream.isatty())

    def start(self, label: str) -> None:
        self._label, self._received, self._total, self._rows = label, None, None, None
        self._throttle = Throttle(self._interval_s)

    def bytes_received(self, received: int, total: int | None) -> None:
        self._received, self._total = received, total
        self._draw()

    def rows_read(self, rows: int) -> None:
        self._rows = rows
        self._draw()

    def finish(self) -> None:
        """Show the last state (a throttled redraw may have skipped it), then clear the line for the result."""
        if not self.enabled:
            return
        self._draw(force=True)
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
        self._drawn, self._width = "", 0

    def text(self) -> str:
        parts = []
        if self._received is not None:
            done = size_text(self._received)
            if self._total:
                parts.append(f"downloaded {done} of {size_text(self._total)} ({self._received * 100 // self._total} %)")
            else:
                parts.append(f"downloaded {done}")
        if self._rows is not None:
            parts.append(f"{self._rows:,} rows read")
        return f"{self._label}: {', '.join(parts)}" if parts else ""

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        text = self.text()[: max(20, shutil.get_terminal_size().columns - 1)]  # a wrapped line cannot be redrawn
        if not text or text == self._drawn or not (force or self._throttle.ready()):
            return
        padding = " " * max(0, self._width - len(text))  # covers the end of a longer line drawn before
        self.stream.write("\r" + text + padding)
        self.stream.flush()
        self._drawn, self._width = text, max(self._width, len(text))
