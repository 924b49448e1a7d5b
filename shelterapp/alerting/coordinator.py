"""One coordinator per source: polls on a QTimer, fetches off the GUI thread, keeps the last good data,
backs off with jitter on failure, honours Retry-After, and logs once when a source goes down and once
when it comes back (a 24 h outage must not write 5,000 log lines)."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from shelterapp.alerting.backoff import MAX_BACKOFF_S, RATE_LIMIT_FLOOR_S, backoff_s
from shelterapp.background import run_in_background
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import SourceSpec

log = logging.getLogger(__name__)

__all__ = ["MAX_BACKOFF_S", "RATE_LIMIT_FLOOR_S", "SourceCoordinator", "utc_now"]


def utc_now() -> datetime:
    return datetime.now(UTC)


class SourceCoordinator(QObject):
    """Signals: updated(str name, object report), failed(str name, object SourceError)."""

    updated = Signal(str, object)
    failed = Signal(str, object)

    def __init__(
        self,
        spec: SourceSpec,
        http: HttpClient,
        regions: tuple[str, ...],
        clock: Callable[[], datetime] = utc_now,
        jitter: Callable[[], float] = random.random,
        parent: QObject | None = None,
        watch: tuple[str, ...] = (),
    ) -> None:
        """`watch`: regions reported beside the user's own, from the same answer (the raions next to Kyiv)."""
        super().__init__(parent)
        self.spec = spec
        self._http = http
        self._regions = regions
        self._watch = watch
        self._clock = clock
        self._jitter = jitter
        self._state: dict[str, object] = {}  # the source module's memory between polls (only one fetch at a time)
        self.failures = 0
        self.last_error: SourceError | None = None
        self.last_report: Any = None
        self.busy = False
        self.paused_reason = ""  # set when polling cannot help (token rejected): a settings change restarts it
        self._stopped = False
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.poll_now)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def next_delay_ms(self) -> int:
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def start(self) -> None:
        self.paused_reason = ""
        self._stopped = False
        QTimer.singleShot(0, self.poll_now)

    def stop(self) -> None:
        """No more polls; an answer still on its way is dropped."""
        self._stopped = True
        self._timer.stop()

    def poll_now(self) -> None:
        if self.busy or self.paused_reason or self._stopped:
            return
        if self.spec.needs_token and not self.spec.settings.token:
            self._failed(SourceError(FailureKind.AUTH, "no token entered"))
            return
        self.busy = True
        spec, http, regions, state, now = self.spec, self._http, self._regions, self._state, self._clock()
        watch = self._watch
        run_in_background(lambda: spec.fetch(http, regions, state, now, watch), self._succeeded, self._failed)

    def _succeeded(self, report: object) -> None:
        self.busy = False
        if self._stopped:
            return
        if self.failures:
            log.info("%s is back after %d failed polls", self.name, self.failures)
        self.failures = 0
        self.last_error = None
        self.last_report = report
        self.updated.emit(self.name, report)
        self._schedule(self.spec.interval_s)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        if self._stopped:
            return
        if not isinstance(error, SourceError):  # a bug in a parser: treated as bad data, logged with its trace
            log.error("%s failed unexpectedly", self.name, exc_info=error)
            error = SourceError(FailureKind.BAD_DATA, f"unexpected {type(error).__name__}")
        self.failures += 1
        pause = error.kind is FailureKind.AUTH and (self.spec.needs_token or "no token" in error.detail)
        if self.failures == 1 or (self.last_error and self.last_error.kind != error.kind):
            # once per outage (and when its cause changes): one line, the pause included
            log.warning("%s is down: %s%s", self.name, error, "; paused until its token is changed" if pause else "")
        self.last_error = error
        self.failed.emit(self.name, error)
        if pause:
            self.paused_reason = error.detail
            return
        self._schedule(self.backoff_s(error))

    def backoff_s(self, error: SourceError) -> float:
        """Exponential backoff from the poll interval, with up to 25 % jitter, never below Retry-After."""
        return backoff_s(self.spec.interval_s, self.failures, error, self._jitter())

    def _schedule(self, seconds: float) -> None:
        self._timer.start(max(0, round(seconds * 1000)))
