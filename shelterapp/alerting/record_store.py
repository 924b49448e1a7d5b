"""The history's record of this machine (issue #16), beside the episodes and advisories of history.py: when this
computer learnt each alert's start and end (a feed's times say when it happened, not when we heard), and the
alerts in the raions next to the city (alerting/nearby.py). Tables of their own, so the episodes table keeps
its one writer; created by a history migration. Rows written before it have no learnt times: null, not a guess.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from shelterapp.alerting.nearby import NearbyEpisode
from shelterapp.sources.base import Advisory, Level, Threat


def create_tables(db: sqlite3.Connection) -> None:
    """The history migration of issue #16."""
    db.execute("CREATE TABLE learnt (episode TEXT PRIMARY KEY, learnt_start TEXT, learnt_end TEXT)")
    db.execute(
        """CREATE TABLE nearby (
            uid TEXT PRIMARY KEY, region TEXT NOT NULL, started TEXT NOT NULL, ended TEXT,
            learnt_start TEXT NOT NULL, learnt_end TEXT, threats TEXT NOT NULL, level TEXT,
            sources TEXT NOT NULL, notified INTEGER NOT NULL)"""
    )
    db.execute("CREATE INDEX nearby_started ON nearby (started)")


@dataclass(frozen=True)
class Learnt:
    start: datetime | None
    end: datetime | None


@dataclass(frozen=True)
class ReceivedAdvisory:
    advisory: Advisory
    received: datetime  # when it first reached this computer


class RecordStore:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    # when this machine learnt each alert's start and end -------------------------------------
    def note_learnt(self, episode_key: str, start: datetime | None = None, end: datetime | None = None) -> None:
        """The first time counts: a later save of the same episode never moves it."""
        with self._db:
            self._db.execute(
                "INSERT INTO learnt VALUES (?, ?, ?) ON CONFLICT (episode) DO UPDATE SET "
                "learnt_start = COALESCE(learnt_start, excluded.learnt_start), "
                "learnt_end = COALESCE(learnt_end, excluded.learnt_end)",
                (episode_key, _iso(start), _iso(end)),
            )

    def learnt(self) -> dict[str, Learnt]:
        rows = self._db.execute("SELECT episode, learnt_start, learnt_end FROM learnt")
        return {key: Learnt(_when(start), _when(end)) for key, start, end in rows}

    # the raions next to the city ----------------------------------------------------------------
    def save_nearby(self, episode: NearbyEpisode) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO nearby VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    episode.uid,
                    episode.region,
                    _iso(episode.started),
                    _iso(episode.ended),
                    _iso(episode.learnt_start),
                    _iso(episode.learnt_end),
                    json.dumps([t.value for t in episode.threats]),
                    episode.level.value if episode.level else None,
                    json.dumps(list(episode.sources)),
                    int(episode.notified),
                ),
            )

    def open_nearby(self) -> list[NearbyEpisode]:
        return [_nearby(row) for row in self._db.execute("SELECT * FROM nearby WHERE ended IS NULL")]

    def nearby_episodes(self, since: datetime | None = None, limit: int = -1) -> list[NearbyEpisode]:
        """Newest first."""
        rows = self._db.execute(
            "SELECT * FROM nearby WHERE started >= ? ORDER BY started DESC LIMIT ?", (_iso(since) or "", limit)
        )
        return [_nearby(row) for row in rows]

    # advisories with the time they reached this computer ----------------------------------------
    def advisories_received(self, since: datetime | None = None) -> list[ReceivedAdvisory]:
        """Every stored advisory published since then, oldest first, with when this machine first had it."""
        rows = self._db.execute(
            "SELECT source, uid, title, summary, link, published, level, first_seen FROM advisories "
            "WHERE published >= ? ORDER BY published, source, uid",
            (_iso(since) or "",),
        )
        return [
            ReceivedAdvisory(
                Advisory(source=r[0], uid=r[1], title=r[2], summary=r[3], link=r[4],
                         published=datetime.fromisoformat(r[5]), level=r[6]),
                datetime.fromisoformat(r[7]),
            )
            for r in rows
        ]  # fmt: skip


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def _when(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _nearby(row: tuple[object, ...]) -> NearbyEpisode:
    uid, region, started, ended, learnt_start, learnt_end, threats, level, sources, notified = row
    known = {t.value for t in Threat}
    return NearbyEpisode(
        uid=str(uid),
        region=str(region),
        started=datetime.fromisoformat(str(started)),
        learnt_start=datetime.fromisoformat(str(learnt_start)),
        threats=tuple(Threat(t) for t in json.loads(str(threats)) if t in known),
        level=Level(str(level)) if level in ("red", "yellow") else None,
        sources=tuple(json.loads(str(sources))),
        ended=_when(ended),
        learnt_end=_when(learnt_end),
        notified=bool(notified),
    )
