"""UK FCDO travel advice: the Content API JSON, the Atom fallback, and one advisory per page version."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from advisory_helpers import HOSTILE_OR_BROKEN, NOW, assert_valid, client, payload, settings

from shelterapp.sources import fcdo
from shelterapp.sources.errors import BadData, FailureKind, SourceError

API_PATH = "/api/content/foreign-travel-advice/ukraine"
ATOM_PATH = "/foreign-travel-advice/ukraine.atom"
UID = "/foreign-travel-advice/ukraine@2024-11-20T16:41:27+00:00"


def content(**changes) -> bytes:
    document = json.loads(payload("fcdo_ukraine_content.json"))
    details = changes.pop("details", {})
    document.update(changes)
    document["details"].update(details)
    return json.dumps(document).encode()


def test_module_declares_the_source_interface():
    assert fcdo.NAME == "fcdo" and fcdo.KIND == "advisories" and fcdo.ENABLED_BY_DEFAULT
    assert fcdo.DEFAULT_URL == "https://www.gov.uk/api/content/foreign-travel-advice/ukraine"
    assert fcdo.atom_url_for(fcdo.DEFAULT_URL) == fcdo.DEFAULT_ATOM_URL
    assert 15 * 60 <= fcdo.DEFAULT_INTERVAL_S <= 60 * 60


def test_content_api_document():
    report = fcdo.parse(payload("fcdo_ukraine_content.json"), now=NOW)
    assert_valid(report, "fcdo")
    (advisory,) = report.items
    assert advisory.uid == UID
    assert advisory.title == "Ukraine travel advice"
    assert advisory.summary.startswith("Latest update: information on the temporary closure of some foreign embassies")
    assert advisory.link == "https://www.gov.uk/foreign-travel-advice/ukraine"
    assert advisory.published == datetime(2024, 11, 20, 16, 41, 27, tzinfo=UTC)
    # most severe first: the user must read "all travel" before "all but essential"
    assert advisory.level == (
        "Advises against all travel to parts of the country; "
        "Advises against all but essential travel to parts of the country"
    )


def test_atom_feed_gives_the_same_advisory():
    # the fallback must not announce the same page version a second time
    (from_atom,) = fcdo.parse(payload("fcdo_ukraine.atom"), now=NOW).items
    (from_api,) = fcdo.parse(payload("fcdo_ukraine_content.json"), now=NOW).items
    assert from_atom.uid == from_api.uid == UID
    assert from_atom.summary == from_api.summary
    assert from_atom.published == from_api.published


def test_a_new_page_version_is_a_new_advisory():
    body = content(public_updated_at="2024-12-01T09:00:00.000+00:00", details={"change_description": "New text."})
    (advisory,) = fcdo.parse(body, now=NOW).items
    assert advisory.uid == "/foreign-travel-advice/ukraine@2024-12-01T09:00:00+00:00"
    assert advisory.summary == "New text."


@pytest.mark.parametrize(
    ("statuses", "level"),
    [
        ([], ""),  # no FCDO warning at all
        (["avoid_all_travel_to_whole_country"], "Advises against all travel to the whole country"),
        (["avoid_something_new"], "avoid something new"),  # a value added later is shown, not dropped
        ("avoid_all_travel_to_parts", ""),  # wrong type: no level rather than a crash
    ],
)
def test_alert_status_levels(statuses, level):
    (advisory,) = fcdo.parse(content(details={"alert_status": statuses}), now=NOW).items
    assert advisory.level == level


def test_future_version_is_dropped():
    body = content(public_updated_at=(NOW + timedelta(days=5)).isoformat())
    assert fcdo.parse(body, now=NOW).items == ()


@pytest.mark.parametrize(
    "base_path",
    [
        "//evil.example/x",  # protocol-relative: would leave gov.uk
        "javascript:alert(1)",  # never clickable
    ],
)
def test_unsafe_paths_give_no_link(base_path):
    (advisory,) = fcdo.parse(content(base_path=base_path), now=NOW).items
    assert advisory.link == ""


@pytest.mark.parametrize(
    "body",
    [
        b"[]",  # a list is not a content item
        b"{}",  # no details, no timestamp
        b'{"details": {}, "public_updated_at": 5}',  # wrong type
        b'{"details": [], "public_updated_at": "2024-11-20T16:41:27Z"}',  # wrong type
        content(schema_name="guide"),  # some other GOV.UK page
        b"null",  # valid JSON, no content
        b'{"title": "Ukraine travel advice"',  # truncated
        b"<!DOCTYPE html><html><body>GOV.UK - Page not found</body></html>",  # HTML error page
        payload("us_embassy_ukraine_alerts.rss"),  # RSS is not what GOV.UK serves here
    ],
)
def test_wrong_shapes_are_bad_data(body):
    with pytest.raises(BadData):
        fcdo.parse(body, now=NOW)


@pytest.mark.parametrize("name", HOSTILE_OR_BROKEN)
def test_hostile_and_broken_are_bad_data(name):
    with pytest.raises(BadData):
        fcdo.parse(payload(name), now=NOW)


@pytest.mark.parametrize(
    ("url", "atom"),
    [
        (fcdo.DEFAULT_URL, fcdo.DEFAULT_ATOM_URL),  # the default pair
        (
            "https://www.gov.uk/api/content/foreign-travel-advice/poland/",
            "https://www.gov.uk/foreign-travel-advice/poland.atom",
        ),
        ("https://www.gov.uk/foreign-travel-advice/ukraine.atom", None),  # Atom already: no fallback
        ("https://mirror.example/ukraine.json", None),  # unknown address: no guessing
    ],
)
def test_atom_url_for(url, atom):
    assert fcdo.atom_url_for(url) == atom


# --- polling --------------------------------------------------------------------------------------------
def test_fetch_200_then_304(httpserver):
    httpserver.expect_oneshot_request(API_PATH).respond_with_data(
        payload("fcdo_ukraine_content.json"), content_type="application/json", headers={"ETag": '"a"'}
    )
    httpserver.expect_request(API_PATH, headers={"If-None-Match": '"a"'}).respond_with_data("", status=304)
    http, state = client(), {}
    first = fcdo.fetch(http, settings(httpserver.url_for(API_PATH)), state, NOW)
    second = fcdo.fetch(http, settings(httpserver.url_for(API_PATH)), state, NOW + timedelta(minutes=30))
    assert second.items == first.items and len(first.items) == 1
    assert second.fetched_at == NOW + timedelta(minutes=30)


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, b"Internal Server Error"),  # the API is down
        (200, b"<html><body>maintenance</body></html>"),  # the API answers an HTML page
        (403, b"Forbidden"),  # the API refuses this client
    ],
)
def test_api_failure_falls_back_to_atom(httpserver, status, body):
    httpserver.expect_request(API_PATH).respond_with_data(body, status=status)
    httpserver.expect_request(ATOM_PATH).respond_with_data(payload("fcdo_ukraine.atom"))
    report = fcdo.fetch(client(), settings(httpserver.url_for(API_PATH)), {}, NOW)
    assert [a.uid for a in report.items] == [UID]
    assert [r.path for r, _ in httpserver.log] == [API_PATH, ATOM_PATH]


def test_rate_limit_does_not_fall_back(httpserver):
    # the same host asked us to slow down: hitting its other address would be rude and pointless
    httpserver.expect_request(API_PATH).respond_with_data("", status=429, headers={"Retry-After": "120"})
    with pytest.raises(SourceError) as caught:
        fcdo.fetch(client(), settings(httpserver.url_for(API_PATH)), {}, NOW)
    assert caught.value.kind is FailureKind.RATE_LIMITED and caught.value.retry_after == 120
    assert len(httpserver.log) == 1


def test_both_failing_reports_the_api_failure(httpserver):
    httpserver.expect_request(API_PATH).respond_with_data("", status=502)
    httpserver.expect_request(ATOM_PATH).respond_with_data(payload("malformed_feed.rss"))
    with pytest.raises(SourceError) as caught:
        fcdo.fetch(client(), settings(httpserver.url_for(API_PATH)), {}, NOW)
    assert caught.value.kind is FailureKind.SERVER_ERROR


def test_configured_atom_address_is_used_alone(httpserver):
    httpserver.expect_request(ATOM_PATH).respond_with_data(payload("fcdo_ukraine.atom"))
    report = fcdo.fetch(client(), settings(httpserver.url_for(ATOM_PATH)), {}, NOW)
    assert [a.uid for a in report.items] == [UID]


def test_a_withdrawn_page_is_marked_withdrawn_never_shown_as_current_advice():
    # GOV.UK archives out-of-date advice with a withdrawn_notice; the app showed it as the current advice
    notice = {"explanation": "<p>This advice is <b>out of date</b>.</p>", "withdrawn_at": "2024-11-21T09:00:00Z"}
    (current,) = fcdo.parse(content(), now=NOW).items
    (withdrawn,) = fcdo.parse(content(withdrawn_notice=notice), now=NOW).items
    assert withdrawn.title == f"Withdrawn: {current.title}" and withdrawn.level == "withdrawn"
    assert (
        withdrawn.summary
        == "This advice was withdrawn on 21 November 2024 and is not current. This advice is out of date."
    )
    assert withdrawn.uid != current.uid and withdrawn.published > current.published  # newest: announced once
    assert withdrawn.link == current.link
