"""Runs every enabled feed and turns their reports into one alert state and one event per transition.

Composition: a SourceCoordinator per source -> AlertTracker (pure rules) -> HistoryStore (so a restart
repeats nothing) -> signals for the UI and the notification presenter. No widgets here.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from shelterapp.alerting.coordinator import SourceCoordinator, utc_now
from shelterapp.alerting.disagreement import DisagreementDetector, SourceWord
from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.nearby import NearbyEnded, NearbyEvent, NearbyStarted, NearbyWatcher, edge_of
from shelterapp.alerting.pushed import PushedSource
from shelterapp.alerting.tracker import (
    AlertEnded,
    AlertStarted,
    AlertTracker,
    Episode,
    Event,
    Merged,
    MissedAlert,
    State,
)
from shelterapp.sources.base import Advisory, AdvisoryReport, AlertReport
from shelterapp.sources.errors import SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import SourceSpec

log = logging.getLogger(__name__)

FIRST_RUN_NEWS = timedelta(hours=12)  # on a source's first poll only items this recent are news
TICK_MS = 5000  # re-evaluate staleness between polls


class AlertService(QObject):
    """Signals: state_changed(Merged), alert_started(Episode), alert_ended(Episode), missed_alert(Episode),
    advisory_new(Advisory), advisories_changed(), source_health_changed(str name),
    disagreement_changed(dict region -> tuple[SourceWord]), nearby_started(NearbyEpisode),
    nearby_ended(NearbyEpisode). Nearby episodes are never alert_started: no alarm, no full screen."""

    state_changed = Signal(object)
    alert_started = Signal(object)
    alert_ended = Signal(object)
    missed_alert = Signal(object)
    advisory_new = Signal(object)
    advisories_changed = Signal()
    source_health_changed = Signal(str)
    disagreement_changed = Signal(object)
    nearby_started = Signal(object)
    nearby_ended = Signal(object)

    def __init__(
        self,
        specs: Sequence[SourceSpec] | None,
        http: HttpClient,
        history: HistoryStore,
        regions: tuple[str, ...],
        clock: Callable[[], datetime] = utc_now,
        parent: QObject | None = None,
        nearby: bool = False,
    ) -> None:
        """`nearby`: watch the raions next to Kyiv (alerting/nearby.py) when the regions include the city.
        `specs` None: the feeds are not known yet and come through add_feeds() (the app reads them, and their keys,
        once its window is up: alerting/feed_start.py); until then the state is unknown, never "no feed"."""
        super().__init__(parent)
        self.feeds_known = specs is not None
        self.history = history
        self.clock = clock
        self._http = http
        self._regions = regions
        self.disagreement = DisagreementDetector(regions)
        self._shown_disagreement: dict[str, tuple[SourceWord, ...]] = {}
        self.nearby: NearbyWatcher | None = None
        self.nearby = self._nearby_watcher(nearby)
        self.tracker = AlertTracker(regions, episode=history.open_episode(), known_past=history.episode_starts())
        self.coordinators: dict[str, SourceCoordinator | PushedSource] = {}  # pushed: the relay (MQTT)
        self.specs: list[SourceSpec] = []
        self._build(specs or ())
        self._last_state: Merged | None = None
        self._saved_episode = self.tracker.episode
        self._unsaved: dict[str, tuple[Episode, bool]] = {}  # episodes a failed write still owes the history
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(lambda: self._apply(self.tracker.tick(self.clock())))

    def _build(self, specs: Sequence[SourceSpec]) -> None:
        self.specs = list(specs)
        self._add_coordinators(self.specs)

    def _add_coordinators(self, specs: Sequence[SourceSpec]) -> None:
        for spec in specs:
            if not spec.settings.enabled:
                continue
            coordinator: SourceCoordinator | PushedSource
            if spec.pushed:
                coordinator = PushedSource(spec, parent=self)
                coordinator.lost.connect(self._lost)
            else:
                watch = self.nearby.raions if self.nearby else ()
                coordinator = SourceCoordinator(
                    spec, self._http, self._regions, clock=self.clock, parent=self, watch=watch
                )
            coordinator.updated.connect(self._updated)
            coordinator.failed.connect(self._failed)
            self.coordinators[spec.name] = coordinator
            if spec.kind == "alerts":
                self.tracker.add_source(spec.name, spec.interval_s)

    def reconfigure(
        self, specs: Sequence[SourceSpec], regions: tuple[str, ...] | None = None, nearby: bool | None = None
    ) -> None:
        """New settings (a token entered, other regions, the raions next to Kyiv on or off): rebuild the
        coordinators; the open alert and history stay."""
        was_unconfigured = self.unconfigured
        self.feeds_known = True
        if regions is not None and regions != self._regions:
            self._regions = regions
            self.tracker.regions = regions
            self.disagreement = DisagreementDetector(regions)
            self._last_state = None  # the banner must show the new regions
        self.nearby = self._nearby_watcher(bool(self.nearby) if nearby is None else nearby)
        for coordinator in self.coordinators.values():
            coordinator.stop()
            coordinator.updated.disconnect(self._updated)
            coordinator.failed.disconnect(self._failed)
            if isinstance(coordinator, PushedSource):
                coordinator.lost.disconnect(self._lost)
            coordinator.setParent(None)  # freed once its in-flight poll, if any, has come back
        self.coordinators = {}
        kept = {name: health for name, health in self.tracker.sources.items()}
        self.tracker.sources = {}
        self._build(specs)
        for name, health in kept.items():
            if name in self.tracker.sources:
                self.tracker.sources[name] = health
        if self._tick.isActive():
            for coordinator in self.coordinators.values():
                coordinator.start()
        if self.unconfigured != was_unconfigured:
            self._last_state = None  # the banner says "no feed configured", or stops saying it
        self._apply([])

    def add_feeds(self, specs: Sequence[SourceSpec], all_known: bool = True) -> None:
        """Feeds read after the service was built join it; those already polling go on undisturbed (the feeds that
        need no key come first, the others once the keyring has answered: `all_known`). Ignored once the feeds are
        known: a reconfigure() from Settings came first and is newer."""
        if self.feeds_known:
            return
        self.feeds_known = all_known
        names = {spec.name for spec in specs}
        joining = [spec for spec in specs if spec.name not in self.coordinators]
        self.specs = [*specs, *(spec for spec in self.specs if spec.name not in names)]
        self._add_coordinators(joining)
        if self._tick.isActive():
            for spec in joining:
                if spec.name in self.coordinators:
                    self.coordinators[spec.name].start()
        self._last_state = None  # the banner with its feeds, or "no feed configured"
        self._apply([])

    @property
    def regions(self) -> tuple[str, ...]:
        return self._regions

    @property
    def has_alert_sources(self) -> bool:
        return bool(self.tracker.sources)

    @property
    def unconfigured(self) -> bool:
        """No alert feed is on, and none is still to come: the banner says so instead of a state."""
        return self.feeds_known and not self.tracker.sources

    def start(self) -> None:
        for coordinator in self.coordinators.values():
            coordinator.start()
        self._tick.start()
        self._apply([])

    def stop(self) -> None:
        self._tick.stop()
        for coordinator in self.coordinators.values():
            coordinator.stop()

    def merged(self) -> Merged:
        return self.tracker.merged(self.clock())

    def _updated(self, name: str, report: object) -> None:
        now = self.clock()
        if isinstance(report, AlertReport):
            self.disagreement.observe(name, report, now)
            if self.nearby is not None:
                self.nearby.observe(name, report)
            self._apply(self.tracker.record_success(name, report, now))
            self._remember(lambda: self.history.remember_success(name, report, now))
        elif isinstance(report, AdvisoryReport):
            self._advisories(name, report, now)
            self._remember(lambda: self.history.remember_success(name, report.items, now))
        self.source_health_changed.emit(name)

    def _failed(self, name: str, error: SourceError) -> None:
        now = self.clock()
        if name in self.tracker.sources:
            self._apply(self.tracker.record_failure(name, error, now))
        kind = self.coordinators[name].spec.kind if name in self.coordinators else "alerts"
        self._remember(lambda: self.history.remember_failure(name, kind, error.kind.value, error.detail, now))
        self.source_health_changed.emit(name)

    def _lost(self, name: str, error: SourceError) -> None:
        """A pushed source can no longer be heard: its data stops counting now, not minutes later."""
        if name in self.tracker.sources:
            self._apply(self.tracker.record_lost(name, error, self.clock()))
        self.source_health_changed.emit(name)

    def _remember(self, write: Callable[[], None]) -> None:
        """Each source's last answer, for `shelterapp-cli status`: a convenience, never worth an error."""
        try:
            write()
        except sqlite3.Error as exc:
            log.warning("could not keep a source's last answer in the history: %s", exc)

    def _apply(self, events: list[Event]) -> None:
        """Announce every event, and record it; a failed write (disk full, file locked) never costs an
        announcement and is retried at the next poll, so the history ends every episode it opened."""
        signals = {AlertStarted: self.alert_started, AlertEnded: self.alert_ended, MissedAlert: self.missed_alert}
        for event in events:
            self._unsaved[event.episode.key] = (event.episode, isinstance(event, MissedAlert))
            self._save_pending()  # before the signal: the history pane shows it at once
            signals[type(event)].emit(event.episode)
            self._note_learnt(event)
        episode = self.tracker.episode
        if episode is not None and episode != self._saved_episode:  # widened regions/threats, last seen on
            self._unsaved[episode.key] = (episode, False)
        self._saved_episode = episode
        self._save_pending()
        merged = self.merged()
        if self._last_state is None or _visible(merged) != _visible(self._last_state):
            self._last_state = merged
            if merged.healthy:
                self._remember(
                    lambda: self.history.save_last_state(
                        merged.state.value, self.clock(), {"regions": list(merged.regions)}
                    )
                )
            self.state_changed.emit(merged)
        self._watch_edges(merged)

    def _save_pending(self) -> None:
        for key, (episode, missed) in list(self._unsaved.items()):
            try:
                self.history.save_episode(episode, missed=missed)
            except sqlite3.Error as exc:
                log.error("could not record alert %s in the history (retried at the next poll): %s", key, exc)
                return
            del self._unsaved[key]

    def _advisories(self, name: str, report: AdvisoryReport, now: datetime) -> None:
        sources = {item.source for item in report.items} or {name}  # CAP feeds all file their items as "cap"
        first_time = not any(self.history.announced_any_from(source) for source in sources)
        fresh = self.history.new_advisories(report.items, now)
        if not fresh:
            return
        self.advisories_changed.emit()
        if first_time:  # a newly enabled feed: its backlog is not news, only the latest recent item
            fresh = [a for a in fresh if now - a.published <= FIRST_RUN_NEWS][:1]
        for advisory in fresh:
            self.advisory_new.emit(advisory)

    def advisories(self) -> list[Advisory]:
        return self.history.advisories()

    # issue #16: when this machine learnt each alert, sources that disagree, the raions next to the city ------
    def _note_learnt(self, event: Event) -> None:
        now, key = self.clock(), event.episode.key
        start = now if isinstance(event, AlertStarted | MissedAlert) else None
        end = now if isinstance(event, AlertEnded | MissedAlert) else None
        try:
            self.history.record.note_learnt(key, start, end)
        except sqlite3.Error as exc:  # the record is a help; the alert itself is saved and announced
            log.warning("could not record when alert %s was learnt: %s", key, exc)

    def _nearby_watcher(self, on: bool) -> NearbyWatcher | None:
        raions = edge_of(self._regions) if on else ()
        if not raions:
            return None
        if self.nearby is not None and self.nearby.raions == raions:
            return self.nearby  # what it already heard and the episodes it holds open stay
        return NearbyWatcher(raions, self.history.record.open_nearby())

    def shown_disagreement(self) -> dict[str, tuple[SourceWord, ...]]:
        """Per user region, the healthy sources' words while they disagree (two polls in a row), else ()."""
        return self._shown_disagreement

    def _watch_edges(self, merged: Merged) -> None:
        now = self.clock()
        found = {r: words for r, words in self.disagreement.current(merged.healthy).items() if words}
        if found != self._shown_disagreement:
            if found:
                log.info("sources disagree: %s", {r: [(w.source, w.state) for w in ws] for r, ws in found.items()})
            self._shown_disagreement = found
            self.disagreement_changed.emit(found)
        if self.nearby is None:
            return
        city_alerted = merged.state is State.ACTIVE or merged.episode is not None
        for event in self.nearby.step(merged.healthy, city_alerted, now):
            self._nearby_event(event)

    def _nearby_event(self, event: NearbyEvent) -> None:
        try:
            self.history.record.save_nearby(event.episode)
        except sqlite3.Error as exc:
            log.warning("could not record the alert next to the city: %s", exc)
        if isinstance(event, NearbyStarted):
            self.nearby_started.emit(event.episode)
        elif isinstance(event, NearbyEnded):
            self.nearby_ended.emit(event.episode)


def _visible(merged: Merged) -> tuple[object, ...]:
    """What the banner and tray show: repaint only when it changes (bursts are coalesced)."""
    episode = replace(merged.episode, last_seen=None) if merged.episode else None  # not shown: no repaint
    return (merged.state, merged.since, merged.healthy, tuple(merged.regions.values()), episode)
