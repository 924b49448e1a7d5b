"""The shelter list as the app and the CLI use it: store + bundled seed + spatial index, in one object."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from shelterapp.progress import RowProgress
from shelterapp.resources import resource_path
from shelterapp.shelters.bundled import BUNDLED_ATTRIBUTION, BUNDLED_SOURCE, BundledData, load_bundled
from shelterapp.shelters.bundled_lists import seed_lists
from shelterapp.shelters.formats.base import UnreadableFile
from shelterapp.shelters.merge import merge_duplicates
from shelterapp.shelters.model import Shelter
from shelterapp.shelters.spatial import Hit, SpatialIndex
from shelterapp.shelters.store import Dataset, ShelterStore

if TYPE_CHECKING:
    from shelterapp.shelters.importer import ImportResult

log = logging.getLogger(__name__)


# Licences of the datasets a file import can bring, for the data dialog and `info` (a download names its own).
KNOWN_LICENCES = {"kyiv-opendata": "CC BY 4.0", "osm": "ODbL 1.0"}


class NothingToImport(UnreadableFile):
    """The file was read but held no valid shelter; the previous data stays. `result` says what was rejected."""

    def __init__(self, message: str, result: ImportResult) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class DataAge:
    """How old the newest data is, for 'data from 3 days ago' in the UI and CLI."""

    updated: str  # ISO date of the source data, '' if unknown
    days: int | None


class Catalog:
    """Loads every stored shelter into memory (a few thousand rows) and answers where-is-the-nearest.

    `shelters` holds one record per shelter: records of different sources that describe the same shelter
    are merged (merge.py); `merged` says how many stored rows were folded into another. `overlay`, when set,
    changes the stored rows before they are merged (e.g. geocode_job.apply_cached_positions); call reload().
    `lists`, when set, is a folder of shelter lists a release bundle carries (bundled_lists.py): imported when
    the store has no copy as new.
    """

    def __init__(
        self,
        store: ShelterStore,
        bundled: BundledData,
        overlay: Callable[[list[Shelter]], list[Shelter]] | None = None,
        lists: Path | None = None,
    ) -> None:
        self.store = store
        self.bundled = bundled
        self._seed_bundled()
        if lists is not None:
            seed_lists(store, lists)
        self.shelters: list[Shelter] = []
        self.merged = 0
        self.overlay = overlay
        self.index = SpatialIndex(())
        self.reload()

    @classmethod
    def open(cls, database: Path, overlay: Callable[[list[Shelter]], list[Shelter]] | None = None) -> Catalog:
        return cls(ShelterStore.open(database), load_bundled(), overlay, resource_path("lists"))

    def close(self) -> None:
        self.store.close()

    def _seed_bundled(self) -> None:
        current = {d.source: d for d in self.store.datasets()}.get(BUNDLED_SOURCE)
        if current is None or current.origin != self.bundled.fingerprint or current.rows != len(self.bundled.shelters):
            self.store.replace_dataset(
                BUNDLED_SOURCE,
                self.bundled.shelters,
                attribution=BUNDLED_ATTRIBUTION,
                origin=self.bundled.fingerprint,
                updated=self.bundled.updated,
            )
            log.info("bundled metro list (%s) written to the store", self.bundled.updated)

    def reload(self) -> None:
        stored = self.store.shelters()
        if self.overlay is not None:
            stored = self.overlay(stored)
        self.shelters = merge_duplicates(stored)
        self.merged = len(stored) - len(self.shelters)
        self.index = SpatialIndex(self.shelters)

    def counts_by_kind(self) -> dict[str, int]:
        """Shelters per kind after merging (sums to len(shelters)), sorted by kind."""
        return dict(sorted(Counter(s.kind.value for s in self.shelters).items()))

    def nearest(self, lat: float, lon: float, n: int = 10, kinds: Iterable[str] | None = None) -> list[Hit]:
        wanted = frozenset(kinds or ())
        accept: Callable[[Shelter], bool] | None = (lambda s: s.kind.value in wanted) if wanted else None
        return self.index.nearest(lat, lon, n, accept)

    def import_file(self, path: Path, fmt: str = "auto", progress: RowProgress | None = None) -> ImportResult:
        """Read, validate and swap in one file's shelters; the old rows stay on any failure."""
        return self.apply_import(self.parse_file(path, fmt, progress), path.name)

    def parse_file(self, path: Path, fmt: str = "auto", progress: RowProgress | None = None) -> ImportResult:
        """The slow, pure half of an import: safe on a worker thread (touches no shared state).
        progress(rows) hears of the rows read so far."""
        from shelterapp.shelters.importer import read_shelters  # the readers and their XML and CSV: when asked

        result = read_shelters(
            path,
            fmt,
            metro_lookup=self.bundled.metro_position,
            station_near=self.bundled.station_near,
            progress=progress,
        )
        if not result.shelters:
            raise NothingToImport(f"{path.name} holds no valid shelter ({result.rejected} rows rejected)", result)
        return result

    def apply_import(
        self, result: ImportResult, origin: str, *, licence: str = "", new_baseline: bool = False
    ) -> ImportResult:
        """The quick half: one SQLite transaction, then the in-memory list and index are rebuilt.
        new_baseline: a list chosen by hand; earlier recorded sizes of its dataset are forgotten."""
        self.store.replace_dataset(
            result.source,
            result.shelters,
            attribution=result.attribution,
            origin=origin,
            updated=result.shelters[0].updated,
            rejected=result.rejected,
            licence=licence or KNOWN_LICENCES.get(result.source, ""),
            new_baseline=new_baseline,
        )
        self.reload()
        return result

    def datasets(self) -> list[Dataset]:
        return self.store.datasets()

    def stored_rows(self, source: str) -> int:
        """Rows stored for one dataset now (before merging); 0 when it was never imported."""
        return next((d.rows for d in self.datasets() if d.source == source), 0)

    def largest_recent_rows(self, source: str, days: float, now: datetime | None = None) -> int:
        """The largest list of one dataset stored in the last `days` (and never less than what is stored now):
        what an update is compared with, so a list cannot shrink to nothing a little at a time."""
        since = (now or datetime.now(UTC)) - timedelta(days=days)
        return max([self.stored_rows(source), *self.store.recent_sizes(source, since)])

    def age(self, today: date | None = None) -> DataAge:
        """Age of the most recently imported dataset that is not our bundled list, else of the bundled one."""
        sets = self.datasets()
        imported = [d for d in sets if d.source != BUNDLED_SOURCE] or sets
        if not imported:
            return DataAge("", None)
        newest = max(imported, key=lambda d: d.updated or d.imported_at[:10])
        stamp = newest.updated or newest.imported_at[:10]
        try:
            then = date.fromisoformat(stamp[:10])
        except ValueError:
            return DataAge(stamp, None)
        now = today or datetime.now(UTC).date()
        return DataAge(stamp, max(0, (now - then).days))
