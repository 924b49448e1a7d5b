"""Shared by the advisory-source tests: the recorded payloads, a clock, an HTTP client, settings, checks."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from shelterapp.sources.base import AdvisoryReport, SourceSettings
from shelterapp.sources.http import HttpClient

ADVISORY_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "advisories"
NOW = datetime(2024, 12, 10, 12, 0, tzinfo=UTC)  # after every recorded item

HOSTILE_OR_BROKEN = [
    "hostile_billion_laughs.xml",  # entity bomb: must be refused before it expands
    "hostile_external_entity.rss",  # XXE + external DTD: no file read, no request to 127.0.0.1:9
    "malformed_feed.rss",  # not well-formed: the whole feed is untrusted, nothing is salvaged
    "empty_body.rss",  # a 200 with no body is a failure, never "no advisories"
]

_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>|&[#a-zA-Z0-9]+;")


def payload(name: str) -> bytes:
    return (ADVISORY_FIXTURES / name).read_bytes()


def client() -> HttpClient:
    return HttpClient(deadline_s=5.0, connect_timeout_s=2.0)


def settings(url: str, interval_s: float = 600.0) -> SourceSettings:
    return SourceSettings(url=url, enabled=True, interval_s=interval_s)


def assert_plain(text: str) -> None:
    """What a user would see as garbage: tags, entities, WordPress trailers and excerpt markers."""
    assert not _MARKUP.search(text), text
    assert "appeared first on" not in text
    assert "[…]" not in text and "[...]" not in text
    assert text == text.strip() and "  " not in text


def assert_valid(report: AdvisoryReport, source: str) -> None:
    """Every advisory is plain, capped, UTC-dated and links only to the web."""
    for item in report.items:
        assert item.source == source and item.uid
        assert_plain(item.title)
        assert_plain(item.summary)
        assert len(item.summary) <= 600
        assert item.published.utcoffset() is not None and item.published.utcoffset().total_seconds() == 0
        assert item.link == "" or item.link.startswith(("https://", "http://"))
    assert len({item.uid for item in report.items}) == len(report.items)
    assert list(report.items) == sorted(report.items, key=lambda a: a.published, reverse=True)
