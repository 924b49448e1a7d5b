"""Quiet hours: a nightly schedule ("23:00-07:00") and "quiet for 1 h / until morning", both ending by themselves.

Pure (no Qt, no I/O, imports nothing from the app, so config.py can validate with it). Times are the machine's
local wall clock: "23:00" means the person's night. What quiet *does* to an alert (a softer sound, no full screen,
never below the floor) is decided in notify/alarm_policy.py, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

MORNING = time(7, 0)  # "until morning" without a schedule
QUIET_FOR = timedelta(hours=1)
_SCHEDULE = re.compile(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*")


class BadSchedule(ValueError):
    """Not "HH:MM-HH:MM" with real times and two different ends."""


@dataclass(frozen=True)
class QuietSchedule:
    start: time
    end: time  # may be earlier than start: the schedule then runs past midnight

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def end_after(self, now: datetime) -> datetime:
        """The first end of the schedule after `now` (aware)."""
        return next_local(now, self.end)


def parse_schedule(text: str) -> QuietSchedule:
    """ "23:00-07:00" -> QuietSchedule; raises BadSchedule (with why) for anything else."""
    match = _SCHEDULE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise BadSchedule('quiet hours must look like "23:00-07:00"')
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    if max(start_h, end_h) > 23 or max(start_m, end_m) > 59:
        raise BadSchedule(f"{text.strip()} is not a time of day")
    start, end = time(start_h, start_m), time(end_h, end_m)
    if start == end:
        raise BadSchedule("quiet hours must start and end at different times")
    return QuietSchedule(start, end)


@dataclass(frozen=True)
class QuietStatus:
    on: bool
    until: datetime | None = None  # when it ends by itself (local); None when off
    manual: bool = False  # "quiet for 1 h / until morning" (True) or the schedule (False)


QUIET_OFF = QuietStatus(False)


def quiet_status(now: datetime, schedule: QuietSchedule | None, manual_until: datetime | None) -> QuietStatus:
    """Whether it is quiet at `now` (aware), and until when. A manual quiet that has passed is simply off."""
    local = now.astimezone()
    manual = manual_until is not None and manual_until > now
    scheduled = schedule is not None and schedule.contains(local.time().replace(tzinfo=None))
    if not (manual or scheduled):
        return QUIET_OFF
    ends = []
    if manual:
        assert manual_until is not None
        ends.append(manual_until.astimezone())
    if scheduled:
        assert schedule is not None
        ends.append(schedule.end_after(now))
    return QuietStatus(True, max(ends), manual=manual)


def next_local(now: datetime, at: time) -> datetime:
    """The first moment after `now` (aware) when the local wall clock reads `at`; aware, with the offset in force
    then (a naive datetime's astimezone() reads it as local time, daylight saving included)."""
    wall = now.astimezone().replace(tzinfo=None)
    target = wall.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if target <= wall:
        target += timedelta(days=1)
    return target.astimezone()


def quiet_for_an_hour(now: datetime) -> datetime:
    return now.astimezone() + QUIET_FOR


def quiet_until_morning(now: datetime, schedule: QuietSchedule | None) -> datetime:
    """The schedule's next end when there is one, else the next 07:00."""
    return schedule.end_after(now) if schedule is not None else next_local(now, MORNING)
