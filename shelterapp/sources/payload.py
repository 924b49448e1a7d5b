"""Checks every JSON alert feed makes on its payload (Ukraine Alarm, siren.pp.ua, alerts.in.ua, ubilling):
types, region ids, dates that make sense, and the report narrowed to the person's regions.

Each check raises BadData naming where in the payload it failed (`alerts[3].lastUpdate`), so a changed API
shows in one log line, never as "no alerts".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shelterapp.sources.base import AlertReport, Level, PastAlert, Threat
from shelterapp.sources.errors import BadData

EARLIEST = datetime(2014, 1, 1, tzinfo=UTC)  # no feed here predates the war; earlier is garbage
FUTURE_SLACK = timedelta(days=1)  # a clock a little off is tolerated; a date a year ahead is not
HISTORY_KEEP = timedelta(hours=24)


def obj(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise BadData(f"{what}: expected an object, got {type(value).__name__}")
    return value


def array(value: object, what: str) -> list[object]:
    if not isinstance(value, list):
        raise BadData(f"{what}: expected a list, got {type(value).__name__}")
    return value


def text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise BadData(f"{what}: expected a string, got {type(value).__name__}")
    return value


def region_id(value: object, what: str) -> str:
    """Region ids are strings in every feed; a plain integer is accepted (it is unambiguous)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9:
        return str(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 10:
        return value.strip()
    raise BadData(f"{what}: region id {value!r:.40} is not a number")


def check_date(when: datetime, now: datetime, what: str) -> datetime:
    if not EARLIEST <= when <= now + FUTURE_SLACK:
        raise BadData(f"{what}: absurd date {when.isoformat()}")
    return when


def iso_utc(value: object, now: datetime, what: str) -> datetime:
    """ISO 8601 with any number of fractional digits; `Z`, an offset, or none (taken as UTC)."""
    raw = text(value, what)
    if len(raw) > 40 or len(raw) < 10 or raw[4:5] != "-":  # fromisoformat also takes "20260922", "2026-W38"
        raise BadData(f"{what}: not a date: {raw!r:.40}")
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        raise BadData(f"{what}: not a date: {raw!r:.40}") from None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return check_date(when, now, what)


def merge_threats(threats: list[Threat]) -> tuple[Threat, ...]:
    return tuple(t for t in Threat if t in threats)


def strongest(levels: set[Level]) -> Level | None:
    return Level.RED if Level.RED in levels else (Level.YELLOW if Level.YELLOW in levels else None)


def narrow(full: AlertReport, regions: tuple[str, ...], now: datetime, history: tuple[PastAlert, ...]) -> AlertReport:
    """The user's regions only, each with an explicit entry where the source can speak for it."""
    picked = {r: state for r in regions if (state := full.state_of(r)) is not None}
    return AlertReport(picked, now, history, complete=full.complete)


def recent(history: tuple[PastAlert, ...], regions: tuple[str, ...], now: datetime) -> tuple[PastAlert, ...]:
    wanted = set(regions)
    kept = {(p.region_id, p.started): p for p in history if p.region_id in wanted and p.ended >= now - HISTORY_KEEP}
    return tuple(sorted(kept.values(), key=lambda p: (p.started, p.region_id)))


def stored_history(state: dict[str, object]) -> tuple[PastAlert, ...]:
    """Every past alert a source kept in its poll state under "history" (region -> alerts)."""
    stored = state.get("history")
    if not isinstance(stored, dict):
        return ()
    return tuple(p for items in stored.values() for p in items if isinstance(p, PastAlert))
