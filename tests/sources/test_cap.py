"""CAP 1.2 feeds the user adds: one alert document, Atom feeds of CAP entries, Cancel, language choice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from advisory_helpers import HOSTILE_OR_BROKEN, assert_valid, client, payload, settings

from shelterapp.sources import cap
from shelterapp.sources.errors import BadData

DURING = datetime(2024, 11, 20, 5, 30, tzinfo=UTC)  # the alert was sent 05:12 UTC and expires 07:12 UTC
ALERT = "cap_example_air_raid.xml"
CANCEL = "cap_example_air_raid_cancel.xml"
ALERT_UID = "alerts@example.kyiv.invalid,UA-KYIV-AIRRAID-20241120-0001,2024-11-20T07:12:00+02:00"
CANCEL_UID = "alerts@example.kyiv.invalid,UA-KYIV-AIRRAID-20241120-0002,2024-11-20T08:03:00+02:00"


def edited(name: str, old: str, new: str, count: int = -1) -> bytes:
    text = payload(name).decode()
    assert old in text
    return text.replace(old, new, count).encode()


def without_xml_declaration(name: str) -> str:
    return payload(name).decode().split("?>", 1)[1]


def atom_of(*entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><title>warnings</title>' + "".join(entries) + "</feed>"
    ).encode()


def test_module_declares_the_source_interface():
    assert cap.NAME == "cap" and cap.KIND == "advisories"
    assert cap.DEFAULT_URL == "" and not cap.ENABLED_BY_DEFAULT  # the user adds addresses
    assert cap.MIN_INTERVAL_S <= cap.DEFAULT_INTERVAL_S


def test_alert_in_english():
    report = cap.parse(payload(ALERT), now=DURING)
    assert_valid(report, "cap")
    (advisory,) = report.items
    assert advisory.uid == ALERT_UID  # sender,identifier,sent: the triplet a Cancel's <references> uses
    assert advisory.title == "Air raid alert in Kyiv city"
    assert advisory.summary == (
        "Threat of missile strikes and attack drones over Kyiv city. "
        "Go to the nearest shelter immediately. Stay in the shelter until the all-clear."
    )
    assert advisory.level == "Extreme, Immediate: Air raid alert"
    assert advisory.published == datetime(2024, 11, 20, 5, 12, tzinfo=UTC)
    assert advisory.link == "https://kyivcity.gov.ua/"


def test_cancel_names_what_it_ends():
    (advisory,) = cap.parse(payload(CANCEL), now=DURING + timedelta(hours=1)).items
    assert advisory.uid == CANCEL_UID
    assert advisory.title == "Cancelled: Air raid alert"
    assert advisory.level == cap.CANCEL_LEVEL == "cancel"
    assert advisory.summary.startswith("All clear in Kyiv city. The air raid alert in Kyiv city has ended.")
    assert advisory.published == datetime(2024, 11, 20, 6, 3, tzinfo=UTC)


def test_ukrainian_when_there_is_no_english():
    body = edited(ALERT, "<language>en-US</language>", "<language>fr-FR</language>")
    (advisory,) = cap.parse(body, now=DURING).items
    assert advisory.title == "Повітряна тривога в місті Київ"
    assert advisory.summary.startswith("Загроза ракетного удару")


def test_no_language_means_english():
    # CAP defines a missing <language> as en-US
    body = edited(ALERT, "<language>en-US</language>", "")
    assert cap.parse(body, now=DURING).items[0].title == "Air raid alert in Kyiv city"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<status>Actual</status>", "<status>Test</status>"),  # a test message must never reach users
        ("<status>Actual</status>", "<status>Exercise</status>"),  # nor an exercise
        ("<msgType>Alert</msgType>", "<msgType>Ack</msgType>"),  # acknowledgements are between senders
    ],
)
def test_messages_not_for_the_public_are_left_out(old, new):
    assert cap.parse(edited(ALERT, old, new), now=DURING).items == ()


def test_expired_alert_is_left_out():
    # an alert that ended two hours ago is not a warning
    assert cap.parse(payload(ALERT), now=DURING + timedelta(hours=3)).items == ()


def test_future_dated_alert_is_dropped():
    body = edited(ALERT, "<sent>2024-11-20T07:12:00+02:00</sent>", "<sent>2024-11-25T07:12:00+02:00</sent>")
    assert cap.parse(body, now=DURING).items == ()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<identifier>UA-KYIV-AIRRAID-20241120-0001</identifier>", ""),  # no identifier: cannot dedupe
        ("<sent>2024-11-20T07:12:00+02:00</sent>", ""),  # no sent time
    ],
)
def test_invalid_alert_document_is_bad_data(old, new):
    with pytest.raises(BadData):
        cap.parse(edited(ALERT, old, new), now=DURING)


def test_unsafe_web_link_is_blanked():
    body = edited(ALERT, "<web>https://kyivcity.gov.ua/</web>", "<web>javascript:alert(1)</web>")
    assert cap.parse(body, now=DURING).items[0].link == ""


def test_feed_with_alert_and_its_cancel_keeps_only_the_cancel():
    # once ended, the alert must not still be shown as a live warning
    body = atom_of(
        f"<entry><id>a</id>{without_xml_declaration(ALERT)}</entry>",
        f"<entry><id>b</id>{without_xml_declaration(CANCEL)}</entry>",
    )
    report = cap.parse(body, now=DURING + timedelta(minutes=40))
    assert [a.uid for a in report.items] == [CANCEL_UID]


def test_atom_index_with_cap_fields():
    # MeteoAlarm's shape: the only CAP feed for Ukraine (weather warnings)
    entry = """<entry><id>https://feeds.example/warn/{n}</id><title>{title}</title>
      <link rel="alternate" href="https://feeds.example/warn/{n}"/><updated>2024-11-20T05:00:00Z</updated>
      <summary>Strong wind in Kyiv oblast</summary>
      <cap:identifier>2.49.0.0.804.{n}</cap:identifier><cap:sent>2024-11-20T06:00:00+02:00</cap:sent>
      <cap:status>Actual</cap:status><cap:msgType>Alert</cap:msgType><cap:event>Yellow wind warning</cap:event>
      <cap:severity>Moderate</cap:severity><cap:urgency>Future</cap:urgency><cap:areaDesc>Kyiv</cap:areaDesc>
      <cap:expires>{expires}</cap:expires></entry>"""
    body = atom_of(
        entry.format(n=1, title="Wind warning", expires="2024-11-21T00:00:00+02:00"),
        entry.format(n=2, title="Old warning", expires="2024-11-19T00:00:00+02:00"),  # expired: dropped
    )
    report = cap.parse(body, now=DURING)
    assert_valid(report, "cap")
    (advisory,) = report.items
    assert advisory.uid == "2.49.0.0.804.1,2024-11-20T06:00:00+02:00"
    assert advisory.title == "Wind warning"
    assert advisory.level == "Moderate, Future: Yellow wind warning"
    assert advisory.summary == "Strong wind in Kyiv oblast. Kyiv."
    assert advisory.link == "https://feeds.example/warn/1"


def test_empty_cap_feed_is_no_warnings():
    # an index with no entries is the normal quiet state of a warnings feed
    assert cap.parse(atom_of(), now=DURING).items == ()


@pytest.mark.parametrize(
    "body",
    [
        payload("us_embassy_ukraine_alerts.rss"),  # a feed, but no CAP in it
        payload("fcdo_ukraine.atom"),  # Atom without CAP fields
        b'<alert xmlns="urn:oasis:names:tc:emergency:cap:9.9"><identifier>x</identifier></alert>',  # unknown CAP
        b"<alert><identifier>x</identifier></alert>",  # no namespace: not CAP
        b'{"alert": {}}',  # JSON
    ],
)
def test_non_cap_documents_are_bad_data(body):
    with pytest.raises(BadData):
        cap.parse(body, now=DURING)


@pytest.mark.parametrize("name", HOSTILE_OR_BROKEN)
def test_hostile_and_broken_are_bad_data(name):
    with pytest.raises(BadData):
        cap.parse(payload(name), now=DURING)


def test_fetch_without_an_address_is_an_error():
    with pytest.raises(BadData):
        cap.fetch(client(), settings(""), {}, DURING)


def test_fetch_200_then_304(httpserver):
    httpserver.expect_oneshot_request("/cap.xml").respond_with_data(payload(ALERT), headers={"ETag": '"c1"'})
    httpserver.expect_request("/cap.xml", headers={"If-None-Match": '"c1"'}).respond_with_data("", status=304)
    http, state, url = client(), {}, settings(httpserver.url_for("/cap.xml"))
    first = cap.fetch(http, url, state, DURING)
    second = cap.fetch(http, url, state, DURING + timedelta(minutes=10))
    assert [a.uid for a in second.items] == [a.uid for a in first.items] == [ALERT_UID]


def test_alert_expires_while_the_server_answers_304(httpserver):
    # the document does not change when its alert runs out: the 304 must not keep showing it
    httpserver.expect_oneshot_request("/cap.xml").respond_with_data(payload(ALERT), headers={"ETag": '"c1"'})
    httpserver.expect_request("/cap.xml", headers={"If-None-Match": '"c1"'}).respond_with_data("", status=304)
    http, state, url = client(), {}, settings(httpserver.url_for("/cap.xml"))
    assert len(cap.fetch(http, url, state, DURING).items) == 1
    later = cap.fetch(http, url, state, DURING + timedelta(hours=3))
    assert later.items == () and later.fetched_at == DURING + timedelta(hours=3)


# MeteoAlarm's legacy Atom shape (../shared/real-payloads/cap/meteoalarm_legacy_atom_*.xml): one entry per area,
# every entry of one warning with the same identifier and sent time, the type written as cap:message_type.
METEOALARM_ENTRY = """<entry><id>https://feeds.example/warnings/{warning}?index_area={n}</id>
  <title>{colour} Wind Warning issued for Ukraine - {area}</title>
  <link href="https://feeds.example/api/v1/warnings/{warning}" type="application/cap+xml"/>
  <updated>2024-11-20T04:00:00Z</updated><cap:areaDesc>{area}</cap:areaDesc><cap:event>strong wind</cap:event>
  <cap:sent>2024-11-20T06:00:00+02:00</cap:sent><cap:expires>2024-11-21T00:00:00+02:00</cap:expires>
  <cap:severity>Moderate</cap:severity><cap:urgency>Future</cap:urgency><cap:message_type>{kind}</cap:message_type>
  <cap:status>Actual</cap:status><cap:identifier>2.49.0.0.804.{warning}</cap:identifier></entry>"""


def meteoalarm(warning: str, areas: list[str], kind: str = "Alert") -> list[str]:
    return [
        METEOALARM_ENTRY.format(warning=warning, n=n, area=area, kind=kind, colour="Yellow")
        for n, area in enumerate(areas)
    ]


def test_a_warning_listed_once_per_area_names_every_area_kyiv_first():
    # Kyiv is the warning's second area: the app kept only the first entry and never mentioned Kyiv
    body = atom_of(*meteoalarm("W1", ["Zhytomyr Oblast", "Kyiv", "Chernihiv Oblast"]))
    (advisory,) = cap.parse(body, now=DURING).items
    assert advisory.uid == "2.49.0.0.804.W1,2024-11-20T06:00:00+02:00"
    assert advisory.summary == "Areas: Kyiv, Zhytomyr Oblast, Chernihiv Oblast."
    assert advisory.title == "Yellow Wind Warning issued for Ukraine - Kyiv"  # the entry that speaks for Kyiv


def test_a_warning_over_many_areas_is_one_advisory_that_still_names_kyiv():
    areas = [f"Raion number {n} with a long name" for n in range(60)] + ["Kyiv Oblast"]
    (advisory,) = cap.parse(atom_of(*meteoalarm("W2", areas)), now=DURING).items
    assert advisory.summary.startswith("Areas: Kyiv Oblast, Raion number 0") and "and " in advisory.summary
    assert advisory.summary.endswith(" more.") and len(advisory.summary) <= 600


@pytest.mark.parametrize(
    ("kind", "shown"),
    [
        ("Cancel", ("Cancelled: strong wind", "cancel")),  # read as a new warning before (msgType only)
        ("Update", ("Yellow Wind Warning issued for Ukraine - Kyiv", "Moderate, Future: strong wind")),
        ("Ack", None),  # between senders: not for the public
    ],
)
def test_meteoalarm_message_type_is_read(kind, shown):
    items = cap.parse(atom_of(*meteoalarm("W3", ["Kyiv"], kind)), now=DURING).items
    assert [(a.title, a.level) for a in items] == ([shown] if shown else [])


def test_a_cancel_that_references_a_warning_in_the_same_index_ends_it():
    alert = meteoalarm("W4", ["Kyiv"])[0]
    cancel = meteoalarm("W5", ["Kyiv"], "Cancel")[0].replace(
        "</entry>", "<cap:references>2.49.0.0.804.W4,2024-11-20T06:00:00+02:00</cap:references></entry>"
    )
    items = cap.parse(atom_of(alert, cancel), now=DURING).items
    assert [a.level for a in items] == ["cancel"]
