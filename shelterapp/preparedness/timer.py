"""Time to shelter: from the moment an alert begins until the all clear or until the person says
"I am in a shelter". Pure: the caller feeds it the merged alert state and the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TimerStatus:
    running: bool  # an alert is on and the person has not said they are in a shelter
    started: datetime | None  # when the alert began (as the sources say), None when no alert
    elapsed_s: float  # since started; 0 when no alert
    sheltered_at: datetime | None  # when the person said "I am in a shelter" during this alert


IDLE = TimerStatus(False, None, 0.0, None)


class ShelterTimer:
    """One alert at a time: a new start time is a new alert, and "in a shelter" is forgotten with the old one."""

    def __init__(self) -> None:
        self._started: datetime | None = None
        self._sheltered_at: datetime | None = None

    def alert_on(self, started: datetime) -> None:
        if started != self._started:
            self._started, self._sheltered_at = started, None

    def alert_off(self) -> None:
        self._started, self._sheltered_at = None, None

    def in_shelter(self, now: datetime) -> None:
        if self._started is not None and self._sheltered_at is None:
            self._sheltered_at = now

    def status(self, now: datetime) -> TimerStatus:
        if self._started is None:
            return IDLE
        end = self._sheltered_at or now
        elapsed = max(0.0, (end - self._started).total_seconds())
        return TimerStatus(self._sheltered_at is None, self._started, elapsed, self._sheltered_at)
