"""What happened, kept in SQLite: alert episodes, advisories seen, the last known state, each source's last answer.

It is what makes "never repeat a notification" survive a restart: the open episode and every advisory
uid already announced are read back on start. The window and `shelterapp-cli status` share the file (WAL, a
busy timeout): the CLI records what it fetched but never marks anything announced, so the window still tells.
A damaged file is set aside like the shelter store.
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
from shelterapp.sources.base import Advisory, AlertReport, Level, RegionAlert, Threat
from shelterapp.storage.dbfile import open_database

log = logging.getLogger(__name__)

RECENT_EPISODES = 200  # how far back the missed-alert dedupe looks


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


def _migrate_2(db: sqlite3.Connection) -> None:
    """Issue #12: an episode is known by its own uid (a new alert may repeat an old start time), with the feeds'
    start span, when it was last seen on and whether its end was seen; an advisory records when the window
    announced it (the CLI stores without announcing); each source keeps its last good answer."""
    db.execute(
        """CREATE TABLE episodes_2 (
            uid TEXT PRIMARY KEY, started TEXT NOT NULL, ended TEXT, regions TEXT NOT NULL, threats TEXT NOT NULL,
            level TEXT, sources TEXT NOT NULL, missed INTEGER NOT NULL DEFAULT 0,
            feed_starts TEXT NOT NULL DEFAULT '[]', last_seen TEXT, end_unseen INTEGER NOT NULL DEFAULT 0)"""
    )
    db.execute(  # the old key (the start) becomes the uid: notification keys stay what they were
        "INSERT INTO episodes_2 (uid, started, ended, regions, threats, level, sources, missed) "
        "SELECT started, started, ended, regions, threats, level, sources, missed FROM episodes ORDER BY started"
    )
    db.execute("DROP TABLE episodes")
    db.execute("ALTER TABLE episodes_2 RENAME TO episodes")
    db.execute("ALTER TABLE advisories ADD COLUMN announced TEXT")
    db.execute("UPDATE advisories SET announced = first_seen")  # until now only the window wrote here
    db.execute(
        """CREATE TABLE source_state (
            source TEXT PRIMARY KEY, kind TEXT NOT NULL, ok INTEGER NOT NULL, error TEXT, detail TEXT,
            attempted TEXT NOT NULL, succeeded TEXT, report TEXT)"""
    )


def _migrate_record(db: sqlite3.Connection) -> None:
    """Issue #16: when this machine learnt each alert, and the raions next to the city (record_store.py)."""
    create_tables(db)


MIGRATIONS = [_migrate_1, _migrate_2, _migrate_record]
EPISODE_COLUMNS = "uid, started, ended, regions, threats, level, sources, missed, feed_starts, last_seen, end_unseen"


@dataclass(frozen=True)
class LastState:
    state: str  # active | clear | unknown
    at: datetime  # when it was last known
    detail: dict[str, object]


@dataclass(frozen=True)
class SourceMemory:
    """A source's last poll and its last good answer, whoever polled it (the window or the CLI)."""

    name: str
    kind: str  # alerts | advisories
    ok: bool  # the last poll worked
    error: str | None  # FailureKind value of the last poll, when it failed
    detail: str
    attempted: datetime
    succeeded: datetime | None  # when the last good answer came
    report: AlertReport | None  # alerts: the last good answer, for the user's regions
    items: tuple[tuple[str, str], ...]  # advisories: (source, uid) of every item in the last good answer


class HistoryStore:
    def __init__(self, db: sqlite3.Connection, recovered_from: Path | None = None) -> None:
        self._db = db
        self.recovered_from = recovered_from
        self.record = RecordStore(db)  # learnt times, nearby raions, advisories with their received time

    @classmethod
    def open(cls, path: Path) -> HistoryStore:
        db, moved = open_database(path, MIGRATIONS)
        store = cls(db, recovered_from=moved)
        store._close_stale_open_episodes()
        return store

    def close(self) -> None:
        self._db.close()

    # episodes -------------------------------------------------------------------------------
    def save_episode(self, episode: Episode, missed: bool = False) -> None:
        with self._db:
            self._db.execute(
                f"INSERT OR REPLACE INTO episodes ({EPISODE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    episode.key,
                    _iso(episode.started),
                    _iso(episode.ended) if episode.ended else None,
                    json.dumps(list(episode.regions)),
                    json.dumps([t.value for t in episode.threats]),
                    episode.level.value if episode.level else None,
                    json.dumps(list(episode.sources)),
                    int(missed),
                    json.dumps([_iso(start) for start in episode.feed_starts]),
                    _iso(episode.last_seen) if episode.last_seen else None,
                    int(episode.end_unseen),
                ),
            )

    def open_episode(self) -> Episode | None:
        row = self._db.execute(
            f"SELECT {EPISODE_COLUMNS} FROM episodes WHERE ended IS NULL ORDER BY rowid DESC LIMIT 1"
        ).fetchone()
        return _episode(row) if row else None

    def episodes(self, limit: int = 50) -> list[Episode]:
        rows = self._db.execute(
            f"SELECT {EPISODE_COLUMNS} FROM episodes ORDER BY started DESC LIMIT ?", (limit,)
        ).fetchall()
        return [_episode(row) for row in rows]

    def episodes_since(self, since: datetime | None = None) -> list[tuple[Episode, bool]]:
        """Every episode begun since then, oldest first, with whether it was missed (begun and ended between polls)."""
        rows = self._db.execute(
            f"SELECT {EPISODE_COLUMNS} FROM episodes WHERE started >= ? ORDER BY started",
            (_iso(since) if since else "",),
        )
        return [(_episode(row), bool(row[7])) for row in rows]

    def episode_starts(self, limit: int = RECENT_EPISODES) -> set[datetime]:
        """Every start time the feeds gave for recent episodes: a feed's history entry there is not a missed alert."""
        return {start for e in self.episodes(limit) for start in e.starts}

    def _close_stale_open_episodes(self) -> None:
        """Only the episode written last can still be on; an older open one (left by the lost-alert defect of
        issue #12) ended, unseen, by the time the next one began (or when it was last seen on)."""
        stale = self._db.execute("SELECT uid, started, last_seen FROM episodes WHERE ended IS NULL ORDER BY rowid DESC")
        rows = stale.fetchall()[1:]
        if not rows:
            return
        with self._db:
            for uid, started, seen in rows:
                next_one = self._db.execute("SELECT MIN(started) FROM episodes WHERE started > ?", (started,))
                later = next_one.fetchone()[0]
                self._db.execute(
                    "UPDATE episodes SET ended = ?, end_unseen = 1 WHERE uid = ?", (later or seen or started, uid)
                )
        log.warning("history: %d alert episode(s) left open by an older version closed as ended unseen", len(rows))

    # advisories -----------------------------------------------------------------------------
    def new_advisories(self, items: Iterable[Advisory], now: datetime) -> list[Advisory]:
        """Store the items, mark the ones never announced as announced now and return them (newest first): each
        is news exactly once, also when the CLI stored it first."""
        fresh = []
        with self._db:
            for item in items:
                self._insert_advisory(item, now)
                cursor = self._db.execute(
                    "UPDATE advisories SET announced = ? WHERE source = ? AND uid = ? AND announced IS NULL",
                    (_iso(now), item.source, item.uid),
                )
                if cursor.rowcount:
                    fresh.append(item)
        return sorted(fresh, key=lambda a: a.published, reverse=True)

    def record_advisories(self, items: Iterable[Advisory], now: datetime) -> None:
        """Store the items as received, announcing nothing (the CLI)."""
        with self._db:
            for item in items:
                self._insert_advisory(item, now)

    def _insert_advisory(self, item: Advisory, now: datetime) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO advisories (source, uid, title, summary, link, published, level, first_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (item.source, item.uid, item.title, item.summary, item.link, _iso(item.published), item.level, _iso(now)),
        )

    def announced_any_from(self, source: str) -> bool:
        """Whether the window ever announced an item of this source (if not, its backlog is not news)."""
        row = self._db.execute(
            "SELECT 1 FROM advisories WHERE source = ? AND announced IS NOT NULL LIMIT 1", (source,)
        ).fetchone()
        return row is not None

    def advisories(self, limit: int = 100) -> list[Advisory]:
        rows = self._db.execute(
            f"SELECT {ADVISORY_COLUMNS} FROM advisories ORDER BY published DESC LIMIT ?", (limit,)
        ).fetchall()
        return [_advisory(row) for row in rows]

    def stored_advisories(self, keys: Iterable[tuple[str, str]]) -> list[Advisory]:
        """The stored items among (source, uid) keys, e.g. a failing source's last good answer."""
        found = []
        for source, uid in keys:
            row = self._db.execute(
                f"SELECT {ADVISORY_COLUMNS} FROM advisories WHERE source = ? AND uid = ?", (source, uid)
            ).fetchone()
            if row is not None:
                found.append(_advisory(row))
        return found

    def received(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], datetime]:
        """When each item first reached this computer (the window or the CLI)."""
        times = {}
        for source, uid in keys:
            row = self._db.execute(
                "SELECT first_seen FROM advisories WHERE source = ? AND uid = ?", (source, uid)
            ).fetchone()
            if row is not None:
                times[(source, uid)] = datetime.fromisoformat(row[0])
        return times

    # each source's last poll ------------------------------------------------------------------
    def remember_success(self, name: str, report: AlertReport | Iterable[Advisory], now: datetime) -> None:
        if isinstance(report, AlertReport):
            kind, body = "alerts", _report_json(report)
        else:
            kind, body = "advisories", json.dumps([[item.source, item.uid] for item in report])
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO source_state VALUES (?, ?, 1, NULL, '', ?, ?, ?)",
                (name, kind, _iso(now), _iso(now), body),
            )

    def remember_failure(self, name: str, kind: str, error: str, detail: str, now: datetime) -> None:
        """The failure is recorded; the last good answer and its time stay."""
        with self._db:
            self._db.execute(
                "INSERT INTO source_state VALUES (?, ?, 0, ?, ?, ?, NULL, NULL) ON CONFLICT (source) DO UPDATE SET "
                "ok = 0, error = excluded.error, detail = excluded.detail, attempted = excluded.attempted",
                (name, kind, error, detail[:300], _iso(now)),
            )

    def source_memory(self) -> dict[str, SourceMemory]:
        memory = {}
        for name, kind, ok, error, detail, attempted, succeeded, body in self._db.execute(
            "SELECT source, kind, ok, error, detail, attempted, succeeded, report FROM source_state"
        ):
            try:
                report, items = _parse_report(kind, body)
                memory[name] = SourceMemory(
                    name, kind, bool(ok), error, detail or "", datetime.fromisoformat(attempted),
                    datetime.fromisoformat(succeeded) if succeeded else None, report, items,
                )  # fmt: skip
            except (TypeError, ValueError, KeyError, IndexError) as exc:  # written by hand or damaged: forget it
                log.warning("history: the last answer kept for %s is unreadable (%s); ignored", name, exc)
        return memory

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


ADVISORY_COLUMNS = "source, uid, title, summary, link, published, level"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _when(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _episode(row: tuple[object, ...]) -> Episode:
    uid, started, ended, regions, threats, level, sources, _missed, feed_starts, seen, unseen = row
    return Episode(
        started=datetime.fromisoformat(str(started)),
        ended=_when(ended),
        regions=tuple(json.loads(str(regions))),
        threats=tuple(Threat(t) for t in json.loads(str(threats)) if t in Threat.__members__.values()),
        level=Level(str(level)) if level in ("red", "yellow") else None,
        sources=tuple(json.loads(str(sources))),
        uid=str(uid),
        feed_starts=tuple(datetime.fromisoformat(str(s)) for s in json.loads(str(feed_starts or "[]"))),
        last_seen=_when(seen),
        end_unseen=bool(unseen),
    )


def _advisory(row: tuple[object, ...]) -> Advisory:
    source, uid, title, summary, link, published, level = (str(v) for v in row)
    return Advisory(source, uid, title, summary, link, datetime.fromisoformat(published), level)


def _report_json(report: AlertReport) -> str:
    regions = {
        rid: [r.active, [t.value for t in r.threats], r.level.value if r.level else None,
              _iso(r.since) if r.since else None]
        for rid, r in report.regions.items()
    }  # fmt: skip
    return json.dumps({"regions": regions, "complete": report.complete, "fetched_at": _iso(report.fetched_at)})


def _parse_report(kind: str, body: str | None) -> tuple[AlertReport | None, tuple[tuple[str, str], ...]]:
    if not body:
        return None, ()
    data = json.loads(body)
    if kind == "advisories":
        return None, tuple((str(source), str(uid)) for source, uid in data)
    regions = {
        str(rid): RegionAlert(
            str(rid), bool(active), tuple(Threat(t) for t in threats), Level(level) if level else None, _when(since)
        )
        for rid, (active, threats, level, since) in data["regions"].items()
    }
    return AlertReport(regions, datetime.fromisoformat(data["fetched_at"]), complete=bool(data["complete"])), ()
