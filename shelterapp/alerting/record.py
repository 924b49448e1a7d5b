"""This machine's record (issue #16): every alert and every advisory the history holds, with when this computer
learnt each, for `shelterapp-cli history` and File -> Export history. Useful to show a feed's maintainers how
late their data came. Qt-free; the CSV form is in record_csv.py.

JSON contract: {"format": "shelterapp-history", "version": 1, "exported_at", "since", "alerts": [{"kind"
(alert | missed | nearby), "id", "regions", "started", "ended", "end_unseen", "learnt_start", "learnt_end",
"duration_s", "threats", "level", "sources", "notified"}], "advisories": [{"source", "id", "title", "summary", "link",
"level", "published", "received"}]}. Times are ISO 8601 UTC ("Z"); null where unknown: alerts recorded before
this version have no learnt times, an alert still on has no end. Extend, never rename.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.record_stats import KYIV, Figures, figures, window_start
from shelterapp.sources.base import Advisory

FORMAT = "shelterapp-history"
VERSION = 1
KINDS = ("alert", "missed", "nearby")


@dataclass(frozen=True)
class AlertRow:
    kind: str  # alert: the user's regions; missed: begun and ended between two polls; nearby: a raion next to Kyiv
    id: str
    regions: tuple[str, ...]
    started: datetime  # as the source gives it
    ended: datetime | None  # the all-clear (missed: the feed's end; else when this machine first heard it clear)
    learnt_start: datetime | None  # when this machine learnt of the start (None: recorded before issue #16)
    learnt_end: datetime | None
    threats: tuple[str, ...]
    level: str | None
    sources: tuple[str, ...]
    notified: bool | None = None  # nearby only: whether a notice was given (the city was clear)
    end_unseen: bool = False  # the all-clear came while nothing watched: `ended` is when the app found out

    @property
    def duration_s(self) -> int | None:
        return round((self.ended - self.started).total_seconds()) if self.ended else None


@dataclass(frozen=True)
class AdvisoryRow:
    source: str
    id: str
    title: str
    summary: str
    link: str
    level: str
    published: datetime
    received: datetime  # when it first reached this computer


@dataclass(frozen=True)
class Record:
    alerts: tuple[AlertRow, ...]
    advisories: tuple[AdvisoryRow, ...]
    since: date | None = None
    exported_at: datetime | None = None


def since_moment(day: date | None) -> datetime | None:
    """--since YYYY-MM-DD: from midnight of that day, Kyiv time (as the app shows every time)."""
    return datetime.combine(day, time(), KYIV) if day else None


def read_record(history: HistoryStore, since: date | None = None, now: datetime | None = None) -> Record:
    """Everything stored that began (alerts) or was published (advisories) on or after `since`, oldest first."""
    moment = since_moment(since)
    learnt = history.record.learnt()
    alerts = []
    for episode, missed in history.episodes_since(moment):
        times = learnt.get(episode.key)
        alerts.append(
            AlertRow(
                kind="missed" if missed else "alert",
                id=episode.key,
                regions=episode.regions,
                started=episode.started,
                ended=episode.ended,
                learnt_start=times.start if times else None,
                learnt_end=times.end if times else None,
                threats=tuple(t.value for t in episode.threats),
                level=episode.level.value if episode.level else None,
                sources=episode.sources,
                end_unseen=episode.end_unseen,
            )
        )
    for near in history.record.nearby_episodes(moment):
        alerts.append(
            AlertRow(
                kind="nearby",
                id=near.uid,
                regions=(near.region,),
                started=near.started,
                ended=near.ended,
                learnt_start=near.learnt_start,
                learnt_end=near.learnt_end,
                threats=tuple(t.value for t in near.threats),
                level=near.level.value if near.level else None,
                sources=near.sources,
                notified=near.notified,
            )
        )
    alerts.sort(key=lambda row: (row.started, row.kind, row.id))
    advisories = tuple(
        _advisory_row(item.advisory, item.received) for item in history.record.advisories_received(moment)
    )
    return Record(tuple(alerts), advisories, since, now or datetime.now(UTC))


def recent_figures(history: HistoryStore, now: datetime) -> Figures:
    """The chart's figures: the user's alerts (missed ones too, not the raions next to the city) of the last 30
    days, and of the week before for an alert that began then and went on into them."""
    episodes = history.episodes_since(window_start(now) - timedelta(days=7))
    return figures(((episode.started, episode.ended) for episode, _missed in episodes), now)


def _advisory_row(a: Advisory, received: datetime) -> AdvisoryRow:
    return AdvisoryRow(a.source, a.uid, a.title, a.summary, a.link, a.level, a.published, received)


def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def parse_iso(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a time: {value!r:.40}")
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"a time without its zone: {value!r:.40}")
    return moment


def alert_json(row: AlertRow) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "id": row.id,
        "regions": list(row.regions),
        "started": iso(row.started),
        "ended": iso(row.ended),
        "end_unseen": row.end_unseen,
        "learnt_start": iso(row.learnt_start),
        "learnt_end": iso(row.learnt_end),
        "duration_s": row.duration_s,
        "threats": list(row.threats),
        "level": row.level,
        "sources": list(row.sources),
        "notified": row.notified,
    }


def advisory_json(row: AdvisoryRow) -> dict[str, Any]:
    return {
        "source": row.source,
        "id": row.id,
        "title": row.title,
        "summary": row.summary,
        "link": row.link,
        "level": row.level,
        "published": iso(row.published),
        "received": iso(row.received),
    }


def record_json(record: Record) -> str:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(record.exported_at),
        "since": record.since.isoformat() if record.since else None,
        "alerts": [alert_json(row) for row in record.alerts],
        "advisories": [advisory_json(row) for row in record.advisories],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def parse_record_json(text: str) -> Record:
    """An export read back (tools, tests); raises ValueError (or KeyError/TypeError) on anything else."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a shelterapp history export")
    alerts = tuple(
        AlertRow(
            kind=str(a["kind"]),
            id=str(a["id"]),
            regions=tuple(a["regions"]),
            started=_required(a["started"]),
            ended=parse_iso(a["ended"]),
            learnt_start=parse_iso(a["learnt_start"]),
            learnt_end=parse_iso(a["learnt_end"]),
            threats=tuple(a["threats"]),
            level=a["level"],
            sources=tuple(a["sources"]),
            notified=a.get("notified"),
            end_unseen=bool(a.get("end_unseen", False)),
        )
        for a in data["alerts"]
    )
    advisories = tuple(
        AdvisoryRow(
            str(a["source"]), str(a["id"]), str(a["title"]), str(a["summary"]), str(a["link"]), str(a["level"]),
            _required(a["published"]), _required(a["received"]),
        )
        for a in data["advisories"]
    )  # fmt: skip
    since = date.fromisoformat(data["since"]) if data.get("since") else None
    return Record(alerts, advisories, since, parse_iso(data.get("exported_at")))


def _required(value: object) -> datetime:
    moment = parse_iso(value)
    if moment is None:
        raise ValueError("a required time is missing")
    return moment
