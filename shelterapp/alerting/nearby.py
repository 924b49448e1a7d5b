"""The city's edge: Kyiv-oblast raions next to the city often turn red before the city does (research/peers.md,
JAAM #314, home-alert #27). A quiet notice, "be ready", when one of them is alerted while the city is clear.

One notice per raion episode: a raion's episode starts when any healthy source says it is alerted and ends when
every healthy source that speaks for it has said clear for CLEAR_CONFIRM_S (as the city's own all-clear), so a
flickering feed cannot repeat the notice; an episode the history hands back after a restart is not news. These
are never AlertStarted events: no alarm, no full screen, nothing the city's own alert would do. Pure: no Qt, no I/O.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from shelterapp.alerting.tracker import CLEAR_CONFIRM_S
from shelterapp.sources.base import AlertReport, Level, RegionAlert, Threat

KYIV_CITY = "31"
# Vyshhorod, Bucha, Obukhiv, Fastiv, Boryspil, Brovary, Bila Tserkva: the raions that touch the city
KYIV_EDGE = ("74", "75", "76", "77", "78", "79", "73")
SAME_START = timedelta(minutes=2)  # feeds give one alert's start this close together


@dataclass(frozen=True)
class NearbyEpisode:
    """One alert in one raion next to the city, from its start to its all-clear."""

    uid: str
    region: str
    started: datetime  # as the feed gives it (when this machine heard it, if the feed gives no time)
    learnt_start: datetime  # when this machine heard it
    threats: tuple[Threat, ...] = ()
    level: Level | None = None
    sources: tuple[str, ...] = ()
    ended: datetime | None = None  # when this machine first heard it clear (confirmed CLEAR_CONFIRM_S later)
    learnt_end: datetime | None = None  # when the all-clear was confirmed here
    notified: bool = False  # a notice was given (the city was clear when it began)


@dataclass(frozen=True)
class NearbyStarted:
    episode: NearbyEpisode  # `notified` False when the city (or another of the user's regions) was under alert


@dataclass(frozen=True)
class NearbyEnded:
    episode: NearbyEpisode


NearbyEvent = NearbyStarted | NearbyEnded


def edge_of(regions: tuple[str, ...]) -> tuple[str, ...]:
    """The raions to watch for someone who watches `regions`: only Kyiv city's people, and never a raion they
    already watch themselves (that one gets a real alert)."""
    return tuple(r for r in KYIV_EDGE if r not in regions) if KYIV_CITY in regions else ()


class NearbyWatcher:
    """Feed it each alert source's good report (`observe`), then `step` after every change."""

    def __init__(self, raions: tuple[str, ...] = KYIV_EDGE, open_episodes: Iterable[NearbyEpisode] = ()) -> None:
        self.raions = raions
        self.open: dict[str, NearbyEpisode] = {e.region: e for e in open_episodes if e.region in raions}
        self._restored = set(self.open)  # handed back by the history: not yet seen on since this start
        self._said: dict[str, dict[str, RegionAlert]] = {}  # source -> raion -> its word
        self._clear_since: dict[str, datetime] = {}

    def observe(self, source: str, report: AlertReport) -> None:
        self._said[source] = {r: said for r in self.raions if (said := report.state_of(r)) is not None}

    def forget(self, source: str) -> None:
        self._said.pop(source, None)

    def step(self, healthy: Iterable[str], city_alerted: bool, now: datetime) -> list[NearbyEvent]:
        trusted = set(healthy)
        events: list[NearbyEvent] = []
        for raion in self.raions:
            words = [(s, said[raion]) for s, said in sorted(self._said.items()) if s in trusted and raion in said]
            if not words:
                continue  # nobody healthy speaks for it: an open episode stays open until we know
            active = [(s, w) for s, w in words if w.active]
            if active:
                self._clear_since.pop(raion, None)
                events += self._on(raion, active, city_alerted, now)
            else:
                events += self._off(raion, now)
        return events

    def _on(
        self, raion: str, active: list[tuple[str, RegionAlert]], city_alerted: bool, now: datetime
    ) -> list[NearbyEvent]:
        starts = [w.since for _, w in active if w.since is not None and w.since <= now]
        episode = self.open.get(raion)
        events: list[NearbyEvent] = []
        if episode is not None and raion in self._restored:
            self._restored.discard(raion)
            if starts and all(abs(start - episode.started) > SAME_START for start in starts):
                # the one the history kept ended while nothing watched; this is another
                ended = replace(episode, ended=episode.learnt_end or now, learnt_end=now)
                events.append(NearbyEnded(ended))
                episode = None
        if episode is None:
            episode = NearbyEpisode(
                uid=f"{raion}@{now.isoformat()}#{uuid.uuid4().hex[:8]}",
                region=raion,
                started=min(starts) if starts else now,
                learnt_start=now,
                notified=not city_alerted,
            )
            episode = _widen(episode, active)
            self.open[raion] = episode
            events.append(NearbyStarted(episode))
        else:
            self.open[raion] = _widen(episode, active)
        return events

    def _off(self, raion: str, now: datetime) -> list[NearbyEvent]:
        self._restored.discard(raion)
        episode = self.open.get(raion)
        if episode is None:
            self._clear_since.pop(raion, None)
            return []
        since = self._clear_since.setdefault(raion, now)
        if now - since < timedelta(seconds=CLEAR_CONFIRM_S):
            return []
        del self.open[raion], self._clear_since[raion]
        return [NearbyEnded(replace(episode, ended=max(since, episode.started), learnt_end=now))]


def _widen(episode: NearbyEpisode, active: list[tuple[str, RegionAlert]]) -> NearbyEpisode:
    threats = set(episode.threats) | {t for _, w in active for t in w.threats}
    levels = {w.level for _, w in active if w.level} | ({episode.level} if episode.level else set())
    return replace(
        episode,
        threats=tuple(t for t in Threat if t in threats),
        level=Level.RED if Level.RED in levels else (Level.YELLOW if levels else None),
        sources=tuple(sorted(set(episode.sources) | {s for s, _ in active})),
    )
