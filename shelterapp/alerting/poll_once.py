"""One poll of every enabled source, in parallel, without Qt: what `shelterapp-cli status` prints."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from shelterapp.alerting.tracker import AlertTracker, Merged
from shelterapp.sources.base import Advisory, AdvisoryReport, AlertReport, FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import SourceSpec


@dataclass(frozen=True)
class SourceResult:
    name: str
    kind: str
    ok: bool
    error: FailureKind | None
    detail: str
    updated: datetime | None
    report: AlertReport | AdvisoryReport | None


@dataclass(frozen=True)
class Snapshot:
    merged: Merged
    results: dict[str, SourceResult]
    advisories: list[Advisory]


def poll_once(specs: list[SourceSpec], http: HttpClient, regions: tuple[str, ...], now: datetime) -> Snapshot:
    enabled = [s for s in specs if s.settings.enabled]
    with ThreadPoolExecutor(max_workers=max(1, min(8, len(enabled)))) as pool:
        results = list(pool.map(lambda spec: _poll(spec, http, regions, now), enabled))
    tracker = AlertTracker(regions=regions)
    for result in results:
        if result.kind != "alerts":
            continue
        tracker.add_source(result.name, 60)
        if isinstance(result.report, AlertReport):
            tracker.record_success(result.name, result.report, now)
        else:
            tracker.record_failure(result.name, SourceError(result.error or FailureKind.OFFLINE, result.detail), now)
    advisories = sorted(
        (item for r in results if isinstance(r.report, AdvisoryReport) for item in r.report.items),
        key=lambda a: a.published,
        reverse=True,
    )
    return Snapshot(tracker.merged(now), {r.name: r for r in results}, advisories)


def _poll(spec: SourceSpec, http: HttpClient, regions: tuple[str, ...], now: datetime) -> SourceResult:
    state: dict[str, object] = {}
    try:
        report = spec.fetch(http, regions, state, now)
    except SourceError as error:
        return SourceResult(spec.name, spec.kind, False, error.kind, error.detail, None, None)
    except Exception as error:  # a parser bug must not hide the other sources' answers
        return SourceResult(spec.name, spec.kind, False, FailureKind.BAD_DATA, type(error).__name__, None, None)
    return SourceResult(spec.name, spec.kind, True, None, "", report.fetched_at, report)
