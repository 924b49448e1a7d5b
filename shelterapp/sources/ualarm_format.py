"""Ukraine Alarm's payload shapes, which siren.pp.ua serves too: each answer checked and read into reports.

Shapes (OpenAPI spec v3 and recorded payloads; tests/fixtures/alerts/README.md):
- `GET /alerts`: `AlertRegionModel[]`, only regions with at least one active alert, so absence means
  "not alerted" (the report is `complete`). A record may also list *inherited* alerts with their own
  `regionId`: a community's record carries its district's AIR alert. Each alert therefore counts for its
  own `regionId`, and for the record's region when it comes from a coarser level (a parent); an alert of
  a finer level (a child) does not make the whole parent region alerted. `INFO` is not a threat.
- `GET /alerts/status`: `{lastActionIndex: int}`, which changes whenever any alert anywhere changes.
- `GET /alerts/regionHistory?regionId=`: the region's last 25 alarms; the open one has `isContinue` true
  and the .NET zero date `0001-01-01T00:00:00` as its end.

How both sources poll these endpoints within their request budgets: ualarm_poll.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shelterapp.jsonload import load_json
from shelterapp.sources.base import AlertReport, Level, PastAlert, RegionAlert, Threat
from shelterapp.sources.errors import BadData
from shelterapp.sources.payload import array, iso_utc, merge_threats, obj, region_id, strongest, text

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


@dataclass(frozen=True)
class _Alert:
    threat: Threat
    levels: frozenset[Level]
    since: datetime


def parse_alerts(body: bytes, *, now: datetime) -> AlertReport:
    """`/alerts` (or `/alerts/{regionId}`): every listed region, with its own and inherited alerts."""
    records = array(load_json(body, "alerts", BadData), "alerts")
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
    index = obj(load_json(body, "alerts/status", BadData), "alerts/status").get("lastActionIndex")
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise BadData(f"alerts/status: lastActionIndex {index!r:.40} is not a counter")
    return index


def parse_region_history(body: bytes, *, now: datetime) -> tuple[PastAlert, ...]:
    """`/alerts/regionHistory`: the alarms that ended (the open one is skipped)."""
    past = []
    for number, raw_entry in enumerate(array(load_json(body, "regionHistory", BadData), "regionHistory")):
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
