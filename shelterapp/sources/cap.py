"""Common Alerting Protocol (CAP 1.2, also 1.1) feeds the user adds in config.toml (`[[sources.cap]] url = …`).

No Ukrainian authority publishes air-raid alerts as CAP (late 2024); the one CAP source for Ukraine is
MeteoAlarm's weather-warning Atom feed. So two shapes are read:
- one CAP `<alert>` document: one advisory (none when it is not for the public, see below);
- an Atom or RSS feed whose entries carry `cap:` fields (MeteoAlarm, NWS style indexes) or embed a whole
  `<alert>`: one advisory per entry.

Rules:
- uid = "sender,identifier,sent": CAP's own dedupe key, and the form `<references>` uses, so a Cancel's
  references name earlier uids exactly. (An index entry without cap:sender: "identifier,sent", where the
  identifier falls back to the entry's Atom id / RSS guid and sent to cap:effective or the entry's date.)
- Only `status` Actual is shown (Exercise, System, Test and Draft are not for the public), and only
  msgType Alert, Update and Cancel (Ack and Error are between senders).
- Language: the UI language is not known here, so the `info` block in English is taken (`en`, `en-US`,
  or no language, which CAP defines as en-US), else Ukrainian (`uk`, `uk-UA`), else the first.
- An alert whose every `info` has expired by `now` is over and is left out (on a 304 the last document is
  read again, so an alert drops out when it expires even if the feed never changes).
- level = "Severity, Urgency: Event" (e.g. "Extreme, Immediate: Air raid alert").
- A Cancel is an advisory titled "Cancelled: <event>" with level "cancel". Alerts that a Cancel or an
  Update in the same feed references are dropped (Advisory has no field for references, so across polls
  the UI relies on the "cancel" level and the history).
- MeteoAlarm's feeds list one CAP alert once per area, every entry with the same identifier and sent time,
  and write the message type as `cap:message_type` (CAP's own name is msgType; both are read). The entries
  of one alert become one advisory that names every area, Kyiv first when it is among them (a warning
  that covers Kyiv must say so even when Kyiv is listed last, and 87 areas do not fit in a summary).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from xml.etree.ElementTree import Element

from shelterapp.sources import feeds
from shelterapp.sources.base import Advisory, AdvisoryReport, SourceSettings
from shelterapp.sources.errors import BadData
from shelterapp.sources.http import HttpClient

NAME = "cap"
KIND = "advisories"
DEFAULT_URL = ""  # none: the user adds CAP feed addresses
# Unknown publishers, mostly weather services (MeteoAlarm: the notes advise 15-30 min). 10 min keeps a
# real warning timely without hammering a small server; these are not real-time air-raid sources.
DEFAULT_INTERVAL_S = 600.0
MIN_INTERVAL_S = 120.0
ATTRIBUTION = "CAP feeds you added: credit each publisher as its terms ask"
NEEDS_TOKEN = False
ENABLED_BY_DEFAULT = False  # no address until the user adds one

CAP_NAMESPACES = ("urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergency:cap:1.1")
CANCEL_LEVEL = "cancel"
_SHOWN_TYPES = ("Alert", "Update", "Cancel")
# Area names that are Kyiv (city or oblast), in the languages and spellings feeds use.
_KYIV = re.compile(r"(?i)\b(ky[iy]v|kyïv|kiev|kiew|kijów|kyjiw|київ|киев)")
MAX_AREAS_CHARS = 300  # of a summary of MAX_SUMMARY_CHARS: the areas listed, then "and N more"


def parse(body: bytes, *, now: datetime) -> AdvisoryReport:
    """A CAP alert document or a feed of CAP entries; BadData for anything else."""
    root = feeds.parse_xml(body)
    namespace = _cap_namespace(root)
    if namespace:
        found, _ended = _from_alert(root, namespace, now)
        return feeds.report_of([found] if found else [], now)
    read: Callable[[Element], feeds.FeedItem]
    if root.tag == "rss":
        channel = root.find("channel")
        entries = channel.findall("item") if channel is not None else []
        read = feeds.rss_item
    elif root.tag == f"{{{feeds.ATOM}}}feed":
        entries = root.findall(f"{{{feeds.ATOM}}}entry")
        read = feeds.atom_entry
    else:
        raise BadData(f"not a CAP alert or CAP feed (root element {feeds.plain_text(str(root.tag), 60)!r})")
    items: list[Advisory] = []
    ended: set[str] = set()  # uids that a Cancel or Update in this feed ends or replaces
    areas: dict[str, list[str]] = {}  # uid -> the areas its index entries name, in feed order
    cap_entries = 0
    for entry in entries:
        embedded = next((e for e in entry.iter() if _cap_namespace(e)), None)
        if embedded is not None:
            cap_entries += 1
            try:
                found, references = _from_alert(embedded, _cap_namespace(embedded), now)
            except BadData:  # one broken alert in a feed is a bad item; the rest is kept
                continue
        else:
            item = read(entry)
            namespace = _index_namespace(item)
            if not namespace:
                continue
            cap_entries += 1
            found, references = _from_index_entry(item, namespace, now)
            area = feeds.plain_text((item.extra or {}).get(f"{{{namespace}}}areaDesc", ""), feeds.MAX_TITLE_CHARS)
            if found is not None and area:
                areas.setdefault(found.uid, []).append(area)
        ended.update(references)
        if found is not None:
            items.append(found)
    if entries and not cap_entries:
        raise BadData("a feed without CAP fields")
    return feeds.report_of(_one_per_alert([item for item in items if item.uid not in ended], areas), now)


def _one_per_alert(items: list[Advisory], areas: dict[str, list[str]]) -> list[Advisory]:
    """One advisory per uid, naming every area its entries list (the entry for Kyiv speaks for it, if any)."""
    by_uid: dict[str, list[Advisory]] = {}
    for item in items:
        by_uid.setdefault(item.uid, []).append(item)
    merged = []
    for uid, copies in by_uid.items():
        named = sorted(_dedupe(areas.get(uid, [])), key=lambda area: not _KYIV.search(area))  # Kyiv first
        speaker = next((c for c in copies if _KYIV.search(c.title)), copies[0])
        summary = _sentences([speaker.summary, _areas_text(named)], exclude=speaker.title)
        merged.append(replace(speaker, summary=summary))
    return merged


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _areas_text(areas: list[str]) -> str:
    """ "Areas: A, B and 85 more" within MAX_AREAS_CHARS; one area is named alone."""
    if len(areas) <= 1:
        return areas[0] if areas else ""
    shown: list[str] = []
    for area in areas:
        if shown and len(", ".join([*shown, area])) > MAX_AREAS_CHARS:
            break
        shown.append(area)
    rest = len(areas) - len(shown)
    return "Areas: " + ", ".join(shown) + (f" and {rest} more" if rest else "")


def _cap_namespace(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return next((ns for ns in CAP_NAMESPACES if tag == f"{{{ns}}}alert"), "")


def _index_namespace(item: feeds.FeedItem) -> str:
    tags = item.extra or {}
    return next((ns for ns in CAP_NAMESPACES if any(tag.startswith(f"{{{ns}}}") for tag in tags)), "")


def _from_alert(alert: Element, ns: str, now: datetime) -> tuple[Advisory | None, tuple[str, ...]]:
    """The alert as an advisory (None when it is not for the public, over, or dated ahead) and the uids it
    ends or replaces."""

    def field(parent: Element | None, name: str) -> str:
        if parent is None:
            return ""
        return feeds.plain_text(feeds.text_of(parent.find(f"{{{ns}}}{name}")), feeds.MAX_TEXT_CHARS)

    identifier, sender, sent = field(alert, "identifier"), field(alert, "sender"), field(alert, "sent")
    if not identifier or not sent:
        raise BadData("CAP alert without identifier or sent time")
    status, kind = field(alert, "status"), field(alert, "msgType")
    if status != "Actual" or kind not in _SHOWN_TYPES:
        return None, ()
    references = tuple(field(alert, "references").split()) if kind in ("Update", "Cancel") else ()
    published = feeds.item_date(sent, now)
    infos = alert.findall(f"{{{ns}}}info")
    current = [i for i in infos if not _expired(field(i, "expires"), now)]
    if published is None or (infos and not current):  # dated ahead, or over
        return None, references
    info = _preferred(current, lambda i: field(i, "language"))
    event, headline = field(info, "event"), field(info, "headline")
    if kind == "Cancel":
        title = f"Cancelled: {event or headline or field(alert, 'note') or identifier}"
        parts = [headline, field(info, "description"), field(info, "instruction"), field(alert, "note")]
        level = CANCEL_LEVEL
    else:
        title = headline or event or identifier
        parts = [field(info, "description"), field(info, "instruction")]
        level = _level(field(info, "severity"), field(info, "urgency"), event)
    advisory = Advisory(
        source=NAME,
        uid=f"{sender},{identifier},{sent}",
        title=feeds.clip(title, feeds.MAX_TITLE_CHARS),
        summary=_sentences(parts, exclude=title),
        link=feeds.safe_link(field(info, "web")),
        published=published,
        level=level,
    )
    return advisory, references


def _from_index_entry(item: feeds.FeedItem, ns: str, now: datetime) -> tuple[Advisory | None, tuple[str, ...]]:
    extra = item.extra or {}

    def cap(name: str) -> str:
        return feeds.plain_text(extra.get(f"{{{ns}}}{name}", ""), feeds.MAX_TITLE_CHARS)

    kind = cap("msgType") or cap("message_type") or "Alert"  # MeteoAlarm writes message_type
    if (cap("status") or "Actual") != "Actual" or kind not in _SHOWN_TYPES:
        return None, ()
    references = tuple(cap("references").split()) if kind in ("Update", "Cancel") else ()
    sent = cap("sent") or cap("effective") or item.date_text
    identifier = cap("identifier") or item.guid or item.link
    published = feeds.item_date(sent, now)
    if published is None or not identifier or _expired(cap("expires"), now):
        return None, references
    event = cap("event")
    title = item.title or cap("headline") or event or identifier
    cancelled = kind == "Cancel"
    advisory = Advisory(
        source=NAME,
        uid=f"{cap('sender')},{identifier},{sent}" if cap("sender") else f"{identifier},{sent}",
        title=feeds.clip(f"Cancelled: {event or title}" if cancelled else title, feeds.MAX_TITLE_CHARS),
        summary=_sentences([item.summary or item.content], exclude=title),  # + its areas: _one_per_alert
        link=item.link,
        published=published,
        level=CANCEL_LEVEL if cancelled else _level(cap("severity"), cap("urgency"), event),
    )
    return advisory, references


def _preferred(infos: list[Element], language_of: Callable[[Element], str]) -> Element | None:
    """The English info block, else the Ukrainian one, else the first (no language means en-US in CAP)."""
    languages = [(language_of(info) or "en-US").lower() for info in infos]
    for wanted in ("en", "uk"):
        for info, language in zip(infos, languages, strict=True):
            if language == wanted or language.startswith(f"{wanted}-"):
                return info
    return infos[0] if infos else None


def _expired(expires: str, now: datetime) -> bool:
    when = feeds.parse_date(expires) if expires else None
    try:
        return when is not None and when < now
    except (OverflowError, ValueError):
        return False


def _level(severity: str, urgency: str, event: str) -> str:
    grade = ", ".join(word for word in (severity, urgency) if word and word != "Unknown")
    return feeds.clip(f"{grade}: {event}" if grade and event else grade or event, 120)


def _sentences(parts: list[str], exclude: str) -> str:
    """The distinct non-empty parts as one text, each ending in a full stop, at most MAX_SUMMARY_CHARS."""
    seen = {exclude.casefold()}
    out = []
    for part in parts:
        text = part.strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text if text[-1] in ".!?…" else f"{text}.")
    return feeds.clip(" ".join(out), feeds.MAX_SUMMARY_CHARS)


def fetch(http: HttpClient, settings: SourceSettings, state: dict[str, object], now: datetime) -> AdvisoryReport:
    if not settings.url:
        raise BadData("no CAP feed address configured")
    # reparse: on 304 the same document is read again at `now`, so an alert that has since expired drops out
    return feeds.conditional_fetch(http, settings.url, parse, state, now, headers=feeds.XML_ACCEPT, reparse=True)
