"""Quiet hours: the schedule across midnight, "quiet for 1 h" and "until morning", each ending by itself."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from shelterapp.quiet_hours import (
    BadSchedule,
    QuietSchedule,
    parse_schedule,
    quiet_for_an_hour,
    quiet_status,
    quiet_until_morning,
)

pytestmark = pytest.mark.usefixtures("kyiv_clock")  # the machine's local zone is Kyiv (tests/conftest.py)


def kyiv(hour: int, minute: int = 0, day: int = 22, month: int = 9) -> datetime:
    return datetime(2026, month, day, hour, minute).astimezone()  # naive = local wall clock


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("23:00-07:00", time(23), time(7)),  # the usual night, across midnight
        (" 7:30 - 9:00 ", time(7, 30), time(9)),  # spaces and one-digit hours, as people type them
        ("00:00-06:00", time(0), time(6)),
    ],
)
def test_schedules_people_write(text, start, end):
    assert parse_schedule(text) == QuietSchedule(start, end)


@pytest.mark.parametrize("text", ["", "23-07", "25:00-07:00", "23:00-07:60", "23:00-23:00", "tonight", "23:00"])
def test_bad_schedules_say_why(text):
    with pytest.raises(BadSchedule):
        parse_schedule(text)


def test_night_schedule_is_on_after_start_and_before_end_only():
    night = parse_schedule("23:00-07:00")
    assert not quiet_status(kyiv(22, 59), night, None).on
    at_start = quiet_status(kyiv(23, 0), night, None)
    assert at_start.on and not at_start.manual
    assert at_start.until == kyiv(7, 0, day=23)  # ends by itself, next morning
    assert quiet_status(kyiv(3, 0, day=23), night, None).until == kyiv(7, 0, day=23)
    assert not quiet_status(kyiv(7, 0, day=23), night, None).on


def test_quiet_for_an_hour_ends_by_itself():
    now = kyiv(14, 10)
    until = quiet_for_an_hour(now)
    assert quiet_status(now, None, until).on and quiet_status(now, None, until).manual
    assert quiet_status(now + timedelta(minutes=59), None, until).on
    assert not quiet_status(now + timedelta(hours=1), None, until).on


def test_until_morning_is_the_next_seven_or_the_schedules_end():
    assert quiet_until_morning(kyiv(22, 15), None) == kyiv(7, 0, day=23)
    assert quiet_until_morning(kyiv(5, 0), None) == kyiv(7, 0)  # already after midnight: this morning
    assert quiet_until_morning(kyiv(22, 15), parse_schedule("00:00-06:30")) == kyiv(6, 30, day=23)


def test_manual_and_schedule_together_last_until_the_later_end():
    night = parse_schedule("23:00-07:00")
    status = quiet_status(kyiv(23, 30), night, kyiv(0, 30, day=23))
    assert status.on and status.until == kyiv(7, 0, day=23)


def test_until_morning_across_the_autumn_clock_change_is_seven_on_the_wall():
    # 25 October 2026: Kyiv leaves summer time at 04:00 (UTC+3 -> UTC+2)
    until = quiet_until_morning(kyiv(22, 0, day=24, month=10), None)
    assert until.astimezone().hour == 7
    assert until == datetime(2026, 10, 25, 5, 0, tzinfo=UTC)


def test_a_utc_clock_is_read_as_local_wall_time():
    night = parse_schedule("23:00-07:00")
    assert quiet_status(datetime(2026, 9, 22, 20, 30, tzinfo=UTC), night, None).on  # 23:30 in Kyiv
