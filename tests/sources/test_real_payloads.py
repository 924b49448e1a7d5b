"""Every case of ../shared/real-payloads (payloads other projects recorded or published; PROVENANCE.md names
each), read in place through the parser the app uses for it, with what a person must see. Never copied into
the repository; each case is skipped, saying why, when the folder is absent.

"now" is the capture moment plus a minute (PROVENANCE's "shifted" cases move the document instead: the same
thing), so that dates are neither in the future nor expired for a reason of ours.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import yaml
from helpers import real_payload

from shelterapp.sources import alerts_in_ua, cap, fcdo, feeds, ubilling, ukraine_alarm
from shelterapp.sources.base import AdvisoryReport, AlertReport
from shelterapp.sources.errors import BadData

KYIV_CITY = "31"


# --- alert feeds -----------------------------------------------------------------------------------------
def regions(report: AlertReport) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    return {
        uid: (r.level.value if r.level else None, tuple(t.value for t in r.threats))
        for uid, r in report.regions.items()
    }


def alerts_in_ua_case(name: str, now: datetime) -> AlertReport:
    return alerts_in_ua.parse(real_payload(f"alerts_in_ua/{name}").read_bytes(), now=now)


AIR = ("air_raid",)
ALERTS_IN_UA = {
    # hand-written by another project: integer location_uid, no finished_at
    "fyennyi_active_alerts_synthetic.json": (
        {"22": (None, AIR), "1293": (None, AIR)},
        datetime(2024, 1, 1, tzinfo=UTC),
    ),
    # three permanent alerts of April 2023 (occupied regions)
    "kraiany_mock_response_2023-04-02.json": (
        {"16": (None, AIR), "28": (None, AIR), "29": (None, AIR)},
        datetime(2023, 4, 2, 12, tzinfo=UTC),
    ),
    "kraiany_vcr_body_2023-04-20.json": ({"16": (None, AIR)}, datetime(2023, 4, 20, 0, 50, tzinfo=UTC)),
    # a hromada's artillery alert beside an oblast's air raid
    "ralertsinua_models_alerts_rs_2024-05-06.json": (
        {"16": (None, AIR), "351": (None, ("artillery",))},
        datetime(2024, 5, 6, 12, tzinfo=UTC),
    ),
    # levels (red/yellow) and threats of September 2026
    "threatlens_alerts-in-ua-active-levels_2026-09-22.json": (
        {
            "16": ("red", AIR),
            "56": ("red", AIR),
            "80": ("yellow", AIR),
            "124": ("yellow", AIR),
            "1313": ("red", ("artillery", "urban_fights")),
            "5349": ("red", ("artillery",)),
        },
        datetime(2026, 9, 22, 20, tzinfo=UTC),
    ),
}


@pytest.mark.parametrize("name", ALERTS_IN_UA)
def test_alerts_in_ua(name):
    expected, now = ALERTS_IN_UA[name]
    report = alerts_in_ua_case(name, now)
    assert regions(report) == expected
    assert report.state_of(KYIV_CITY) is not None and not report.state_of(KYIV_CITY).active  # none has Kyiv


def test_alerts_in_ua_vcr_cassette():
    # the whole recording: every interaction's body reads as the derived body file does
    cassette = yaml.safe_load(real_payload("alerts_in_ua/kraiany_vcr_cassette_2023-04-20.yml").read_text("utf-8"))
    bodies = [i["response"]["body"]["string"] for i in cassette["http_interactions"]]
    assert bodies
    now = datetime(2023, 4, 20, 0, 50, tzinfo=UTC)
    for body in bodies:
        assert regions(alerts_in_ua.parse(body.encode("utf-8"), now=now)) == {"16": (None, AIR)}


def test_ukraine_alarm_kyiv_on_yellow():
    # "exactly as the feed answered on 25.09.2026 during a real alert": Kyiv city alerted, level yellow
    body = real_payload("ukraine_alarm/aaaaasv_home_kyiv_yellow_record_2026-09-25.json").read_bytes()
    report = ukraine_alarm.parse(body, now=datetime(2026, 9, 25, 9, 30, tzinfo=UTC))
    kyiv = report.state_of(KYIV_CITY)
    assert kyiv is not None and kyiv.active and kyiv.level is not None and kyiv.level.value == "yellow"


def test_ukraine_alarm_raw_answer_from_the_mirror():
    wrapper = json.loads(
        real_payload("ukraine_alarm/threatlens_aerial-mirror-raw-ual_wrapper_2026-08-09.json").read_bytes()
    )
    body = json.dumps(wrapper["raw"], ensure_ascii=False).encode()  # the /api/v3/alerts body, values untouched
    report = ukraine_alarm.parse(body, now=datetime(2026, 8, 9, 11, 30, tzinfo=UTC))
    assert len(report.regions) == 34 and all(r.active for r in report.regions.values())
    assert report.state_of(KYIV_CITY) is not None and not report.state_of(KYIV_CITY).active


UBILLING = "ubilling/threatlens_aerial-mirror-snapshot_2026-08-09.json"


def test_ubilling_as_captured_is_refused_as_stale():
    # captured 2026-08-09 14:26 Kyiv time: read a day later it is stale, never "no alerts"
    with pytest.raises(BadData, match="stale"):
        ubilling.parse(real_payload(UBILLING).read_bytes(), now=datetime(2026, 8, 10, 12, tzinfo=UTC))


def test_ubilling_fresh():
    document = json.loads(real_payload(UBILLING).read_bytes())
    now = datetime(2026, 8, 9, 11, 27, tzinfo=UTC)
    document["cachedat"] = now.astimezone(ubilling.KYIV).strftime("%Y-%m-%d %H:%M:%S")
    report = ubilling.parse(json.dumps(document, ensure_ascii=False).encode(), now=now)
    alerted = {uid for uid, r in report.regions.items() if r.active}
    assert alerted and alerted == {uid for uid, r in report.regions.items() if r.active}
    assert KYIV_CITY in report.regions  # the mirror lists every oblast: Kyiv's state is known either way


# --- CAP -------------------------------------------------------------------------------------------------
def cap_now(body: bytes) -> datetime:
    """A minute after the newest sent or updated time the document holds: its capture moment."""
    text = body.decode("utf-8", "replace")
    stamps = re.findall(r"<(?:cap:)?sent>([^<]+)<", text) + re.findall(r"<updated>([^<]+)<", text)
    return max(d for d in map(feeds.parse_date, stamps) if d is not None) + timedelta(minutes=1)


def cap_case(name: str) -> tuple[bytes, AdvisoryReport]:
    body = real_payload(f"cap/{name}").read_bytes()
    return body, cap.parse(body, now=cap_now(body))


def titles_and_levels(report: AdvisoryReport) -> list[tuple[str, str]]:
    return [(a.title, a.level) for a in report.items]


CAP: dict[str, Callable[[bytes, AdvisoryReport], None]] = {}


def case(name: str) -> Callable[[Callable[[bytes, AdvisoryReport], None]], Callable[[bytes, AdvisoryReport], None]]:
    def register(check: Callable[[bytes, AdvisoryReport], None]) -> Callable[[bytes, AdvisoryReport], None]:
        CAP[name] = check
        return check

    return register


@case("oasiscap_v1dot2_appendix_adot1.xml")
def _homeland(_body, report):
    assert titles_and_levels(report) == [
        ("Homeland Security Sets Code ORANGE", "Severe, Immediate: Homeland Security Advisory System Update")
    ]


@case("oasiscap_v1dot2_appendix_adot2.xml")
def _thunderstorm(_body, report):
    assert titles_and_levels(report) == [("SEVERE THUNDERSTORM WARNING", "Severe, Immediate: SEVERE THUNDERSTORM")]


@case("oasiscap_v1dot2_appendix_adot3.xml")
def _earthquake_update(_body, report):
    (advisory,) = report.items  # an Update: shown (its reference is not in this document)
    assert advisory.title == "EQ 3.4 Imperial County CA" and advisory.level == "Minor, Past: Earthquake"


@case("oasiscap_v1dot2_appendix_adot4.xml")
def _amber(_body, report):
    (advisory,) = report.items  # bilingual: the English info block
    assert advisory.title == "Amber Alert in Los Angeles County" and "KHAYRI DOE" in advisory.summary


@case("oasiscap_v1dot1_appendix_adot3.xml")
def _cap_1_1(_body, report):
    (advisory,) = report.items  # CAP 1.1 reads like 1.2
    assert advisory.title == "EQ 3.4 Imperial County CA - PRELIMINARY REPORT"


@case("oasiscap_nws-5c2cf27b1f56885d61654dc47fa411d5.xml")
def _blizzard(_body, report):
    (advisory,) = report.items
    assert advisory.level == "Severe, Expected: Blizzard Warning" and "BLIZZARD WARNING" in advisory.summary


@case("oasiscap_ipaws-5e6dd9de023f1930ef6548d9.xml")
def _ipaws_cancel(_body, report):
    (advisory,) = report.items  # a Cancel without <info>: said as a cancellation, never as a new alert
    assert advisory.level == cap.CANCEL_LEVEL and advisory.title.startswith("Cancelled: ")


@case("oasiscap_ipaws-5ea321f39fc226a7b44b6874.xml")
def _ipaws_civil_emergency(body, report):
    (advisory,) = report.items  # 459 kB with base64 audio: read, the audio ignored
    assert len(body) > 400_000 and advisory.title == "IPAWS Message - MI Stay Home Stay Safe Extension 5/15"
    assert "base64" not in advisory.summary.lower() and len(advisory.summary) <= feeds.MAX_SUMMARY_CHARS


@case("oasiscap_ipaws-5e7e0fc5023f1930efcf3deb.xml")
def _ipaws_no_description(_body, report):
    (advisory,) = report.items
    assert advisory.title == "Alert Montgomery - Police Searching for Suspicious Person"


@case("oasiscap_google-PAAQ-4-mg5a94.xml")
def _tsunami_cancellation(_body, report):
    assert report.items == ()  # "cancellation" sent as an Update with expires = sent: over at once


@case("ibm_nws_atom_feed_example_2018-08-15.xml")
def _nws_index(body, report):
    assert len(report.items) == body.count(b"<entry>") == 163  # one per entry (distinct ids)
    assert all(a.uid and a.title and a.level for a in report.items)


@case("meteoalarm_legacy_atom_poland_2023-04.xml")
def _meteoalarm_poland(_body, report):
    assert report.items == ()  # both warnings expired the evening before the capture


@case("meteoalarm_legacy_atom_germany_2023-04.xml")
def _meteoalarm_germany(body, report):
    # 381 entries, one per area of 21 warnings (11 of them expired at the capture): one advisory per current
    # warning, naming every one of its areas in the feed's order (the app kept only the first area)
    now = cap_now(body)
    current: dict[str, list[str]] = {}
    updates = set()
    entries = re.findall(r"<entry>(.*?)</entry>", body.decode("utf-8"), re.S)
    for entry in entries:
        field = {name: re.search(rf"<cap:{name}>([^<]+)<", entry)[1] for name in CAP_FIELDS}  # type: ignore[index]
        expires = feeds.parse_date(field["expires"])
        if expires is not None and expires > now:
            key = f"{field['identifier']},{field['sent']}"
            current.setdefault(key, []).append(field["areaDesc"])
            if field["message_type"] == "Update":
                updates.add(key)
    assert len(entries) == 381 and [a.uid for a in report.items if a.uid in current] == [a.uid for a in report.items]
    assert len(report.items) == len(current) == 10 and updates & {a.uid for a in report.items}  # Updates shown too
    for advisory in report.items:
        areas = current[advisory.uid]
        if len(areas) == 1:
            assert areas[0] in advisory.summary
            continue
        shown = advisory.summary.removeprefix("Areas: ").split(" and ")[0].rstrip(".").split(", ")
        assert shown == areas[: len(shown)] and len(shown) >= 2  # the second area is never lost
        if len(shown) < len(areas):
            assert advisory.summary.endswith(f" and {len(areas) - len(shown)} more.")


CAP_FIELDS = ("identifier", "sent", "expires", "areaDesc", "message_type")


@pytest.mark.parametrize("name", CAP)
def test_cap(name):
    body, report = cap_case(name)
    CAP[name](body, report)


def test_every_cap_payload_has_a_case():
    from helpers import REAL_PAYLOADS

    folder = REAL_PAYLOADS / "cap"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    assert {p.name for p in folder.glob("*.xml")} == set(CAP)


# --- FCDO ------------------------------------------------------------------------------------------------
FCDO = {
    "govuk_publishing-api_example_full-country.json": "Albania travel advice",
    "govuk_publishing-api_example_alt-country.json": "Turkey travel advice",
    "govuk_publishing-api_example_no-parts.json": "Antarctica travel advice",
}


@pytest.mark.parametrize("name", FCDO)
def test_fcdo(name):
    report = fcdo.parse(real_payload(f"fcdo/{name}").read_bytes(), now=datetime(2026, 1, 1, tzinfo=UTC))
    (advisory,) = report.items
    assert advisory.title == FCDO[name] and advisory.summary and advisory.link.startswith("https://www.gov.uk/")
    assert advisory.level != fcdo.WITHDRAWN_LEVEL


def test_fcdo_withdrawn_page_is_never_shown_as_current_advice():
    body = real_payload("fcdo/govuk_publishing-api_example_withdrawn-full-country.json").read_bytes()
    current = fcdo.parse(
        real_payload("fcdo/govuk_publishing-api_example_full-country.json").read_bytes(),
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )
    (advisory,) = fcdo.parse(body, now=datetime(2026, 1, 1, tzinfo=UTC)).items
    assert advisory.title == "Withdrawn: Albania travel advice" and advisory.level == fcdo.WITHDRAWN_LEVEL
    assert advisory.summary.startswith("This advice was withdrawn on 28 February 2017 and is not current.")
    assert "archived" in advisory.summary  # GOV.UK's own explanation follows
    assert advisory.published == datetime(2017, 2, 28, 13, 5, 30, tzinfo=UTC)
    assert advisory.uid != current.items[0].uid  # a new item, announced once, newer than the advice it ends
