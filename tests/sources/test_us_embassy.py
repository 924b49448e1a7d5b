"""U.S. Embassy Kyiv security alerts: the recorded WordPress feed, hostile input, and polling with 304s."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from advisory_helpers import HOSTILE_OR_BROKEN, NOW, assert_valid, client, payload, settings

from shelterapp.sources import us_embassy
from shelterapp.sources.errors import BadData, FailureKind, SourceError

FEED = "us_embassy_ukraine_alerts.rss"


def feed_with(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Alerts</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def item(
    guid: str = "https://ua.usembassy.gov/?p=1", title: str = "Security Alert", when: str = "", link: str = ""
) -> str:
    when = when or "Wed, 20 Nov 2024 05:41:09 +0000"
    link = link or "https://ua.usembassy.gov/security-alert/"
    guid_tag = f'<guid isPermaLink="false">{guid}</guid>' if guid else ""
    return (
        f"<item><title>{title}</title><link>{link}</link><pubDate>{when}</pubDate>{guid_tag}"
        "<description><![CDATA[Location: Ukraine Event: Shelter. [&#8230;]]]></description></item>"
    )


def test_module_declares_the_source_interface():
    assert us_embassy.NAME == "us_embassy" and us_embassy.KIND == "advisories"
    assert us_embassy.DEFAULT_URL == "https://ua.usembassy.gov/category/alert/feed/"
    assert us_embassy.MIN_INTERVAL_S <= us_embassy.DEFAULT_INTERVAL_S <= 15 * 60  # the fastest advisory source
    assert us_embassy.ENABLED_BY_DEFAULT and not us_embassy.NEEDS_TOKEN and us_embassy.ATTRIBUTION


def test_recorded_feed():
    report = us_embassy.parse(payload(FEED), now=NOW)
    assert_valid(report, "us_embassy")
    assert [a.uid for a in report.items] == [
        "https://ua.usembassy.gov/?p=58214",
        "https://ua.usembassy.gov/?p=57903",
        "https://ua.usembassy.gov/?p=57871",
        "https://ua.usembassy.gov/?p=56120",
    ]
    newest = report.items[0]
    assert newest.title == "Security Alert: U.S. Embassy Kyiv, Ukraine – Heightened Threat of Missile and Drone Attacks"
    assert newest.published == datetime(2024, 12, 8, 14, 5, 12, tzinfo=UTC)
    assert newest.link == "https://ua.usembassy.gov/security-alert-u-s-embassy-kyiv-ukraine-december-8-2024/"
    assert newest.level == "Security Alert"
    assert report.fetched_at == NOW


def test_summary_is_the_event_paragraph_in_plain_text():
    # the trigger story: the 20 Nov 2024 alert must read as the embassy wrote it, without markup
    alert = {a.uid: a for a in us_embassy.parse(payload(FEED), now=NOW).items}["https://ua.usembassy.gov/?p=57903"]
    assert alert.summary == (
        "The U.S. Embassy in Kyiv has received specific information of a potential significant air attack on "
        "November 20. Out of an abundance of caution, the Embassy will be closed, and Embassy employees are being "
        "instructed to shelter in place. The U.S. Embassy recommends U.S. citizens be prepared to immediately "
        "shelter in the event an air alert is announced."
    )
    assert alert.published == datetime(2024, 11, 20, 5, 41, 9, tzinfo=UTC)


def test_entities_in_titles_and_summaries_are_characters():
    items = us_embassy.parse(payload(FEED), now=NOW).items
    assert "Ukraine’s critical civilian infrastructure" in items[0].summary  # &#8217;
    assert all("&#" not in a.title + a.summary for a in items)


@pytest.mark.parametrize("name", HOSTILE_OR_BROKEN)
def test_hostile_and_broken_feeds_are_bad_data(name):
    with pytest.raises(BadData):
        us_embassy.parse(payload(name), now=NOW)


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html><body>Request blocked</body></html>",  # the CDN's WAF page
        b"<html><body>Moved</body></html>",  # well-formed HTML is still not a feed
        payload("canada_travel_index.json"),  # JSON at the feed address
        payload("cap_example_air_raid.xml"),  # XML, but not a feed
    ],
)
def test_other_documents_are_bad_data(body):
    with pytest.raises(BadData):
        us_embassy.parse(body, now=NOW)


def test_duplicate_guids_collapse_to_the_first():
    # a feed (or a CDN splicing two versions) can list the same post twice; it is news once
    report = us_embassy.parse(feed_with(item(title="Edited title"), item(title="Old title")), now=NOW)
    assert [a.title for a in report.items] == ["Edited title"]


def test_repeated_titles_are_different_alerts():
    # "Security Alert: U.S. Embassy Kyiv, Ukraine" is the title of many distinct alerts: never dedupe on it
    body = feed_with(item("https://ua.usembassy.gov/?p=1"), item("https://ua.usembassy.gov/?p=2"))
    assert len(us_embassy.parse(body, now=NOW).items) == 2


def test_future_dated_item_is_dropped_and_the_rest_kept():
    ahead = (NOW + timedelta(days=3)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    soon = (NOW + timedelta(hours=20)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    body = feed_with(item("?p=1", when=ahead), item("?p=2", when=soon), item("?p=3"))
    assert [a.uid for a in us_embassy.parse(body, now=NOW).items] == ["?p=2", "?p=3"]


def test_recorded_feed_seen_before_its_newest_item_drops_only_that_item():
    # the 8 Dec alert is 18 days ahead of 20 Nov: with the clock at 20 Nov only it is rejected
    report = us_embassy.parse(payload(FEED), now=datetime(2024, 11, 20, 6, 0, tzinfo=UTC))
    assert [a.uid[-5:] for a in report.items] == ["57903", "57871", "56120"]


@pytest.mark.parametrize(
    ("guid", "link", "expected_uid"),
    [
        ("", "https://ua.usembassy.gov/a/", "https://ua.usembassy.gov/a/"),  # no guid: the permalink is the key
        ("", "javascript:alert(1)", None),  # neither: nothing to dedupe on, the item is dropped
    ],
)
def test_items_without_guid(guid, link, expected_uid):
    items = us_embassy.parse(feed_with(item(guid, link=link)), now=NOW).items
    assert [a.uid for a in items] == ([expected_uid] if expected_uid else [])


def test_unsafe_links_are_blanked():
    # a javascript: link must never become clickable in the advisory list
    (advisory,) = us_embassy.parse(feed_with(item(link="javascript:alert(1)")), now=NOW).items
    assert advisory.link == ""


def test_unreadable_date_becomes_now_with_a_stable_uid():
    (first,) = us_embassy.parse(feed_with(item(when="20/11/2024 25:61")), now=NOW).items
    (again,) = us_embassy.parse(feed_with(item(when="20/11/2024 25:61")), now=NOW + timedelta(hours=1)).items
    assert first.published == NOW and first.uid == again.uid


def test_a_feed_with_no_items_is_an_empty_report():
    # well-formed and empty is not an error (a new category); only broken or empty bodies are
    assert us_embassy.parse(feed_with(), now=NOW).items == ()


# --- polling --------------------------------------------------------------------------------------------
def test_fetch_200_then_304_gives_the_same_items(httpserver):
    path = "/category/alert/feed/"
    httpserver.expect_oneshot_request(path).respond_with_data(
        payload(FEED), content_type="application/rss+xml", headers={"ETag": '"v1"'}
    )
    httpserver.expect_request(path, headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    http, state = client(), {}
    first = us_embassy.fetch(http, settings(httpserver.url_for(path)), state, NOW)
    later = NOW + timedelta(minutes=10)
    second = us_embassy.fetch(http, settings(httpserver.url_for(path)), state, later)
    assert len(first.items) == 4 and second.items == first.items
    assert second.fetched_at == later
    assert len(httpserver.log) == 2


def test_304_after_a_broken_answer_is_still_broken(httpserver):
    # the server says "same as last time", and last time was junk: not the older good data dressed as fresh
    path = "/feed/"
    httpserver.expect_oneshot_request(path).respond_with_data(payload(FEED), headers={"ETag": '"v1"'})
    httpserver.expect_oneshot_request(path).respond_with_data(payload("malformed_feed.rss"), headers={"ETag": '"v2"'})
    httpserver.expect_request(path, headers={"If-None-Match": '"v2"'}).respond_with_data("", status=304)
    http, state = client(), {}
    url = httpserver.url_for(path)
    assert len(us_embassy.fetch(http, settings(url), state, NOW).items) == 4
    for _ in range(2):
        with pytest.raises(BadData):
            us_embassy.fetch(http, settings(url), state, NOW)


def test_304_with_no_remembered_report_fetches_in_full(httpserver):
    # the coordinator's state was reset but the shared client kept its validators
    path = "/feed/"
    httpserver.expect_oneshot_request(path).respond_with_data(payload(FEED), headers={"ETag": '"v1"'})
    httpserver.expect_oneshot_request(path, headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    httpserver.expect_oneshot_request(path).respond_with_data(payload(FEED), headers={"ETag": '"v1"'})
    http = client()
    url = httpserver.url_for(path)
    us_embassy.fetch(http, settings(url), {}, NOW)
    assert len(us_embassy.fetch(http, settings(url), {}, NOW).items) == 4


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (
            407,
            FailureKind.SERVER_ERROR,
        ),  # the embassy WAF's answer to datacenter addresses: unavailable, not "no alerts"
        (503, FailureKind.SERVER_ERROR),  # an outage is an error, the coordinator keeps the last good data
    ],
)
def test_http_failures_are_source_errors(httpserver, status, kind):
    httpserver.expect_request("/feed/").respond_with_data("nope", status=status)
    with pytest.raises(SourceError) as caught:
        us_embassy.fetch(client(), settings(httpserver.url_for("/feed/")), {}, NOW)
    assert caught.value.kind is kind


def test_empty_200_is_bad_data_not_an_empty_list(httpserver):
    httpserver.expect_request("/feed/").respond_with_data(b"", status=200)
    with pytest.raises(BadData, match="empty"):
        us_embassy.fetch(client(), settings(httpserver.url_for("/feed/")), {}, NOW)
