"""One poll of every enabled source, in parallel, without Qt: what `shelterapp-cli status` prints.

With the history (the same SQLite file the window writes), a failing source is not forgotten: its last good
answer, whoever fetched it, still counts while it is recent enough to trust (the tracker's own rule, so a
stale "clear" becomes "unknown", never "clear"), and its last good advisories stay listed with when they were
received. What this poll fetched is recorded for the next run and for the window, but nothing is marked
announced and no alert episode is opened or closed here: the CLI never notifies, and never keeps the window
from telling.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TypeVar

from shelterapp.alerting.history import HistoryStore, SourceMemory
from shelterapp.alerting.tracker import AlertTracker, Merged
from shelterapp.sources.base import Advisory, AdvisoryReport, AlertReport
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import SourceSpec

log = logging.getLogger(__name__)

T = TypeVar("T")
CLI_TRUST_INTERVAL_S = 60.0  # a one-shot poll trusts an answer for 2.5 of these (+ grace), as the tracker says


@dataclass(frozen=True)
class SourceResult:
    name: str
    kind: str
    ok: bool
    error: FailureKind | None
    detail: str
    updated: datetime | None  # this poll's answer, or (failed) the last good one the history kept
    report: AlertReport | AdvisoryReport | None  # this poll's answer, or (failed) the last good alert state kept
    stale: bool = False  # failed now: `report` and `updated` are the last good answer


@dataclass(frozen=True)
class ListedAdvisory:
    advisory: Advisory
    received: datetime | None  # when it first reached this computer (the window or the CLI)
    stale: bool  # its source failed now: listed from its last good answer


@dataclass(frozen=True)
class Snapshot:
    merged: Merged
    results: dict[str, SourceResult]
    advisories: list[Advisory]
    listed: list[ListedAdvisory] = field(default_factory=list)  # the same, with received time and staleness
    history_problem: str = ""  # the history could not be read or written: this poll alone


def poll_once(
    specs: list[SourceSpec],
    http: HttpClient,
    regions: tuple[str, ...],
    now: datetime,
    history: HistoryStore | None = None,
) -> Snapshot:
    enabled = [s for s in specs if s.settings.enabled]
    with ThreadPoolExecutor(max_workers=max(1, min(8, len(enabled)))) as pool:
        fresh = list(pool.map(lambda spec: _poll(spec, http, regions, now), enabled))
    problems: list[str] = []
    memory = _guarded(problems, lambda: history.source_memory() if history else {}) or {}
    results = [_with_memory(result, memory.get(result.name)) for result in fresh]
    tracker = AlertTracker(regions=regions)  # in memory only: episodes are the window's to open and close
    alerts = [r for r in results if r.kind == "alerts"]
    for result in alerts:
        tracker.add_source(result.name, CLI_TRUST_INTERVAL_S)
    kept = sorted((r for r in alerts if r.stale and r.updated), key=lambda r: r.updated or now)  # oldest first
    for result in kept:  # each failing source's last good answer, at its own time: the tracker judges its age
        if isinstance(result.report, AlertReport) and result.updated is not None:
            tracker.record_success(result.name, result.report, result.updated)
    for result in alerts:
        if isinstance(result.report, AlertReport) and result.ok:
            tracker.record_success(result.name, result.report, now)
        elif not result.ok:
            tracker.record_failure(result.name, SourceError(result.error or FailureKind.OFFLINE, result.detail), now)
    listed = _advisories(history, results, memory, now, problems) if history else _plain(results)
    if history is not None:
        for result in fresh:
            _guarded(problems, partial(_remember, history, result, now))
    return Snapshot(
        tracker.merged(now), {r.name: r for r in results}, [a.advisory for a in listed], listed, "; ".join(problems)
    )


def poll_with_own_client(specs: list[SourceSpec], regions: tuple[str, ...], now: datetime) -> Snapshot:
    """One poll of every enabled feed through a client made for it and closed after (the drill's feed link:
    the window's and the command line's)."""
    http = HttpClient()
    try:
        return poll_once(specs, http, regions, now)
    finally:
        http.close()


def _poll(spec: SourceSpec, http: HttpClient, regions: tuple[str, ...], now: datetime) -> SourceResult:
    state: dict[str, object] = {}
    try:
        report = spec.fetch(http, regions, state, now)
    except SourceError as error:
        return SourceResult(spec.name, spec.kind, False, error.kind, error.detail, None, None)
    except Exception as error:  # a parser bug must not hide the other sources' answers
        return SourceResult(spec.name, spec.kind, False, FailureKind.BAD_DATA, type(error).__name__, None, None)
    return SourceResult(spec.name, spec.kind, True, None, "", report.fetched_at, report)


def _with_memory(result: SourceResult, kept: SourceMemory | None) -> SourceResult:
    """A failed poll keeps the source's last good answer (and its time) from the history."""
    if result.ok or kept is None or kept.succeeded is None:
        return result
    return SourceResult(
        result.name, result.kind, False, result.error, result.detail, kept.succeeded, kept.report, stale=True
    )


def _advisories(
    history: HistoryStore,
    results: list[SourceResult],
    memory: dict[str, SourceMemory],
    now: datetime,
    problems: list[str],
) -> list[ListedAdvisory]:
    items: list[tuple[Advisory, bool]] = []
    for result in results:
        if result.kind != "advisories":
            continue
        if isinstance(result.report, AdvisoryReport):
            current = result.report.items
            _guarded(problems, partial(history.record_advisories, current, now))  # received, not announced
            items += [(item, False) for item in current]
        elif (kept := memory.get(result.name)) is not None:
            stored = _guarded(problems, partial(history.stored_advisories, kept.items)) or []
            items += [(item, True) for item in stored]
    received = _guarded(problems, lambda: history.received((a.source, a.uid) for a, _ in items)) or {}
    listed = [ListedAdvisory(a, received.get((a.source, a.uid)), stale) for a, stale in items]
    return sorted(listed, key=lambda entry: entry.advisory.published, reverse=True)


def _plain(results: list[SourceResult]) -> list[ListedAdvisory]:
    items = [item for r in results if isinstance(r.report, AdvisoryReport) for item in r.report.items]
    return [ListedAdvisory(a, None, False) for a in sorted(items, key=lambda a: a.published, reverse=True)]


def _remember(history: HistoryStore, result: SourceResult, now: datetime) -> None:
    if isinstance(result.report, AlertReport):
        history.remember_success(result.name, result.report, now)
    elif isinstance(result.report, AdvisoryReport):
        history.remember_success(result.name, result.report.items, now)
    else:
        error = (result.error or FailureKind.OFFLINE).value
        history.remember_failure(result.name, result.kind, error, result.detail, now)


def _guarded(problems: list[str], action: Callable[[], T]) -> T | None:
    """The history is a help, not a condition: locked past the busy timeout, read-only or full, the poll stands."""
    try:
        return action()
    except sqlite3.Error as exc:
        log.warning("shelterapp-cli: history not usable: %s", exc)
        problems.append(str(exc))
        return None
