"""The alert state machine: merged state never lies, one event per transition, nothing repeated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shelterapp.alerting.tracker import CLEAR_CONFIRM_S, AlertStarted, AlertTracker, Episode, State
from shelterapp.sources.base import AlertReport, Level, PastAlert, RegionAlert, Threat
from shelterapp.sources.errors import FailureKind, SourceError

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


def test_old_open_episode_found_ended_at_start_up_gets_its_all_clear_marked_unseen():
    # issue #12: it was announced by an earlier run, days ago; its all-clear is due, and must not pretend it was seen
    stale = Episode(at(-3 * 86400), ("31",), uid="e1", last_seen=at(-3 * 86400 + 600))
    t = AlertTracker(regions=("31",), episode=stale)
    t.add_source("siren", 15)
    events = t.record_success("siren", report(at(0), False), at(0))
    events += t.record_success("siren", report(at(30), False), at(30))
    assert kinds(events) == ["AlertEnded"] and t.episode is None
    ended = events[0].episode
    assert ended.uid == "e1" and ended.end_unseen and ended.ended == at(0) and ended.last_seen == stale.last_seen


# issue #12: times that cannot be trusted ---------------------------------------------------------------


def test_an_alert_dated_days_before_the_start_gets_its_all_clear():
    t = tracker()
    t.record_success("siren", report(at(0), False), at(0))
    events = t.record_success("siren", report(at(15), True, since=at(-2 * 86400)), at(15))  # a feed's old time
    events += t.record_success("siren", report(at(30), False), at(30))
    events += t.record_success("siren", report(at(60), False), at(60))
    assert kinds(events) == ["AlertStarted", "AlertEnded"]
    assert events[1].episode.uid == events[0].episode.uid and not events[1].episode.end_unseen


def test_a_new_alert_with_the_same_feed_time_is_a_new_alert():
    t = tracker()
    events = t.record_success("siren", report(at(0), True, since=at(-60)), at(0))
    events += t.record_success("siren", report(at(15), False), at(15))
    events += t.record_success("siren", report(at(45), False), at(45))
    events += t.record_success("siren", report(at(60), True, since=at(-60)), at(60))  # a feed stuck on one time
    assert kinds(events) == ["AlertStarted", "AlertEnded", "AlertStarted"]
    assert events[0].episode.key != events[2].episode.key  # its own notification, its own history row


def test_after_a_restart_an_alert_the_feed_dates_later_is_another_alert():
    # the app was closed during the all-clear; the alert on now began after the one it knew
    known = Episode(at(-7200), ("31",), uid="e1", feed_starts=(at(-7200),), last_seen=at(-7000))
    t = AlertTracker(regions=("31",), episode=known)
    t.add_source("siren", 15)
    events = t.record_success("siren", report(at(0), True, since=at(-300)), at(0))
    assert kinds(events) == ["AlertEnded", "AlertStarted"]
    assert events[0].episode.uid == "e1" and events[0].episode.end_unseen and events[0].episode.last_seen == at(-7000)
    assert events[1].episode.started == at(-300)


def test_after_a_restart_a_source_without_start_times_cannot_vouch_for_the_old_alert():
    known = Episode(at(-7200), ("31",), uid="e1", feed_starts=(at(-7200),))
    t = tracker("ubilling", "siren")
    t.episode = known
    assert t.record_success("ubilling", report(at(0), True, since=None), at(0)) == []  # cannot tell: goes on
    events = t.record_success("siren", report(at(5), True, since=at(-300)), at(5))  # siren can: a new one
    assert kinds(events) == ["AlertEnded", "AlertStarted"]


def test_after_no_readable_source_an_alert_the_feed_dates_later_is_another_alert():
    t = tracker()
    t.record_success("siren", report(at(0), True, since=at(0)), at(0))
    t.record_failure("siren", SourceError(FailureKind.OFFLINE, "x"), at(60))
    assert t.tick(at(3600)) == [] and t.merged(at(3600)).state is State.UNKNOWN  # an hour offline
    events = t.record_success("siren", report(at(3615), True, since=at(3000)), at(3615))
    assert kinds(events) == ["AlertEnded", "AlertStarted"] and events[0].episode.end_unseen


def test_the_same_alert_after_a_gap_goes_on():
    t = tracker()
    t.record_success("siren", report(at(0), True, since=at(0)), at(0))
    t.record_failure("siren", SourceError(FailureKind.OFFLINE, "x"), at(60))
    t.tick(at(3600))
    assert t.record_success("siren", report(at(3615), True, since=at(0)), at(3615)) == []
    events = t.record_success("siren", report(at(3630), False), at(3630))
    events += t.record_success("siren", report(at(3660), False), at(3660))
    assert kinds(events) == ["AlertEnded"] and not events[0].episode.end_unseen  # it was seen on, then clear


def test_a_clock_set_back_during_the_all_clear_wait_delays_it_by_the_wait_not_by_the_jump():
    t = tracker()
    t.record_success("siren", report(at(0), True, since=at(0)), at(0))
    t.record_success("siren", report(at(15), False), at(15))
    assert t.record_success("siren", report(at(-3600), False), at(-3600)) == []  # set back an hour
    assert kinds(t.record_success("siren", report(at(-3570), False), at(-3570))) == ["AlertEnded"]


def test_a_clock_set_back_does_not_keep_a_dead_source_trusted():
    t = tracker()
    t.record_success("siren", report(at(0), False), at(0))
    for second in range(-3600, -3500, 15):  # an hour back, and the source fails from then on
        t.record_failure("siren", SourceError(FailureKind.TIMEOUT, "x"), at(second))
    assert t.merged(at(-3500)).state is State.UNKNOWN  # not "clear" for the hour it takes the clock to catch up


def test_the_history_of_an_alert_that_flickered_is_not_a_missed_alert():
    t = tracker()
    events = t.record_success("siren", report(at(0), True, since=at(0)), at(0))
    events += t.record_success("siren", report(at(290), False), at(290))  # off for 10 s: the same alert goes on
    events += t.record_success("siren", report(at(300), True, since=at(295)), at(300))
    events += t.record_success("siren", report(at(415), False), at(415))
    past = [PastAlert("31", at(0), at(290)), PastAlert("31", at(295), at(410))]  # the feed lists both halves
    events += t.record_success("siren", report(at(445), False), at(445))
    events += t.record_success("siren", report(at(460), False, history=past), at(460))
    assert kinds(events) == ["AlertStarted", "AlertEnded"]  # no "short alert, already over" for either


def test_the_history_of_an_alert_dated_ahead_is_not_a_missed_alert():
    t = tracker()
    ahead = at(5 * 3600)  # the feed's clock is five hours ahead: the episode starts "now"
    events = t.record_success("siren", report(at(0), True, since=ahead), at(0))
    events += t.record_success("siren", report(at(15), False), at(15))
    events += t.record_success("siren", report(at(45), False), at(45))
    past = [PastAlert("31", ahead, ahead + timedelta(seconds=15))]
    events += t.record_success("siren", report(at(60), False, history=past), at(60))
    assert kinds(events) == ["AlertStarted", "AlertEnded"] and events[0].episode.started == at(0)
