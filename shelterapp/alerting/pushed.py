"""A pushed source (the organisation's relay) seen by the alert service like a coordinator: same signals,
same `last_error`, but nothing is polled; the broker's messages arrive on paho's thread.

Threading: the source module calls `deliver` on paho's network thread. `deliver` is this object's private
`_arrived` signal, connected with a queued connection, so `_handle` (and everything it touches: the tracker,
the history, the widgets behind the service's signals) runs on the thread this object lives on, the GUI
thread. Nothing here is called from paho's thread but `Signal.emit`.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from shelterapp.sources.base import AlertReport
from shelterapp.sources.errors import SourceError
from shelterapp.sources.registry import SourceSpec
from shelterapp.sources.relay_format import Lost, Outcome, Pushed

log = logging.getLogger(__name__)


class PushedSource(QObject):
    """Signals: updated(str name, object report), failed(str name, object SourceError) for a message refused
    while the last good data still holds, lost(str name, object SourceError) when that data must be withdrawn."""

    updated = Signal(str, object)
    failed = Signal(str, object)
    lost = Signal(str, object)
    _arrived = Signal(object)

    def __init__(self, spec: SourceSpec, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.failures = 0
        self.last_error: SourceError | None = None
        self.last_report: Any = None
        self._subscription: Any = None
        self._arrived.connect(self._handle, Qt.ConnectionType.QueuedConnection)

    @property
    def name(self) -> str:
        return self.spec.name

    def start(self) -> None:
        if self._subscription is None:
            self._subscription = self.spec.module.subscribe(self.spec.settings, self._arrived.emit)

    def stop(self) -> None:
        """Disconnects and waits for paho's thread to end: no outcome is handed over after this returns."""
        subscription, self._subscription = self._subscription, None
        if subscription is not None:
            subscription.close()

    def _handle(self, outcome: Outcome) -> None:
        if self._subscription is None:
            return  # queued before stop(): dropped
        if isinstance(outcome, Pushed):
            if isinstance(outcome.report, AlertReport):  # advisories say nothing of the relay's health
                if self.failures:
                    log.info("%s is back after %d problems", self.name, self.failures)
                self.failures = 0
                self.last_error = None
                self.last_report = outcome.report
            self.updated.emit(self.name, outcome.report)
            return
        error = outcome.error
        if isinstance(outcome, Lost):
            if self.last_error is None or self.last_error.kind != error.kind or self.last_error.detail != error.detail:
                log.warning("%s is down: %s", self.name, error)  # once per outage (and when its cause changes)
            self.failures += 1
            self.last_error = error
            self.lost.emit(self.name, error)
        elif not outcome.quiet:
            log.warning("%s: message rejected, last good data kept: %s", self.name, error)
            self.failures += 1
            self.last_error = error
            self.failed.emit(self.name, error)
