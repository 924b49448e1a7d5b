"""The figures behind the Alert history chart (ui/history_chart.py): the last 30 days, alerts per day and hours
under alert, and alerts by hour of day, in Kyiv time (as every time the app shows). Pure: no Qt, no I/O.

An alert counts on the day (and in the hour) it began; its time under alert is cut at midnight and counted on
each day it covered; overlapping alerts (a short one recovered from a feed's history inside a long one) are
counted once. An alert still on counts until now.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

KYIV = ZoneInfo("Europe/Kyiv")
DAYS = 30


@dataclass(frozen=True)
class DayFigures:
    day: date
    alerts: int  # alerts that began that day
    seconds: float  # time under alert that day


@dataclass(frozen=True)
class Figures:
    days: tuple[DayFigures, ...]  # oldest first, DAYS of them, today last
    by_hour: tuple[int, ...]  # 24 counts: alerts begun in each hour of the day over those days

    @property
    def alerts(self) -> int:
        return sum(d.alerts for d in self.days)

    @property
    def seconds(self) -> float:
        return sum(d.seconds for d in self.days)

    @property
    def busiest(self) -> DayFigures | None:
        """The day with most time under alert (then most alerts); None when there was none."""
        best = max(self.days, key=lambda d: (d.seconds, d.alerts, d.day), default=None)
        return best if best is not None and (best.seconds or best.alerts) else None

    @property
    def commonest_hour(self) -> int | None:
        top = max(self.by_hour, default=0)
        return self.by_hour.index(top) if top else None


def window_start(now: datetime, days: int = DAYS) -> datetime:
    """Midnight (Kyiv) at the start of the first of the last `days` days, today included."""
    today = now.astimezone(KYIV).date()
    return datetime.combine(today - timedelta(days=days - 1), time(), KYIV)


def figures(alerts: Iterable[tuple[datetime, datetime | None]], now: datetime, days: int = DAYS) -> Figures:
    """`alerts`: (start, end or None while on) of the user's alerts; any that touch the window count."""
    first = window_start(now, days).date()
    # midnights by the calendar, in UTC: Python subtracts two times of one zone as wall clocks, and the days
    # of the clock change are 23 and 25 hours long
    bounds = [datetime.combine(first + timedelta(days=n), time(), KYIV).astimezone(UTC) for n in range(days + 1)]
    now = now.astimezone(UTC)
    counts = [0] * days
    by_hour = [0] * 24
    spans: list[tuple[datetime, datetime]] = []
    for began, end in alerts:
        start = began.astimezone(UTC)
        stop = max(min(end.astimezone(UTC) if end else now, now), start)
        if stop >= bounds[0] and start < bounds[-1]:
            spans.append((max(start, bounds[0]), min(stop, bounds[-1])))
        local = start.astimezone(KYIV)
        if bounds[0] <= start < bounds[-1]:
            counts[(local.date() - first).days] += 1
            by_hour[local.hour] += 1
    seconds = [0.0] * days
    for start, stop in _union(spans):
        for n in range(days):
            overlap = (min(stop, bounds[n + 1]) - max(start, bounds[n])).total_seconds()
            if overlap > 0:
                seconds[n] += overlap
    return Figures(
        tuple(DayFigures(first + timedelta(days=n), counts[n], seconds[n]) for n in range(days)),
        tuple(by_hour),
    )


def _union(spans: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged
