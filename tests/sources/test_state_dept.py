"""U.S. State Department travel advisories: only Ukraine (FIPS "UP"), from the JSON API or the RSS feed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from advisory_helpers import HOSTILE_OR_BROKEN, NOW, assert_valid, client, payload, settings

from shelterapp.sources import state_dept
from shelterapp.sources.errors import BadData, FailureKind, SourceError

JSON_PATH = "/api/TravelAdvisories"
RSS_PATH = "/_res/rss/TAsTWs.xml"
UID = "UP@2024-11-14"


def rss_with(*items: str) -> bytes:
    return ("<rss version='2.0'><channel><title>TA</title>" + "".join(items) + "</channel></rss>").encode()


def rss_item(title: str, tag: str | None, when: str = "Thu, 14 Nov 2024") -> str:
    category = f"<category domain='Country-Tag'>{tag}</category>" if tag else ""
    return f"<item><title>{title}</title><pubDate>{when}</pubDate>{category}<description>x</description></item>"


def test_module_declares_the_source_interface():
    assert state_dept.NAME == "state_dept" and state_dept.KIND == "advisories" and state_dept.ENABLED_BY_DEFAULT
    assert state_dept.DEFAULT_URL == "https://cadataapi.state.gov/api/TravelAdvisories"
    assert state_dept.DEFAULT_RSS_URL == "https://travel.state.gov/_res/rss/TAsTWs.xml"
    assert state_dept.DEFAULT_INTERVAL_S >= 6 * 3600  # advisories change over weeks


def test_rss_keeps_only_ukraine():
    report = state_dept.parse(payload("state_dept_travel_advisories.rss"), now=NOW)
    assert_valid(report, "state_dept")
    (advisory,) = report.items
    assert advisory.uid == UID
    assert advisory.title == "Ukraine - Level 4: Do Not Travel"
    assert advisory.level == "Level 4: Do Not Travel"  # from the Threat-Level category
    assert advisory.published == datetime(2024, 11, 14, tzinfo=UTC)  # date-only pubDate: midnight UTC
    assert advisory.link.endswith("/ukraine-travel-advisory.html")
    # escaped HTML in the description comes out as plain text with real apostrophes
    assert advisory.summary.startswith("Do not travel to Ukraine due to Russia’s war against Ukraine.")
    assert "Zhytomyr oblasts." in advisory.summary and len(advisory.summary) <= 600


def test_json_keeps_only_ukraine_with_the_same_uid():
    report = state_dept.parse(payload("state_dept_travel_advisories.json"), now=NOW)
    assert_valid(report, "state_dept")
    (advisory,) = report.items
    # the same reissue through either format is one advisory: a fallback must not notify twice
    assert advisory.uid == UID
    assert advisory.published == datetime(2024, 11, 15, 0, 0, tzinfo=UTC)  # 19:00 EST on the 14th
    assert advisory.level == "Level 4: Do Not Travel"  # from the title: the JSON has no Threat-Level
    assert advisory.summary.startswith("Do not travel to Ukraine due to Russia’s war")


@pytest.mark.parametrize(
    ("items", "kept"),
    [
        ([rss_item("Ukraine - Level 4: Do Not Travel", "UP")], 1),  # FIPS UP is Ukraine
        ([rss_item("Somewhere - Level 2: Exercise Increased Caution", "UA")], 0),  # ISO UA is not how it is tagged
        ([rss_item("Ukraine - Level 4: Do Not Travel", None)], 1),  # untagged: the title decides
        ([rss_item("Worldwide Caution", None)], 0),  # untagged and not Ukraine
        ([rss_item("Ukraine Border Crossings", "PL")], 0),  # tagged for another country: the tag wins
        ([rss_item("Ukraine - Level 4", "up")], 1),  # tag case does not matter
    ],
)
def test_ukraine_is_found_by_its_fips_tag(items, kept):
    assert len(state_dept.parse(rss_with(*items), now=NOW).items) == kept


def test_a_reissue_is_a_new_advisory():
    old = state_dept.parse(rss_with(rss_item("Ukraine - Level 4: Do Not Travel", "UP")), now=NOW).items[0]
    new = state_dept.parse(
        rss_with(rss_item("Ukraine - Level 3: Reconsider Travel", "UP", "Mon, 02 Dec 2024")), now=NOW
    ).items[0]
    assert new.uid == "UP@2024-12-02" != old.uid
    assert new.level == "Level 3: Reconsider Travel"


def test_future_dated_ukraine_item_is_dropped():
    ahead = (NOW + timedelta(days=10)).strftime("%a, %d %b %Y")
    assert state_dept.parse(rss_with(rss_item("Ukraine - Level 4", "UP", ahead)), now=NOW).items == ()


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Ukraine - Level 4: Do Not Travel", "Level 4: Do Not Travel"),
        ("Mexico Travel Advisory - Level 2: Exercise Increased Caution", "Level 2: Exercise Increased Caution"),
        ("Ukraine - Level 4", "Level 4"),  # wording missing
        ("Worldwide Caution", ""),  # no level
        ("Level 9: Panic", ""),  # only levels 1-4 exist
    ],
)
def test_level_of(title, level):
    assert state_dept.level_of(title) == level


@pytest.mark.parametrize(
    "body",
    [
        b"[]",  # the API's reported failure mode: an empty list is an outage, not "no advisories"
        b"{}",  # an object where a list belongs
        b"[1, 2, 3]",  # a list of the wrong things
        b'[{"title": "lowercase keys"}]',  # not this API's shape
        b'[{"Title": "Ukraine"',  # truncated
        b"<!DOCTYPE html><html><body>Access Denied</body></html>",  # Akamai's answer to unknown clients
        payload("fcdo_ukraine.atom"),  # Atom is not what this source serves
    ],
)
def test_wrong_shapes_are_bad_data(body):
    with pytest.raises(BadData):
        state_dept.parse(body, now=NOW)


@pytest.mark.parametrize("name", HOSTILE_OR_BROKEN)
def test_hostile_and_broken_are_bad_data(name):
    with pytest.raises(BadData):
        state_dept.parse(payload(name), now=NOW)


def test_json_category_as_a_string_is_accepted():
    # one stray shape seen in the wild: a single code instead of a list
    body = json.dumps([{"Title": "Ukraine - Level 4: Do Not Travel", "Category": "UP", "Published": "2024-11-14"}])
    assert [a.uid for a in state_dept.parse(body.encode(), now=NOW).items] == [UID]


# --- polling --------------------------------------------------------------------------------------------
@pytest.fixture
def default_urls(httpserver, monkeypatch):
    """The defaults pointed at the local server: the fallback applies to the default address only."""
    monkeypatch.setattr(state_dept, "DEFAULT_URL", httpserver.url_for(JSON_PATH))
    monkeypatch.setattr(state_dept, "DEFAULT_RSS_URL", httpserver.url_for(RSS_PATH))
    return settings(state_dept.DEFAULT_URL)


def test_json_first(httpserver, default_urls):
    httpserver.expect_request(JSON_PATH).respond_with_data(payload("state_dept_travel_advisories.json"))
    report = state_dept.fetch(client(), default_urls, {}, NOW)
    assert [a.uid for a in report.items] == [UID]
    assert [r.path for r, _ in httpserver.log] == [JSON_PATH]


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, b"error"),  # the API is down
        (200, b"[]"),  # the API answers an empty list (reported since Sept 2026)
        (200, json.dumps([{"Title": "Poland - Level 1", "Category": ["PL"]}]).encode()),  # Ukraine missing
    ],
)
def test_falls_back_to_rss(httpserver, default_urls, status, body):
    httpserver.expect_request(JSON_PATH).respond_with_data(body, status=status)
    httpserver.expect_request(RSS_PATH).respond_with_data(payload("state_dept_travel_advisories.rss"))
    report = state_dept.fetch(client(), default_urls, {}, NOW)
    assert [a.uid for a in report.items] == [UID]
    assert [r.path for r, _ in httpserver.log] == [JSON_PATH, RSS_PATH]


def test_both_failing_reports_the_json_failure(httpserver, default_urls):
    httpserver.expect_request(JSON_PATH).respond_with_data("", status=503)
    httpserver.expect_request(RSS_PATH).respond_with_data("", status=404)
    with pytest.raises(SourceError) as caught:
        state_dept.fetch(client(), default_urls, {}, NOW)
    assert caught.value.kind is FailureKind.SERVER_ERROR


def test_configured_address_has_no_fallback(httpserver):
    httpserver.expect_request("/mine.json").respond_with_data("", status=500)
    with pytest.raises(SourceError):
        state_dept.fetch(client(), settings(httpserver.url_for("/mine.json")), {}, NOW)
    assert len(httpserver.log) == 1


def test_fetch_200_then_304(httpserver):
    httpserver.expect_oneshot_request(RSS_PATH).respond_with_data(
        payload("state_dept_travel_advisories.rss"), headers={"Last-Modified": "Fri, 22 Nov 2024 20:04:11 GMT"}
    )
    httpserver.expect_request(
        RSS_PATH, headers={"If-Modified-Since": "Fri, 22 Nov 2024 20:04:11 GMT"}
    ).respond_with_data("", status=304)
    http, state, url = client(), {}, settings(httpserver.url_for(RSS_PATH))
    first = state_dept.fetch(http, url, state, NOW)
    second = state_dept.fetch(http, url, state, NOW + timedelta(hours=6))
    assert second.items == first.items and len(first.items) == 1
