"""The safe feed reader: hostile XML refused, HTML made plain text, dates and links checked; and every
advisory parser, fed junk, only ever raises BadData."""

from __future__ import annotations

import json
import socket
import time
import urllib.request
from datetime import UTC, datetime, timedelta, timezone

import pytest
from advisory_helpers import HOSTILE_OR_BROKEN, NOW, payload
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelterapp.sources import canada, cap, fcdo, feeds, state_dept, us_embassy
from shelterapp.sources.base import AdvisoryReport
from shelterapp.sources.errors import BadData

PARSERS = [us_embassy.parse, fcdo.parse, state_dept.parse, canada.parse, cap.parse]
PARSER_IDS = ["us_embassy", "fcdo", "state_dept", "canada", "cap"]


# --- html_to_text ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # WordPress numeric entities must read as punctuation, not "&#8217;"
        ("Ukraine&#8217;s power grid &#8211; update", "Ukraine’s power grid – update"),
        # named HTML entities (State Dept) and &nbsp; (WordPress double spaces) collapse to single spaces
        ("Russia&rsquo;s war.&nbsp; Monitor&nbsp;&nbsp;media", "Russia’s war. Monitor media"),
        # tags go, block boundaries keep words apart
        ("<p><strong>Location:</strong> Ukraine</p><p><b>Event:</b> shelter</p>", "Location: Ukraine Event: shelter"),
        ("<ul><li>Monitor media.</li><li>Take shelter.</li></ul>", "Monitor media. Take shelter."),
        ("line one<br/>line two<br>three", "line one line two three"),
        # script and style content never reaches the user
        ("<script>alert('x')</script>Keep calm<style>p{color:red}</style>", "Keep calm"),
        # WordPress appends this to every content:encoded
        (
            '<p>Shelter now.</p><p>The post <a href="https://ua.usembassy.gov/x/">Alert &#8211; X</a> appeared first '
            'on <a href="https://ua.usembassy.gov">U.S. Embassy in Ukraine</a>.</p>',
            "Shelter now.",
        ),
        # the excerpt marker, raw and as an entity
        ("Out of an abundance of caution. [&#8230;]", "Out of an abundance of caution."),
        ("Out of an abundance of caution [...]", "Out of an abundance of caution"),
        # escaped twice (HTML inside an escaped RSS description): unescaped once by XML, once here
        ("&lt;b&gt;Do not travel&lt;/b&gt;", "<b>Do not travel</b>"),
        # bidi overrides and zero-width characters could disguise text; the replacement char is noise
        ("Safe\u202eevil\u202c text\u200b\ufffd", "Safeevil text"),
        # plain text passes through, including a lone "<" and "&"
        ("Level < 4 & rising", "Level < 4 & rising"),
        ("", ""),
    ],
)
def test_html_to_text(html, expected):
    assert feeds.html_to_text(html) == expected


def test_html_to_text_caps_length_at_a_sentence_or_word():
    # a summary is a few sentences: the UI has no room for a whole page
    text = feeds.html_to_text("<p>" + "Take shelter now. " * 100 + "</p>")
    assert len(text) <= feeds.MAX_SUMMARY_CHARS and text.endswith("now.")
    words = feeds.html_to_text("word " * 500, limit=50)
    assert len(words) <= 50 and words.endswith("…") and "  " not in words


def test_html_to_text_survives_huge_and_broken_markup():
    # a 5 MB page must not take seconds or blow the stack; CPU time of this thread, which a busy machine does not
    # inflate as it does the wall clock (measured ~0.1 s; a quadratic slip costs minutes)
    started = time.thread_time()
    text = feeds.html_to_text("<div>" * 100_000 + "x" + "<p unclosed='" + "&#99999999;" * 1000)
    assert time.thread_time() - started < 2.0
    assert len(text) <= feeds.MAX_SUMMARY_CHARS


# --- links ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("https://ua.usembassy.gov/alert/", "", "https://ua.usembassy.gov/alert/"),  # the normal case
        ("  http://example.org/x  ", "", "http://example.org/x"),  # feeds pad with whitespace
        ("javascript:alert(1)", "", ""),  # script URLs must never become clickable
        ("JavaScript:alert(1)", "", ""),  # scheme checks are case-insensitive
        ("data:text/html,<script>", "", ""),  # data URLs can carry pages
        ("file:///etc/passwd", "", ""),  # local files are not advisories
        ("mailto:KyivACS@state.gov", "", ""),  # only web pages open from the list
        ("/foreign-travel-advice/ukraine", "", ""),  # relative without a base has nowhere to go
        ("/foreign-travel-advice/ukraine", "https://www.gov.uk", "https://www.gov.uk/foreign-travel-advice/ukraine"),
        ("https://[::1", "", ""),  # urlsplit raises on this; it must not escape as ValueError
        ("https://example.org/a b", "", ""),  # spaces inside mean a mangled link
        ("https:///path-only", "", ""),  # no host
    ],
)
def test_safe_link(url, base, expected):
    assert feeds.safe_link(url, base) == expected


# --- dates ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed, 20 Nov 2024 05:41:09 +0000", datetime(2024, 11, 20, 5, 41, 9, tzinfo=UTC)),  # WordPress pubDate
        ("Fri, 22 Nov 2024 15:04:11 EST", datetime(2024, 11, 22, 20, 4, 11, tzinfo=UTC)),  # State Dept zone names
        ("Thu, 14 Nov 2024", datetime(2024, 11, 14, tzinfo=UTC)),  # State Dept date-only: midnight UTC
        ("14 Nov 2024", datetime(2024, 11, 14, tzinfo=UTC)),  # without the weekday
        ("Wed, 20 Nov 2024 05:41:09 -0000", datetime(2024, 11, 20, 5, 41, 9, tzinfo=UTC)),  # "unknown zone" = UTC
        ("2024-11-20T16:41:27.000+00:00", datetime(2024, 11, 20, 16, 41, 27, tzinfo=UTC)),  # GOV.UK
        ("2024-11-20T16:41:29.412Z", datetime(2024, 11, 20, 16, 41, 29, 412000, tzinfo=UTC)),  # Z suffix
        ("2024-11-14T19:00:00-05:00", datetime(2024, 11, 15, 0, 0, tzinfo=UTC)),  # cadataapi offsets
        ("2024-11-20T07:12:00+02:00", datetime(2024, 11, 20, 5, 12, tzinfo=UTC)),  # CAP
        ("2024-11-20 16:41:27 +0000", datetime(2024, 11, 20, 16, 41, 27, tzinfo=UTC)),  # Ruby time in Atom ids
    ],
)
def test_parse_date(text, expected):
    parsed = feeds.parse_date(text)
    assert parsed is not None and parsed.tzinfo is not None
    assert parsed == expected


@pytest.mark.parametrize(
    "text",
    [
        "",  # missing
        "20/11/2024 25:61",  # the malformed fixture's date
        "Thu, 31 Feb 2024",  # no such day
        "2024-13-01T00:00:00Z",  # no such month
        "soon",  # words
        "9" * 500,  # absurdly long
    ],
)
def test_parse_date_gives_none_for_junk(text):
    assert feeds.parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not a date", NOW),  # unreadable: shown as now rather than lost
        ((NOW + timedelta(days=1)).isoformat(), NOW + timedelta(days=1)),  # a day ahead: clock skew, kept
        ((NOW + timedelta(days=3)).isoformat(), None),  # days ahead: a bogus item, rejected
        ("1999-12-31T23:00:00Z", None),  # before any of these feeds existed: a broken date, rejected
        ("Sun, 08 Dec 2024 14:05:12 +0200", datetime(2024, 12, 8, 12, 5, 12, tzinfo=UTC)),  # stored as UTC
    ],
)
def test_item_date(text, expected):
    when = feeds.item_date(text, NOW)
    assert when == expected
    if when is not None:
        assert when.tzinfo is UTC or when.utcoffset() == timedelta(0)


# --- XML ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", HOSTILE_OR_BROKEN)
def test_hostile_and_broken_xml_is_refused_quickly_without_io(name, monkeypatch):
    def no_io(*args, **kwargs):
        raise AssertionError("the parser tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", no_io)
    monkeypatch.setattr(urllib.request, "urlopen", no_io)
    started = time.thread_time()  # CPU, not wall-clock: an expanding entity costs CPU whatever the load
    with pytest.raises(BadData):
        feeds.parse_xml(payload(name))
    assert time.thread_time() - started < 0.5


def test_empty_body_says_empty():
    # "empty" is a failure the UI can name; it must never look like "no advisories"
    for body in (b"", b"  \n\t"):
        with pytest.raises(BadData, match="empty"):
            feeds.parse_feed(body)


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html><head><title>Access denied</title></head><body>Blocked</body></html>",  # WAF page
        b"<html><body><p>Service unavailable</p></body></html>",  # well-formed XHTML, still not a feed
        b'{"items": []}',  # JSON where XML was expected
        b'<?xml version="1.0"?><rss version="2.0"></rss>',  # RSS without a channel
        b"<?xml version='1.0' encoding='x-unknown'?><rss/>",  # an encoding Python does not know
        b"\xff\xfe\x00<\x00r",  # binary junk
    ],
)
def test_non_feeds_are_bad_data(body):
    with pytest.raises(BadData):
        feeds.parse_feed(body)


def test_deeply_nested_xml_is_handled():
    # nesting is the other way to make a parser run out of stack
    body = b"<rss><channel>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</channel></rss>"
    assert feeds.parse_feed(body) == []


def test_rss_items_keep_categories_guid_and_plain_text():
    items = feeds.parse_feed(payload("us_embassy_ukraine_alerts.rss"))
    assert len(items) == 4
    first = items[0]
    assert first.guid == "https://ua.usembassy.gov/?p=58214"
    assert ("", "Security Alert") in first.categories
    assert first.title.startswith("Security Alert: U.S. Embassy Kyiv, Ukraine – Heightened")
    assert "Ukraine’s critical civilian infrastructure" in first.content
    assert "appeared first on" not in first.content


def test_atom_entries_read_xhtml_summaries():
    (entry,) = feeds.parse_feed(payload("fcdo_ukraine.atom"))
    assert entry.guid == "https://www.gov.uk/foreign-travel-advice/ukraine#2024-11-20 16:41:27 +0000"
    assert entry.link == "https://www.gov.uk/foreign-travel-advice/ukraine"  # rel=alternate, not rel=self
    assert entry.date_text == "2024-11-20T16:41:27+00:00"  # no <published>: <updated>
    assert entry.summary.startswith("Latest update: information on the temporary closure")


def test_atom_xhtml_keeps_paragraphs_apart_and_drops_scripts():
    body = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><title type="html">A &amp;amp; B</title>'
        b'<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One.</p><p>Two &amp; three.</p>'
        b"<script>steal()</script></div></summary></entry></feed>"
    )
    (entry,) = feeds.parse_feed(body)
    assert entry.summary == "One. Two & three."
    assert entry.title == "A & B"  # type="html": escaped markup, unescaped once more


def test_feed_kinds_can_be_restricted():
    # FCDO reads Atom only: an RSS feed at its address is someone else's feed
    with pytest.raises(BadData, match="not an Atom feed"):
        feeds.parse_feed(payload("us_embassy_ukraine_alerts.rss"), accept=("atom",))


# --- every parser, fed junk -----------------------------------------------------------------------------
_FIELDS = [
    *("Title", "Category", "Published", "Summary", "Link", "details", "public_updated_at", "base_path", "title"),
    *("content_id", "schema_name", "alert_status", "change_description", "data", "UA", "eng", "advisory-state"),
    *("date-published", "timestamp", "asp", "advisory-text", "url-slug", "recent-updates"),
]


def _json_values():
    """Arbitrary JSON, with keys mostly from the real shapes so the parsers' type checks are reached."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    keys = st.sampled_from(_FIELDS) | st.text(max_size=6)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
        max_leaves=12,
    )


def _check(parse, body: bytes) -> None:
    try:
        report = parse(body, now=NOW)
    except BadData:
        return
    assert isinstance(report, AdvisoryReport)
    for item in report.items:
        assert item.published.utcoffset() == timedelta(0)
        assert item.published <= NOW + feeds.FUTURE_SLACK


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("parse", PARSERS, ids=PARSER_IDS)
@FUZZ
@given(body=st.binary(max_size=400))
def test_random_bytes_only_raise_bad_data(parse, body):
    _check(parse, body)


@pytest.mark.parametrize("parse", PARSERS, ids=PARSER_IDS)
@FUZZ
@given(text=st.text(max_size=300))
def test_random_text_only_raises_bad_data(parse, text):
    _check(parse, text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("parse", PARSERS, ids=PARSER_IDS)
@FUZZ
@given(value=_json_values())
def test_random_json_only_raises_bad_data(parse, value):
    _check(parse, json.dumps(value).encode())


@pytest.mark.parametrize("parse", PARSERS, ids=PARSER_IDS)
@pytest.mark.parametrize(
    "name",
    [
        "us_embassy_ukraine_alerts.rss",
        "state_dept_travel_advisories.rss",
        "state_dept_travel_advisories.json",
        "fcdo_ukraine_content.json",
        "fcdo_ukraine.atom",
        "canada_travel_index.json",
        "cap_example_air_raid.xml",
    ],
)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_damaged_recordings_only_raise_bad_data(parse, name, data):
    # a dropped connection truncates; a flaky proxy flips bytes: close to valid is where parsers break
    body = bytearray(payload(name))
    cut = data.draw(st.integers(0, len(body)))
    flips = data.draw(st.lists(st.tuples(st.integers(0, max(len(body) - 1, 0)), st.integers(0, 255)), max_size=4))
    for where, value in flips:
        if where < len(body):
            body[where] = value
    _check(parse, bytes(body[:cut]) if data.draw(st.booleans()) else bytes(body))


@pytest.mark.parametrize("parse", PARSERS, ids=PARSER_IDS)
@FUZZ
@given(text=st.text(max_size=60))
def test_random_field_values_only_raise_bad_data(parse, text):
    # hostile values inside an otherwise valid document: dates, links, levels, ids
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    escaped = "".join(c for c in escaped if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd"))
    rss = (
        f"<rss><channel><item><title>{escaped}</title><link>{escaped}</link><guid>{escaped}</guid>"
        f"<pubDate>{escaped}</pubDate><category domain='Country-Tag'>UP</category>"
        f"<description>{escaped}</description></item></channel></rss>"
    )
    _check(parse, rss.encode())
    for document in (
        {"data": {"UA": {"advisory-state": text, "date-published": {"asp": text}, "eng": {"url-slug": text}}}},
        [{"Title": text, "Category": ["UP"], "Published": text, "Link": text, "Summary": text}],
        {"details": {"alert_status": [text]}, "public_updated_at": text, "base_path": text, "title": text},
    ):
        _check(parse, json.dumps(document).encode())


def test_dates_far_from_utc_stay_aware():
    # the extreme offsets CAP and RSS allow must not break the UTC conversion
    for text in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"):
        assert feeds.item_date(text, NOW) is None
    assert feeds.parse_date("2024-11-20T07:12:00+02:00") == datetime(
        2024, 11, 20, 7, 12, tzinfo=timezone(timedelta(hours=2))
    )
