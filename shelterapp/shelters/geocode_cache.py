"""What the geocoder answered for each address, kept in SQLite: an interrupted run resumes where it stopped,
and a restart places the rows again without a single request.

Only answers are kept: "found" with a position, or "not_found" (the service does not know the address).
A request that failed (offline, timeout, 5xx, 429) is not an answer and is never written here.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from shelterapp.shelters.bundled import fold_text
from shelterapp.storage.dbfile import Migration, open_database

FOUND = "found"
NOT_FOUND = "not_found"


def _migrate_1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE geocode (
            query TEXT PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('found', 'not_found')),
            lat REAL, lon REAL, label TEXT NOT NULL DEFAULT '', at TEXT NOT NULL)"""
    )


# Schema version N is reached by running MIGRATIONS[N-1]; append, never edit a released one.
MIGRATIONS: list[Migration] = [_migrate_1]


def normalise_query(query: str) -> str:
    """The cache key: case, quotes, apostrophe variants and spacing do not make a new address."""
    return fold_text(query)


@dataclass(frozen=True)
class CachedAnswer:
    query: str  # normalised
    status: str  # FOUND or NOT_FOUND
    lat: float | None
    lon: float | None
    label: str
    at: str  # ISO 8601 UTC, when the service answered

    @property
    def found(self) -> bool:
        return self.status == FOUND and self.lat is not None and self.lon is not None


class GeocodeCache:
    """One SQLite file; open it with `GeocodeCache.open(path)`. Safe to use from the worker and the GUI thread."""

    def __init__(self, db: sqlite3.Connection, path: Path, recovered_from: Path | None = None) -> None:
        self._db = db
        self._lock = threading.Lock()
        self.path = path
        self.recovered_from = recovered_from  # where a damaged file was set aside on open

    @classmethod
    def open(cls, path: Path) -> GeocodeCache:
        db, moved = open_database(path, MIGRATIONS)
        return cls(db, path, moved)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def get(self, query: str) -> CachedAnswer | None:
        with self._lock:
            row = self._db.execute(
                "SELECT query, status, lat, lon, label, at FROM geocode WHERE query = ?", (normalise_query(query),)
            ).fetchone()
        return None if row is None else CachedAnswer(*row)

    def get_many(self, queries: Iterable[str]) -> dict[str, CachedAnswer]:
        """Answers by normalised query, for every query that has one."""
        keys = {normalise_query(query) for query in queries}
        found: dict[str, CachedAnswer] = {}
        with self._lock:
            for key in keys:
                row = self._db.execute(
                    "SELECT query, status, lat, lon, label, at FROM geocode WHERE query = ?", (key,)
                ).fetchone()
                if row is not None:
                    found[key] = CachedAnswer(*row)
        return found

    def put(
        self, query: str, position: tuple[float, float] | None, label: str = "", when: datetime | None = None
    ) -> None:
        """Record the service's answer: a (lat, lon), or None for "it does not know this address"."""
        at = (when or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        status, lat, lon = (NOT_FOUND, None, None) if position is None else (FOUND, *position)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO geocode (query, status, lat, lon, label, at) VALUES (?, ?, ?, ?, ?, ?)",
                (normalise_query(query), status, lat, lon, label, at),
            )

    def forget_not_found(self) -> int:
        """Drop the "not found" answers so the next run asks again (OpenStreetMap grows); returns how many."""
        with self._lock:
            return self._db.execute("DELETE FROM geocode WHERE status = ?", (NOT_FOUND,)).rowcount

    def counts(self) -> dict[str, int]:
        """How many answers of each status are kept, e.g. {"found": 1800, "not_found": 200}."""
        with self._lock:
            rows = self._db.execute("SELECT status, COUNT(*) FROM geocode GROUP BY status").fetchall()
        return {FOUND: 0, NOT_FOUND: 0, **{str(status): int(count) for status, count in rows}}
