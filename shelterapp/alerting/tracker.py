"""The alert state that never lies: merge every source's word, decide transitions, dedupe. Pure: no Qt, no I/O.

Rules (issue #3, research/alerts-apis.md section 0):
- A region is *active* when any healthy source says so; *clear* only when every healthy source that can
  speak for it says clear; otherwise *unknown*. A failed, rate-limited or malformed poll never yields
  clear: it only makes that source unhealthy once its last good data is too old to trust.
- The user's regions form one *episode*: it starts when any of them becomes active and ends when all
  are clear. Each episode raises one start and one end event, whatever the number of sources, their
  flapping, or restarts (the open episode is persisted by the caller and handed back on start).
- All-clear is confirmed only after it has held for CLEAR_CONFIRM_S, so a source that flickers does not
  produce end+start pairs; an alert start is never delayed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from shelterapp.sources.base import AlertReport, FailureKind, Level, PastAlert, SourceError, Threat

CLEAR_CONFIRM_S = 20.0
STALE_AFTER_POLLS = 2.5  # a source's data is trusted for 2.5 poll intervals (+ grace) after its last success
STALE_GRACE_S = 10.0
RECENT_END_NOTIFY = timedelta(hours=12)  # an episode found ended at start-up is announced only if this recent


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
        limit = timedelta(seconds=self.interval_s * STALE_AFTER_POLLS + STALE_GRACE_S)
        return now - self.last_success <= limit


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

    @property
    def key(self) -> str:
        return self.started.isoformat()

    def duration(self, now: datetime) -> timedelta:
        return (self.ended or now) - self.started


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
    known_past: set[str] = field(default_factory=set)  # keys of episodes already recorded (missed-alert dedupe)
    sources: dict[str, SourceHealth] = field(default_factory=dict)
    _clear_since: datetime | None = None
    _unknown_since: datetime | None = None
    _calm_since: datetime | None = None
    _started_at: datetime | None = None  # when this tracker first ran: history older than that is not news

    def add_source(self, name: str, interval_s: float) -> None:
        self.sources.setdefault(name, SourceHealth(name, interval_s))

    def record_success(self, name: str, report: AlertReport, now: datetime) -> list[Event]:
        health = self.sources[name]
        health.ok, health.error, health.error_detail, health.withdrawn = True, None, "", False
        health.last_success = health.last_attempt = now
        health.report = report
        return self._missed(report.history, now) + self._step(now)

    def record_failure(self, name: str, error: SourceError, now: datetime) -> list[Event]:
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
            self._clear_since = None
            self._calm_since = None
            if self.episode is None:
                self.episode = _episode_from(merged, now)
                events.append(AlertStarted(self.episode))
            else:
                self.episode = _widen(self.episode, merged)
        elif merged.state is State.CLEAR:
            self._clear_since = self._clear_since or now
            if self.episode is not None and (now - self._clear_since).total_seconds() >= CLEAR_CONFIRM_S:
                # a clock set back during the alert must not end it before it began ("all clear after -55 min")
                ended = replace(self.episode, ended=max(self._clear_since, self.episode.started))
                self.episode = None
                self.known_past.add(ended.key)
                self._calm_since = ended.ended
                if now - ended.started <= RECENT_END_NOTIFY or ended.started >= (self._started_at or now):
                    events.append(AlertEnded(ended))
            elif self.episode is None and self._calm_since is None:
                self._calm_since = now
        # UNKNOWN: nothing is announced; the open episode (if any) stays open until we know it ended.
        return events

    def _missed(self, history: tuple[PastAlert, ...], now: datetime) -> list[Event]:
        events: list[Event] = []
        watch = set(self.regions)
        horizon = self._started_at or now
        for past in sorted(history, key=lambda p: p.started):
            if past.region_id not in watch or past.ended <= horizon:
                continue  # before we started watching: history, not news
            if self.episode is not None and past.started >= self.episode.started - timedelta(minutes=2):
                continue  # part of the alert we are already tracking
            key = past.started.isoformat()
            if key in self.known_past or any(
                abs((past.started - _parse(k)).total_seconds()) < 120 for k in self.known_past
            ):
                continue  # another source already told us of this one
            self.known_past.add(key)
            episode = Episode(past.started, (past.region_id,), past.threats, None, (), past.ended)
            events.append(MissedAlert(episode))
        return events


def _parse(key: str) -> datetime:
    return datetime.fromisoformat(key)


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
    return _widen(Episode(started, ()), merged)


def _widen(episode: Episode, merged: Merged) -> Episode:
    active = [r for r in merged.regions.values() if r.state is State.ACTIVE]
    regions = tuple(sorted(set(episode.regions) | {r.region_id for r in active}))
    threats = tuple(sorted(set(episode.threats) | {t for r in active for t in r.threats}, key=list(Threat).index))
    levels = {r.level for r in active if r.level} | ({episode.level} if episode.level else set())
    level = Level.RED if Level.RED in levels else (Level.YELLOW if levels else None)
    sources = tuple(sorted(set(episode.sources) | {s for r in active for s in r.sources}))
    return replace(episode, regions=regions, threats=threats, level=level, sources=sources)
