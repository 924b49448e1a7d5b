"""The raions next to Kyiv: one notice per raion episode, never while the city is under alert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shelterapp.alerting.nearby import KYIV_EDGE, NearbyEnded, NearbyStarted, NearbyWatcher, edge_of
from shelterapp.alerting.tracker import CLEAR_CONFIRM_S
from shelterapp.sources.base import AlertReport, Level, RegionAlert, Threat

T0 = datetime(2026, 9, 22, 19, 0, tzinfo=UTC)
BROVARY = "79"


def said(active: set[str], since: datetime = T0) -> AlertReport:
    regions = {r: RegionAlert(r, r in active, (Threat.AIR_RAID,) if r in active else (), Level.YELLOW if r in
                              active else None, since if r in active else None) for r in KYIV_EDGE}  # fmt: skip
    return AlertReport(regions, T0)


def run(watcher, steps, city_alerted=False, sources=("a",)):
    """steps: (seconds from T0, raions alerted); each step: every source reports, then one step."""
    events = []
    for seconds, active in steps:
        now = T0 + timedelta(seconds=seconds)
        for source in sources:
            watcher.observe(source, said(active))
        events += watcher.step(sources, city_alerted, now)
    return events


def test_one_notice_per_raion_episode_even_when_a_feed_flickers():
    watcher = NearbyWatcher()
    flicker = [(0, {BROVARY}), (15, set()), (30, {BROVARY}), (45, {BROVARY})]  # clear for 15 s < CLEAR_CONFIRM_S
    events = run(watcher, flicker)
    assert [type(e) for e in events] == [NearbyStarted]
    started = events[0].episode
    assert started.region == BROVARY and started.notified and started.started == T0
    assert started.threats == (Threat.AIR_RAID,) and started.level is Level.YELLOW and started.sources == ("a",)
    end = run(watcher, [(60, set()), (60 + CLEAR_CONFIRM_S, set())])
    assert [type(e) for e in end] == [NearbyEnded] and end[0].episode.ended == T0 + timedelta(seconds=60)
    again = run(watcher, [(200, {BROVARY})])  # a new episode: a new notice
    assert [type(e) for e in again] == [NearbyStarted] and again[0].episode.uid != started.uid


def test_no_notice_while_the_city_is_under_alert_and_none_later_for_that_episode():
    watcher = NearbyWatcher()
    quiet = run(watcher, [(0, {BROVARY, "78"})], city_alerted=True)
    assert {e.episode.region for e in quiet} == {BROVARY, "78"}
    assert not any(e.episode.notified for e in quiet)  # recorded, but no notice
    later = run(watcher, [(30, {BROVARY, "78"})], city_alerted=False)  # the city cleared, the raions did not
    assert later == []


def test_an_episode_handed_back_after_a_restart_is_not_news_unless_the_feed_shows_another():
    first = NearbyWatcher()
    (start,) = run(first, [(0, {BROVARY})])
    restarted = NearbyWatcher(open_episodes=[start.episode])
    assert run(restarted, [(30, {BROVARY})]) == []
    other = NearbyWatcher(open_episodes=[start.episode])
    other.observe("a", said({BROVARY}, since=T0 + timedelta(hours=3)))
    events = other.step(("a",), False, T0 + timedelta(hours=3, seconds=10))
    assert [type(e) for e in events] == [NearbyEnded, NearbyStarted]  # it ended unseen; this one is new


def test_unknown_is_not_clear_and_unhealthy_sources_do_not_count():
    watcher = NearbyWatcher()
    run(watcher, [(0, {BROVARY})])
    assert watcher.step((), False, T0 + timedelta(minutes=10)) == []  # nobody healthy: the episode stays open
    assert BROVARY in watcher.open
    watcher.observe("b", said({"78"}))
    assert watcher.step(("a",), False, T0 + timedelta(minutes=11)) == []  # b is not healthy: no Boryspil


def test_only_kyiv_city_people_watch_and_never_their_own_raion():
    assert edge_of(("31",)) == KYIV_EDGE
    assert BROVARY not in edge_of(("31", BROVARY))  # that one is their own alert
    assert edge_of(("14",)) == ()
