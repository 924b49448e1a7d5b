"""alerts.in.ua: Bearer token, conditional GET, 8 requests a minute with history included, oblast-level history."""

from __future__ import annotations

import copy
import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug import Request, Response

from shelterapp.sources import alerts_in_ua
from shelterapp.sources.base import AlertReport, Level, PastAlert, SourceSettings, Threat
from shelterapp.sources.errors import BadData, FailureKind, SourceError

TOKEN = "aiu-token-fedcba9876543210"
ACTIVE_NOW = datetime(2026, 9, 22, 19, 12, 30, tzinfo=UTC)
QUIET_NOW = datetime(2026, 9, 22, 21, 6, 30, tzinfo=UTC)
LAST_MODIFIED = "Tue, 22 Sep 2026 19:12:11 GMT"
ACTIVE = "/v1/alerts/active.json"


def hist(uid: str) -> str:
    return f"/v1/regions/{uid}/alerts/month_ago.json"


def cfg(httpserver, token: str = TOKEN, interval_s: float = 15.0) -> SourceSettings:
    return SourceSettings(url=httpserver.url_for(""), enabled=True, interval_s=interval_s, token=token)


def envelope(*alerts: dict) -> bytes:
    return json.dumps({"alerts": list(alerts), "meta": {"last_updated_at": "2026/09/22 12:00:00 +0000"}}).encode()


def alert(uid: str = "31", start: str = "2026-09-22T12:00:00.000Z", end: str | None = None, **extra) -> dict:
    return {
        "id": 1,
        "location_uid": uid,
        "location_type": "city",
        "alert_type": "air_raid",
        "started_at": start,
        "finished_at": end,
        "alert_level": "red",
        **extra,
    }


# parse ------------------------------------------------------------------------------------------------

PARSE_CASES = [
    # Kyiv city: red air raid; since = the alert's started_at (its drone threat began earlier, at 18:58)
    (
        "alerts_in_ua_active.json",
        "31",
        True,
        (Threat.AIR_RAID,),
        Level.RED,
        datetime(2026, 9, 22, 19, 12, 8, 412000, UTC),
    ),
    # Boryspil / Brovary raions: yellow (drones)
    (
        "alerts_in_ua_active.json",
        "78",
        True,
        (Threat.AIR_RAID,),
        Level.YELLOW,
        datetime(2026, 9, 22, 18, 51, 2, 774000, UTC),
    ),
    (
        "alerts_in_ua_active.json",
        "79",
        True,
        (Threat.AIR_RAID,),
        Level.YELLOW,
        datetime(2026, 9, 22, 18, 53, 47, 309000, UTC),
    ),
    # Kyiv oblast as a whole: not alerted (its raions are)
    ("alerts_in_ua_active.json", "14", False, (), None, None),
    # the permanent Luhansk alert
    (
        "alerts_in_ua_active.json",
        "16",
        True,
        (Threat.AIR_RAID,),
        Level.RED,
        datetime(2022, 4, 4, 16, 45, 39, tzinfo=UTC),
    ),
    # Vovchansk: artillery and urban fights on one uid
    (
        "alerts_in_ua_active.json",
        "1313",
        True,
        (Threat.ARTILLERY, Threat.URBAN_FIGHTS),
        Level.RED,
        datetime(2024, 5, 20, 9, 31, 37, tzinfo=UTC),
    ),
    # after the all-clear
    ("alerts_in_ua_active_quiet.json", "31", False, (), None, None),
    ("alerts_in_ua_active_quiet.json", "78", False, (), None, None),
    ("alerts_in_ua_active_quiet.json", "79", False, (), None, None),
]


@pytest.mark.parametrize(("name", "region", "active", "threats", "level", "since"), PARSE_CASES)
def test_parse_fixtures(payload, name, region, active, threats, level, since):
    report = alerts_in_ua.parse(payload(name), now=QUIET_NOW)
    state = report.state_of(region)
    assert report.complete and state is not None
    assert (state.active, state.threats, state.level, state.since) == (active, threats, level, since)


def test_kyiv_is_keyed_on_its_uid_whatever_its_location_type(payload):
    data = json.loads(payload("alerts_in_ua_active.json"))
    for item in data["alerts"]:
        if item["location_uid"] == "31":
            item["location_type"] = "oblast"  # what live data reportedly says
    assert alerts_in_ua.parse(json.dumps(data).encode(), now=ACTIVE_NOW).regions["31"].active


@pytest.mark.parametrize(
    ("item", "active", "level"),
    [
        (alert(uid=31), True, Level.RED),  # a numeric uid is unambiguous: accepted
        (alert(end="2026-09-22T12:05:00.000Z"), False, None),  # a finished alert in active.json is not active
        (alert(alert_level=None, threats=[{"threat_type": "drones", "level": "yellow"}]), True, Level.YELLOW),
        (alert(alert_level="orange"), True, None),  # an unknown level is no level, not a failure
        (alert(alert_type="drones"), True, Level.RED),  # an unknown alert type still alerts (as OTHER)
    ],
)
def test_parse_variants(item, active, level):
    state = alerts_in_ua.parse(envelope(item), now=QUIET_NOW).regions["31"]
    assert (state.active, state.level) == (active, level)


def test_parse_history(payload):
    past = alerts_in_ua.parse_history(payload("alerts_in_ua_history_kyiv_city.json"), now=ACTIVE_NOW)
    # four ended alerts (one with an estimated end, `calculated`); the running one is skipped
    assert len(past) == 4 and all(p.region_id == "31" and p.threats == (Threat.AIR_RAID,) for p in past)
    assert past[0] == PastAlert(
        "31",
        datetime(2026, 9, 21, 23, 47, 15, 88000, UTC),
        datetime(2026, 9, 22, 2, 31, 52, 604000, UTC),
        (Threat.AIR_RAID,),
    )


BAD = [
    b"",  # an empty 200
    b'{"alerts": [{"id": 1, "location_ui',  # truncated
    b"<html><head><title>Attention Required! | Cloudflare</title></head></html>",  # a challenge page
    b"[]",  # a list where the envelope belongs
    b'{"alerts": {}}',  # an object where the list belongs
    b'{"meta": {}}',  # no alerts at all is not "no alerts"
    envelope({k: v for k, v in alert().items() if k != "location_uid"}),  # no uid
    envelope(alert(uid="Kyiv")),  # a name is not a uid
    envelope(alert(uid=True)),  # nor is a boolean
    envelope(alert(alert_type=5)),  # number as type
    envelope(alert(start="2026/09/22 19:12:11 +0000")),  # the meta date format is not the alert format
    envelope(alert(start="0001-01-01T00:00:00.000Z")),  # absurd
    envelope(alert(start="2120-01-01T00:00:00.000Z")),  # absurd
    envelope(alert(start=None)),  # no start
    envelope(alert(threats={"threat_type": "drones"})),  # object where the threat list belongs
    envelope(alert(threats=[{"level": "red"}])),  # threat without a type
    envelope(alert(alert_level=5)),  # number as level
    b'{"alerts": [], "meta": "full"}',  # meta of the wrong type
    b'{"alerts": [], "meta": {"last_updated_at": 5}}',  # meta date of the wrong type
]


@pytest.mark.parametrize("body", BAD)
def test_untrustworthy_answers_are_bad_data(body):
    with pytest.raises(BadData):
        alerts_in_ua.parse(body, now=QUIET_NOW)


def test_history_ending_before_it_starts_is_bad_data():
    with pytest.raises(BadData):
        alerts_in_ua.parse_history(envelope(alert(end="2026-09-22T11:00:00.000Z")), now=QUIET_NOW)


# fuzz -------------------------------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
PARSERS = [lambda b: alerts_in_ua.parse(b, now=QUIET_NOW), lambda b: alerts_in_ua.parse_history(b, now=QUIET_NOW)]


def _only_bad_data(parse, body: bytes) -> None:
    try:
        result = parse(body)
    except BadData:
        return
    if isinstance(result, AlertReport):
        assert all(k == s.region_id and (s.active or not s.threats) for k, s in result.regions.items())
    else:
        assert all(isinstance(p, PastAlert) and p.ended >= p.started for p in result)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in children:
        out += _paths(child, (*prefix, key))
    return out


@settings(max_examples=100, deadline=None)
@given(body=st.binary(max_size=300) | JSON.map(lambda v: json.dumps(v).encode()))
def test_random_bytes_and_json_only_raise_bad_data(body):
    for parse in PARSERS:
        _only_bad_data(parse, body)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_recorded_payloads_with_one_part_replaced_only_raise_bad_data(payload, data):
    # near-misses of real answers exercise every field's check
    for name, parse in [("alerts_in_ua_active.json", PARSERS[0]), ("alerts_in_ua_history_kyiv_city.json", PARSERS[1])]:
        base = json.loads(payload(name))
        path = data.draw(st.sampled_from(_paths(base)))
        changed = copy.deepcopy(base)
        if path:
            node = changed
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = data.draw(JSON)
        else:
            changed = data.draw(JSON)
        _only_bad_data(parse, json.dumps(changed).encode())


# fetch ------------------------------------------------------------------------------------------------


def test_200_then_304_then_429(httpserver, payload, http):
    # the documented recipe: store Last-Modified, get 304 for it, then a 429 keeps nothing fresh
    seen_ims: list[str | None] = []

    def active(request: Request) -> Response:
        seen_ims.append(request.headers.get("If-Modified-Since"))
        if request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return Response(status=304)
        return Response(payload("alerts_in_ua_active.json"), headers={"Last-Modified": LAST_MODIFIED})

    httpserver.expect_request(hist("31")).respond_with_data(payload("alerts_in_ua_history_kyiv_city.json"))
    httpserver.expect_request(ACTIVE).respond_with_handler(active)
    state: dict[str, object] = {}
    first = alerts_in_ua.fetch(http, cfg(httpserver), ("31",), state, ACTIVE_NOW)
    later = ACTIVE_NOW + timedelta(seconds=15)
    second = alerts_in_ua.fetch(http, cfg(httpserver), ("31",), state, later)
    assert seen_ims == [None, LAST_MODIFIED]
    assert second.regions == first.regions and second.regions["31"].level is Level.RED
    assert second.fetched_at == later  # a 304 is a successful, fresh poll
    httpserver.clear_all_handlers()
    httpserver.expect_request(ACTIVE).respond_with_data(payload("alerts_in_ua_error_429.json"), status=429)
    with pytest.raises(SourceError) as caught:
        alerts_in_ua.fetch(http, cfg(httpserver), ("31",), state, ACTIVE_NOW + timedelta(seconds=30))
    assert caught.value.kind is FailureKind.RATE_LIMITED and caught.value.retry_after >= 60


def test_a_304_with_nothing_remembered_asks_again_in_full(httpserver, payload, http):
    # validators live in the shared HttpClient; a fresh state (restart of the coordinator) has no answer
    def active(request: Request) -> Response:
        if request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return Response(status=304)
        return Response(payload("alerts_in_ua_active.json"), headers={"Last-Modified": LAST_MODIFIED})

    httpserver.expect_request(ACTIVE).respond_with_handler(active)
    alerts_in_ua.fetch(http, cfg(httpserver), (), {}, ACTIVE_NOW)
    report = alerts_in_ua.fetch(http, cfg(httpserver), ("31",), {}, ACTIVE_NOW)
    assert report.regions["31"].active
    assert [r.headers.get("If-Modified-Since") for r, _ in httpserver.log if r.path == ACTIVE] == [
        None,
        LAST_MODIFIED,  # 304, and no answer remembered in this state...
        None,  # ...so asked once more, unconditionally
    ]


@pytest.mark.parametrize(
    ("answer", "kind", "retry_after"),
    [
        ((429, b'{"message": "Too many requests"}', {"Retry-After": "120"}), FailureKind.RATE_LIMITED, 120.0),
        ((429, b"", {}), FailureKind.RATE_LIMITED, 60.0),  # no Retry-After: at least a minute (bans otherwise)
        ((401, b'{"message": "Unauthorized"}', {}), FailureKind.AUTH, None),  # token rejected: pause, ask anew
        ((403, b'{"message": "Forbidden"}', {}), FailureKind.SERVER_ERROR, 600.0),  # IP/country blocked
        ((500, b'{"message": "API error"}', {}), FailureKind.SERVER_ERROR, None),  # 5xx
        ((200, b"<html>portal</html>", {}), FailureKind.BAD_DATA, None),  # captive portal
    ],
)
def test_failures(httpserver, serve, http, answer, kind, retry_after):
    serve({ACTIVE: answer})
    with pytest.raises(SourceError) as caught:
        alerts_in_ua.fetch(http, cfg(httpserver), ("31",), {}, ACTIVE_NOW)
    assert (caught.value.kind, caught.value.retry_after) == (kind, retry_after)
    assert TOKEN not in str(caught.value) and TOKEN not in repr(caught.value)


def test_token_goes_as_bearer_and_a_missing_one_asks_nothing(httpserver, serve, requested, payload, http):
    with pytest.raises(SourceError) as caught:
        alerts_in_ua.fetch(http, cfg(httpserver, token=""), ("31",), {}, ACTIVE_NOW)
    assert (caught.value.kind, caught.value.detail, requested()) == (FailureKind.AUTH, "no token", [])
    serve({ACTIVE: payload("alerts_in_ua_active.json"), hist("31"): payload("alerts_in_ua_history_kyiv_city.json")})
    alerts_in_ua.fetch(http, cfg(httpserver), ("31",), {}, ACTIVE_NOW)
    assert {r.headers.get("Authorization") for r, _ in httpserver.log} == {f"Bearer {TOKEN}"}


def test_quiet_then_alert_then_all_clear(httpserver, serve, payload, http):
    state: dict[str, object] = {}
    for now, name, active in [
        (ACTIVE_NOW - timedelta(minutes=30), "alerts_in_ua_active_quiet.json", False),
        (ACTIVE_NOW, "alerts_in_ua_active.json", True),
        (QUIET_NOW, "alerts_in_ua_active_quiet.json", False),
    ]:
        serve({ACTIVE: payload(name), hist("31"): envelope(), hist("14"): envelope()})
        report = alerts_in_ua.fetch(http, cfg(httpserver), ("31", "78"), state, now)
        assert set(report.regions) == {"31", "78"}
        assert report.regions["31"].active is active and report.regions["78"].active is active


def test_history_for_oblast_uids_only_and_at_most_every_five_minutes(httpserver, serve, requested, http):
    serve({ACTIVE: envelope(), hist("31"): envelope(), hist("14"): envelope()})
    state: dict[str, object] = {}
    for seconds in (0, 15, 30, 300):
        alerts_in_ua.fetch(http, cfg(httpserver), ("31", "78", "79"), state, ACTIVE_NOW + timedelta(seconds=seconds))
    histories = [p for p in requested() if p.startswith("/v1/regions/")]
    # raions 78/79 are covered by Kyiv oblast's history (a raion uid would answer 404)
    assert histories == [hist("31"), hist("14"), hist("31"), hist("14")]


def test_an_alert_that_began_and_ended_between_polls_is_in_the_history(httpserver, serve, payload, http):
    state: dict[str, object] = {}
    t0 = datetime(2026, 9, 22, 12, 0, tzinfo=UTC)
    serve({ACTIVE: envelope(), hist("31"): envelope()})
    assert alerts_in_ua.fetch(http, cfg(httpserver), ("31",), state, t0).history == ()
    short = alert(start="2026-09-22T12:01:00.000Z", end="2026-09-22T12:03:30.000Z")
    serve({ACTIVE: envelope(), hist("31"): envelope(short)})
    report = alerts_in_ua.fetch(http, cfg(httpserver), ("31",), state, t0 + timedelta(minutes=5))
    assert not report.regions["31"].active
    assert report.history == (
        PastAlert("31", t0 + timedelta(minutes=1), t0 + timedelta(seconds=210), (Threat.AIR_RAID,)),
    )


def test_history_keeps_a_day(httpserver, serve, payload, http):
    serve({ACTIVE: payload("alerts_in_ua_active.json"), hist("31"): payload("alerts_in_ua_history_kyiv_city.json")})
    report = alerts_in_ua.fetch(http, cfg(httpserver), ("31",), {}, ACTIVE_NOW)
    assert [p.started.date().isoformat() for p in report.history] == ["2026-09-21"]  # older ones are not news


@pytest.mark.parametrize("interval", [10.0, 15.0])
def test_never_more_than_eight_requests_a_minute_history_included(httpserver, serve, requested, http, interval):
    serve({ACTIVE: envelope(), hist("31"): envelope(), hist("14"): envelope()})
    state: dict[str, object] = {}
    stamps: list[tuple[float, str]] = []
    for n in range(int(600 / interval)):
        before = len(requested())
        alerts_in_ua.fetch(
            http,
            cfg(httpserver, interval_s=interval),
            ("31", "79"),
            state,
            ACTIVE_NOW + timedelta(seconds=n * interval),
        )
        stamps += [(n * interval, p) for p in requested()[before:]]
    for t, _ in stamps:
        window = [p for s, p in stamps if t - 60 < s <= t]
        assert len(window) <= 8
        assert sum(p.startswith("/v1/regions/") for p in window) <= 2
    assert sum(p.startswith("/v1/regions/") for _, p in stamps) >= 4  # every 5 minutes, both uids


def test_a_tight_loop_is_stopped_by_our_own_limit(httpserver, serve, requested, http):
    serve({ACTIVE: envelope(), hist("31"): envelope()})
    state: dict[str, object] = {}
    with pytest.raises(SourceError) as caught:
        for n in range(50):
            alerts_in_ua.fetch(http, cfg(httpserver), ("31",), state, ACTIVE_NOW + timedelta(seconds=n))
    assert caught.value.kind is FailureKind.RATE_LIMITED
    assert len(requested()) <= alerts_in_ua.PER_MINUTE


def test_the_token_never_reaches_logs(httpserver, serve, http, caplog):
    caplog.set_level(logging.DEBUG)
    serve({ACTIVE: envelope(), hist("31"): (429, b'{"message": "Too many requests"}', {})})
    alerts_in_ua.fetch(http, cfg(httpserver), ("31",), {}, ACTIVE_NOW)  # the history failure is logged
    assert caplog.records and all(TOKEN not in r.getMessage() for r in caplog.records)
    assert TOKEN not in repr(cfg(httpserver))


def test_module_contract():
    assert (alerts_in_ua.NAME, alerts_in_ua.KIND) == ("alerts_in_ua", "alerts")
    assert alerts_in_ua.DEFAULT_URL == "https://api.alerts.in.ua"
    assert alerts_in_ua.NEEDS_TOKEN and not alerts_in_ua.ENABLED_BY_DEFAULT
    assert 60 / alerts_in_ua.MIN_INTERVAL_S < alerts_in_ua.PER_MINUTE  # room left for history
    assert alerts_in_ua.history_uids(("31", "14", "73", "79", "1313")) == ["31", "14"]
