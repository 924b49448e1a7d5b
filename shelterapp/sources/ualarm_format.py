"""Ukraine Alarm's payload shapes (siren.pp.ua serves the same ones) and the poll plan both sources share.

Shapes (OpenAPI spec v3 and recorded payloads; tests/fixtures/alerts/README.md):
- `GET /alerts`: `AlertRegionModel[]`, only regions with at least one active alert, so absence means
  "not alerted" (the report is `complete`). A record may also list *inherited* alerts with their own
  `regionId`: a community's record carries its district's AIR alert. Each alert therefore counts for its
  own `regionId`, and for the record's region when it comes from a coarser level (a parent); an alert of
  a finer level (a child) does not make the whole parent region alerted. `INFO` is not a threat.
- `GET /alerts/status`: `{lastActionIndex: int}`, which changes whenever any alert anywhere changes.
- `GET /alerts/regionHistory?regionId=`: the region's last 25 alarms; the open one has `isContinue` true
  and the .NET zero date `0001-01-01T00:00:00` as its end.

Poll plan (`fetch`), within a per-source budget of requests per minute kept in `state`:
- this poll's share leaves one request for every poll due in the next minute (interval from the
  settings), so a tight budget (Ukraine Alarm: about 3 a minute per key) is never overrun; a spent
  budget (a caller polling too fast) raises RATE_LIMITED without a request;
- with room for the status check, `/alerts` and the history due, `/alerts/status` goes first and an
  unchanged `lastActionIndex` reuses the last `/alerts` answer (fresh as of now); with less room,
  `/alerts` is fetched directly (one request, always fresh data);
- history: `/alerts/regionHistory` for each of the user's regions when never fetched, or when
  `history_gap_s` has passed since that region's last history fetch and `lastActionIndex` changed since
  (or is unknown), and only with budget to spare. History failures never fail the poll. Reports carry
  the alarms that ended in the last 24 h (the same ones again on later polls: the merge dedupes them).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from shelterapp.sources.base import (
    AlertReport,
    BadData,
    FailureKind,
    Level,
    PastAlert,
    RegionAlert,
    SourceError,
    SourceSettings,
    Threat,
)
from shelterapp.sources.http import HttpClient

log = logging.getLogger(__name__)

EARLIEST = datetime(2014, 1, 1, tzinfo=UTC)  # no feed here predates the war; earlier is garbage
FUTURE_SLACK = timedelta(days=1)  # a clock a little off is tolerated; a date a year ahead is not
HISTORY_KEEP = timedelta(hours=24)
RATE_LIMIT_FLOOR_S = 60.0  # a 429 (or 401-as-rate-limit) that names no Retry-After: wait a minute
AUTH_AFTER_401S = 3  # Ukraine Alarm: this many consecutive 401s, each >= 60 s after the last, mean a bad key
AUTH_401_SPACING_S = 60.0

_TYPES = {
    "AIR": Threat.AIR_RAID,
    "ARTILLERY": Threat.ARTILLERY,
    "URBAN_FIGHTS": Threat.URBAN_FIGHTS,
    "CHEMICAL": Threat.CHEMICAL,
    "NUCLEAR": Threat.NUCLEAR,
}
_NOT_A_THREAT = {"INFO"}
_RANK = {"state": 0, "district": 1, "community": 2}  # coarse to fine; "Null"/unknown: no rank
_ZERO_DATE = "0001-01-01"


# generic helpers (also used by alerts_in_ua and ubilling) -------------------------------------------


def load_json(body: bytes, what: str) -> object:
    """JSON or BadData: HTML (captive portals), truncation, bad encodings and absurd nesting included."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        start = body[:64].lstrip().lower()
        kind = "HTML instead of JSON" if start.startswith((b"<!doctype", b"<html", b"<")) else "malformed JSON"
        raise BadData(f"{what}: {kind} ({type(exc).__name__})") from None


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


# the request budget (also used by alerts_in_ua) ----------------------------------------------------


def _times(state: dict[str, object], key: str, now: datetime) -> list[float]:
    """Request times in the last 60 s; entries from a clock that jumped back are dropped, not kept forever."""
    raw = state.get(key)
    stamp = now.timestamp()
    times = [t for t in raw if isinstance(t, float) and stamp - 60 < t <= stamp] if isinstance(raw, list) else []
    state[key] = times
    return times


def spend(state: dict[str, object], now: datetime, key: str = "requests") -> None:
    _times(state, key, now).append(now.timestamp())


def allowance(
    state: dict[str, object], now: datetime, per_minute: int, interval_s: float, key: str = "requests"
) -> int:
    """Requests this poll may make: never over `per_minute` in any 60 s, and one left for each poll due
    in the next minute at `interval_s`. At least 1 when any is left at all; 0 means the budget is spent
    (the caller raises RATE_LIMITED)."""
    times = _times(state, key, now)
    room = per_minute - len(times)
    if room <= 0:
        return 0
    step = max(interval_s, 1.0)
    ahead = 1
    while ahead * step < 60:  # the poll `ahead` intervals from now still sees what we spend now
        later = now.timestamp() + ahead * step
        still_counted = sum(1 for t in times if t > later - 60)
        room = min(room, per_minute - ahead - still_counted)
        ahead += 1
    return max(1, room)


def budget_spent(state: dict[str, object], now: datetime, name: str, per_minute: int) -> SourceError:
    times = _times(state, "requests", now)
    wait = max(1.0, (min(times) + 60 - now.timestamp()) if times else 60.0)
    return SourceError(FailureKind.RATE_LIMITED, f"{name}: our own limit of {per_minute} requests a minute", wait)


def with_rate_floor(exc: SourceError) -> SourceError:
    """A 429 without Retry-After still means "not now": wait at least a minute."""
    if exc.kind is FailureKind.RATE_LIMITED and exc.retry_after is None:
        return SourceError(exc.kind, exc.detail, RATE_LIMIT_FLOOR_S)
    return exc


# Ukraine Alarm shapes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Alert:
    threat: Threat
    levels: frozenset[Level]
    since: datetime


def parse_alerts(body: bytes, *, now: datetime) -> AlertReport:
    """`/alerts` (or `/alerts/{regionId}`): every listed region, with its own and inherited alerts."""
    records = array(load_json(body, "alerts"), "alerts")
    found: dict[str, list[_Alert]] = {}
    for number, raw_record in enumerate(records):
        where = f"alerts[{number}]"
        record = obj(raw_record, where)
        record_id = region_id(record.get("regionId"), where)
        record_rank = _rank(record.get("regionType"), where)
        found.setdefault(record_id, [])
        raw_alerts = record.get("activeAlerts")
        for index, raw_alert in enumerate(array(raw_alerts if raw_alerts is not None else [], where)):
            what = f"{where}.activeAlerts[{index}]"
            alert = obj(raw_alert, what)
            alert_id = region_id(alert.get("regionId", record_id), what)
            alert_rank = _rank(alert.get("regionType"), what)
            kind = text(alert.get("type"), f"{what}.type").upper()
            since = iso_utc(alert.get("lastUpdate"), now, f"{what}.lastUpdate")
            levels = _levels(alert.get("activeAlertLevels"), what)
            if kind in _NOT_A_THREAT:
                continue
            item = _Alert(_TYPES.get(kind, Threat.OTHER), levels, since)
            found.setdefault(alert_id, []).append(item)
            inherited = alert_rank is None or record_rank is None or alert_rank < record_rank
            if alert_id != record_id and inherited:
                found[record_id].append(item)
    regions = {rid: _region(rid, items) for rid, items in found.items()}
    return AlertReport(regions, now, complete=True)


def _rank(value: object, what: str) -> int | None:
    if value is None:
        return None
    return _RANK.get(text(value, f"{what}.regionType").lower())


def _levels(value: object, what: str) -> frozenset[Level]:
    levels = set()
    for index, raw in enumerate(array(value if value is not None else [], f"{what}.activeAlertLevels")):
        entry = obj(raw, f"{what}.activeAlertLevels[{index}]")
        name = text(entry.get("alertLevel"), f"{what}.activeAlertLevels[{index}].alertLevel").lower()
        if name in (Level.RED, Level.YELLOW):
            levels.add(Level(name))
    return frozenset(levels)


def _region(rid: str, items: list[_Alert]) -> RegionAlert:
    if not items:
        return RegionAlert(rid, active=False)
    return RegionAlert(
        rid,
        active=True,
        threats=merge_threats([i.threat for i in items]),
        level=strongest({level for i in items for level in i.levels}),
        since=min(i.since for i in items),
    )


def parse_status(body: bytes) -> int:
    """`/alerts/status`: the change counter."""
    index = obj(load_json(body, "alerts/status"), "alerts/status").get("lastActionIndex")
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise BadData(f"alerts/status: lastActionIndex {index!r:.40} is not a counter")
    return index


def parse_region_history(body: bytes, *, now: datetime) -> tuple[PastAlert, ...]:
    """`/alerts/regionHistory`: the alarms that ended (the open one is skipped)."""
    past = []
    for number, raw_entry in enumerate(array(load_json(body, "regionHistory"), "regionHistory")):
        where = f"regionHistory[{number}]"
        entry = obj(raw_entry, where)
        entry_id = region_id(entry.get("regionId"), where)
        for index, raw_alarm in enumerate(array(entry.get("alarms"), f"{where}.alarms")):
            what = f"{where}.alarms[{index}]"
            alarm = obj(raw_alarm, what)
            alarm_id = region_id(alarm.get("regionId", entry_id), what)
            kind = text(alarm.get("alertType"), f"{what}.alertType").upper()
            started = iso_utc(alarm.get("startDate"), now, f"{what}.startDate")
            end_raw = text(alarm.get("endDate"), f"{what}.endDate")
            ongoing = alarm.get("isContinue", False)
            if not isinstance(ongoing, bool):
                raise BadData(f"{what}.isContinue: expected true or false")
            if ongoing or end_raw.startswith(_ZERO_DATE) or kind in _NOT_A_THREAT:
                continue
            ended = iso_utc(end_raw, now, f"{what}.endDate")
            if ended < started:
                raise BadData(f"{what}: ends before it starts")
            past.append(PastAlert(alarm_id, started, ended, (_TYPES.get(kind, Threat.OTHER),)))
    return tuple(past)


# the shared poll ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    name: str
    per_minute: int  # requests a minute, all endpoints together
    min_interval_s: float
    history_gap_s: float  # at most one history fetch per region per this many seconds
    keyed: bool  # Ukraine Alarm: 401 may be rate limiting; siren.pp.ua: a 401/403 is the service's fault


def fetch(
    http: HttpClient,
    settings: SourceSettings,
    regions: tuple[str, ...],
    state: dict[str, object],
    now: datetime,
    *,
    policy: Policy,
    headers: dict[str, str],
) -> AlertReport:
    poll = _Poll(http, settings.url.rstrip("/"), headers, policy, state, now)
    budget = allowance(state, now, policy.per_minute, max(settings.interval_s, policy.min_interval_s))
    if budget < 1:
        raise budget_spent(state, now, policy.name, policy.per_minute)
    last = state.get("last_full")
    last_full = last if isinstance(last, AlertReport) else None
    known = state.get("last_index")
    index = known if isinstance(known, int) else None
    due = _history_due(state, regions, now, policy.history_gap_s, index)
    if budget >= 2 + len(due):  # room for the status check, /alerts if it moved, and the history due
        fresh = parse_status(poll.get("/alerts/status"))
        budget -= 1
        if fresh == index and last_full is not None:
            full = last_full
        else:
            full = parse_alerts(poll.get("/alerts"), now=now)
            budget -= 1
            state["last_index"] = index = fresh
        due = _history_due(state, regions, now, policy.history_gap_s, index)
    else:  # too tight for a status check that might need a second request: ask for the data itself
        full = parse_alerts(poll.get("/alerts"), now=now)
        budget -= 1
    state["last_full"] = full
    for region in due[: max(0, budget)]:
        poll.fetch_history(region, index)
    return narrow(full, regions, now, recent(_stored_history(state), regions, now))


def _history_due(
    state: dict[str, object], regions: tuple[str, ...], now: datetime, gap_s: float, index: int | None
) -> list[str]:
    marks = state.get("history_marks")
    due = []
    for region in regions:
        mark = marks.get(region) if isinstance(marks, dict) else None
        if not isinstance(mark, tuple):
            due.append(region)
            continue
        fetched_at, fetched_index = mark
        if now.timestamp() - fetched_at >= gap_s and (index is None or fetched_index != index):
            due.append(region)
    return due


def _stored_history(state: dict[str, object]) -> tuple[PastAlert, ...]:
    stored = state.get("history")
    if not isinstance(stored, dict):
        return ()
    return tuple(p for items in stored.values() for p in items if isinstance(p, PastAlert))


@dataclass(frozen=True)
class _Poll:
    http: HttpClient
    base: str
    headers: dict[str, str] = field(repr=False)  # carries the key
    policy: Policy
    state: dict[str, object] = field(repr=False)
    now: datetime

    def get(self, path: str, params: dict[str, str] | None = None, *, mandatory: bool = True) -> bytes:
        spend(self.state, self.now)
        url = f"{self.base}{path}"
        host = urlsplit(url).netloc.rsplit("@", 1)[-1]
        keyed = self.policy.keyed
        try:
            response = self.http.get(url, headers=self.headers, params=params, accept_statuses=(401,) if keyed else ())
        except SourceError as exc:
            if not keyed and exc.kind is FailureKind.AUTH:  # siren.pp.ua once answered 401 to everyone
                raise SourceError(FailureKind.SERVER_ERROR, exc.detail, exc.retry_after or RATE_LIMIT_FLOOR_S) from exc
            raise with_rate_floor(exc) from exc
        if response.status == 401:
            if not mandatory:  # this poll already succeeded with this key: it is the rate limit
                raise SourceError(FailureKind.RATE_LIMITED, f"{host} answered 401 (rate limit)", RATE_LIMIT_FLOOR_S)
            raise _unauthorized(self.state, self.now, host, empty=not response.body.strip())
        if response.status != 200:
            raise SourceError(FailureKind.SERVER_ERROR, f"{host} answered {response.status}")
        if mandatory:
            self.state.pop("unauthorized", None)
        return response.body

    def fetch_history(self, region: str, index: int | None) -> None:
        marks = self.state.setdefault("history_marks", {})
        stored = self.state.setdefault("history", {})
        assert isinstance(marks, dict) and isinstance(stored, dict)
        marks[region] = (self.now.timestamp(), None)  # a failed fetch is retried after the gap, not at once
        try:
            body = self.get("/alerts/regionHistory", {"regionId": region}, mandatory=False)
            items = parse_region_history(body, now=self.now)
        except SourceError as exc:
            log.info("%s: history of region %s unavailable: %s", self.policy.name, region, exc)
            return
        stored[region] = tuple(p for p in items if p.region_id == region)
        marks[region] = (self.now.timestamp(), index)


def _unauthorized(state: dict[str, object], now: datetime, host: str, *, empty: bool) -> SourceError:
    """Ukraine Alarm answers 401 both to a bad key and to a key over its limit: only a run of 401s, each a
    minute or more after the last one counted, is taken as a rejected key."""
    raw = state.get("unauthorized")
    times = [t for t in raw if isinstance(t, float)] if isinstance(raw, list) else []
    if not times or now.timestamp() - times[-1] >= AUTH_401_SPACING_S:
        times.append(now.timestamp())
    state["unauthorized"] = times
    if len(times) >= AUTH_AFTER_401S:
        span = round(times[-1] - times[0])
        return SourceError(FailureKind.AUTH, f"{host} rejected the key {len(times)} times over {span} s (401)")
    why = "401 with no body" if empty else "401"
    return SourceError(FailureKind.RATE_LIMITED, f"{host} answered {why}: taken as rate limiting", RATE_LIMIT_FLOOR_S)
