"""SQLite home of the shelter list: versioned schema, atomic replacement of a dataset, corruption set aside.

Each dataset (bundled metro list, the city's official list, OpenStreetMap, ...) is replaced as a
unit inside one transaction, so a failed or killed import leaves the previous rows exactly as
they were: SQLite's journal rolls an unfinished transaction back on the next open.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from shelterapp.shelters.model import Kind, Shelter
from shelterapp.storage.dbfile import NewerSchema, open_database

log = logging.getLogger(__name__)

_COLUMNS = (
    "id", "name_uk", "name_en", "kind", "address", "district", "lat", "lon", "capacity",
    "accessible", "open_24_7", "source", "updated", "line", "phone", "place", "hours",
)  # fmt: skip


def _migrate_1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE shelters (
            id TEXT PRIMARY KEY, name_uk TEXT NOT NULL DEFAULT '', name_en TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL, address TEXT NOT NULL DEFAULT '', district TEXT NOT NULL DEFAULT '',
            lat REAL, lon REAL, capacity INTEGER, accessible INTEGER, open_24_7 INTEGER,
            source TEXT NOT NULL, updated TEXT NOT NULL DEFAULT '', line TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '', place TEXT NOT NULL DEFAULT '', hours TEXT NOT NULL DEFAULT '')"""
    )
    db.execute("CREATE INDEX shelters_source ON shelters(source)")
    db.execute(
        """CREATE TABLE datasets (
            source TEXT PRIMARY KEY, attribution TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL DEFAULT '',
            updated TEXT NOT NULL DEFAULT '', imported_at TEXT NOT NULL,
            accepted INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0)"""
    )


def _migrate_2(db: sqlite3.Connection) -> None:
    """Datasets say under which licence their rows may be shown (downloaded lists: CC BY 4.0, ODbL 1.0)."""
    db.execute("ALTER TABLE datasets ADD COLUMN licence TEXT NOT NULL DEFAULT ''")


def _migrate_3(db: sqlite3.Connection) -> None:
    """A small record of each dataset's recent sizes, so an update is compared with the largest recent list,
    not only the last one (100 -> 55 -> 28 -> 14 must not pass in three steps). Seeded with what is stored."""
    db.execute("CREATE TABLE dataset_sizes (source TEXT NOT NULL, recorded_at TEXT NOT NULL, rows INTEGER NOT NULL)")
    db.execute("CREATE INDEX dataset_sizes_source ON dataset_sizes(source, recorded_at)")
    db.execute(
        "INSERT INTO dataset_sizes (source, recorded_at, rows) SELECT source, imported_at, accepted FROM datasets"
    )


_INSERT = f"INSERT OR REPLACE INTO shelters ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
_DATASET_COLUMNS = ("source", "attribution", "origin", "updated", "imported_at", "accepted", "rejected", "licence")
_INSERT_DATASET = (
    f"INSERT OR REPLACE INTO datasets ({', '.join(_DATASET_COLUMNS)}) VALUES ({', '.join('?' * len(_DATASET_COLUMNS))})"
)

# Schema version N is reached by running MIGRATIONS[N-1]; append, never edit a released one.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_1, _migrate_2, _migrate_3]
SIZES_KEPT = 12  # per dataset: three months of weekly refreshes


class StoreError(Exception):
    """The database cannot be used; str() is one sentence for the user."""


@dataclass(frozen=True)
class Dataset:
    source: str
    attribution: str
    origin: str  # file name or URL the rows came from
    updated: str  # date of the source data
    imported_at: str  # ISO 8601 UTC
    accepted: int
    rejected: int
    rows: int
    licence: str = ""  # e.g. "CC BY 4.0"; "" when unknown (a file imported by hand)


class ShelterStore:
    """One SQLite file; open it with `ShelterStore.open(path)`."""

    def __init__(self, db: sqlite3.Connection, path: Path, recovered_from: Path | None = None) -> None:
        self._db = db
        self.path = path
        self.recovered_from = recovered_from  # where a corrupt database was set aside on open

    @classmethod
    def open(cls, path: Path, migrations: list[Callable[[sqlite3.Connection], None]] | None = None) -> ShelterStore:
        try:
            db, moved = open_database(path, MIGRATIONS if migrations is None else migrations)
        except NewerSchema as exc:
            raise StoreError(str(exc)) from exc
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the shelter database at {path}: {exc}") from exc
        return cls(db, path, recovered_from=moved)

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def replace_dataset(
        self,
        source: str,
        shelters: Iterable[Shelter],
        *,
        attribution: str = "",
        origin: str = "",
        updated: str = "",
        rejected: int = 0,
        licence: str = "",
        imported_at: str = "",
        new_baseline: bool = False,
    ) -> int:
        """Swap every row of `source` for `shelters` in one transaction; returns rows written. A database that
        cannot be written (full disk, read-only, locked) raises StoreError; the previous rows stay.
        imported_at (default now) is when the rows left their source: a bundled snapshot gives its download time.
        The size is recorded (recent_sizes, stamped now); new_baseline forgets the earlier sizes of `source`
        first (a list a person chose by hand is the new reference)."""
        count = 0
        now = _now_iso()
        try:
            with self._db:  # commits on success, rolls back on any exception
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("DELETE FROM shelters WHERE source = ?", (source,))
                for shelter in shelters:
                    if shelter.source != source:
                        raise ValueError(f"row {shelter.id} belongs to {shelter.source!r}, not {source!r}")
                    self._db.execute(_INSERT, _to_row(shelter))
                    count += 1
                dataset = (source, attribution, origin, updated, imported_at or now, count, rejected, licence)
                self._db.execute(_INSERT_DATASET, dataset)
                self._record_size(source, now, count, new_baseline)
        except sqlite3.OperationalError as exc:  # SQLITE_FULL, READONLY, BUSY, IOERR: the transaction rolled back
            raise StoreError(f"the shelter database could not be written ({exc}); the previous data stays") from exc
        return count

    def _record_size(self, source: str, now: str, rows: int, new_baseline: bool) -> None:
        if new_baseline:
            self._db.execute("DELETE FROM dataset_sizes WHERE source = ?", (source,))
        self._db.execute("INSERT INTO dataset_sizes (source, recorded_at, rows) VALUES (?, ?, ?)", (source, now, rows))
        self._db.execute(
            """DELETE FROM dataset_sizes WHERE source = ? AND rowid NOT IN (
                   SELECT rowid FROM dataset_sizes WHERE source = ? ORDER BY recorded_at DESC, rowid DESC LIMIT ?)""",
            (source, source, SIZES_KEPT),
        )

    def recent_sizes(self, source: str, since: datetime) -> list[int]:
        """Row counts of `source` stored at `since` or later, newest first (at most SIZES_KEPT)."""
        rows = self._db.execute(
            """SELECT rows FROM dataset_sizes WHERE source = ? AND recorded_at >= ?
               ORDER BY recorded_at DESC, rowid DESC""",
            (source, since.astimezone(UTC).replace(microsecond=0).isoformat()),
        ).fetchall()
        return [int(row[0]) for row in rows]

    def shelters(self, source: str | None = None) -> list[Shelter]:
        return list(self.iter_shelters(source))

    def iter_shelters(self, source: str | None = None) -> Iterator[Shelter]:
        query = f"SELECT {', '.join(_COLUMNS)} FROM shelters"
        args: tuple[str, ...] = ()
        if source is not None:
            query += " WHERE source = ?"
            args = (source,)
        with closing(self._db.execute(query + " ORDER BY id", args)) as cursor:
            for row in cursor:
                shelter = _from_row(row)
                if shelter is not None:
                    yield shelter

    def datasets(self) -> list[Dataset]:
        rows = self._db.execute(
            """SELECT d.source, d.attribution, d.origin, d.updated, d.imported_at, d.accepted, d.rejected,
                      (SELECT COUNT(*) FROM shelters s WHERE s.source = d.source), d.licence
               FROM datasets d ORDER BY d.source"""
        ).fetchall()
        return [Dataset(*row) for row in rows]

    def counts_by_kind(self) -> dict[str, int]:
        rows = self._db.execute("SELECT kind, COUNT(*) FROM shelters GROUP BY kind ORDER BY kind").fetchall()
        return {kind: count for kind, count in rows}


def _now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _tri(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _to_row(s: Shelter) -> tuple[object, ...]:
    return (
        s.id, s.name_uk, s.name_en, s.kind.value, s.address, s.district, s.lat, s.lon, s.capacity,
        _tri(s.accessible), _tri(s.open_24_7), s.source, s.updated, s.line, s.phone, s.place, s.hours,
    )  # fmt: skip


_KINDS = {kind.value: kind for kind in Kind}  # a lookup, not Kind(value): every start reads every row


def _from_row(row: tuple[object, ...]) -> Shelter | None:
    values = dict(zip(_COLUMNS, row, strict=True))
    kind = _KINDS.get(str(values["kind"]))
    if kind is None:
        log.warning("skipping stored shelter %s with unknown kind %r", values["id"], values["kind"])
        return None
    for flag in ("accessible", "open_24_7"):
        values[flag] = None if values[flag] is None else bool(values[flag])
    values["kind"] = kind
    return Shelter(**values)  # type: ignore[arg-type]
