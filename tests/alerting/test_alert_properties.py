"""Issue #12, property-based: the alert service (tracker + history, restarted from the history as the app does)
driven through random lives: alerts that begin and end, polls from three kinds of source that fail at random,
restarts, the computer's clock jumping back and forth, and feeds that give start times in the past or future.

What the person must be able to count on, checked after every step:
- every announced start gets exactly one all-clear, once the feeds have been clear long enough;
- every alert seen after an all-clear gets its own start; after a gap (a restart, no readable source) an alert
  the feeds date differently from the one the app knew gets its own start too;
- nothing is announced twice (start, all-clear, missed alert), and an alert the app saw on is never told
  again as a missed one;
- the history never keeps a stale open episode: it holds the open episode the tracker holds, and only that.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import shiboken6
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import CLEAR_CONFIRM_S, SAME_START, Episode, State
from shelterapp.sources.base import AlertReport, PastAlert, RegionAlert, Threat
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.payload import EARLIEST, FUTURE_SLACK

T0 = datetime(2026, 9, 22, 19, 0, tzinfo=UTC)
EXAMPLES = int(os.environ.get("SHELTERAPP_ALERT_LIVES", "120"))  # e.g. 3000 for a long hunt (minutes of CPU)
INTERVAL_S = 15.0
# siren: start times and a history of past alarms (siren.pp.ua, Ukraine Alarm); in_ua: start times a little
# apart from siren's (alerts.in.ua); ubilling: no start time at all (a status-only mirror)
SOURCES = ("siren", "in_ua", "ubilling")
ERRORS = [timedelta(0)] * 7 + [  # how wrong the feed's start time is: mostly right
    timedelta(minutes=-5),
    timedelta(hours=-3),
    timedelta(hours=-13),  # the case: more than 12 h before the app started
    timedelta(days=-2),
    timedelta(minutes=30),
    timedelta(hours=5),
    timedelta(hours=20),
]


@dataclass
class WorldAlert:
    number: int
    start: datetime  # the feed's clock
    error: timedelta  # what the feed adds to its times for this alert
    jitter: timedelta  # in_ua's start differs from siren's by this much
    end: datetime | None = None
    seen_by: set[str] = field(default_factory=set)  # sources whose successful poll reported it on
    keys: set[str] = field(default_factory=set)  # the episodes the app had open when it was reported on
    dated_keys: set[str] = field(default_factory=set)  # ... by a source that gives start times
    first_step: int | None = None
    last_step: int | None = None

    @property
    def dated(self) -> datetime:
        """The start siren gives it, on and in its history."""
        return self.start + self.error

    def since(self, source: str) -> datetime | None:
        if source == "ubilling":
            return None
        return self.start + self.error + (self.jitter if source == "in_ua" else timedelta(0))


class AlertLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        memory = Path("/dev/shm")  # a file system in RAM where there is one: many small commits per example
        self.folder = Path(tempfile.mkdtemp(prefix="shelterapp-props-", dir=memory if memory.is_dir() else None))
        self.path = self.folder / "history.sqlite"
        self.reader: sqlite3.Connection | None = None  # a second connection, as another process would see the file
        self.now = T0  # this computer's clock
        self.feed_now = T0  # the feeds' clock: real time
        self.alert: WorldAlert | None = None
        self.past: list[WorldAlert] = []
        self.numbers = itertools.count(1)
        self.step = 0
        self.started: list[str] = []
        self.ended: list[str] = []
        self.ended_at_step: list[int] = []
        self.missed: list[Episode] = []
        self.gaps: list[int] = [0]  # steps where the app could not watch: a restart, an unknown state
        self.service: AlertService | None = None
        self.history: HistoryStore | None = None
        self._start_app()

    # the app ------------------------------------------------------------------------------------
    def _start_app(self) -> None:
        self.history = HistoryStore.open(self.path)
        self.http = HttpClient()
        self.service = AlertService([], self.http, self.history, ("31",), clock=lambda: self.now)
        for name in SOURCES:
            self.service.tracker.add_source(name, INTERVAL_S)
        self.service.alert_started.connect(lambda e: self.started.append(e.key))
        self.service.alert_ended.connect(self._ended)
        self.service.missed_alert.connect(self.missed.append)

    def _ended(self, episode: Episode) -> None:
        self.ended.append(episode.key)
        self.ended_at_step.append(self.step)

    def _stop_app(self) -> None:
        """As the app quits; the service object goes at once (thousands of lives must not pile up for the end)."""
        assert self.service is not None and self.history is not None
        self.service.stop()
        for signal in (self.service.alert_started, self.service.alert_ended, self.service.missed_alert):
            signal.disconnect()
        shiboken6.delete(self.service)
        self.service = None
        self.history.close()
        self.http.close()

    def teardown(self) -> None:
        self._stop_app()
        if self.reader is not None:
            self.reader.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _tick(self) -> None:
        assert self.service is not None
        self.service._apply(self.service.tracker.tick(self.now))
        self._note_gap()

    def _note_gap(self) -> None:
        assert self.service is not None
        if self.service.merged().state is State.UNKNOWN:
            self.gaps.append(self.step)

    def _report(self, source: str) -> AlertReport | SourceError:
        """What the source answers now, or the error its parser would raise on these times."""
        regions = {"31": RegionAlert("31", False)}
        if self.alert is not None:
            since = self.alert.since(source)
            regions = {"31": RegionAlert("31", True, (Threat.AIR_RAID,), None, since)}
        history: tuple[PastAlert, ...] = ()
        if source == "siren":
            history = tuple(
                PastAlert("31", a.start + a.error, a.end + a.error)
                for a in self.past
                if a.end is not None and a.end + a.error >= self.now - timedelta(hours=24)
            )
        times = [r.since for r in regions.values() if r.since] + [t for p in history for t in (p.started, p.ended)]
        if any(not EARLIEST <= t <= self.now + FUTURE_SLACK for t in times):
            return SourceError(FailureKind.BAD_DATA, "absurd date")
        return AlertReport(regions, self.now, history=history)

    def _poll(self, source: str, fails: bool) -> None:
        assert self.service is not None
        answer = SourceError(FailureKind.TIMEOUT, "x") if fails else self._report(source)
        if isinstance(answer, SourceError):
            self.service._failed(source, answer)
        else:
            self.service._updated(source, answer)
            episode = self.service.tracker.episode
            if self.alert is not None and episode is not None:
                self.alert.seen_by.add(source)
                self.alert.keys.add(episode.key)
                if source != "ubilling":
                    self.alert.dated_keys.add(episode.key)
                self.alert.first_step = self.alert.first_step or self.step
                self.alert.last_step = self.step
        self._note_gap()

    # rules --------------------------------------------------------------------------------------
    @rule(seconds=st.sampled_from([1, 5, 11, 15, 30, 60, 300, 3600, 6 * 3600]))
    def wait(self, seconds: int) -> None:
        self.step += 1
        self.now += timedelta(seconds=seconds)
        self.feed_now += timedelta(seconds=seconds)
        self._tick()

    @rule(jump=st.sampled_from([timedelta(hours=-2), timedelta(hours=-1), timedelta(minutes=-10),
                                timedelta(minutes=10), timedelta(hours=2), timedelta(days=2)]))  # fmt: skip
    def clock_jumps(self, jump: timedelta) -> None:
        self.step += 1
        self.now += jump
        self._tick()

    @precondition(lambda self: self.alert is None)
    @rule(after_s=st.sampled_from([0, 10, 600, 3 * 3600]), error=st.sampled_from(ERRORS), jitter_s=st.integers(-60, 60))
    def alert_begins(self, after_s: int, error: timedelta, jitter_s: int) -> None:
        if after_s:
            self.wait(after_s)
        self.step += 1
        self.alert = WorldAlert(next(self.numbers), self.feed_now, error, timedelta(seconds=jitter_s))

    @precondition(lambda self: self.alert is not None)
    @rule()
    def alert_ends(self) -> None:
        self.step += 1
        assert self.alert is not None
        self.alert.end = self.feed_now
        self.past.append(self.alert)
        self.alert = None

    @precondition(lambda self: self.alert is not None)
    @rule(after_s=st.sampled_from([0, 10, 600, 3 * 3600]), error=st.sampled_from(ERRORS), jitter_s=st.integers(-60, 60))
    def another_alert(self, after_s: int, error: timedelta, jitter_s: int) -> None:
        """The alert ends and another begins, maybe before any poll could see the all-clear."""
        self.alert_ends()
        self.alert_begins(after_s, error, jitter_s)

    @rule(source=st.sampled_from(SOURCES), fails=st.sampled_from([False, False, True]))
    def poll(self, source: str, fails: bool) -> None:
        self.step += 1
        self._poll(source, fails)

    @rule()
    def restart(self) -> None:
        self.step += 1
        self._stop_app()
        self._start_app()
        self.gaps.append(self.step)

    @rule()
    def feeds_clear_long_enough(self) -> None:
        """The alert is over and every feed says so for a while: every start must have had its all-clear."""
        if self.alert is not None:
            self.alert_ends()
        self.step += 1
        for _ in range(9):  # 99 s: an alert report kept by a refusing source goes stale (47.5 s), clear holds 20 s
            self.now += timedelta(seconds=CLEAR_CONFIRM_S / 2 + 1)
            self.feed_now += timedelta(seconds=CLEAR_CONFIRM_S / 2 + 1)
            for source in SOURCES:  # siren's parser may refuse a date in its history: the others still answer
                self._poll(source, fails=False)
        assert self.service is not None and self.history is not None
        assert self.service.merged().state is State.CLEAR
        assert self.service.tracker.episode is None and self.history.open_episode() is None
        assert sorted(self.started) == sorted(self.ended), "an announced start has no all-clear"

    # invariants ---------------------------------------------------------------------------------
    @invariant()
    def nothing_is_announced_twice(self) -> None:
        assert len(self.started) == len(set(self.started)), "a start announced twice"
        assert len(self.ended) == len(set(self.ended)), "an all-clear announced twice"
        assert set(self.ended) <= set(self.started), "an all-clear for an alert never announced"
        starts = [m.started for m in self.missed]
        assert len(starts) == len(set(starts)), "a missed alert told twice"
        for alert in [*self.past, *([self.alert] if self.alert else [])]:
            if not alert.seen_by & {"siren", "in_ua"}:
                continue  # known only from a source without start times: nothing ties it to its history entry
            told = [m for m in self.missed if abs(m.started - alert.dated) <= SAME_START]
            twins = [a for a in self.past if a is not alert and abs(a.dated - alert.dated) <= 2 * SAME_START]
            assert twins or not told, f"alert {alert.number} was seen on, then told again as a missed one"

    @invariant()
    def the_history_holds_the_open_episode_and_only_it(self) -> None:
        assert self.service is not None and self.history is not None
        self.reader = self.reader or sqlite3.connect(self.path)
        open_rows = self.reader.execute("SELECT uid FROM episodes WHERE ended IS NULL").fetchall()
        episode = self.service.tracker.episode
        assert [r[0] for r in open_rows] == ([episode.key] if episode else []), "stale or missing open episode"

    @invariant()
    def an_alert_on_is_an_announced_alert(self) -> None:
        assert self.service is not None
        merged = self.service.merged()
        if merged.state is State.ACTIVE:
            assert merged.episode is not None and merged.episode.key in self.started

    @invariant()
    def a_new_alert_after_an_all_clear_or_a_gap_gets_its_own_start(self) -> None:
        seen = [a for a in [*self.past, *([self.alert] if self.alert else [])] if a.keys]
        for before, after in itertools.pairwise(seen):
            assert before.last_step is not None and after.first_step is not None
            between = range(before.last_step + 1, after.first_step)
            if any(step in between for step in self.ended_at_step):
                assert not before.keys & after.keys, f"alert {after.number} after an all-clear was not announced"
            dated = before.error == after.error == timedelta(0) and after.seen_by & {"siren", "in_ua"}
            apart = after.start - before.start > SAME_START + timedelta(minutes=3)
            if dated and apart and any(step in between for step in self.gaps):  # (a source without start times
                # cannot tell them apart: the app goes on with the one it knew until a dated source answers)
                assert not before.keys & after.dated_keys, f"alert {after.number} after a gap taken for the last one"


def test_alert_lives_keep_their_promises(qapp):
    run_state_machine_as_test(
        AlertLife,
        settings=settings(
            max_examples=EXAMPLES, stateful_step_count=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
        ),
    )
