"""alerts.in.ua (api.alerts.in.ua), with the user's own token as `Authorization: Bearer <token>`.

The token is never shipped (the service's rules forbid a token in software given to users): the user
enters theirs, it lives in the keyring, and it never reaches a message, a log line or a repr.

Polling: `/v1/alerts/active.json` every poll, conditional (`If-Modified-Since` from the last
`Last-Modified`): a 304 returns the last report, fresh as of now. Every active alert in the country is
listed, so absence means "not alerted" (complete). `location_uid` is a string and the key ("31" is
Kyiv city whatever `location_type` says); `alert_level` red/yellow; `threats[]` (drones, missiles...)
refine an air-raid alert and are validated but not mapped: base.Threat has no such detail.

Limits: soft 8-10, hard 12 requests a minute per IP, history 2 a minute; repeated abuse blocks the IP
*and* the token. We never spend more than 8 in any 60 s, history included, and leave one for the next
poll; a spent budget raises RATE_LIMITED without a request. 429 -> RATE_LIMITED (at least 60 s when
the server names no Retry-After); 401 -> AUTH (the coordinator pauses until a new token); 403 (IP
blocked or country not served) -> SERVER_ERROR, retry in 10 minutes.

History: `/v1/regions/{uid}/alerts/month_ago.json` only for oblast-level uids (a raion uid answers
404): Kyiv city 31 for itself, Kyiv oblast 14 for itself and for its raions 73-79 (their items are kept
where the answer lists them). Each uid at most once every 5 minutes, at most 2 history requests in any
60 s, and only with budget to spare. History failures never fail the poll. Reports carry the alerts of
the user's regions that ended in the last 24 h (again on later polls: the merge dedupes them).
"""

from __future__ import annotations

import logging
from datetime import datetime
from urllib.parse import urlsplit

from shelterapp.jsonload import load_json
from shelterapp.sources.base import AlertReport, Level, PastAlert, RegionAlert, SourceSettings, Threat
from shelterapp.sources.errors import BadData, FailureKind, SourceError, with_rate_floor
from shelterapp.sources.http import HttpClient, Response
from shelterapp.sources.payload import (
    array,
    iso_utc,
    merge_threats,
    narrow,
    obj,
    recent,
    region_id,
    stored_history,
    strongest,
    text,
)
from shelterapp.sources.request_budget import allowance, budget_spent, spend

log = logging.getLogger(__name__)

NAME = "alerts_in_ua"
KIND = "alerts"
DEFAULT_URL = "https://api.alerts.in.ua"
DEFAULT_INTERVAL_S = 15.0
MIN_INTERVAL_S = 10.0  # 6 a minute leaves room for history under our 8
ATTRIBUTION = "alerts.in.ua (volunteer aggregator; unofficial, for information only)"
NEEDS_TOKEN = True
ENABLED_BY_DEFAULT = False

PER_MINUTE = 8
HISTORY_PER_MINUTE = 2
HISTORY_EVERY_S = 300.0
BLOCKED_RETRY_S = 600.0
# Oblast-level uids (official client's LocationUidResolver): 3-5, 8-31. History takes only these.
OBLAST_UIDS = frozenset(str(uid) for uid in (3, 4, 5, *range(8, 32)))
KYIV_OBLAST = "14"
KYIV_OBLAST_RAIONS = frozenset(str(uid) for uid in range(73, 80))

_TYPES = {
    "air_raid": Threat.AIR_RAID,
    "artillery_shelling": Threat.ARTILLERY,
    "urban_fights": Threat.URBAN_FIGHTS,
    "chemical": Threat.CHEMICAL,
    "nuclear": Threat.NUCLEAR,
}


def parse(body: bytes, *, now: datetime) -> AlertReport:
    """`/v1/alerts/active.json`: a state for every region with an active alert; complete."""
    found: dict[str, list[tuple[Threat, Level | None, datetime]]] = {}
    for where, item in _items(body, "active.json"):
        uid = region_id(item.get("location_uid"), f"{where}.location_uid")
        threat = _threat(item.get("alert_type"), where)
        started = iso_utc(item.get("started_at"), now, f"{where}.started_at")
        finished = item.get("finished_at")
        level = _level(item.get("alert_level"), f"{where}.alert_level")
        sub_levels = _sub_threat_levels(item.get("threats"), now, where)
        if finished is not None:
            iso_utc(finished, now, f"{where}.finished_at")  # ended: validated, not active
            found.setdefault(uid, [])
            continue
        found.setdefault(uid, []).append((threat, level or strongest(sub_levels), started))
    regions = {}
    for uid, alerts in found.items():
        if not alerts:
            regions[uid] = RegionAlert(uid, active=False)
            continue
        regions[uid] = RegionAlert(
            uid,
            active=True,
            threats=merge_threats([t for t, _, _ in alerts]),
            level=strongest({lv for _, lv, _ in alerts if lv is not None}),
            since=min(s for _, _, s in alerts),
        )
    return AlertReport(regions, now, complete=True)


def parse_history(body: bytes, *, now: datetime) -> tuple[PastAlert, ...]:
    """`/v1/regions/{uid}/alerts/{period}.json`: the alerts that ended (the running one is skipped)."""
    past = []
    for where, item in _items(body, "history"):
        uid = region_id(item.get("location_uid"), f"{where}.location_uid")
        threat = _threat(item.get("alert_type"), where)
        started = iso_utc(item.get("started_at"), now, f"{where}.started_at")
        finished = item.get("finished_at")
        if finished is None:
            continue
        ended = iso_utc(finished, now, f"{where}.finished_at")
        if ended < started:
            raise BadData(f"{where}: ends before it starts")
        past.append(PastAlert(uid, started, ended, (threat,)))
    return tuple(past)


def _items(body: bytes, what: str) -> list[tuple[str, dict[str, object]]]:
    envelope = obj(load_json(body, what, BadData), what)
    meta = envelope.get("meta")
    if meta is not None:
        updated = obj(meta, f"{what}.meta").get("last_updated_at")
        if updated is not None:
            text(updated, f"{what}.meta.last_updated_at")
    alerts = array(envelope.get("alerts"), f"{what}.alerts")
    return [(f"{what}.alerts[{n}]", obj(item, f"{what}.alerts[{n}]")) for n, item in enumerate(alerts)]


def _threat(value: object, where: str) -> Threat:
    return _TYPES.get(text(value, f"{where}.alert_type"), Threat.OTHER)


def _level(value: object, what: str) -> Level | None:
    if value is None:
        return None
    name = text(value, what).lower()
    return Level(name) if name in (Level.RED, Level.YELLOW) else None


def _sub_threat_levels(value: object, now: datetime, where: str) -> set[Level]:
    levels = set()
    for n, raw in enumerate(array(value if value is not None else [], f"{where}.threats")):
        threat = obj(raw, f"{where}.threats[{n}]")
        text(threat.get("threat_type"), f"{where}.threats[{n}].threat_type")
        if threat.get("started_at") is not None:
            iso_utc(threat.get("started_at"), now, f"{where}.threats[{n}].started_at")
        level = _level(threat.get("level"), f"{where}.threats[{n}].level")
        if level is not None:
            levels.add(level)
    return levels


def history_uids(regions: tuple[str, ...]) -> list[str]:
    """The oblast-level uids whose history covers the user's regions."""
    uids = [r if r in OBLAST_UIDS else KYIV_OBLAST for r in regions if r in OBLAST_UIDS or r in KYIV_OBLAST_RAIONS]
    return list(dict.fromkeys(uids))


def fetch(
    http: HttpClient, settings: SourceSettings, regions: tuple[str, ...], state: dict[str, object], now: datetime
) -> AlertReport:
    token = settings.token.strip()
    if not token:
        raise SourceError(FailureKind.AUTH, "no token")
    if any(c in token for c in "\r\n\0"):
        raise SourceError(FailureKind.AUTH, "the token contains a line break: paste it again")
    headers = {"Authorization": f"Bearer {token}"}
    base = settings.url.rstrip("/")
    budget = allowance(state, now, PER_MINUTE, max(settings.interval_s, MIN_INTERVAL_S))
    if budget < 1:
        raise budget_spent(state, now, NAME, PER_MINUTE)
    last = state.get("last_full")
    response = _get(http, f"{base}/v1/alerts/active.json", headers, state, now, conditional=True)
    budget -= 1
    if response.not_modified and isinstance(last, AlertReport):
        full = last
    else:
        if response.not_modified:  # validators outlived our memory of the answer (a new state dict)
            if budget < 1:
                raise budget_spent(state, now, NAME, PER_MINUTE)
            response = _get(http, f"{base}/v1/alerts/active.json", headers, state, now, conditional=False)
            budget -= 1
        full = parse(response.body, now=now)
    state["last_full"] = full
    for uid in history_uids(regions):
        if budget < 1:
            break
        if _history_due(state, uid, now):
            _fetch_history(http, base, uid, headers, state, now)
            budget -= 1
    return narrow(full, regions, now, recent(stored_history(state), regions, now))


def _get(
    http: HttpClient, url: str, headers: dict[str, str], state: dict[str, object], now: datetime, *, conditional: bool
) -> Response:
    spend(state, now)
    try:
        response = http.get(url, headers=headers, conditional=conditional, accept_statuses=(403,))
    except SourceError as exc:
        raise with_rate_floor(exc) from exc
    if response.status == 403:
        host = urlsplit(url).netloc.rsplit("@", 1)[-1]
        raise SourceError(FailureKind.SERVER_ERROR, f"{host} refused this IP or country (403)", BLOCKED_RETRY_S)
    if response.status not in (200, 304):
        raise SourceError(FailureKind.SERVER_ERROR, f"unexpected answer {response.status}")
    return response


def _history_due(state: dict[str, object], uid: str, now: datetime) -> bool:
    marks = state.get("history_marks")
    last = marks.get(uid) if isinstance(marks, dict) else None
    if isinstance(last, float) and now.timestamp() - last < HISTORY_EVERY_S:
        return False
    return allowance(state, now, HISTORY_PER_MINUTE, HISTORY_EVERY_S, key="history_requests") >= 1


def _fetch_history(
    http: HttpClient, base: str, uid: str, headers: dict[str, str], state: dict[str, object], now: datetime
) -> None:
    marks = state.setdefault("history_marks", {})
    stored = state.setdefault("history", {})
    assert isinstance(marks, dict) and isinstance(stored, dict)
    marks[uid] = now.timestamp()  # success or not: the next try waits HISTORY_EVERY_S
    spend(state, now, key="history_requests")
    try:
        response = _get(http, f"{base}/v1/regions/{uid}/alerts/month_ago.json", headers, state, now, conditional=False)
        stored[uid] = parse_history(response.body, now=now)
    except SourceError as exc:
        log.info("%s: history of %s unavailable: %s", NAME, uid, exc)
