"""Payload faults of the issue's list that are about time and repetition, through AlertService on the fault
server (a siren.pp.ua-shaped feed; Ukraine Alarm shares its parser and alerts.in.ua its rules):
dates in the future or far past, duplicate items, an alert that starts and ends between two polls, and the
computer's clock jumping back an hour and forward two days.

What the person must get: no spurious all-clear, no second alert start, a missed alert reported once.
(Advisories dated ahead are dropped: tests/sources/test_cap.py, test_state_dept.py, test_fcdo.py; duplicate
advisories are announced once: tests/test_history.py::test_each_advisory_is_new_exactly_once.)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from alert_fakes import Clock
from feeds_under_test import ALERT_NOW

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import CLEAR_CONFIRM_S, State
from shelterapp.sources import siren_pp_ua
from shelterapp.sources.base import SourceSettings
from shelterapp.sources.errors import FailureKind
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import SourceSpec


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SirenFeed:
    """What the fake siren.pp.ua serves: Kyiv city alerted since `since` (or calm), and its past alarms."""

    def __init__(self) -> None:
        self.since: datetime | None = None
        self.copies = 1  # how many times each record is listed
        self.past: list[tuple[datetime, datetime]] = []
        self.index = 1

    def change(self, **values: object) -> None:
        for name, value in values.items():
            setattr(self, name, value)
        self.index += 1

    def routes(self) -> dict[str, object]:
        def alerts(_request: object) -> bytes:
            if self.since is None:
                return b"[]"
            alert = {"regionId": "31", "regionType": "State", "type": "AIR", "lastUpdate": _iso(self.since)}
            record = {"regionId": "31", "regionType": "State", "activeAlerts": [alert] * self.copies}
            return json.dumps([record] * self.copies).encode()

        def history(_request: object) -> bytes:
            alarms = [
                {"regionId": "31", "startDate": _iso(s), "endDate": _iso(e), "alertType": "AIR", "isContinue": False}
                for s, e in self.past
            ] * self.copies
            return json.dumps([{"regionId": "31", "alarms": alarms}]).encode()

        return {
            "/api/v3/alerts/status": lambda _r: json.dumps({"lastActionIndex": self.index}).encode(),
            "/api/v3/alerts": alerts,
            "/api/v3/alerts/regionHistory": history,
        }


class App:
    def __init__(self, qtbot, server, tmp_path) -> None:
        self.qtbot = qtbot
        self.feed = SirenFeed()
        server.routes = self.feed.routes()
        self.clock = Clock()
        self.clock.now = ALERT_NOW
        self.spec = SourceSpec("siren_pp_ua", siren_pp_ua, SourceSettings(server.url("/api/v3"), True, 15.0))
        self.path = tmp_path / "history.sqlite"
        self.started, self.ended, self.missed, self.errors = [], [], [], []
        self._start()

    def _start(self) -> None:
        self.history = HistoryStore.open(self.path)
        self.service = AlertService([self.spec], HttpClient(deadline_s=5), self.history, ("31",), clock=self.clock)
        self.service.alert_started.connect(self.started.append)
        self.service.alert_ended.connect(self.ended.append)
        self.service.missed_alert.connect(self.missed.append)
        self.service.coordinators["siren_pp_ua"].failed.connect(lambda _n, e: self.errors.append(e.kind))

    def restart(self) -> None:
        """The app quits and starts again on the same history (e.g. Restart now, a reboot)."""
        self.close()
        self._start()

    def poll(self, advance_s: float = 61.0) -> State:
        self.clock.advance(advance_s)
        with self.qtbot.waitSignal(self.service.source_health_changed, timeout=10_000):
            self.service.coordinators["siren_pp_ua"].poll_now()
        return self.service.merged().state

    def close(self) -> None:
        self.service.stop()
        self.history.close()


@pytest.fixture
def app(qtbot, server, tmp_path):
    made = App(qtbot, server, tmp_path)
    yield made
    made.close()


@pytest.mark.parametrize(
    "when",
    [
        timedelta(days=365),  # a feed (or its clock) a year ahead: not believed
        datetime(2001, 1, 1, tzinfo=UTC) - ALERT_NOW,  # before the war: a broken date, not an alert
    ],
    ids=["future", "far_past"],
)
def test_absurd_dates_fail_the_poll_and_never_end_the_alert(app, when):
    app.feed.change(since=ALERT_NOW - timedelta(minutes=5))
    assert app.poll() is State.ACTIVE
    app.feed.change(since=app.clock.now + when)
    for _ in range(3):
        assert app.poll() is not State.CLEAR
    assert app.errors == [FailureKind.BAD_DATA] * 3
    assert app.service.merged().state is State.UNKNOWN and (len(app.started), app.ended) == (1, [])


def test_duplicate_records_give_one_alert_and_one_missed_alert(app):
    app.feed.change(copies=3)
    assert app.poll() is State.CLEAR
    past = (app.clock.now + timedelta(seconds=10), app.clock.now + timedelta(seconds=40))
    app.feed.change(past=[past], since=app.clock.now + timedelta(seconds=55))
    assert app.poll() is State.ACTIVE
    assert (len(app.started), len(app.missed)) == (1, 1)  # the same alarm listed three times: told once


def test_an_alert_between_two_polls_is_reported_once(app):
    assert app.poll() is State.CLEAR
    began = app.clock.now + timedelta(seconds=10)
    app.feed.change(past=[(began, began + timedelta(seconds=30))])  # both inside the next minute
    for _ in range(4):
        assert app.poll() is State.CLEAR
        app.feed.change()  # the feed moves on (other regions): history is asked again
    (missed,) = app.missed
    assert missed.started == began and app.started == [] and app.ended == []


def test_a_clock_jump_back_and_forward_gives_no_second_start_and_a_sane_all_clear(app):
    app.feed.change(since=ALERT_NOW - timedelta(minutes=5))
    assert app.poll() is State.ACTIVE
    assert app.poll(-3600) is State.ACTIVE  # the clock is set back an hour (a wrong hardware clock corrected)
    assert app.poll() is State.ACTIVE
    app.feed.change(since=None)  # the all-clear comes while the clock is an hour behind
    for _ in range(3):
        app.poll(CLEAR_CONFIRM_S / 2 + 1)
    (episode,) = app.ended
    assert episode.started <= episode.ended  # never "all clear after -55 minutes"
    app.feed.change(since=app.clock.now + timedelta(days=2, minutes=-5))
    assert app.poll(2 * 24 * 3600) is State.ACTIVE  # two days later (a suspended laptop): a new alert
    assert len(app.started) == 2 and len(app.ended) == 1


# Feed times far in the past or ahead, around restarts (issue #12: "an alert can be lost") ---------------------
OFFSETS = {
    "two_days_old": timedelta(days=-2),  # a long alert, or a feed whose clock is days behind
    "thirteen_hours_old": timedelta(hours=-13),  # the case: just over the 12 h that once hid the all-clear
    "minutes_old": timedelta(minutes=-5),  # the usual: it began between two polls
    "twenty_hours_ahead": timedelta(hours=20),  # a feed (or this computer) on the wrong side of a clock
}


def _clear(app: App) -> None:
    app.feed.change(since=None)
    for _ in range(3):
        app.poll(CLEAR_CONFIRM_S / 2 + 1)


@pytest.mark.parametrize("offset", OFFSETS.values(), ids=OFFSETS.keys())
@pytest.mark.parametrize("restart", ["no_restart", "during_the_alert", "after_the_all_clear"])
def test_feed_times_far_past_or_ahead_around_restarts_lose_no_alert(app, offset, restart):
    assert app.poll() is State.CLEAR
    for number in (1, 2):  # the second alert is dated the same way: it is still a new alert
        app.feed.change(since=app.clock.now + offset)
        assert app.poll() is State.ACTIVE
        if restart == "during_the_alert":
            app.restart()
        assert app.poll() is State.ACTIVE
        _clear(app)
        assert app.service.merged().state is State.CLEAR and len(app.ended) == number
        if restart == "after_the_all_clear":
            app.restart()
    assert len(app.started) == len({e.key for e in app.started}) == 2  # each announced once, under its own key
    assert [e.key for e in app.ended] == [e.key for e in app.started] and app.missed == []
    assert app.history.open_episode() is None  # nothing left open in the history


@pytest.mark.parametrize("offset", OFFSETS.values(), ids=OFFSETS.keys())
def test_app_closed_for_days_across_the_all_clear_says_so_and_tells_the_next_alert(app, offset):
    app.feed.change(since=app.clock.now + offset)
    assert app.poll() is State.ACTIVE
    app.close()  # closed during the alert; three days later the feed is quiet
    app.feed.change(since=None)
    app.clock.advance(3 * 86400)
    app._start()
    for _ in range(3):
        app.poll(CLEAR_CONFIRM_S / 2 + 1)
    (ended,) = app.ended
    assert ended.key == app.started[0].key and ended.end_unseen  # its all-clear comes, and says it was not seen
    app.feed.change(since=app.clock.now + offset)
    assert app.poll() is State.ACTIVE and len(app.started) == 2
    assert app.history.open_episode().key == app.started[1].key


@pytest.mark.parametrize("offset", OFFSETS.values(), ids=OFFSETS.keys())
def test_app_closed_while_one_alert_ended_and_another_began_tells_both(app, offset):
    app.feed.change(since=app.clock.now + offset)
    assert app.poll() is State.ACTIVE
    app.close()
    app.clock.advance(6 * 3600)  # six hours later another alert is on, dated by the feed the same way
    app.feed.change(since=app.clock.now + offset)
    app._start()
    assert app.poll() is State.ACTIVE
    assert [e.key for e in app.ended] == [app.started[0].key] and app.ended[0].end_unseen
    assert len(app.started) == 2 and app.started[1].key != app.started[0].key
