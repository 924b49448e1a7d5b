"""The relay's polling, without Qt: the same sources (SourceSpec.fetch), the same backoff and Retry-After
(alerting/backoff.py), the same request budgets (each module's `state`), and the same merge (AlertTracker) as
the app's coordinators and service; what differs is only who calls it (a plain loop, not a QTimer).

A webhook call does not bring data: `hurry()` makes every healthy alert source due as soon as its own polite
minimum allows, and for HURRY_S keeps polling at that minimum (the feed may lag the webhook by a few seconds),
until the merged state changes. Budgets in each module still hold, so no flood of calls can break a feed's
limits.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from shelterapp.alerting.backoff import backoff_s
from shelterapp.alerting.disagreement import DisagreementDetector
from shelterapp.alerting.poll_once import Snapshot, SourceResult
from shelterapp.alerting.tracker import AlertTracker
from shelterapp.sources.base import Advisory, AdvisoryReport, AlertReport
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import SourceSpec

log = logging.getLogger(__name__)

HURRY_S = 60.0


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class PolledSource:
    spec: SourceSpec
    state: dict[str, object] = field(default_factory=dict)  # the module's memory (budgets, last answers)
    failures: int = 0
    last_error: SourceError | None = None
    paused: str = ""  # its key was refused: polling cannot help until the relay is restarted with another
    due: float = 0.0  # monotonic
    last_poll: float | None = None
    updated: datetime | None = None
    report: AlertReport | AdvisoryReport | None = None

    @property
    def min_interval_s(self) -> float:
        return max(1.0, float(getattr(self.spec.module, "MIN_INTERVAL_S", self.spec.interval_s)))


class RelayPoller:
    def __init__(
        self,
        specs: list[SourceSpec],
        http: HttpClient,
        regions: tuple[str, ...],
        clock: Callable[[], datetime] = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.sources = [PolledSource(s) for s in specs if s.settings.enabled and not s.pushed]
        self._http = http
        self.regions = regions
        self._clock = clock
        self._monotonic = monotonic
        self._jitter = jitter
        self.tracker = AlertTracker(regions=regions)
        self.disagreement = DisagreementDetector(regions)  # two polls in a row, as in the app
        for source in self.sources:
            if source.spec.kind == "alerts":
                self.tracker.add_source(source.spec.name, source.spec.interval_s)
        self._hurry_until = 0.0
        self.polls = 0

    def seconds_to_next(self) -> float:
        now = self._monotonic()
        waiting = [s.due - now for s in self.sources if not s.paused]
        return max(0.0, min(waiting)) if waiting else 3600.0

    def hurry(self) -> None:
        """Something changed upstream (a webhook call): poll each healthy alert source as soon as it may."""
        now = self._monotonic()
        self._hurry_until = now + HURRY_S
        for source in self.sources:
            if source.spec.kind == "alerts" and not source.failures and not source.paused:
                soonest = now if source.last_poll is None else source.last_poll + source.min_interval_s
                source.due = min(source.due, max(now, soonest))

    def calm(self) -> None:
        """The state changed: the webhook's news has arrived, back to the usual pace."""
        self._hurry_until = 0.0

    def poll_due(self, every: bool = False) -> list[str]:
        """Poll every source that is due (or all of them), in parallel; returns their names."""
        now = self._monotonic()
        chosen = [s for s in self.sources if not s.paused and (every or s.due <= now)]
        if not chosen:
            return []
        moment = self._clock()
        with ThreadPoolExecutor(max_workers=min(8, len(chosen))) as pool:
            outcomes = list(pool.map(lambda s: self._fetch(s, moment), chosen))
        for source, outcome in zip(chosen, outcomes, strict=True):
            self._record(source, outcome, self._monotonic())
        self.polls += 1
        return [s.spec.name for s in chosen]

    def _fetch(self, source: PolledSource, now: datetime) -> AlertReport | AdvisoryReport | SourceError:
        try:
            return source.spec.fetch(self._http, self.regions, source.state, now)
        except SourceError as error:
            return error
        except Exception as error:  # a parser bug: bad data for this source, the others go on
            log.error("%s failed unexpectedly", source.spec.name, exc_info=error)
            return SourceError(FailureKind.BAD_DATA, f"unexpected {type(error).__name__}")

    def _record(self, source: PolledSource, outcome: AlertReport | AdvisoryReport | SourceError, now: float) -> None:
        name, spec = source.spec.name, source.spec
        source.last_poll = now
        moment = self._clock()
        if isinstance(outcome, SourceError):
            source.failures += 1
            if source.failures == 1 or (source.last_error and source.last_error.kind != outcome.kind):
                log.warning("%s is down: %s", name, outcome)
            source.last_error = outcome
            if spec.kind == "alerts":
                self.tracker.record_failure(name, outcome, moment)
            if outcome.kind is FailureKind.AUTH and (spec.needs_token or "no token" in outcome.detail):
                source.paused = outcome.detail
                log.warning("%s paused: its key was refused; restart the relay with a new one", name)
                return
            source.due = now + backoff_s(spec.interval_s, source.failures, outcome, self._jitter())
            return
        if source.failures:
            log.info("%s is back after %d failed polls", name, source.failures)
        source.failures, source.last_error = 0, None
        source.report, source.updated = outcome, outcome.fetched_at
        if isinstance(outcome, AlertReport):
            self.tracker.record_success(name, outcome, moment)
            self.disagreement.observe(name, outcome, moment)
        hurrying = spec.kind == "alerts" and now < self._hurry_until
        source.due = now + (source.min_interval_s if hurrying else spec.interval_s)

    def snapshot(self) -> Snapshot:
        """What to publish: the merged state, each source's health, and the last good advisories."""
        now = self._clock()
        self.tracker.tick(now)
        results = {
            s.spec.name: SourceResult(
                s.spec.name,
                s.spec.kind,
                s.last_error is None and s.report is not None,
                s.last_error.kind if s.last_error else (None if s.report else FailureKind.OFFLINE),
                s.last_error.detail if s.last_error else ("" if s.report else "not polled yet"),
                s.updated,
                s.report,
            )
            for s in self.sources
        }
        advisories: list[Advisory] = sorted(
            (a for s in self.sources if isinstance(s.report, AdvisoryReport) for a in s.report.items),
            key=lambda a: a.published,
            reverse=True,
        )
        return Snapshot(self.tracker.merged(now), results, advisories)
