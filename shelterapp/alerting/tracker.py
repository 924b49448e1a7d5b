"""The alert state that never lies: merge every source's word, decide transitions, dedupe. Pure: no Qt, no I/O.

Rules (issue #3, research/alerts-apis.md section 0; issue #12 for times that cannot be trusted):
- A region is *active* when any healthy source says so; *clear* only when every healthy source that can
  speak for it says clear; otherwise *unknown*. A failed, rate-limited or malformed poll never yields
  clear: it only makes that source unhealthy once its last good data is too old to trust.
- The user's regions form one *episode*: it starts when any of them becomes active and ends when all
  are clear. Each episode raises one start and one end event, whatever the number of sources, their
  flapping, or restarts (the open episode is persisted by the caller and handed back on start).
- All-clear is confirmed only after it has held for CLEAR_CONFIRM_S, so a source that flickers does not
  produce end+start pairs; an alert start is never delayed.
- Every episode that was announced ends with an announced end, however old its start (a long alert, a feed
  with an old time, a wrong clock, an episode handed back from days ago). An episode is known by its own
  uid, never by the start time a feed gave: a new alert whose feed time repeats an old one is still new.
- After a gap (a restart, or no readable source), an alert whose feed start was never seen during the open
  episode is another alert: the open one ended unseen (`end_unseen`, said so to the person) and the new one
  starts. Without a start time from the feeds the open episode is taken to go on.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from shelterapp.sources.base import AlertReport, Level, PastAlert, Threat
from shelterapp.sources.errors import FailureKind, SourceError

CLEAR_CONFIRM_S = 20.0
STALE_AFTER_POLLS = 2.5  # a source's data is trusted for 2.5 poll intervals (+ grace) after its last success
STALE_GRACE_S = 10.0
SAME_START = timedelta(minutes=2)  # two feeds (or a feed's history) give one alert's start this close together
FEED_STARTS_KEPT = 12  # start times remembered per episode: the first and the latest (a feed may move it each poll)
SEEN_EVERY = timedelta(minutes=1)  # how often an open episode's last_seen moves on (each move is a history write)


def trusted_for_s(interval_s: float) -> float:
    """How long a source's last good data is trusted after it came (the drill reports staleness by the same rule)."""
    return interval_s * STALE_AFTER_POLLS + STALE_GRACE_S


class State(StrEnum):
    ACTIVE = "active"
    CLEAR = "clear"
    UNKNOWN = "unknown"


@dataclass
class SourceHealth:
    name: str
    interval_s: float
    ok: bool = False
    error: FailureKind | None = None
    error_detail: str = ""
    last_success: datetime | None = None
    last_attempt: datetime | None = None
    report: AlertReport | None = None  # last good data, kept whatever happens later
    withdrawn: bool = False  # a pushed source that said its data no longer holds (relay offline): until new data

    def trusted(self, now: datetime) -> bool:
        if self.report is None or self.last_success is None or self.withdrawn:
            return False
        return now - self.last_success <= timedelta(seconds=trusted_for_s(self.interval_s))


@dataclass(frozen=True)
class RegionState:
    region_id: str
    state: State
    threats: tuple[Threat, ...] = ()
    level: Level | None = None
    since: datetime | None = None
    sources: tuple[str, ...] = ()  # the healthy sources that spoke for this region


@dataclass(frozen=True)
class Episode:
    """One alert for the user's regions, from the first region alerted to the all-clear."""

    started: datetime
    regions: tuple[str, ...]
    threats: tuple[Threat, ...] = ()
    level: Level | None = None
    sources: tuple[str, ...] = ()
    ended: datetime | None = None
    uid: str = ""  # its identity; "" only for episodes recorded before uids existed (the key is then the start)
    feed_starts: tuple[datetime, ...] = ()  # every alert start time the feeds gave while it was on (sorted)
    last_seen: datetime | None = None  # (this computer's clock) the last data that said it was on
    end_unseen: bool = False  # the all-clear came while nothing watched: `ended` is when the app found out

    @property
    def key(self) -> str:
        return self.uid or self.started.isoformat()

    @property
    def starts(self) -> tuple[datetime, ...]:
        """The start times a feed may list this alert under (in its history, or when it is still on)."""
        return self.feed_starts or (self.started,)

    def has_start(self, start: datetime) -> bool:
        return any(abs(start - known) <= SAME_START for known in self.starts)

    def duration(self, now: datetime) -> timedelta:
        return (self.ended or now) - self.started


def new_uid(started: datetime) -> str:
    """Readable and unique, whatever the feed's times: the start, then 48 random bits."""
    return f"{started.isoformat()}#{uuid.uuid4().hex[:12]}"


@dataclass(frozen=True)
class Merged:
    state: State
    regions: dict[str, RegionState]
    healthy: tuple[str, ...]
    since: datetime | None  # start of the alert, of the calm, or of not knowing
    episode: Episode | None


@dataclass(frozen=True)
class AlertStarted:
    episode: Episode


@dataclass(frozen=True)
class AlertEnded:
    episode: Episode  # with `ended` set


@dataclass(frozen=True)
class MissedAlert:
    """An alert that began and ended between two polls, recovered from a source's history."""

    episode: Episode


Event = AlertStarted | AlertEnded | MissedAlert


@dataclass
class AlertTracker:
    """Feed it every poll's outcome; it returns the events to announce. One per app, on the GUI thread."""

    regions: tuple[str, ...]
    episode: Episode | None = None  # the open episode, restored from history on start
    known_past: set[datetime] = field(default_factory=set)  # start times of recorded episodes (missed-alert dedupe)
    sources: dict[str, SourceHealth] = field(default_factory=dict)
    _clear_since: datetime | None = None
    _clear_unseen: bool = False  # the clear now being confirmed was first seen after a gap
    _unknown_since: datetime | None = None
    _calm_since: datetime | None = None
    _started_at: datetime | None = None  # when this tracker first ran: history older than that is not news
    _watching: bool = False  # the open episode was seen on since the last gap (a restart, or no readable source)
    _confirmed: bool = False  # ... and a feed's start time (or its start here) showed it is still the same alert
    _last_now: datetime | None = None

    def add_source(self, name: str, interval_s: float) -> None:
        self.sources.setdefault(name, SourceHealth(name, interval_s))

    def record_success(self, name: str, report: AlertReport, now: datetime) -> list[Event]:
        self._follow_clock(now)
        health = self.sources[name]
        health.ok, health.error, health.error_detail, health.withdrawn = True, None, "", False
        health.last_success = health.last_attempt = now
        health.report = report
        return self._missed(report.history, now) + self._step(now)

    def record_failure(self, name: str, error: SourceError, now: datetime) -> list[Event]:
        self._follow_clock(now)
        health = self.sources[name]
        health.ok, health.error, health.error_detail = False, error.kind, error.detail
        health.last_attempt = now
        return self._step(now)

    def record_lost(self, name: str, error: SourceError, now: datetime) -> list[Event]:
        """A pushed source lost its link (broker down, relay offline): its last data is kept but no longer
        trusted, at once rather than after the usual staleness delay, so it can never hold up a stale clear."""
        self.sources[name].withdrawn = True
        return self.record_failure(name, error, now)

    def tick(self, now: datetime) -> list[Event]:
        """Re-evaluate without new data: stale sources drop out as time passes."""
        self._follow_clock(now)
        return self._step(now)

    # merging ----------------------------------------------------------------------------------
    def merged(self, now: datetime) -> Merged:
        trusted = [h for h in self.sources.values() if h.trusted(now) and h.report is not None]
        regions = {region: _merge_region(region, trusted) for region in self.regions}
        states = [r.state for r in regions.values()]
        if any(s is State.ACTIVE for s in states):
            state = State.ACTIVE
        elif states and all(s is State.CLEAR for s in states):
            state = State.CLEAR
        else:
            state = State.UNKNOWN
        since = {
            State.ACTIVE: self.episode.started if self.episode else None,
            State.CLEAR: self._calm_since,
            State.UNKNOWN: self._unknown_since,
        }[state]
        return Merged(state, regions, tuple(h.name for h in trusted), since, self.episode)

    def _step(self, now: datetime) -> list[Event]:
        if self._started_at is None:
            self._started_at = now
        merged = self.merged(now)
        self._unknown_since = (self._unknown_since or now) if merged.state is State.UNKNOWN else None
        events: list[Event] = []
        if merged.state is State.ACTIVE:
            if self.episode is not None and not self._confirmed:
                same = _same_alert(self.episode, self._feed_starts(now))
                if same is False:  # it ended while nobody watched (or in a clear too short to confirm)
                    at, unseen = (self._clear_since, self._clear_unseen) if self._clear_since else (now, True)
                    events.append(self._end(at, unseen))
                self._confirmed = bool(same)
            self._clear_since = None
            self._calm_since = None
            if self.episode is None:
                self.episode = _episode_from(merged, now)
                events.append(AlertStarted(self.episode))
                self._confirmed = True
            else:
                self.episode = _widen(self.episode, merged)
            self.episode = self._seen(self.episode, merged, self._feed_starts(now))
            self._watching = True
        elif merged.state is State.CLEAR:
            if self._clear_since is None:
                self._clear_since, self._clear_unseen = now, not self._watching
            if self.episode is not None and now - self._clear_since >= timedelta(seconds=CLEAR_CONFIRM_S):
                ended = self._end(self._clear_since, self._clear_unseen)
                events.append(ended)
                self._calm_since = ended.episode.ended
            elif self.episode is None and self._calm_since is None:
                self._calm_since = now
        else:  # UNKNOWN: nothing is announced; the open episode (if any) stays open until we know it ended
            self._watching = self._confirmed = False
        return events

    def _follow_clock(self, now: datetime) -> None:
        """The clock was set back: move every remembered moment back with it, so that each keeps its true age
        (else old data would look fresh, or the all-clear would wait an hour for the clock to catch up)."""
        if self._last_now is not None and now < self._last_now:
            back = self._last_now - now
            for health in self.sources.values():
                health.last_success = health.last_success - back if health.last_success else None
                health.last_attempt = health.last_attempt - back if health.last_attempt else None
            self._clear_since = self._clear_since - back if self._clear_since else None
            self._unknown_since = self._unknown_since - back if self._unknown_since else None
            self._calm_since = self._calm_since - back if self._calm_since else None
        self._last_now = now

    def _end(self, at: datetime, unseen: bool) -> AlertEnded:
        assert self.episode is not None
        # a clock set back during the alert must not end it before it began ("all clear after -55 min")
        ended = replace(self.episode, ended=max(at, self.episode.started), end_unseen=unseen)
        self.episode = None
        self._watching = self._confirmed = False
        self.known_past.update(ended.starts)
        return AlertEnded(ended)

    def _feed_starts(self, now: datetime) -> set[datetime]:
        """Each trusted source's own start time for each alerted user region (not the merged earliest: a later
        alert one source already reports must be remembered, or its history entry would read as missed)."""
        starts = set()
        for health in self.sources.values():
            if health.report is None or not health.trusted(now):
                continue
            for region in self.regions:
                said = health.report.state_of(region)
                if said is not None and said.active and said.since is not None:
                    starts.add(said.since)
        return starts

    def _seen(self, episode: Episode, merged: Merged, starts: set[datetime]) -> Episode:
        """Remember when it was last seen on (for an honest all-clear after a gap) and the feeds' start times."""
        active = [r for r in merged.regions.values() if r.state is State.ACTIVE]
        successes = [self.sources[n].last_success for r in active for n in r.sources if n in self.sources]
        seen = max((t for t in successes if t is not None), default=episode.last_seen or episode.started)
        if episode.last_seen is None or abs(seen - episode.last_seen) >= SEEN_EVERY:
            episode = replace(episode, last_seen=seen)
        known = episode.feed_starts
        new = {s for s in starts if not any(abs(s - k) <= SAME_START for k in known)}
        if new:
            kept = sorted((*known, *new))
            episode = replace(episode, feed_starts=(kept[0], *kept[1:][-(FEED_STARTS_KEPT - 1) :]))
        return episode

    def _missed(self, history: tuple[PastAlert, ...], now: datetime) -> list[Event]:
        events: list[Event] = []
        watch = set(self.regions)
        horizon = self._started_at or now
        for past in sorted(history, key=lambda p: p.started):
            if past.region_id not in watch or past.ended <= horizon:
                continue  # before we started watching: history, not news
            if self.episode is not None and past.started >= min(self.episode.starts) - SAME_START:
                continue  # part of the alert we are already tracking
            if any(abs(past.started - known) <= SAME_START for known in self.known_past):
                continue  # an alert we told of already, or another source's copy of it
            self.known_past.add(past.started)
            episode = Episode(
                past.started, (past.region_id,), past.threats, None, (), past.ended,
                uid=new_uid(past.started), feed_starts=(past.started,),
            )  # fmt: skip
            events.append(MissedAlert(episode))
        return events


def _same_alert(episode: Episode, starts: set[datetime]) -> bool | None:
    """After a gap: does any feed's start time say this is still the alert we knew? None: no start time to tell."""
    if not starts:
        return None
    return any(episode.has_start(start) for start in starts)


def _merge_region(region: str, trusted: list[SourceHealth]) -> RegionState:
    speaking = []
    for health in trusted:
        assert health.report is not None
        said = health.report.state_of(region)
        if said is not None:
            speaking.append((health.name, said))
    if not speaking:
        return RegionState(region, State.UNKNOWN)
    active = [(name, said) for name, said in speaking if said.active]
    if not active:
        return RegionState(region, State.CLEAR, sources=tuple(name for name, _ in speaking))
    threats = tuple(sorted({t for _, said in active for t in said.threats}, key=list(Threat).index))
    levels = {said.level for _, said in active if said.level is not None}
    level = Level.RED if Level.RED in levels else (Level.YELLOW if levels else None)
    starts = [said.since for _, said in active if said.since is not None]
    return RegionState(
        region, State.ACTIVE, threats, level, min(starts) if starts else None, tuple(n for n, _ in active)
    )


def _episode_from(merged: Merged, now: datetime) -> Episode:
    active = [r for r in merged.regions.values() if r.state is State.ACTIVE]
    starts = [r.since for r in active if r.since is not None and r.since <= now]
    # A source's start time may be minutes old (we were offline, or just started): keep it, it is the truth.
    started = min(starts) if starts else now
    return _widen(Episode(started, (), uid=new_uid(started)), merged)


def _widen(episode: Episode, merged: Merged) -> Episode:
    active = [r for r in merged.regions.values() if r.state is State.ACTIVE]
    regions = tuple(sorted(set(episode.regions) | {r.region_id for r in active}))
    threats = tuple(sorted(set(episode.threats) | {t for r in active for t in r.threats}, key=list(Threat).index))
    levels = {r.level for r in active if r.level} | ({episode.level} if episode.level else set())
    level = Level.RED if Level.RED in levels else (Level.YELLOW if levels else None)
    sources = tuple(sorted(set(episode.sources) | {s for r in active for s in r.sources}))
    return replace(episode, regions=regions, threats=threats, level=level, sources=sources)
