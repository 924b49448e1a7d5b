"""The alert state machine: merged state never lies, one event per transition, nothing repeated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shelterapp.alerting.tracker import CLEAR_CONFIRM_S, AlertStarted, AlertTracker, Episode, State
from shelterapp.sources.base import AlertReport, FailureKind, Level, PastAlert, RegionAlert, SourceError, Threat

T0 = datetime(2026, 9, 22, 19, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def report(now: datetime, active: bool, since: datetime | None = None, history=(), region="31") -> AlertReport:
    alert = RegionAlert(region, active, (Threat.AIR_RAID,) if active else (), Level.RED if active else None, since)
    return AlertReport({region: alert}, now, history=tuple(history))


def tracker(*sources: str, regions=("31",)) -> AlertTracker:
    t = AlertTracker(regions=regions)
    for name in sources or ("siren",):
        t.add_source(name, 15)
    return t


def kinds(events) -> list[str]:
    return [type(e).__name__ for e in events]


def test_quiet_alert_all_clear_gives_one_start_and_one_end():
    t = tracker()
    assert t.record_success("siren", report(at(0), False), at(0)) == []
    assert t.merged(at(0)).state is State.CLEAR
    events = t.record_success("siren", report(at(15), True, since=at(10)), at(15))
    assert kinds(events) == ["AlertStarted"]
    assert events[0].episode.started == at(10) and events[0].episode.level is Level.RED
    assert t.record_success("siren", report(at(30), True, since=at(10)), at(30)) == []  # still on: no repeat
    assert t.record_success("siren", report(at(45), False), at(45)) == []  # clear must hold first
    events = t.record_success("siren", report(at(45 + CLEAR_CONFIRM_S), False), at(45 + CLEAR_CONFIRM_S))
    assert kinds(events) == ["AlertEnded"]
    assert events[0].episode.ended == at(45) and events[0].episode.duration(at(99)) == timedelta(seconds=35)


def test_failed_polls_never_produce_all_clear():
    t = tracker()
    t.record_success("siren", report(at(0), True, since=at(0)), at(0))
    for second in range(15, 600, 15):  # ten minutes of 429s, timeouts, malformed answers
        kind = [FailureKind.RATE_LIMITED, FailureKind.TIMEOUT, FailureKind.BAD_DATA][second % 3]
        assert t.record_failure("siren", SourceError(kind, "x"), at(second)) == []
    merged = t.merged(at(600))
    assert merged.state is State.UNKNOWN and merged.episode is not None  # unknown, alert still open
    assert merged.since is not None and merged.since <= at(60)


def test_unknown_then_clear_ends_the_alert_once():
    t = tracker()
    t.record_success("siren", report(at(0), True, since=at(0)), at(0))
    t.record_failure("siren", SourceError(FailureKind.OFFLINE, "x"), at(100))
    assert t.merged(at(100)).state is State.UNKNOWN
    assert t.record_success("siren", report(at(200), False), at(200)) == []
    assert kinds(t.record_success("siren", report(at(230), False), at(230))) == ["AlertEnded"]
    assert t.record_success("siren", report(at(260), False), at(260)) == []


def test_any_healthy_source_alerting_makes_it_active_clear_needs_all():
    t = tracker("siren", "alerts_in_ua")
    t.record_success("siren", report(at(0), False), at(0))
    events = t.record_success("alerts_in_ua", report(at(1), True, since=at(1)), at(1))
    assert kinds(events) == ["AlertStarted"]
    # the second source still says alert: the first one's clear is not enough
    for second in (20, 40, 60):
        assert t.record_success("siren", report(at(second), False), at(second)) == []
        assert t.record_success("alerts_in_ua", report(at(second), True, since=at(1)), at(second)) == []
    assert t.merged(at(60)).state is State.ACTIVE


def test_two_sources_reporting_the_same_alert_notify_once():
    t = tracker("siren", "alerts_in_ua")
    a = t.record_success("siren", report(at(0), True, since=at(0)), at(0))
    b = t.record_success("alerts_in_ua", report(at(2), True, since=at(1)), at(2))
    assert kinds(a) == ["AlertStarted"] and b == []


def test_a_flapping_source_does_not_produce_end_start_pairs():
    t = tracker()
    events = t.record_success("siren", report(at(0), True, since=at(0)), at(0))
    for second in range(5, 120, 5):  # clear for 5 s, active again, ...
        events += t.record_success("siren", report(at(second), second % 10 == 0, since=at(0)), at(second))
    assert kinds(events) == ["AlertStarted"]


def test_dead_source_stops_counting_once_its_data_is_stale():
    t = tracker("siren", "ubilling")
    t.record_success("siren", report(at(0), False), at(0))
    t.record_success("ubilling", report(at(0), False), at(0))
    t.record_failure("ubilling", SourceError(FailureKind.BAD_DATA, "truncated"), at(15))
    assert t.merged(at(15)).healthy == ("siren", "ubilling")  # one failed poll: last good data still trusted
    t.record_success("siren", report(at(60), False), at(60))
    assert t.merged(at(60)).healthy == ("siren",)


def test_restart_during_an_alert_does_not_repeat_the_start():
    open_episode = Episode(at(0), ("31",), (Threat.AIR_RAID,), Level.RED, ("siren",))
    t = AlertTracker(regions=("31",), episode=open_episode)
    t.add_source("siren", 15)
    assert t.record_success("siren", report(at(300), True, since=at(0)), at(300)) == []
    events = t.record_success("siren", report(at(400), False), at(400))
    events += t.record_success("siren", report(at(430), False), at(430))
    assert kinds(events) == ["AlertEnded"] and events[0].episode.started == at(0)


def test_alert_that_started_and_ended_between_polls_is_recovered_once():
    t = tracker("siren", "alerts_in_ua")
    t.record_success("siren", report(at(0), False), at(0))
    past = PastAlert("31", at(20), at(40), (Threat.AIR_RAID,))
    events = t.record_success("siren", report(at(60), False, history=[past]), at(60))
    assert kinds(events) == ["MissedAlert"] and events[0].episode.ended == at(40)
    # the other source's history tells the same story a few seconds apart: not news twice
    again = PastAlert("31", at(21), at(41))
    assert t.record_success("alerts_in_ua", report(at(61), False, history=[again]), at(61)) == []
    assert t.record_success("siren", report(at(75), False, history=[past]), at(75)) == []


def test_history_before_we_started_watching_is_not_news():
    t = tracker()
    old = PastAlert("31", at(-7200), at(-3600))
    assert t.record_success("siren", report(at(0), False, history=[old]), at(0)) == []


def test_other_regions_do_not_alarm_the_user():
    t = tracker(regions=("31",))
    events = t.record_success("siren", report(at(0), True, since=at(0), region="14"), at(0))
    assert events == [] and t.merged(at(0)).state is State.CLEAR


def test_episode_covers_every_user_region_and_the_worst_level():
    t = tracker(regions=("31", "14"))
    both = AlertReport(
        {
            "31": RegionAlert("31", True, (Threat.AIR_RAID,), Level.YELLOW, at(0)),
            "14": RegionAlert("14", True, (Threat.ARTILLERY,), Level.RED, at(5)),
        },
        at(5),
    )
    (event,) = t.record_success("siren", both, at(5))
    assert isinstance(event, AlertStarted)
    assert event.episode.regions == ("14", "31") and event.episode.level is Level.RED
    assert event.episode.threats == (Threat.AIR_RAID, Threat.ARTILLERY)


def test_no_source_at_all_is_unknown_not_clear():
    t = tracker()
    assert t.tick(at(0)) == [] and t.merged(at(0)).state is State.UNKNOWN


def test_old_open_episode_found_ended_at_start_up_is_closed_quietly():
    stale = Episode(at(-3 * 86400), ("31",))
    t = AlertTracker(regions=("31",), episode=stale)
    t.add_source("siren", 15)
    events = t.record_success("siren", report(at(0), False), at(0))
    events += t.record_success("siren", report(at(30), False), at(30))
    assert events == [] and t.episode is None
