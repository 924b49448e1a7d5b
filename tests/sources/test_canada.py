"""Government of Canada travel advice: only data.UA of the index, level 0-3 with its English words."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from advisory_helpers import HOSTILE_OR_BROKEN, NOW, assert_valid, client, payload, settings

from shelterapp.sources import canada
from shelterapp.sources.errors import BadData

PATH = "/travel-voyage/index-alpha-eng.json"


def index_with(**ukraine) -> bytes:
    document = json.loads(payload("canada_travel_index.json"))
    document["data"]["UA"].update(ukraine)
    return json.dumps(document).encode()


def test_module_declares_the_source_interface():
    assert canada.NAME == "canada" and canada.KIND == "advisories" and canada.ENABLED_BY_DEFAULT
    assert canada.DEFAULT_URL == "https://data.international.gc.ca/travel-voyage/index-alpha-eng.json"
    assert "Open Government Licence – Canada" in canada.ATTRIBUTION  # the licence requires this sentence
    assert canada.DEFAULT_INTERVAL_S >= 6 * 3600  # the index is rebuilt about daily


def test_recorded_index():
    report = canada.parse(payload("canada_travel_index.json"), now=NOW)
    assert_valid(report, "canada")
    (advisory,) = report.items  # Poland is in the index too, and is not ours
    assert advisory.uid == "UA@1731681600"
    assert advisory.title == "Ukraine: Avoid all travel"
    assert advisory.level == "3: Avoid all travel"
    assert advisory.summary == "Editorial change. The level of risk for this destination has not changed."
    assert advisory.published == datetime(2024, 11, 15, 14, 40, tzinfo=UTC)
    assert advisory.link == "https://travel.gc.ca/destinations/ukraine"


@pytest.mark.parametrize(
    ("state", "level"),
    [
        ("3", "3: Avoid all travel"),  # the notes saw the state as a string sometimes
        (2, "2: Avoid all travel"),  # the number and the words come from the source as given
        (7, "Avoid all travel"),  # out of range: keep the words, drop the number
        (True, "Avoid all travel"),  # a boolean is not a level
        ("²", "Avoid all travel"),  # a Unicode digit int() refuses must not crash
    ],
)
def test_advisory_state(state, level):
    (advisory,) = canada.parse(index_with(**{"advisory-state": state}), now=NOW).items
    assert advisory.level == level


def test_words_come_from_the_state_when_the_english_block_is_missing():
    (advisory,) = canada.parse(index_with(eng=None), now=NOW).items
    assert advisory.title == "Ukraine: Avoid all travel" and advisory.level == "3: Avoid all travel"
    assert advisory.summary == "Avoid all travel"


def test_a_new_publication_is_a_new_advisory():
    stamp = int(datetime(2024, 12, 1, 15, tzinfo=UTC).timestamp())
    (advisory,) = canada.parse(index_with(**{"date-published": {"timestamp": stamp}}), now=NOW).items
    assert advisory.uid == f"UA@{stamp}" and advisory.published == datetime(2024, 12, 1, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("published", "uid"),
    [
        ({"asp": "2024-11-15T09:40:00.000-05:00"}, "UA@2024-11-15T14:40:00+00:00"),  # no timestamp: the ISO text
        ({"timestamp": "1731681600"}, "UA@1731681600"),  # timestamp as a string
        ({"timestamp": 10**30}, None),  # absurd timestamp: no date, no item
        ({}, None),  # nothing to tell publications apart by
        ("2024-11-15", None),  # wrong type
        ({"timestamp": int((NOW + timedelta(days=3)).timestamp())}, None),  # dated ahead: rejected
    ],
)
def test_publication_dates(published, uid):
    items = canada.parse(index_with(**{"date-published": published}), now=NOW).items
    assert [a.uid for a in items] == ([uid] if uid else [])


def test_unsafe_slug_falls_back_to_the_known_page():
    (advisory,) = canada.parse(index_with(eng={"url-slug": "../../evil?x=1"}), now=NOW).items
    assert advisory.link == "https://travel.gc.ca/destinations/ukraine"


def test_byte_order_mark_is_accepted():
    # some Windows-built JSON starts with a UTF-8 BOM, which json.loads alone refuses
    assert len(canada.parse(b"\xef\xbb\xbf" + payload("canada_travel_index.json"), now=NOW).items) == 1


def test_index_without_ukraine_is_empty():
    assert canada.parse(b'{"data": {"PL": {"advisory-state": 0}}}', now=NOW).items == ()


@pytest.mark.parametrize(
    "body",
    [
        b'{"data": {}}',  # the index lists every destination: none is an outage, not "no advisories"
        b'{"data": []}',  # wrong type
        b'{"metadata": {}}',  # no data
        b"[]",  # wrong top level
        b'{"data": {"UA": "Avoid all travel"}}',  # Ukraine's entry is not an object
        b'{"data": {"UA": {',  # truncated
        b"<html><body>Erreur 404 / Error 404</body></html>",  # the bilingual error page
    ],
)
def test_wrong_shapes_are_bad_data(body):
    with pytest.raises(BadData):
        canada.parse(body, now=NOW)


@pytest.mark.parametrize("name", HOSTILE_OR_BROKEN)
def test_hostile_and_broken_are_bad_data(name):
    with pytest.raises(BadData):
        canada.parse(payload(name), now=NOW)


def test_fetch_200_then_304(httpserver):
    httpserver.expect_oneshot_request(PATH).respond_with_data(
        payload("canada_travel_index.json"), content_type="application/json", headers={"ETag": 'W/"idx"'}
    )
    httpserver.expect_request(PATH, headers={"If-None-Match": 'W/"idx"'}).respond_with_data("", status=304)
    http, state, url = client(), {}, settings(httpserver.url_for(PATH))
    first = canada.fetch(http, url, state, NOW)
    second = canada.fetch(http, url, state, NOW + timedelta(hours=6))
    assert second.items == first.items and len(first.items) == 1
    assert second.fetched_at == NOW + timedelta(hours=6)
