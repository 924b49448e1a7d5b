"""Update one downloadable shelter list: download, read, check, swap in; on any failure the old rows stay.

A broken server page must never wipe the city's list, so a download is stored only when it reads as a shelter
list, holds at least one valid shelter and passes plausibility.py: a believable spread of positions, few
repeated points, mostly known kinds, and not less than half the largest list of that dataset stored in the
last 90 days (the store keeps a small record of recent sizes). URLs are tried in turn (the city's main host,
then its stage host) until one passes every check.

Two halves, so the app can keep its GUI thread free: `fetch_list` (slow: network and parsing; worker-safe, it
only calls the catalog's parse_file) and `apply_list` (one SQLite transaction; on the catalog's thread).
`update_list` runs both. Messages name hosts only, never a URL's query (HttpClient's messages are safe too).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from shelterapp.shelter_updates.plausibility import RECENT_DAYS, check_update
from shelterapp.shelters.catalog import Catalog, NothingToImport
from shelterapp.shelters.importer import ImportResult, UnreadableFile
from shelterapp.shelters.store import Dataset, StoreError
from shelterapp.sources.errors import SourceError

if TYPE_CHECKING:
    from shelterapp.progress import ListProgress, RowProgress
    from shelterapp.sources.shelter_lists import Download, ShelterList

log = logging.getLogger(__name__)

CLOCK_SKEW = timedelta(hours=1)  # an import stamped further in the future than this means the clock was wrong

# Stable failure codes (for a UI that translates): offline, timeout, rate_limited, auth, server_error, bad_data
# (from the download), unreadable (not a shelter list), no_shelters, duplicate_points, clustered, unknown_kinds,
# shrank (plausibility.py), disk, store.


@dataclass(frozen=True)
class UpdateOutcome:
    """What one update did; `error` is one sentence for the log and the CLI, `failure` a stable code."""

    source: str  # the list's name: "kyiv_opendata", "osm"
    ok: bool
    rows: int = 0  # shelters stored
    rejected: int = 0
    unpositioned: int = 0
    attribution: str = ""
    licence: str = ""
    url: str = ""  # where the rows came from: scheme, host and path (no query)
    updated: str = ""  # ISO date of the data
    error: str | None = None
    reasons: dict[str, int] = field(default_factory=dict)  # rejection reason code -> count
    failure: str | None = None


@dataclass(frozen=True)
class FetchedList:
    """A downloaded list that passed every check, re-keyed to its dataset, waiting to be swapped in."""

    source: ShelterList
    result: ImportResult
    url: str


class UpdateFailed(Exception):
    """fetch_list found no usable list; `outcome` says why."""

    def __init__(self, outcome: UpdateOutcome) -> None:
        super().__init__(outcome.error)
        self.outcome = outcome


class _Refused(Exception):
    def __init__(self, failure: str, message: str) -> None:
        super().__init__(message)
        self.failure = failure


def update_list(
    source: ShelterList,
    catalog: Catalog,
    download: Download,
    work_dir: Path,
    progress: ListProgress | None = None,
) -> UpdateOutcome:
    """Download, check and swap in one list; the old rows stay on any failure."""
    try:
        fetched = fetch_list(source, catalog, download, work_dir, largest_recent_rows(catalog, source), progress)
    except UpdateFailed as failed:
        return failed.outcome
    return apply_list(fetched, catalog)


def largest_recent_rows(catalog: Catalog, source: ShelterList) -> int:
    """What the shrink check compares with (read on the catalog's thread: SQLite stays there)."""
    return catalog.largest_recent_rows(source.dataset, RECENT_DAYS)


def fetch_list(
    source: ShelterList,
    catalog: Catalog,
    download: Download,
    work_dir: Path,
    largest_recent: int,
    progress: ListProgress | None = None,
) -> FetchedList:
    """The first of the list's URLs whose answer passes every check; raises UpdateFailed when none does.
    largest_recent: largest_recent_rows() of source.dataset (read on the catalog's thread), for the shrink check.
    progress hears of the bytes downloaded, then of the rows read (on this function's thread)."""
    problems: list[_Refused] = []
    on_bytes = progress.bytes_received if progress is not None else None
    on_rows = progress.rows_read if progress is not None else None
    for url in source.urls:
        try:
            result = _download_and_read(source, catalog, download(url, on_bytes), work_dir, on_rows)
            implausible = check_update(result, largest_recent)
            if implausible is not None:
                raise _Refused(implausible.failure, implausible.reason)
        except SourceError as exc:
            problems.append(_Refused(exc.kind.value, exc.detail))
        except _Refused as refused:
            problems.append(_Refused(refused.failure, f"{_host(url)}: {refused}"))
        else:
            return FetchedList(source, result, public_url(url))
        log.warning("shelter list %s: %s", source.name, problems[-1])
    error = "; ".join(str(problem) for problem in problems)
    raise UpdateFailed(
        UpdateOutcome(source.name, ok=False, error=error, failure=problems[0].failure if problems else None)
    )


def apply_list(fetched: FetchedList, catalog: Catalog) -> UpdateOutcome:
    """Swap the rows in (one transaction) and rebuild the catalog; a store failure keeps the old rows."""
    source, result = fetched.source, fetched.result
    try:
        catalog.apply_import(result, fetched.url, licence=source.licence)
    except (sqlite3.Error, OSError, StoreError) as exc:  # the transaction rolled back
        log.exception("shelter list %s could not be stored", source.name)
        return UpdateOutcome(source.name, ok=False, error=f"the list could not be stored: {exc}", failure="store")
    log.info("shelter list %s updated from %s: %d rows", source.name, fetched.url, result.accepted)
    return UpdateOutcome(
        source=source.name,
        ok=True,
        rows=result.accepted,
        rejected=result.rejected,
        unpositioned=result.unpositioned,
        attribution=source.attribution,
        licence=source.licence,
        url=fetched.url,
        updated=result.shelters[0].updated,
        reasons=dict(result.reasons),
    )


def _download_and_read(
    source: ShelterList, catalog: Catalog, body: bytes, work_dir: Path, on_rows: RowProgress | None = None
) -> ImportResult:
    """The body through the importer (format by content), re-keyed so that dataset and id prefix are the list's."""
    if not body.strip():
        raise _Refused("unreadable", "the answer was empty")
    try:
        work_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{source.name}-", suffix=".download", dir=work_dir)
        with os.fdopen(handle, "wb") as file:
            file.write(body)
    except OSError as exc:
        raise _Refused("disk", f"the download could not be saved in {work_dir}: {exc.strerror or exc}") from exc
    try:
        result = catalog.parse_file(Path(name), "auto", on_rows)
    except NothingToImport as exc:
        raise _Refused("no_shelters", f"the list holds no valid shelter ({exc.result.rejected} rows rejected)") from exc
    except UnreadableFile as exc:
        reason = str(exc).rstrip(".")
        raise _Refused("unreadable", f"not a shelter list: {reason[:1].lower()}{reason[1:]}") from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
    return rekeyed(result, source.dataset, source.attribution)


def rekeyed(result: ImportResult, dataset: str, attribution: str) -> ImportResult:
    """The rows under `dataset` ("geojson:501" -> "kyiv-opendata:501"): ids stay stable for the same content."""
    prefix = f"{result.source}:"
    shelters = result.shelters
    if result.source != dataset:
        shelters = [replace(s, id=f"{dataset}:{s.id.removeprefix(prefix)}", source=dataset) for s in shelters]
    return replace(result, source=dataset, shelters=shelters, attribution=attribution)


def public_url(url: str) -> str:
    """Scheme, host and path only: a query may carry a token, and Overpass queries are long."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[-1], parts.path, "", ""))


def _host(url: str) -> str:
    return urlsplit(url).netloc.rsplit("@", 1)[-1] or "the server"


def due_for_refresh(dataset: Dataset | None, now: datetime, period_s: float) -> bool:
    """True when the dataset was never imported, or last imported period_s or more ago (or, by a clock that was
    wrong, in the future). now must be timezone-aware."""
    if dataset is None:
        return True
    try:
        imported = datetime.fromisoformat(dataset.imported_at)
    except ValueError:
        return True
    if imported.tzinfo is None:
        return True
    age = now - imported
    return age < -CLOCK_SKEW or age.total_seconds() >= period_s


def sources_due(lists: Iterable[ShelterList], datasets: Iterable[Dataset], now: datetime) -> list[ShelterList]:
    """The enabled lists whose dataset is due for its refresh (each list's own interval_s)."""
    by_key = {dataset.source: dataset for dataset in datasets}
    return [s for s in lists if s.enabled and due_for_refresh(by_key.get(s.dataset), now, s.interval_s)]
