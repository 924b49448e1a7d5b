"""Safe reading of advisory feeds: XML (RSS 2.0, Atom) and JSON bodies turned into plain text and UTC dates.

Every feed is untrusted. XML goes through defusedxml with DTDs, entity declarations and external references
forbidden, so a billion-laughs bomb or an XXE probe is refused before anything expands or is fetched. Any
body that is empty, not well-formed, hostile or of the wrong shape raises BadData: a broken feed is a failed
poll (the coordinator keeps the last good data), never "no advisories". Feed HTML is never rendered:
`html_to_text` makes plain text of it. Links keep only http(s).

Also here, shared by the advisory modules: date rules (`item_date`) and the conditional GET with a memory
of the last good report (`conditional_fetch`).
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError, tostring

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from shelterapp.sources.base import Advisory, AdvisoryReport
from shelterapp.sources.errors import BadData
from shelterapp.sources.http import HttpClient

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"

MAX_TITLE_CHARS = 300
MAX_SUMMARY_CHARS = 600  # a few sentences: the full text is one click away
MAX_TEXT_CHARS = 20_000  # an intermediate plain text (before picking the part a summary needs)
MAX_HTML_CHARS = 200_000  # longer HTML is cut before parsing: summaries only need the start
FUTURE_SLACK = timedelta(days=2)  # clocks and time zones drift; an item further ahead than this is bogus
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)  # none of these feeds existed before; older is a broken date

JSON_ACCEPT = {"Accept": "application/json"}
XML_ACCEPT = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"}


# --- parsing bodies ------------------------------------------------------------------------------------
def parse_xml(body: bytes) -> Element:
    """The document's root element; BadData for empty, hostile or not well-formed XML."""
    if not body.strip():
        raise BadData("empty")
    try:
        return SafeET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise BadData(f"hostile XML refused ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise BadData(f"not well-formed XML: {exc}") from exc
    except (ValueError, LookupError, RecursionError) as exc:  # unknown or multi-byte encoding, absurd nesting
        raise BadData(f"unreadable XML: {type(exc).__name__}") from exc


def looks_like_json(body: bytes) -> bool:
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


# --- text ---------------------------------------------------------------------------------------------
_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure"),
        *("footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre"),
        *("section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head"})
_WHITESPACE = re.compile(r"\s+")
# C0/C1 controls, zero-width and bidirectional-override characters (text spoofing), the replacement character.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffd]")
_WP_TRAILER = re.compile(r"\s*\bThe post .{1,1000}? appeared first on .{1,300}$", re.DOTALL)
_READ_MORE = re.compile(r"\s*\[\s*(?:…|\.\.\.)\s*\]")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # &#8217; &rsquo; &nbsp; become characters
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str, limit: int = MAX_SUMMARY_CHARS) -> str:
    """Plain text of an HTML fragment: tags dropped, entities unescaped, whitespace collapsed, WordPress's
    "The post … appeared first on …" trailer and "[…]" removed, at most `limit` characters."""
    extractor = _TextExtractor()
    extractor.feed(html[:MAX_HTML_CHARS])
    extractor.close()
    text = "".join(extractor.parts)
    text = _WP_TRAILER.sub("", _READ_MORE.sub("", plain_text(text, limit=MAX_HTML_CHARS)))
    return clip(text.strip(), limit)


def plain_text(text: str, limit: int = MAX_SUMMARY_CHARS) -> str:
    """Text that is already plain (no markup to remove): invisible characters dropped, whitespace collapsed."""
    return clip(_WHITESPACE.sub(" ", _INVISIBLE.sub("", text)).strip(), limit)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters: cut after the last whole sentence when one ends in the second half,
    else at a word with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    sentence_end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence_end >= limit // 2:
        return cut[: sentence_end + 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"


def safe_link(url: str, base: str = "") -> str:
    """An absolute http(s) address, or "" (javascript:, data:, file:, mailto: and junk never reach the UI)."""
    url = url.strip()
    if not url or len(url) > 2048 or _WHITESPACE.search(url) or _INVISIBLE.search(url):
        return ""
    try:
        absolute = urljoin(base, url) if base else url
        parts = urlsplit(absolute)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return absolute


# --- dates --------------------------------------------------------------------------------------------
_DATE_ONLY = re.compile(r"^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})$")
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6}
_MONTHS |= {"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_RUBY_TIME = re.compile(r"^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ?([+-]\d\d):?(\d\d)$")  # 2024-11-20 16:41:27 +0000


def parse_date(text: str) -> datetime | None:
    """An aware datetime in the offset the source wrote (naive or "-0000" counts as UTC); None if unreadable.
    Reads RFC 822 (with or without time, +0000 or EST), ISO 8601 (Z, offsets, fractions) and Ruby's
    "2024-11-20 16:41:27 +0000"."""
    text = text.strip()
    if not text or len(text) > 64:
        return None
    try:
        if match := _DATE_ONLY.match(text):
            month = _MONTHS.get(match[2].lower())
            return datetime(int(match[3]), month, int(match[1]), tzinfo=UTC) if month else None
        if match := _RUBY_TIME.match(text):
            text = f"{match[1]}T{match[2]}{match[3]}:{match[4]}"
        if text[:1].isdigit() and "-" in text[:5]:
            when = datetime.fromisoformat(text)
        else:
            when = email.utils.parsedate_to_datetime(text)
        return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    except (ValueError, TypeError, IndexError, OverflowError):  # what the stdlib parsers raise on junk
        return None


def item_date(text: str, now: datetime) -> datetime | None:
    """An item's published time in UTC: `now` when missing or unreadable; None (reject the item) when it is
    more than two days ahead of `now` or before 2000."""
    when = parse_date(text)
    if when is None:
        return now
    try:
        when = when.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    if when > now + FUTURE_SLACK or when < EARLIEST:
        return None
    return when


def date_key(text: str) -> str:
    """A stable text for a date in a uid: normalised UTC when readable, else the source's own text."""
    when = parse_date(text)
    try:
        return when.astimezone(UTC).isoformat(timespec="seconds") if when else plain_text(text, 64)
    except (OverflowError, ValueError):
        return plain_text(text, 64)


# --- RSS 2.0 and Atom ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedItem:
    """One RSS item or Atom entry, every text already plain."""

    title: str
    link: str  # http(s) or ""
    guid: str  # RSS guid / Atom id
    date_text: str  # as written: RSS pubDate (or dc:date), Atom published (or updated)
    summary: str  # RSS description / Atom summary, as plain text up to MAX_TEXT_CHARS
    content: str  # content:encoded / Atom content, as plain text up to MAX_TEXT_CHARS
    categories: tuple[tuple[str, str], ...] = ()  # (domain or scheme, term)
    extra: dict[str, str] | None = None  # other children by {namespace}name: their first text, stripped


def text_of(element: Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def feed_items(root: Element, accept: tuple[str, ...] = ("rss", "atom")) -> list[FeedItem]:
    """The items of an RSS 2.0 or Atom document (of the kinds in `accept`); BadData for any other document
    (an HTML page, say)."""
    if root.tag == "rss" and "rss" in accept:
        channel = root.find("channel")
        if channel is None:
            raise BadData("RSS without a channel")
        return [rss_item(item) for item in channel.findall("item")]
    if root.tag == f"{{{ATOM}}}feed" and "atom" in accept:
        return [atom_entry(entry) for entry in root.findall(f"{{{ATOM}}}entry")]
    wanted = " or ".join(kind.upper() if kind == "rss" else kind.title() for kind in accept)
    raise BadData(f"not an {wanted} feed (root element {plain_text(str(root.tag), 60)!r})")


def parse_feed(body: bytes, accept: tuple[str, ...] = ("rss", "atom")) -> list[FeedItem]:
    return feed_items(parse_xml(body), accept)


def rss_item(item: Element) -> FeedItem:
    fields: dict[str, str] = {}
    categories = []
    for child in item:
        if not isinstance(child.tag, str):  # comments, processing instructions
            continue
        if child.tag == "category":
            categories.append((child.get("domain", "").strip(), plain_text(text_of(child), 200)))
        else:
            fields.setdefault(child.tag, text_of(child))
    return FeedItem(
        title=html_to_text(fields.get("title", ""), MAX_TITLE_CHARS),
        link=safe_link(fields.get("link", "")),
        guid=plain_text(fields.get("guid", ""), 500),
        date_text=(fields.get("pubDate") or fields.get(f"{{{DC}}}date") or "").strip(),
        summary=html_to_text(fields.get("description", ""), MAX_TEXT_CHARS),
        content=html_to_text(fields.get(f"{{{CONTENT}}}encoded", ""), MAX_TEXT_CHARS),
        categories=tuple(categories),
        extra={tag: value.strip() for tag, value in fields.items()},
    )


def atom_entry(entry: Element) -> FeedItem:
    fields: dict[str, str] = {}
    link = ""
    categories = []
    for child in entry:
        if not isinstance(child.tag, str):
            continue
        if child.tag == f"{{{ATOM}}}link":
            if child.get("rel", "alternate") == "alternate" and not link:
                link = safe_link(child.get("href", ""))
        elif child.tag == f"{{{ATOM}}}category":
            categories.append((child.get("scheme", "").strip(), plain_text(child.get("term", ""), 200)))
        elif child.tag in (f"{{{ATOM}}}title", f"{{{ATOM}}}summary", f"{{{ATOM}}}content"):
            fields.setdefault(child.tag, _atom_text(child, MAX_TEXT_CHARS))
        else:
            fields.setdefault(child.tag, text_of(child))
    return FeedItem(
        title=clip(fields.get(f"{{{ATOM}}}title", ""), MAX_TITLE_CHARS),
        link=link,
        guid=plain_text(fields.get(f"{{{ATOM}}}id", ""), 500),
        date_text=(fields.get(f"{{{ATOM}}}published") or fields.get(f"{{{ATOM}}}updated") or "").strip(),
        summary=fields.get(f"{{{ATOM}}}summary", ""),
        content=fields.get(f"{{{ATOM}}}content", ""),
        categories=tuple(categories),
        extra={tag: value.strip() for tag, value in fields.items()},
    )


def _atom_text(element: Element, limit: int) -> str:
    """An Atom text construct: type "html" is escaped HTML; "xhtml" is markup already parsed (written out
    again without namespaces, so paragraphs stay apart and scripts stay out); "text" is text."""
    kind = element.get("type", "text")
    if kind == "html":
        return html_to_text(text_of(element), limit)
    if kind == "xhtml":
        for node in element.iter():
            if isinstance(node.tag, str) and node.tag.startswith("{"):
                node.tag = node.tag.split("}", 1)[1]
        try:
            return html_to_text(tostring(element, encoding="unicode"), limit)
        except RecursionError:  # the serializer recurses; absurd nesting falls back to the bare text
            return plain_text(text_of(element), limit)
    return plain_text(text_of(element), limit)


# --- fetching -----------------------------------------------------------------------------------------
@dataclass
class _Memory:
    """What one feed URL last gave: the last good report (and body), and whether the newest answer was broken."""

    report: AdvisoryReport | None = None
    body: bytes = b""  # kept only for sources whose items expire (reparse=True)
    broken: str = ""  # the BadData detail of the last 200 answer, while the server keeps answering 304


def conditional_fetch(
    http: HttpClient,
    url: str,
    parse: Callable[..., AdvisoryReport],
    state: dict[str, object],
    now: datetime,
    headers: dict[str, str] | None = None,
    *,
    reparse: bool = False,
) -> AdvisoryReport:
    """GET with If-None-Match / If-Modified-Since; on 304 the last good report again (fetched_at = now), or,
    with `reparse`, the last good body parsed again at `now` (for items that expire, like CAP alerts).

    A 304 means "the same as your last 200": when that answer was broken, the 304 is broken too (BadData
    again) rather than the older good report dressed up as fresh. With no report to repeat (the state was
    reset while the client kept its validators), the feed is fetched again in full."""
    key = f"feed:{url}"
    memory = state.get(key)
    if not isinstance(memory, _Memory):
        memory = _Memory()
        state[key] = memory
    response = http.get(url, headers=headers, conditional=True)
    if response.not_modified:
        if memory.broken:
            raise BadData(f"{memory.broken} (unchanged)")
        if memory.report is not None:
            return parse(memory.body, now=now) if reparse else replace(memory.report, fetched_at=now)
        response = http.get(url, headers=headers)
    try:
        report = parse(response.body, now=now)
    except BadData as exc:
        memory.broken = exc.detail
        raise
    memory.broken = ""
    memory.report = report
    memory.body = response.body if reparse else b""
    return report


def report_of(items: list[Advisory], now: datetime) -> AdvisoryReport:
    """The report: one item per uid (the first seen wins: feeds list newest first), newest first."""
    unique: dict[str, Advisory] = {}
    for item in items:
        unique.setdefault(item.uid, item)
    return AdvisoryReport(tuple(sorted(unique.values(), key=lambda item: item.published, reverse=True)), now)
