"""run_in_background(): the one way the app does slow work off the GUI thread.

The function runs on QThreadPool; its result or exception comes back through a queued signal, so
the callbacks run on the GUI thread and may touch widgets. Nothing else in the app starts threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry the outcome back across threads."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            try:
                result = self._fn()
            except Exception as exc:  # handed to the caller's on_error (logged here only if there is none)
                self._relay.failed.emit(exc)
            else:
                self._relay.done.emit(result)
        except RuntimeError:  # the relay died with the app (quit while the job ran): nobody waits for it
            log.debug("background job finished after the app closed; its outcome is dropped")


_in_flight: set[_Relay] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
) -> None:
    relay = _Relay()
    _in_flight.add(relay)

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        _in_flight.discard(relay)
        relay.deleteLater()
        if callback is not None:
            callback(value)

    def report_unhandled(exc: BaseException) -> None:
        log.error("background job failed", exc_info=exc)

    relay.done.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda exc: finish(on_error or report_unhandled, exc))
    (pool or QThreadPool.globalInstance()).start(_Job(fn, relay))
