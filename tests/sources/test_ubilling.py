"""The ubilling mirror: Kyiv wall-clock times, stale and truncated answers, oblast level only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shelterapp.sources import ubilling
from shelterapp.sources.base import AlertReport, SourceSettings, Threat
from shelterapp.sources.errors import BadData, FailureKind, SourceError

ACTIVE_NOW = datetime(2026, 9, 22, 19, 12, 30, tzinfo=UTC)  # the fixture's cachedat is 22:12:13 Kyiv = 19:12:13Z
QUIET_NOW = datetime(2026, 9, 22, 21, 6, 30, tzinfo=UTC)  # cachedat 2026-09-23 00:06:02 Kyiv = 21:06:02Z


def kyiv(alertnow: object, changed: str, cachedat: str = "2026-09-22 15:00:00") -> bytes:
    return json.dumps(
        {"source": "test", "cachedat": cachedat, "states": {"м. Київ": {"alertnow": alertnow, "changed": changed}}}
    ).encode()


NOON_UTC = datetime(2026, 9, 22, 12, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "now", "region", "active", "since"),
    [
        # Kyiv city alerted since 22:12:09 Kyiv summer time = 19:12:09 UTC
        ("ubilling.json", ACTIVE_NOW, "31", True, datetime(2026, 9, 22, 19, 12, 9, tzinfo=UTC)),
        # Kyiv oblast row stays false although two raions are under (yellow) alerts elsewhere
        ("ubilling.json", ACTIVE_NOW, "14", False, None),
        # Luhansk: 2022-04-04 19:45:39 Kyiv (summer) = 16:45:39 UTC, as the other sources say
        ("ubilling.json", ACTIVE_NOW, "16", True, datetime(2022, 4, 4, 16, 45, 39, tzinfo=UTC)),
        # after the all-clear
        ("ubilling_quiet.json", QUIET_NOW, "31", False, None),
        ("ubilling_quiet.json", QUIET_NOW, "14", False, None),
    ],
)
def test_parse_fixtures(payload, name, now, region, active, since):
    report = ubilling.parse(payload(name), now=now)
    state = report.state_of(region)
    assert state is not None
    assert (state.active, state.since) == (active, since)
    assert state.threats == ((Threat.AIR_RAID,) if active else ())
    assert state.level is None  # the mirror has no levels


def test_raions_are_unknown_here_not_calm(payload):
    report = ubilling.parse(payload("ubilling.json"), now=ACTIVE_NOW)
    assert not report.complete
    assert report.state_of("78") is None and report.state_of("79") is None  # Boryspil/Brovary are alerted


@pytest.mark.parametrize(
    ("changed", "since"),
    [
        ("2026-09-22 15:00:00", datetime(2026, 9, 22, 12, 0, tzinfo=UTC)),  # summer: UTC+3
        ("2026-01-15 15:00:00", datetime(2026, 1, 15, 13, 0, tzinfo=UTC)),  # winter: UTC+2
        ("1970-01-01 03:00:00", None),  # the feed's "start unknown"
    ],
)
def test_kyiv_wall_clock_becomes_utc(changed, since):
    state = ubilling.parse(kyiv(True, changed), now=NOON_UTC).regions["31"]
    assert state.active and state.since == since


@pytest.mark.parametrize(
    ("data", "now"),
    [
        (b'{"source": "M\xc3\xb8rk Sko', NOON_UTC),  # truncated by two requests inside a second
        (b"", NOON_UTC),  # an empty 200
        (b"<html><body>503 Service Unavailable</body></html>", NOON_UTC),  # an HTML error page with 200
        (kyiv(True, "2026-09-22 15:00:00", cachedat="2026-09-22 14:40:00"), NOON_UTC),  # stale by 25 min
        (kyiv(True, "2026-09-22 15:00:00", cachedat="1970-01-01 03:00:00"), NOON_UTC),  # no cache time
        (b'{"cachedat": "2026-09-22 15:00:00", "states": []}', NOON_UTC),  # a list where the map belongs
        (b'{"cachedat": "2026-09-22 15:00:00"}', NOON_UTC),  # no states
        (b'{"states": {}}', NOON_UTC),  # no cache time
        (b'{"cachedat": "2026-09-22T15:00:00Z", "states": {}}', NOON_UTC),  # not the feed's format
        (b'{"cachedat": 1790000000, "states": {}}', NOON_UTC),  # number where a time belongs
        ('{"cachedat": "2026-09-22 15:00:00", "states": {"м. Київ": true}}'.encode(), NOON_UTC),  # row not an object
        (kyiv("true", "2026-09-22 15:00:00"), NOON_UTC),  # a string is not a boolean
        (kyiv(True, "2099-09-22 15:00:00"), NOON_UTC),  # absurd start
        (b'{"source": 5, "cachedat": "2026-09-22 15:00:00", "states": {}}', NOON_UTC),  # source of the wrong type
        (b"[]", NOON_UTC),  # a list where the object belongs
    ],
)
def test_untrustworthy_answers_are_bad_data(data, now):
    with pytest.raises(BadData):
        ubilling.parse(data, now=now)


def test_stale_is_said_so(payload):
    with pytest.raises(BadData, match="stale"):
        ubilling.parse(payload("ubilling.json"), now=ACTIVE_NOW + timedelta(minutes=11))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
SCALAR = st.none() | st.booleans() | st.integers() | st.text(max_size=20)
TIMES = st.sampled_from(["2026-09-22 14:00:00", "1970-01-01 03:00:00", "2026-02-30 10:00:00", "2026-09-22"])
ROW = st.fixed_dictionaries({"alertnow": st.booleans() | SCALAR, "changed": TIMES | SCALAR}) | SCALAR


def _only_bad_data(data: bytes) -> None:
    try:
        report = ubilling.parse(data, now=NOON_UTC)
    except BadData:
        return
    assert isinstance(report, AlertReport) and not report.complete
    assert set(report.regions) <= set(ubilling.REGION_IDS.values())


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300) | JSON.map(lambda v: json.dumps(v).encode()))
def test_random_bytes_and_json_only_raise_bad_data(data):
    _only_bad_data(data)


@settings(max_examples=100, deadline=None)
@given(rows=st.dictionaries(st.sampled_from(["м. Київ", "Київська область", "x"]), ROW, max_size=3))
def test_near_valid_answers_only_raise_bad_data(rows):
    _only_bad_data(json.dumps({"source": "s", "cachedat": "2026-09-22 15:00:00", "states": rows}).encode())


# fetch ------------------------------------------------------------------------------------------------


def cfg(httpserver) -> SourceSettings:
    return SourceSettings(url=httpserver.url_for("/aerialalerts/"), enabled=True, interval_s=15.0)


def test_quiet_then_alert_then_all_clear(httpserver, serve, http):
    state: dict[str, object] = {}
    steps = [
        ("2026-09-22 14:58:00", False, "2026-09-22 10:00:00", False),
        ("2026-09-22 15:01:00", True, "2026-09-22 15:00:30", True),
        ("2026-09-22 15:30:00", False, "2026-09-22 15:29:00", False),
    ]
    for cachedat, alertnow, changed, active in steps:
        serve({"/aerialalerts/": kyiv(alertnow, changed, cachedat=cachedat)})
        now = datetime.strptime(cachedat, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC) - timedelta(hours=3, seconds=-5)
        report = ubilling.fetch(http, cfg(httpserver), ("31", "78"), state, now)
        assert report.regions["31"].active is active
        assert "78" not in report.regions and report.state_of("78") is None  # cannot speak for raions


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ((200, b'{"source": "M\xc3\xb8rk Sko', {}), FailureKind.BAD_DATA),  # truncated: never "no alerts"
        ((502, b"", {}), FailureKind.SERVER_ERROR),  # 5xx
        ((429, b"", {}), FailureKind.RATE_LIMITED),  # rate limited, a minute at least
    ],
)
def test_failures(httpserver, serve, http, answer, kind):
    serve({"/aerialalerts/": answer})
    with pytest.raises(SourceError) as caught:
        ubilling.fetch(http, cfg(httpserver), ("31",), {}, NOON_UTC)
    assert caught.value.kind is kind
    if kind is FailureKind.RATE_LIMITED:
        assert caught.value.retry_after == 60.0


def test_module_contract():
    assert (ubilling.NAME, ubilling.KIND) == ("ubilling", "alerts")
    assert ubilling.DEFAULT_URL == "https://ubilling.net.ua/aerialalerts/"
    assert not ubilling.ENABLED_BY_DEFAULT and not ubilling.NEEDS_TOKEN  # a last fallback
    assert ubilling.MIN_INTERVAL_S >= 1  # two requests inside a second come back truncated
    assert ubilling.REGION_IDS["м. Київ"] == "31" and ubilling.REGION_IDS["Київська область"] == "14"
