"""Time to shelter: from the moment an alert begins until the all clear or until the person says
"I am in a shelter". Pure: the caller feeds it the merged alert state and the clock.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from shelterapp.storage.atomic import write_atomic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TimerStatus:
    running: bool  # an alert is on and the person has not said they are in a shelter
    started: datetime | None  # when the alert began (as the sources say), None when no alert
    elapsed_s: float  # since started; 0 when no alert
    sheltered_at: datetime | None  # when the person said "I am in a shelter" during this alert


IDLE = TimerStatus(False, None, 0.0, None)


class ShelterTimer:
    """One alert at a time: a new start time is a new alert, and "in a shelter" is forgotten with the old one."""

    def __init__(self, remembered: tuple[datetime, datetime] | None = None) -> None:
        """`remembered`: (alert start, sheltered at) from before a restart, applied if that alert is still on."""
        self._started: datetime | None = None
        self._sheltered_at: datetime | None = None
        self._remembered = remembered

    def alert_on(self, started: datetime) -> None:
        if started != self._started:
            self._started, self._sheltered_at = started, None
            if self._remembered is not None and self._remembered[0] == started:
                self._sheltered_at = self._remembered[1]

    def alert_off(self) -> None:
        """The all clear: this alert and what the person said during it are over."""
        self._started, self._sheltered_at, self._remembered = None, None, None

    def in_shelter(self, now: datetime) -> None:
        if self._started is not None and self._sheltered_at is None:
            self._sheltered_at = now
            self._remembered = (self._started, now)

    @property
    def sheltered(self) -> tuple[datetime, datetime] | None:
        """(alert start, sheltered at) for the alert now on, to keep across a restart."""
        if self._started is None or self._sheltered_at is None:
            return None
        return self._started, self._sheltered_at

    def status(self, now: datetime) -> TimerStatus:
        if self._started is None:
            return IDLE
        end = self._sheltered_at or now
        elapsed = max(0.0, (end - self._started).total_seconds())
        return TimerStatus(self._sheltered_at is None, self._started, elapsed, self._sheltered_at)


def load_sheltered(path: Path) -> tuple[datetime, datetime] | None:
    """What save_sheltered() kept; None when there is nothing (or nothing readable: it is only a convenience)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        started, sheltered_at = (
            datetime.fromisoformat(raw["alert_started"]),
            datetime.fromisoformat(raw["sheltered_at"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        log.warning("ignoring an unreadable %s: %s", path, exc)
        return None
    if started.tzinfo is None or sheltered_at.tzinfo is None:
        return None
    return started, sheltered_at


def save_sheltered(path: Path, sheltered: tuple[datetime, datetime]) -> None:
    """Kept so that a restart during the same alert (e.g. to change the language) still knows."""
    payload = {"alert_started": sheltered[0].isoformat(), "sheltered_at": sheltered[1].isoformat()}
    write_atomic(path, json.dumps(payload).encode("utf-8"))
