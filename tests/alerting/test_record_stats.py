"""The chart's figures: the last 30 days in Kyiv time, alerts per day and hours under alert, alerts by hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shelterapp.alerting.record_stats import KYIV, figures, window_start

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # 14:00 in Kyiv


def kyiv(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=KYIV)


def test_thirty_days_today_last_and_counts_on_the_day_and_hour_it_began():
    f = figures([(kyiv(29, 23, 30), kyiv(30, 1, 30)), (kyiv(30, 3, 10), kyiv(30, 3, 40))], NOW)
    assert (
        len(f.days) == 30 and f.days[-1].day.isoformat() == "2026-11-30" and f.days[0].day.isoformat() == "2026-11-01"
    )
    day29, day30 = f.days[-2], f.days[-1]
    assert (day29.alerts, day29.seconds) == (1, 30 * 60)  # cut at midnight: half an hour on the 29th ...
    assert (day30.alerts, day30.seconds) == (1, 90 * 60 + 30 * 60)  # ... 1 h 30 on the 30th, plus the second one
    assert f.by_hour[23] == 1 and f.by_hour[3] == 1 and sum(f.by_hour) == 2
    assert f.alerts == 2 and f.seconds == 150 * 60 and f.commonest_hour == 3  # a tie: the earliest hour
    assert f.busiest is not None and f.busiest.day == day30.day


def test_overlapping_alerts_are_counted_once_in_hours_and_an_open_one_runs_until_now():
    long = (kyiv(28, 10), kyiv(28, 12))
    inside = (kyiv(28, 10, 30), kyiv(28, 10, 45))  # a short alert recovered from a feed's history
    ongoing = (kyiv(30, 13), None)
    f = figures([long, inside, ongoing], NOW)
    assert f.days[-3].alerts == 2 and f.days[-3].seconds == 2 * 3600
    assert f.days[-1].seconds == 3600  # 13:00 to now (14:00)


def test_outside_the_window_only_its_part_inside_counts():
    before = (kyiv(31, 20, month=10), kyiv(1, 2))  # began on 31 October, went on past midnight into the window
    f = figures([before, (kyiv(1, 5, month=10), kyiv(1, 6, month=10))], NOW)
    assert f.alerts == 0 and f.days[0].seconds == 2 * 3600 and sum(f.by_hour) == 0


def test_the_clock_change_day_has_its_true_length():
    now = datetime(2026, 10, 26, 12, 0, tzinfo=UTC)  # Kyiv left summer time on 25 October 2026
    f = figures([(kyiv(24, 23, month=10), kyiv(26, 1, month=10))], now)
    day = next(d for d in f.days if d.day.isoformat() == "2026-10-25")
    assert day.seconds == 25 * 3600  # that day had 25 hours
    assert window_start(now).tzinfo is KYIV


def test_nothing_recorded():
    f = figures([], NOW)
    assert f.alerts == 0 and f.busiest is None and f.commonest_hour is None and len(f.by_hour) == 24
    assert NOW - window_start(NOW) < timedelta(days=30)
