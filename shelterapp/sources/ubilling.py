"""The ubilling.net.ua aerial-alerts mirror: keyless, oblast level only, air raid only; a last fallback.

`{source, cachedat, states: {<oblast name>: {alertnow, changed}}}` with 25 rows (24 oblasts and
"м. Київ"; no Crimea, no raions). Times are Kyiv wall-clock without a zone: read as Europe/Kyiv and
converted to UTC (read naively on a UTC host they would look 3 h in the future). `changed` in 1970
means "start unknown" (since=None). `cachedat` older than STALE_AFTER is BadData("stale"): the mirror
answers happily with old data. Two requests inside one second have been answered with a truncated body
(HTTP 200): that is malformed JSON -> BadData, never "no alerts". Limit: 2 requests a second per host.

It speaks only for oblast-level regions (names mapped to the shared UIDs: "м. Київ" -> "31",
"Київська область" -> "14"); raions (73-79) are left out and the report is not complete, so the merge
treats them as unknown here. Whether a raion-only alert lights its oblast's row is unverified. Its
default upstream aggregates alerts.in.ua and Ukraine Alarm among others: it is not independent of them.
No history.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shelterapp.jsonload import load_json
from shelterapp.sources.base import AlertReport, RegionAlert, SourceSettings, Threat
from shelterapp.sources.errors import BadData, SourceError, with_rate_floor
from shelterapp.sources.http import HttpClient
from shelterapp.sources.payload import check_date, narrow, obj, text

NAME = "ubilling"
KIND = "alerts"
DEFAULT_URL = "https://ubilling.net.ua/aerialalerts/"
DEFAULT_INTERVAL_S = 15.0
MIN_INTERVAL_S = 5.0  # the host allows 2 a second, but two inside one second come back truncated
ATTRIBUTION = "ubilling.net.ua aerial alerts mirror (community aggregator; not an official source)"
NEEDS_TOKEN = False
ENABLED_BY_DEFAULT = False

STALE_AFTER = timedelta(minutes=10)
# Oblast names as the feed spells them -> the UIDs shared by alerts.in.ua and Ukraine Alarm
# (official alerts-in-ua client, LocationUidResolver).
REGION_IDS = {
    "Хмельницька область": "3",
    "Вінницька область": "4",
    "Рівненська область": "5",
    "Волинська область": "8",
    "Дніпропетровська область": "9",
    "Житомирська область": "10",
    "Закарпатська область": "11",
    "Запорізька область": "12",
    "Івано-Франківська область": "13",
    "Київська область": "14",
    "Кіровоградська область": "15",
    "Луганська область": "16",
    "Миколаївська область": "17",
    "Одеська область": "18",
    "Полтавська область": "19",
    "Сумська область": "20",
    "Тернопільська область": "21",
    "Харківська область": "22",
    "Херсонська область": "23",
    "Черкаська область": "24",
    "Чернігівська область": "25",
    "Чернівецька область": "26",
    "Львівська область": "27",
    "Донецька область": "28",
    "Автономна Республіка Крим": "29",
    "м. Севастополь": "30",
    "м. Київ": "31",
}


def _kyiv() -> ZoneInfo:
    try:
        return ZoneInfo("Europe/Kyiv")
    except ZoneInfoNotFoundError:  # tz databases older than 2022b know it only by its old name
        return ZoneInfo("Europe/Kiev")


KYIV = _kyiv()


def kyiv_time(value: object, now: datetime, what: str) -> datetime | None:
    """`YYYY-MM-DD HH:MM:SS` on Kyiv's wall clock -> aware UTC; 1970 (the feed's "unknown") -> None."""
    raw = text(value, what)
    try:
        local = datetime.strptime(raw, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise BadData(f"{what}: not a time: {raw!r:.40}") from None
    if local.year <= 1970:
        return None
    return check_date(local.replace(tzinfo=KYIV).astimezone(UTC), now, what)


def parse(body: bytes, *, now: datetime) -> AlertReport:
    data = obj(load_json(body, "aerialalerts", BadData), "aerialalerts")
    if data.get("source") is not None:
        text(data.get("source"), "aerialalerts.source")
    cached = kyiv_time(data.get("cachedat"), now, "aerialalerts.cachedat")
    if cached is None:
        raise BadData("aerialalerts.cachedat: no time")
    if now - cached > STALE_AFTER:
        raise BadData(f"stale: the mirror's data is from {cached.isoformat()}")
    regions = {}
    for name, raw in obj(data.get("states"), "aerialalerts.states").items():
        where = f"aerialalerts.states[{name!r:.40}]"
        row = obj(raw, where)
        active = row.get("alertnow")
        if not isinstance(active, bool):
            raise BadData(f"{where}.alertnow: expected true or false")
        changed = kyiv_time(row.get("changed"), now, f"{where}.changed")
        uid = REGION_IDS.get(name)
        if uid is None:
            continue
        if active:
            regions[uid] = RegionAlert(uid, active=True, threats=(Threat.AIR_RAID,), since=changed)
        else:
            regions[uid] = RegionAlert(uid, active=False)
    return AlertReport(regions, now, complete=False)


def fetch(
    http: HttpClient, settings: SourceSettings, regions: tuple[str, ...], state: dict[str, object], now: datetime
) -> AlertReport:
    try:
        response = http.get(settings.url)
    except SourceError as exc:
        raise with_rate_floor(exc) from exc
    report = parse(response.body, now=now)
    state["last_full"] = report
    return narrow(report, regions, now, ())
