"""The app's downloadable shelter lists, updated in the two halves a GUI needs: `fetch_job(list)` gives the
slow half for a worker thread (download, read, check: updater.fetch_list), and `finish(fetched)` swaps the rows
in on the catalog's thread (one SQLite transaction: updater.apply_list). Qt-free: the data controller only
carries what one half returns to the other, and shows the outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from shelterapp.shelter_updates.updater import (
    FetchedList,
    UpdateFailed,
    UpdateOutcome,
    apply_list,
    fetch_list,
    largest_recent_rows,
    sources_due,
)
from shelterapp.shelters.catalog import Catalog

if TYPE_CHECKING:
    from shelterapp.progress import ListProgress
    from shelterapp.sources.shelter_lists import Download, ShelterList

log = logging.getLogger(__name__)

Fetched = FetchedList | UpdateOutcome  # a list ready to swap in, or why there is none


class ListUpdates:
    """`lists` (config.toml's view of them) into `catalog`; `download_for(list)` gives the download to use."""

    def __init__(
        self,
        catalog: Catalog,
        lists: Sequence[ShelterList],
        download_for: Callable[[ShelterList], Download],
        work_dir: Path,
    ) -> None:
        self.catalog = catalog
        self.lists = list(lists)
        self._download_for = download_for
        self._work_dir = work_dir

    def due(self, now: datetime) -> list[ShelterList]:
        """The enabled lists older than their refresh interval (now: timezone-aware)."""
        return sources_due(self.lists, self.catalog.datasets(), now)

    def fetch_job(self, source: ShelterList, progress: ListProgress | None = None) -> Callable[[], Fetched]:
        """The slow half, to run on a worker (`progress` hears of bytes and rows there). Call this on the catalog's
        thread: it reads the largest recent size the shrink check compares with (SQLite stays on its thread)."""
        largest = largest_recent_rows(self.catalog, source)
        download = self._download_for(source)
        catalog, work_dir = self.catalog, self._work_dir

        def job() -> Fetched:
            try:
                return fetch_list(source, catalog, download, work_dir, largest, progress)
            except UpdateFailed as failed:
                return failed.outcome

        return job

    def finish(self, fetched: Fetched) -> UpdateOutcome:
        """On the catalog's thread: the rows swapped in, or the failure the worker found."""
        if isinstance(fetched, UpdateOutcome):
            return fetched
        return apply_list(fetched, self.catalog)

    def failed(self, source: ShelterList, error: BaseException) -> UpdateOutcome:
        """What to report when the worker itself broke (a defect, not a bad list): logged with its traceback."""
        log.error("updating %s failed", source.name, exc_info=error)
        return UpdateOutcome(source.name, ok=False, error=type(error).__name__, failure="store")
