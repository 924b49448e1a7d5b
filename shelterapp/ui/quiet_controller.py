"""Quiet hours as the person meets them: the tray's "Quiet for 1 hour / until morning / Sound alerts again",
a moon on the tray icon and "Quiet until 07:00" in its tooltip, both gone by themselves when quiet ends.

The rules are quiet_hours.py's; the manual end moment is kept in the settings, so a restart (e.g. for a
new language) keeps it. A timer wakes at the next change (capped, so a suspended laptop catches up quickly).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from shelterapp.quiet_hours import (
    BadSchedule,
    QuietSchedule,
    QuietStatus,
    next_local,
    parse_schedule,
    quiet_for_an_hour,
    quiet_status,
    quiet_until_morning,
)
from shelterapp.ui.tray import Tray

log = logging.getLogger(__name__)

MAX_SLEEP_MS = 10 * 60 * 1000


class QuietController(QObject):
    """Signals: changed(QuietStatus)."""

    changed = Signal(object)

    def __init__(
        self,
        schedule: Callable[[], str],
        manual_until: str,
        save_until: Callable[[str], None],
        tray: Tray | None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        """`schedule`: the quiet hours in force ("23:00-07:00" or ""); `manual_until`: the saved end of a
        "quiet for 1 h / until morning" (ISO, or ""); `save_until` keeps a new one."""
        super().__init__(parent)
        self.schedule_text = schedule
        self.save_until = save_until
        self.tray = tray
        self.clock = clock
        self.manual_until = _moment(manual_until)
        self._wake = QTimer(self, singleShot=True)
        self._wake.timeout.connect(self.refresh)
        if tray is not None:
            tray.quiet_requested.connect(self.request)
        self.refresh()

    def schedule(self) -> QuietSchedule | None:
        text = self.schedule_text()
        if not text:
            return None
        try:
            return parse_schedule(text)
        except BadSchedule as exc:  # settings.json edited by hand: no quiet hours rather than a crash
            log.warning("quiet hours %r ignored: %s", text, exc)
            return None

    def status(self) -> QuietStatus:
        return quiet_status(self.clock(), self.schedule(), self.manual_until)

    def request(self, mode: str) -> None:
        now = self.clock()
        if mode == "hour":
            self._set_manual(quiet_for_an_hour(now))
        elif mode == "morning":
            self._set_manual(quiet_until_morning(now, self.schedule()))
        elif mode == "off":
            self._set_manual(None)

    def _set_manual(self, until: datetime | None) -> None:
        self.manual_until = until
        self.save_until(until.isoformat() if until is not None else "")
        log.info("quiet %s", f"until {until.isoformat()}" if until else "ended by hand")
        self.refresh()

    def refresh(self) -> None:
        """Show the state now, and wake again when it next changes."""
        now = self.clock()
        status = self.status()
        if self.manual_until is not None and self.manual_until <= now:
            self.manual_until = None
            self.save_until("")  # ended by itself: forget it
        if self.tray is not None:
            self.tray.set_quiet(self.describe(status), status.manual)
        self.changed.emit(status)
        self._wake.start(self._sleep_ms(now, status))

    def describe(self, status: QuietStatus) -> str:
        if not status.on or status.until is None:
            return ""
        return self.tr("Quiet until %1: a soft sound, no full screen").replace(
            "%1", status.until.astimezone().strftime("%H:%M")
        )

    def _sleep_ms(self, now: datetime, status: QuietStatus) -> int:
        wake: datetime | None
        if status.on and status.until is not None:
            wake = status.until
        else:
            schedule = self.schedule()
            wake = next_local(now, schedule.start) if schedule is not None else None
        if wake is None:
            return MAX_SLEEP_MS
        return max(1000, min(MAX_SLEEP_MS, int((wake - now).total_seconds() * 1000) + 500))


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    return moment if moment is None or moment.tzinfo is not None else moment.astimezone()
