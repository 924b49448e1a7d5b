"""U.S. State Department travel advisory for Ukraine: the cadataapi JSON list, with the RSS feed as fallback.

Both list every destination (about 210); only Ukraine's item is kept, found by its Country-Tag, which is
a FIPS 10-4 code: Ukraine is `UP` (ISO's "UA" is not used here, and FIPS "ES" is El Salvador, not Spain).
An item without any country tag counts as Ukraine's only when its title begins with "Ukraine".

The notes report each format failing at some point (the JSON answering an empty list, the RSS a 404), so
`fetch` tries the JSON first and the RSS when the JSON fails or has no Ukraine item; that fallback applies
to the default address only (an address set in config.toml is used alone). `parse` reads either format.

uid: "UP@" + the advisory's date as the Department wrote it (its own calendar day: the RSS gives only the
day, the JSON a time with an Eastern offset), so the same reissue has the same uid in both formats.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from shelterapp.jsonload import load_json
from shelterapp.sources import feeds
from shelterapp.sources.base import Advisory, AdvisoryReport, SourceSettings
from shelterapp.sources.errors import BadData, FailureKind, SourceError
from shelterapp.sources.http import HttpClient

log = logging.getLogger(__name__)

NAME = "state_dept"
KIND = "advisories"
DEFAULT_URL = "https://cadataapi.state.gov/api/TravelAdvisories"
DEFAULT_RSS_URL = "https://travel.state.gov/_res/rss/TAsTWs.xml"
# Advisories are reissued every few weeks or months; the notes advise 6-12 h. Both answers are ~200 kB.
DEFAULT_INTERVAL_S = 6 * 3600.0
MIN_INTERVAL_S = 3600.0
ATTRIBUTION = "U.S. Department of State, travel.state.gov (U.S. government work, public domain)"
NEEDS_TOKEN = False
ENABLED_BY_DEFAULT = True

COUNTRY = "UP"  # FIPS 10-4 for Ukraine
_UKRAINE_TITLE = re.compile(r"^\s*Ukraine\b", re.IGNORECASE)
_LEVEL = re.compile(r"Level\s*([1-4])\b(?:\s*:\s*([^-–|]+))?", re.IGNORECASE)
_FALLBACK_ON = (FailureKind.SERVER_ERROR, FailureKind.BAD_DATA, FailureKind.AUTH)


def parse(body: bytes, *, now: datetime) -> AdvisoryReport:
    """Ukraine's advisory from either format (told apart by content); BadData for junk or an empty list."""
    if feeds.looks_like_json(body):
        return _parse_json(load_json(body, "state_dept", BadData), now)
    items = []
    for entry in feeds.parse_feed(body, accept=("rss",)):
        countries = [term.upper() for domain, term in entry.categories if domain.lower() == "country-tag"]
        if COUNTRY not in countries and (countries or not _UKRAINE_TITLE.match(entry.title)):
            continue
        threat = [term for domain, term in entry.categories if domain.lower() == "threat-level"]
        advisory = _advisory(entry.title, entry.summary, entry.link, entry.date_text, threat[0] if threat else "", now)
        if advisory is not None:
            items.append(advisory)
    return feeds.report_of(items, now)


def _parse_json(document: object, now: datetime) -> AdvisoryReport:
    if not isinstance(document, list):
        raise BadData("not a travel advisory list")
    entries = [e for e in document if isinstance(e, dict) and isinstance(e.get("Title"), str)]
    if not entries:  # the API lists every destination: nothing at all is an outage, not "no advisories"
        raise BadData("empty travel advisory list" if not document else "not a travel advisory list")
    items = []
    for entry in entries:
        tags = entry.get("Category")
        countries = [t.strip().upper() for t in (tags if isinstance(tags, list) else [tags]) if isinstance(t, str)]
        title = feeds.html_to_text(entry["Title"], feeds.MAX_TITLE_CHARS)
        if COUNTRY not in countries and (countries or not _UKRAINE_TITLE.match(title)):
            continue
        date = _text(entry.get("Published")) or _text(entry.get("Updated"))
        summary = feeds.html_to_text(_text(entry.get("Summary")), feeds.MAX_TEXT_CHARS)
        advisory = _advisory(title, summary, feeds.safe_link(_text(entry.get("Link"))), date, "", now)
        if advisory is not None:
            items.append(advisory)
    return feeds.report_of(items, now)


def _advisory(title: str, summary: str, link: str, date_text: str, threat: str, now: datetime) -> Advisory | None:
    published = feeds.item_date(date_text, now)
    if published is None or not title:
        return None
    written = feeds.parse_date(date_text)
    day = written.date().isoformat() if written else feeds.plain_text(date_text, 64)
    return Advisory(
        source=NAME,
        uid=f"{COUNTRY}@{day}",
        title=title,
        summary=feeds.clip(summary, feeds.MAX_SUMMARY_CHARS),
        link=link,
        published=published,
        level=feeds.plain_text(threat, 80) or level_of(title),
    )


def level_of(title: str) -> str:
    """ "Level 4: Do Not Travel" from titles like "Ukraine - Level 4: Do Not Travel" or
    "Mexico Travel Advisory - Level 2: Exercise Increased Caution"."""
    match = _LEVEL.search(title)
    if not match:
        return ""
    words = (match[2] or "").strip()
    return f"Level {match[1]}: {words}" if words else f"Level {match[1]}"


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def fetch(http: HttpClient, settings: SourceSettings, state: dict[str, object], now: datetime) -> AdvisoryReport:
    url = settings.url or DEFAULT_URL
    fallback_url = DEFAULT_RSS_URL if url == DEFAULT_URL else None
    headers = feeds.JSON_ACCEPT if url == DEFAULT_URL else feeds.XML_ACCEPT
    try:
        report = feeds.conditional_fetch(http, url, parse, state, now, headers=headers)
    except SourceError as primary:
        if fallback_url is None or primary.kind not in _FALLBACK_ON:
            raise
        log.info("%s: %s; trying the RSS feed", NAME, primary)
        try:
            return feeds.conditional_fetch(http, fallback_url, parse, state, now, headers=feeds.XML_ACCEPT)
        except SourceError as fallback:
            log.info("%s: RSS fallback failed too (%s)", NAME, fallback)
            raise primary from fallback
    if report.items or fallback_url is None:
        return report
    log.info("%s: no Ukraine item in the JSON list; trying the RSS feed", NAME)
    try:
        return feeds.conditional_fetch(http, fallback_url, parse, state, now, headers=feeds.XML_ACCEPT)
    except SourceError as fallback:
        log.info("%s: RSS fallback failed (%s); keeping the JSON answer", NAME, fallback)
        return report
