"""UK FCDO foreign travel advice for Ukraine (GOV.UK): the Content API JSON, with the page's Atom feed as fallback.

One advisory per version of the page: a new `public_updated_at` is a new advisory whose summary is the
page's change description ("Latest update: …") and whose level is the FCDO's travel warning. The uid is the
page path + that timestamp, which both formats carry, so switching to the Atom fallback (when the API
answers 5xx, 401/403 or junk) never announces the same version twice.

A withdrawn page (`withdrawn_notice`: GOV.UK archives advice that is out of date) is never shown as current
advice: it becomes its own advisory, "Withdrawn: <title>", level "withdrawn", whose summary is the notice
(dated when it was withdrawn, so it is the newest item and is announced once).

The fallback address is derived from the configured one: `…/api/content/PATH` -> `…/PATH.atom`. A configured
`.atom` address is used alone; any other address has no fallback.
"""

from __future__ import annotations

import logging
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from shelterapp.jsonload import load_json
from shelterapp.sources import feeds
from shelterapp.sources.base import Advisory, AdvisoryReport, SourceSettings
from shelterapp.sources.errors import BadData, FailureKind, SourceError
from shelterapp.sources.http import HttpClient

log = logging.getLogger(__name__)

NAME = "fcdo"
KIND = "advisories"
DEFAULT_URL = "https://www.gov.uk/api/content/foreign-travel-advice/ukraine"
DEFAULT_ATOM_URL = "https://www.gov.uk/foreign-travel-advice/ukraine.atom"
# Travel advice changes a few times a month at most (and on days like 20 Nov 2024, within hours); the
# notes advise 15-60 min and GOV.UK asks heavy users to identify themselves, which HttpClient does.
DEFAULT_INTERVAL_S = 1800.0
MIN_INTERVAL_S = 900.0
ATTRIBUTION = "UK Foreign, Commonwealth & Development Office, GOV.UK (Open Government Licence v3.0)"
NEEDS_TOKEN = False
ENABLED_BY_DEFAULT = True

GOV_UK = "https://www.gov.uk"
# The four alert_status values travel-advice-publisher allows, most severe first; [] means no warning.
ALERT_STATUS = {
    "avoid_all_travel_to_whole_country": "Advises against all travel to the whole country",
    "avoid_all_travel_to_parts": "Advises against all travel to parts of the country",
    "avoid_all_but_essential_travel_to_whole_country": "Advises against all but essential travel to the whole country",
    "avoid_all_but_essential_travel_to_parts": "Advises against all but essential travel to parts of the country",
}
WITHDRAWN_LEVEL = "withdrawn"
# Failures the other format may not share. Not OFFLINE, TIMEOUT or RATE_LIMITED: same host, same outcome.
_FALLBACK_ON = (FailureKind.SERVER_ERROR, FailureKind.BAD_DATA, FailureKind.AUTH)


def parse(body: bytes, *, now: datetime) -> AdvisoryReport:
    """Either format, told apart by content: Content API JSON or the Atom feed."""
    if feeds.looks_like_json(body):
        return _parse_content_api(load_json(body, "fcdo", BadData), now)
    items = []
    for entry in feeds.parse_feed(body, accept=("atom",)):
        advisory = _from_atom(entry, now)
        if advisory is not None:
            items.append(advisory)
    return feeds.report_of(items, now)


def _parse_content_api(document: object, now: datetime) -> AdvisoryReport:
    if not isinstance(document, dict):
        raise BadData("not a GOV.UK content item")
    details = document.get("details")
    updated = document.get("public_updated_at")
    schema = document.get("schema_name", "travel_advice")
    if not isinstance(details, dict) or not isinstance(updated, str) or schema != "travel_advice":
        raise BadData("not a GOV.UK travel advice content item")
    path = _text(document.get("base_path"))
    content_id = _text(document.get("content_id"))
    published = feeds.item_date(updated, now)
    if published is None or not (path or content_id):  # dated in the future, or nothing to identify it by
        return AdvisoryReport((), now)
    notice = document.get("withdrawn_notice")
    if isinstance(notice, dict) and notice:
        return AdvisoryReport(_withdrawn(document, notice, path or content_id, now), now)
    change = _text(details.get("change_description")) or _text(document.get("description"))
    advisory = Advisory(
        source=NAME,
        uid=f"{path or content_id}@{feeds.date_key(updated)}",
        title=feeds.html_to_text(_text(document.get("title")), feeds.MAX_TITLE_CHARS) or "Travel advice",
        summary=feeds.html_to_text(change),
        link=feeds.safe_link(path, GOV_UK) if path.startswith("/") and not path.startswith("//") else "",
        published=published,
        level=_level(details.get("alert_status")),
    )
    return AdvisoryReport((advisory,), now)


def _withdrawn(document: dict[str, object], notice: dict[str, object], key: str, now: datetime) -> tuple[Advisory, ...]:
    when = _text(notice.get("withdrawn_at")) or _text(document.get("public_updated_at"))
    published = feeds.item_date(when, now)
    if published is None:
        return ()
    path = _text(document.get("base_path"))
    title = feeds.html_to_text(_text(document.get("title")), feeds.MAX_TITLE_CHARS) or "Travel advice"
    explanation = feeds.html_to_text(_text(notice.get("explanation")))
    summary = f"This advice was withdrawn on {published:%d %B %Y} and is not current. {explanation}".strip()
    return (
        Advisory(
            source=NAME,
            uid=f"{key}@withdrawn@{feeds.date_key(when)}",
            title=feeds.clip(f"Withdrawn: {title}", feeds.MAX_TITLE_CHARS),
            summary=feeds.clip(summary, feeds.MAX_SUMMARY_CHARS),
            link=feeds.safe_link(path, GOV_UK) if path.startswith("/") and not path.startswith("//") else "",
            published=published,
            level=WITHDRAWN_LEVEL,
        ),
    )


def _level(statuses: object) -> str:
    """The travel warning in words, most severe first; "" when the FCDO advises against no travel."""
    if not isinstance(statuses, list):
        return ""
    given = {s for s in statuses if isinstance(s, str)}
    known = [text for key, text in ALERT_STATUS.items() if key in given]
    unknown = sorted(feeds.plain_text(s.replace("_", " "), 80) for s in given - ALERT_STATUS.keys())
    return "; ".join([*known, *unknown][:6])


def _from_atom(entry: feeds.FeedItem, now: datetime) -> Advisory | None:
    published = feeds.item_date(entry.date_text, now)
    page = entry.link or entry.guid.split("#", 1)[0]
    path = urlsplit(page).path if page else ""
    if published is None or not path or not entry.title:
        return None
    return Advisory(
        source=NAME,
        uid=f"{path}@{feeds.date_key(entry.date_text)}",
        title=entry.title,
        summary=feeds.clip(entry.summary or entry.content, feeds.MAX_SUMMARY_CHARS),
        link=entry.link,
        published=published,
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def atom_url_for(url: str) -> str | None:
    """The Atom fallback for a Content API address; None when `url` is Atom already or has no known twin."""
    parts = urlsplit(url)
    if "/api/content/" not in parts.path:
        return None
    path = parts.path.replace("/api/content/", "/", 1).rstrip("/") + ".atom"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def fetch(http: HttpClient, settings: SourceSettings, state: dict[str, object], now: datetime) -> AdvisoryReport:
    url = settings.url or DEFAULT_URL
    atom_url = atom_url_for(url)
    if atom_url is None:
        return feeds.conditional_fetch(http, url, parse, state, now, headers=feeds.XML_ACCEPT)
    try:
        return feeds.conditional_fetch(http, url, parse, state, now, headers=feeds.JSON_ACCEPT)
    except SourceError as primary:
        if primary.kind not in _FALLBACK_ON:
            raise
        log.info("%s: content API failed (%s); trying the Atom feed", NAME, primary)
        try:
            return feeds.conditional_fetch(http, atom_url, parse, state, now, headers=feeds.XML_ACCEPT)
        except SourceError as fallback:
            log.info("%s: Atom fallback failed too (%s)", NAME, fallback)
            raise primary from fallback
