"""The one JSON reader: every feed and the importer refuse the same bad bodies, each with its own error."""

from __future__ import annotations

import pytest

from shelterapp.jsonload import load_json
from shelterapp.shelters.formats.base import UnreadableFile, not_json
from shelterapp.sources.errors import BadData, FailureKind


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"", "empty"),  # a 200 with nothing in it must never read as "no alerts"
        (b" \r\n", "empty"),
        (b"<!DOCTYPE html><html>Log in to Wi-Fi</html>", "HTML instead of JSON"),  # a captive portal
        (b'{"alerts": [{"regionId": "31"', "malformed JSON"),  # the connection dropped mid-body
        (b'{"a": "\xff"}', "malformed JSON"),  # not UTF-8
        (b"[" * 100_000 + b"]" * 100_000, "malformed JSON"),  # absurd nesting: RecursionError, not a crash
    ],
)
def test_bad_bodies_raise_the_callers_error_naming_what_and_why(body, why):
    with pytest.raises(BadData) as raised:
        load_json(body, "alerts/status", BadData)
    assert raised.value.kind is FailureKind.BAD_DATA
    assert raised.value.detail.startswith(f"alerts/status: {why}")


def test_a_byte_order_mark_is_allowed():
    # Some servers (and Windows editors, for imported files) start UTF-8 with a BOM.
    assert load_json(b'\xef\xbb\xbf{"lastActionIndex": 7}', "status", BadData) == {"lastActionIndex": 7}


def test_the_importer_gets_its_own_sentence():
    with pytest.raises(UnreadableFile) as raised:
        load_json(b"{broken", "file", not_json)
    assert str(raised.value) == "The file is not valid JSON." and raised.value.reason == "corrupt"
