"""What happened, kept in SQLite: alert episodes, advisories seen, the last known state.

It is what makes "never repeat a notification" survive a restart: the open episode and every advisory
uid already announced are read back on start. A damaged file is set aside like the shelter store.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from shelterapp.alerting.record_store import RecordStore, create_tables
from shelterapp.alerting.tracker import Episode
from shelterapp.sources.base import Advisory, Level, Threat
from shelterapp.storage.dbfile import open_database

log = logging.getLogger(__name__)


def _migrate_1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE episodes (
            started TEXT PRIMARY KEY, ended TEXT, regions TEXT NOT NULL, threats TEXT NOT NULL,
            level TEXT, sources TEXT NOT NULL, missed INTEGER NOT NULL DEFAULT 0)"""
    )
    db.execute(
        """CREATE TABLE advisories (
            source TEXT NOT NULL, uid TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL,
            link TEXT NOT NULL, published TEXT NOT NULL, level TEXT NOT NULL, first_seen TEXT NOT NULL,
            PRIMARY KEY (source, uid))"""
    )
    db.execute("CREATE TABLE last_state (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT, at TEXT, detail TEXT)")


def _migrate_record(db: sqlite3.Connection) -> None:
    """Issue #16: when this machine learnt each alert, and the raions next to the city (record_store.py)."""
    create_tables(db)


MIGRATIONS = [_migrate_1, _migrate_record]


@dataclass(frozen=True)
class LastState:
    state: str  # active | clear | unknown
    at: datetime  # when it was last known
    detail: dict[str, object]


class HistoryStore:
    def __init__(self, db: sqlite3.Connection, recovered_from: Path | None = None) -> None:
        self._db = db
        self.recovered_from = recovered_from
        self.record = RecordStore(db)  # learnt times, nearby raions, advisories with their received time

    @classmethod
    def open(cls, path: Path) -> HistoryStore:
        db, moved = open_database(path, MIGRATIONS)
        return cls(db, recovered_from=moved)

    def close(self) -> None:
        self._db.close()

    # episodes -------------------------------------------------------------------------------
    def save_episode(self, episode: Episode, missed: bool = False) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO episodes VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    _iso(episode.started),
                    _iso(episode.ended) if episode.ended else None,
                    json.dumps(list(episode.regions)),
                    json.dumps([t.value for t in episode.threats]),
                    episode.level.value if episode.level else None,
                    json.dumps(list(episode.sources)),
                    int(missed),
                ),
            )

    def open_episode(self) -> Episode | None:
        row = self._db.execute("SELECT * FROM episodes WHERE ended IS NULL ORDER BY started DESC LIMIT 1").fetchone()
        return _episode(row) if row else None

    def episodes(self, limit: int = 50) -> list[Episode]:
        rows = self._db.execute("SELECT * FROM episodes ORDER BY started DESC LIMIT ?", (limit,)).fetchall()
        return [_episode(row) for row in rows]

    def episodes_since(self, since: datetime | None = None) -> list[tuple[Episode, bool]]:
        """Every episode begun since then, oldest first, with whether it was missed (begun and ended between polls)."""
        rows = self._db.execute(
            "SELECT * FROM episodes WHERE started >= ? ORDER BY started", (_iso(since) if since else "",)
        )
        return [(_episode(row), bool(row[6])) for row in rows]

    def episode_keys(self, limit: int = 200) -> set[str]:
        return {e.key for e in self.episodes(limit)}

    # advisories -----------------------------------------------------------------------------
    def new_advisories(self, items: Iterable[Advisory], now: datetime) -> list[Advisory]:
        """Store the items not seen before and return them (newest first): each is news exactly once."""
        fresh = []
        with self._db:
            for item in items:
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO advisories VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (item.source, item.uid, item.title, item.summary, item.link, _iso(item.published), item.level,
                     _iso(now)),
                )  # fmt: skip
                if cursor.rowcount:
                    fresh.append(item)
        return sorted(fresh, key=lambda a: a.published, reverse=True)

    def has_advisories_from(self, source: str) -> bool:
        return self._db.execute("SELECT 1 FROM advisories WHERE source = ? LIMIT 1", (source,)).fetchone() is not None

    def advisories(self, limit: int = 100) -> list[Advisory]:
        rows = self._db.execute(
            "SELECT source, uid, title, summary, link, published, level FROM advisories "
            "ORDER BY published DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            Advisory(source=r[0], uid=r[1], title=r[2], summary=r[3], link=r[4],
                     published=datetime.fromisoformat(r[5]), level=r[6])
            for r in rows
        ]  # fmt: skip

    # last known state -----------------------------------------------------------------------
    def save_last_state(self, state: str, at: datetime, detail: dict[str, object]) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO last_state VALUES (1, ?, ?, ?)", (state, _iso(at), json.dumps(detail))
            )

    def last_state(self) -> LastState | None:
        row = self._db.execute("SELECT state, at, detail FROM last_state WHERE id = 1").fetchone()
        if row is None:
            return None
        try:
            return LastState(row[0], datetime.fromisoformat(row[1]), json.loads(row[2] or "{}"))
        except (TypeError, ValueError):
            return None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _episode(row: tuple[object, ...]) -> Episode:
    started, ended, regions, threats, level, sources, _missed = row
    return Episode(
        started=datetime.fromisoformat(str(started)),
        ended=datetime.fromisoformat(str(ended)) if ended else None,
        regions=tuple(json.loads(str(regions))),
        threats=tuple(Threat(t) for t in json.loads(str(threats)) if t in Threat.__members__.values()),
        level=Level(str(level)) if level in ("red", "yellow") else None,
        sources=tuple(json.loads(str(sources))),
    )
