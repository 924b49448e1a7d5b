"""The fault matrix (issue #6): every source, the tile client, the geocoder and the shelter-list download,
each faced with every network and payload fault, on a real local server.

Each cell checks what a person would notice:
- no crash: the failure arrives as one of our failure kinds (no "failed unexpectedly", no traceback);
- no GUI freeze: the GUI thread beats every 10 ms while the fault plays out, never more than 100 ms apart;
- never a false all-clear: an alert that was on stays on while the last good data is trusted, then the
  state is `unknown`, never `clear`; the last good data (alert report, advisories, tiles, shelter rows) stays;
- one clear line in the log when the source goes down (naming it and the failure), one when it returns;
- no duplicate notification: one alert start for the whole run, no advisory announced twice;
- the token never printed: not in a log line, a traceback, or any error's text.

The table (faults, why each matters, what each source makes of it, and the test closer to the code that
pins the same cell) is fault_matrix.py. Payload semantics (dates in the future or far past, duplicates, an
alert between two polls, a clock jump) are in test_feed_semantics.py; storage in test_storage_faults.py.
"""

from __future__ import annotations

import logging

import pytest
from alert_fakes import Clock
from fault_matrix import FAULTS, OK, client_for, expected, fault_deadlines
from fault_server import FaultServer
from feeds_under_test import (
    ADVISORY_NOW,
    ALERT_NOW,
    FEEDS,
    TOKEN,
    Feed,
    all_text,
    assert_no_crash_lines,
    problems,
)

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import STALE_AFTER_POLLS, STALE_GRACE_S, State
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient


# --- alert and advisory feeds, through AlertService ----------------------------------------------------
class Run:
    """One AlertService with one source on the fault server, and what it announced."""

    def __init__(self, qtbot, feed: Feed, server: FaultServer, http: HttpClient, history: HistoryStore, beat) -> None:
        self.qtbot, self.feed, self.beat = qtbot, feed, beat
        self.clock = Clock()
        self.clock.now = ALERT_NOW if feed.is_alerts else ADVISORY_NOW
        server.routes = feed.serves(self.clock)
        self.service = AlertService([feed.spec(server)], http, history, ("31",), clock=self.clock)
        self.coordinator = self.service.coordinators[feed.name]
        self.started, self.ended, self.missed, self.news = [], [], [], []
        self.service.alert_started.connect(self.started.append)
        self.service.alert_ended.connect(self.ended.append)
        self.service.missed_alert.connect(self.missed.append)
        self.service.advisory_new.connect(self.news.append)
        self.errors: list[SourceError] = []
        self.coordinator.failed.connect(lambda _name, error: self.errors.append(error))

    def poll(self, advance_s: float = 61.0) -> None:
        """One poll, a minute after the last (Ukraine Alarm's budget is 3 requests a minute)."""
        self.clock.advance(advance_s)
        with self.beat, self.qtbot.waitSignal(self.service.source_health_changed, timeout=15_000):
            self.coordinator.poll_now()

    @property
    def health(self):  # type: ignore[no-untyped-def]
        return self.service.tracker.sources[self.feed.name]


@pytest.fixture
def history(tmp_path):
    store = HistoryStore.open(tmp_path / "history.sqlite")
    yield store
    store.close()


@pytest.fixture
def runs():
    """Every Run of the test, stopped at its end: no coordinator outlives its server and polls on."""
    started: list[Run] = []
    yield started
    for run in started:
        run.service.stop()
        run.service.deleteLater()


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("source", FEEDS)
def test_feed_faces_fault(qtbot, server, heartbeat, history, runs, caplog, source, fault):
    caplog.set_level(logging.INFO)
    feed, want = FEEDS[source], expected(source, fault)
    http = client_for(fault)
    run = Run(qtbot, feed, server, http, history, heartbeat)
    runs.append(run)

    run.poll()  # all is well: an alert (or the advisories) the person has seen
    assert run.errors == []
    good_report = run.coordinator.last_report
    if feed.is_alerts:
        assert run.service.merged().state is State.ACTIVE and len(run.started) == 1
    advisories = run.service.advisories()
    news = len(run.news)
    caplog.clear()

    server.fault = fault
    with fault_deadlines(fault, http):
        for _ in range(2):
            if run.coordinator.paused_reason:  # a rejected key: no request until the person enters a new one
                break
            run.poll()
            if feed.is_alerts:  # the last good word holds while it is trusted; then unknown, never clear
                state = run.service.merged().state
                assert state is (State.ACTIVE if run.health.trusted(run.clock.now) else State.UNKNOWN)
    fault_records = list(caplog.records)

    if want == OK:
        assert run.errors == [] and run.coordinator.failures == 0
        assert problems(fault_records) == []
    else:
        assert {e.kind for e in run.errors} == {want}, [str(e) for e in run.errors]
        assert run.coordinator.last_report is good_report  # last good data kept
        (line,) = problems(fault_records)  # one line when it goes down, whatever the number of polls
        assert source in line and want.value in line
        if fault == "http_429":
            assert run.coordinator.next_delay_ms >= 59_000  # no Retry-After: still a minute at least
        if fault == "http_429_retry_after":
            assert run.coordinator.next_delay_ms >= 119_000
    assert_no_crash_lines(fault_records)
    assert heartbeat.longest < 0.1, f"GUI thread busy {heartbeat.longest * 1000:.0f} ms of CPU at a stretch"

    if feed.is_alerts:  # long after the last good answer: unknown, and the alert is not ended
        run.clock.advance(feed.module.DEFAULT_INTERVAL_S * STALE_AFTER_POLLS + STALE_GRACE_S + 1)
        if want != OK:
            assert run.service.merged().state is State.UNKNOWN
        assert not [e for e in run.service.tracker.tick(run.clock.now) if type(e).__name__ == "AlertEnded"]

    caplog.clear()
    server.fault = None
    if run.coordinator.paused_reason:
        run.coordinator.start()  # what entering a new token does
    run.poll()
    assert run.coordinator.failures == 0 and run.coordinator.last_error is None
    back = [r.getMessage() for r in caplog.records if "is back" in r.getMessage()]
    assert len(back) == (0 if want == OK else 1) and all(source in line for line in back)  # one line when back
    if feed.is_alerts:
        assert run.service.merged().state is State.ACTIVE
        assert (len(run.started), run.ended, run.missed) == (1, [], [])  # one notification, all run long
    else:
        assert run.service.advisories() == advisories and len(run.news) == news  # nothing announced twice
    if feed.keyed:
        assert TOKEN not in all_text(caplog.records, list(run.errors), caplog)
    http.close()


def test_matrix_covers_every_feed_of_the_app():
    """A new feed module must join the matrix."""
    from shelterapp.config import ALERT_SOURCES, FEED_SOURCES

    assert set(FEEDS) == set(FEED_SOURCES) | {"cap"} and set(ALERT_SOURCES) <= set(FEEDS)


def test_a_blocked_name_lookup_reads_like_a_real_dns_failure(caplog):
    """tests/conftest.py refuses lookups off this machine with a plain OSError; the app must read that as it
    reads socket.gaierror (the `dns` column): offline, not a crash."""
    with pytest.raises(SourceError) as caught:
        HttpClient(deadline_s=2).get("http://nonexistent.invalid/feed")
    assert caught.value.kind is FailureKind.OFFLINE
