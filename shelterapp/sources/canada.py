"""Government of Canada travel advice for Ukraine: the alphabetical index JSON of travel.gc.ca.

The index lists every destination under `data.{ISO2}`; only `data.UA` is kept. Its `advisory-state`
(0-3) and English wording make the level; `date-published.timestamp` makes the uid, so each publication
(even an editorial one) is one advisory. English text only: the French block is left to the web page.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from shelterapp.jsonload import load_json
from shelterapp.sources import feeds
from shelterapp.sources.base import Advisory, AdvisoryReport, SourceSettings
from shelterapp.sources.errors import BadData
from shelterapp.sources.http import HttpClient

NAME = "canada"
KIND = "advisories"
DEFAULT_URL = "https://data.international.gc.ca/travel-voyage/index-alpha-eng.json"
# The index is rebuilt about once a day; the notes advise 6-24 h. Ukraine's state has been 3 for years.
DEFAULT_INTERVAL_S = 6 * 3600.0
MIN_INTERVAL_S = 3600.0
ATTRIBUTION = (
    "Global Affairs Canada, travel.gc.ca. Contains information licensed under the Open Government Licence – Canada"
)
NEEDS_TOKEN = False
ENABLED_BY_DEFAULT = True

COUNTRY = "UA"
PAGE_URL = "https://travel.gc.ca/destinations/"
ADVISORY_STATES = {
    0: "Take normal security precautions",
    1: "Exercise a high degree of caution",
    2: "Avoid non-essential travel",
    3: "Avoid all travel",
}
_SLUG = re.compile(r"^[a-z0-9-]{1,64}$")
_DIGITS = re.compile(r"^[0-9]{1,15}$")  # ASCII only: str.isdigit() accepts "²", which int() refuses


def parse(body: bytes, *, now: datetime) -> AdvisoryReport:
    """Ukraine's advisory; an empty report when the index does not list Ukraine; BadData for junk."""
    document = load_json(body, "canada", BadData)
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict):
        raise BadData("not a travel advice index")
    if not data:  # the index lists every destination: none at all is an outage, not "no advisories"
        raise BadData("empty travel advice index")
    entry = data.get(COUNTRY)
    if entry is None:
        return AdvisoryReport((), now)
    if not isinstance(entry, dict):
        raise BadData(f"{COUNTRY} entry is not an object")
    advisory = _advisory(entry, now)
    return AdvisoryReport((advisory,) if advisory else (), now)


def _advisory(entry: dict[str, object], now: datetime) -> Advisory | None:
    english = entry.get("eng")
    english = english if isinstance(english, dict) else {}
    published_text, key = _published(entry.get("date-published"))
    published = feeds.item_date(published_text, now)
    if published is None or not key:  # dated in the future, or nothing to tell publications apart by
        return None
    state = _state(entry.get("advisory-state"))
    standard = ADVISORY_STATES[state] if state is not None else ""
    wording = feeds.plain_text(_text(english.get("advisory-text")), 120) or standard
    name = feeds.plain_text(_text(english.get("name")) or _text(entry.get("country-eng")) or "Ukraine", 80)
    slug = _text(english.get("url-slug"))
    return Advisory(
        source=NAME,
        uid=f"{COUNTRY}@{key}",
        title=f"{name}: {wording}" if wording else name,
        summary=feeds.html_to_text(_text(english.get("recent-updates"))) or wording,
        link=PAGE_URL + (slug if _SLUG.match(slug) else "ukraine"),
        published=published,
        level=f"{state}: {wording}" if state is not None and wording else wording,
    )


def _published(value: object) -> tuple[str, str]:
    """(a date text item_date reads, the uid key): the Unix timestamp when given, else the ISO `asp` text."""
    if not isinstance(value, dict):
        return "", ""
    stamp = value.get("timestamp")
    if isinstance(stamp, str) and _DIGITS.match(stamp):
        stamp = int(stamp)
    if isinstance(stamp, int | float) and not isinstance(stamp, bool):
        try:
            when = datetime.fromtimestamp(stamp, UTC)
        except (OverflowError, OSError, ValueError):
            return "", ""
        return when.isoformat(), str(int(stamp))
    asp = _text(value.get("asp")).strip()
    return asp, feeds.date_key(asp) if asp else ""


def _state(value: object) -> int | None:
    if isinstance(value, str) and _DIGITS.match(value.strip()):
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and value in ADVISORY_STATES:
        return value
    return None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def fetch(http: HttpClient, settings: SourceSettings, state: dict[str, object], now: datetime) -> AdvisoryReport:
    url = settings.url or DEFAULT_URL
    return feeds.conditional_fetch(http, url, parse, state, now, headers=feeds.JSON_ACCEPT)
