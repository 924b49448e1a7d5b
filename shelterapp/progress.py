"""Progress of long work (a list download, an import): the callbacks the core calls, and the throttle that keeps
their display cheap. No Qt: the CLI draws a terminal line from these, the GUI a progress bar.

The core calls often (once per network read, once per batch of rows) and from whatever thread does the work;
whoever displays progress decides how often to redraw, with a Throttle.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

ByteProgress = Callable[[int, int | None], None]  # (bytes received so far, total bytes or None when unknown)
RowProgress = Callable[[int], None]  # rows read so far


class ListProgress(Protocol):
    """What a shelter-list update reports: the download, then the rows read from it."""

    def bytes_received(self, received: int, total: int | None) -> None: ...

    def rows_read(self, rows: int) -> None: ...


class Throttle:
    """True at most once per interval_s: the first call always passes, so something shows at once."""

    def __init__(self, interval_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval_s = interval_s
        self._clock = clock
        self._last: float | None = None

    def ready(self) -> bool:
        now = self._clock()
        if self._last is not None and now - self._last < self.interval_s:
            return False
        self._last = now
        return True


def size_text(count: int) -> str:
    """Bytes for people: 850 kB, 3.4 MB (decimal units, like the file managers of the desktops we run on)."""
    if count < 1000:
        return f"{max(count, 0)} B"
    if count < 1_000_000:
        return f"{count / 1000:,.0f} kB"
    return f"{count / 1_000_000:,.1f} MB"
