"""siren.pp.ua and the Ukraine Alarm shapes it shares (ualarm_format): parsing, the poll plan, failures."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelterapp.sources import siren_pp_ua, ualarm_format
from shelterapp.sources.base import AlertReport, Level, PastAlert, SourceSettings, Threat
from shelterapp.sources.errors import BadData, FailureKind, SourceError

R, Y = Level.RED, Level.YELLOW
KYIV_SINCE = datetime(2026, 9, 22, 18, 58, 39, 824902, tzinfo=UTC)
T0 = datetime(2026, 9, 22, 12, 0, tzinfo=UTC)
# The fixtures' evening (README): Kyiv city red at ~22:12 Kyiv time; the *_quiet files ~2 h later.
ACTIVE_NOW = datetime(2026, 9, 22, 19, 12, 30, tzinfo=UTC)
QUIET_NOW = datetime(2026, 9, 22, 21, 6, 30, tzinfo=UTC)


def at(**delta: float) -> datetime:
    return T0 + timedelta(**delta)


def status(index: int) -> bytes:
    return json.dumps({"lastActionIndex": index}).encode()


def history(region: str, *alarms: tuple[str, str]) -> bytes:
    """A regionHistory answer with the given (start, end) alarms, all ended."""
    items = [
        {"regionId": region, "startDate": s, "endDate": e, "alertType": "AIR", "regionName": "x", "isContinue": False}
        for s, e in alarms
    ]
    return json.dumps([{"regionId": region, "regionName": "x", "alarms": items}]).encode()


def settings_for(httpserver, interval_s: float = 15.0) -> SourceSettings:
    return SourceSettings(url=httpserver.url_for("/api/v3"), enabled=True, interval_s=interval_s)


# parse ------------------------------------------------------------------------------------------------

PARSE_CASES = [
    # Kyiv city: AIR with Yellow then Red levels both listed -> red, since the alert's own start
    ("ukrainealarm_alerts.json", "31", True, (Threat.AIR_RAID,), R, KYIV_SINCE),
    # Boryspil and Brovary raions: drone (yellow) alerts in their own records
    (
        "ukrainealarm_alerts.json",
        "78",
        True,
        (Threat.AIR_RAID,),
        Y,
        datetime(2026, 9, 22, 18, 51, 2, 877311, tzinfo=UTC),
    ),
    (
        "ukrainealarm_alerts.json",
        "79",
        True,
        (Threat.AIR_RAID,),
        Y,
        datetime(2026, 9, 22, 18, 53, 47, 412906, tzinfo=UTC),
    ),
    # Kyiv oblast as a whole is not alerted although two of its raions are: absent from a complete list
    ("ukrainealarm_alerts.json", "14", False, (), None, None),
    # district 122 has no record of its own: its alert is found only inside a community's record
    (
        "ukrainealarm_alerts.json",
        "122",
        True,
        (Threat.AIR_RAID,),
        Y,
        datetime(2026, 9, 22, 16, 46, 13, 382280, tzinfo=UTC),
    ),
    # the community's record also inherits its district's AIR alert (a parent's alert concerns it)
    (
        "ukrainealarm_alerts.json",
        "1313",
        True,
        (Threat.AIR_RAID, Threat.ARTILLERY, Threat.URBAN_FIGHTS),
        Y,
        datetime(2024, 5, 20, 9, 31, 37, tzinfo=UTC),
    ),
    # Crimea's permanent alert under its odd id
    ("ukrainealarm_alerts.json", "9999", True, (Threat.AIR_RAID,), None, datetime(2022, 12, 10, 22, 22, tzinfo=UTC)),
    # after the all-clear: Kyiv and the raions are gone from the list, hence calm
    ("ukrainealarm_alerts_quiet.json", "31", False, (), None, None),
    ("ukrainealarm_alerts_quiet.json", "78", False, (), None, None),
    ("ukrainealarm_alerts_quiet.json", "79", False, (), None, None),
    # the per-region endpoint has the same shape
    ("ukrainealarm_alerts_region_31.json", "31", True, (Threat.AIR_RAID,), R, KYIV_SINCE),
    # calm per-region answer: the record is listed with activeAlerts [] (not absent)
    ("ukrainealarm_alerts_region_31_clear.json", "31", False, (), None, None),
]


@pytest.mark.parametrize(("name", "region", "active", "threats", "level", "since"), PARSE_CASES)
def test_parse_fixtures(payload, name, region, active, threats, level, since):
    report = siren_pp_ua.parse(payload(name), now=QUIET_NOW)
    state = report.state_of(region)
    assert report.complete
    assert state is not None
    assert (state.active, state.threats, state.level, state.since) == (active, threats, level, since)


def test_parse_status_and_history(payload):
    assert siren_pp_ua.parse_status(payload("ukrainealarm_alerts_status.json")) == 1843217
    past = siren_pp_ua.parse_region_history(payload("ukrainealarm_region_history_31.json"), now=ACTIVE_NOW)
    # the open alarm (.NET zero end date, isContinue) is not history; the two ended ones are
    assert [(p.region_id, p.started.isoformat(), p.ended.isoformat()) for p in past] == [
        ("31", "2026-09-21T23:47:15+00:00", "2026-09-22T02:31:52+00:00"),
        ("31", "2026-09-20T10:05:03+00:00", "2026-09-20T10:41:29+00:00"),
    ]
    assert all(p.threats == (Threat.AIR_RAID,) for p in past)


def test_info_alerts_are_not_threats_and_unknown_types_are_other():
    body = json.dumps(
        [
            {"regionId": "31", "activeAlerts": [{"regionId": "31", "type": "INFO", "lastUpdate": "2026-09-22T10:00Z"}]},
            {
                "regionId": "14",
                "activeAlerts": [{"regionId": "14", "type": "DRONES", "lastUpdate": "2026-09-22T10:00Z"}],
            },
        ]
    ).encode()
    report = siren_pp_ua.parse(body, now=T0)
    assert report.regions["31"].active is False  # an information message is not an alert
    assert report.regions["14"].threats == (Threat.OTHER,)  # a new kind of alert still alerts


def test_a_child_alert_does_not_alert_the_whole_parent():
    # a State record that lists a District's alert: the district is alerted, the state as a whole is not
    body = json.dumps(
        [
            {
                "regionId": "14",
                "regionType": "State",
                "activeAlerts": [
                    {"regionId": "78", "regionType": "District", "type": "AIR", "lastUpdate": "2026-09-22T10:00Z"}
                ],
            }
        ]
    ).encode()
    report = siren_pp_ua.parse(body, now=T0)
    assert report.regions["78"].active
    assert not report.regions["14"].active


BAD = [
    b"",  # an empty 200 is a failure, never "no alerts"
    b'[{"regionId": "31", "activeAl',  # truncated by a mirror or a dropped connection
    b"<!DOCTYPE html><html><body>Login to the Wi-Fi</body></html>",  # captive portal
    b"null",  # JSON, but not an answer
    b'{"regionId": "31", "activeAlerts": []}',  # an object where the list belongs (the webhook's shape)
    b"[1, 2]",  # list of the wrong things
    b'[{"activeAlerts": []}]',  # no regionId
    b'[{"regionId": true, "activeAlerts": []}]',  # a boolean is not an id
    b'[{"regionId": "31", "activeAlerts": {"type": "AIR"}}]',  # object where the alert list belongs
    b'[{"regionId": "31", "activeAlerts": [{"type": 7, "lastUpdate": "2026-09-22T10:00:00Z"}]}]',  # number as type
    b'[{"regionId": "31", "activeAlerts": [{"type": "AIR", "lastUpdate": "yesterday"}]}]',  # not a date
    b'[{"regionId": "31", "activeAlerts": [{"type": "AIR"}]}]',  # no start time
    b'[{"regionId": "31", "activeAlerts": [{"type": "AIR", "lastUpdate": "1900-01-01T00:00:00Z"}]}]',  # absurd
    b'[{"regionId": "31", "activeAlerts": [{"type": "AIR", "lastUpdate": "2999-01-01T00:00:00Z"}]}]',  # absurd
    b'[{"regionId": "31", "activeAlerts": [{"type": "AIR", "lastUpdate": "2026-09-22T10:00:00Z",'
    b' "activeAlertLevels": "Red"}]}]',  # levels as a string
    b"[" * 100_000,  # nesting deep enough to break a recursive parser
    b"\xff\xfe\x00garbage",  # not UTF-8
]


@pytest.mark.parametrize("body", BAD)
def test_untrustworthy_alerts_are_bad_data(body):
    with pytest.raises(BadData):
        siren_pp_ua.parse(body, now=T0)


@pytest.mark.parametrize(
    "body",
    [
        b'{"lastActionIndex": "5"}',  # a string is not a counter
        b'{"lastActionIndex": true}',  # nor is a boolean
        b'{"lastActionIndex": -1}',  # nor a negative number
        b"[]",  # wrong shape
        b"<html>",  # captive portal
    ],
)
def test_untrustworthy_status_is_bad_data(body):
    with pytest.raises(BadData):
        siren_pp_ua.parse_status(body)


@pytest.mark.parametrize(
    "body",
    [
        b'[{"regionId": "31", "alarms": {}}]',  # object where the alarm list belongs
        history("31", ("2026-09-22T10:00:00Z", "2026-09-22T09:00:00Z")),  # ends before it starts
        b'[{"regionId": "31", "alarms": [{"startDate": "2026-09-22T10:00:00Z", "endDate": "2026-09-22T11:00:00Z",'
        b' "alertType": "AIR", "isContinue": "no"}]}]',  # a string where a boolean belongs
    ],
)
def test_untrustworthy_history_is_bad_data(body):
    with pytest.raises(BadData):
        siren_pp_ua.parse_region_history(body, now=T0)


# fuzz -------------------------------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += _paths(child, (*prefix, index))
    return out


def _replace(value: object, path: tuple, new: object) -> object:
    if not path:
        return new
    copied = copy.deepcopy(value)
    node = copied
    for step in path[:-1]:
        node = node[step]  # type: ignore[index]
    node[path[-1]] = new  # type: ignore[index]
    return copied


def _only_bad_data(parse, body: bytes) -> None:
    try:
        result = parse(body)
    except BadData:
        return
    if isinstance(result, AlertReport):
        for key, state in result.regions.items():
            assert key == state.region_id
            assert state.since is None or state.since.utcoffset() == timedelta(0)
            assert state.active or not state.threats
    elif isinstance(result, tuple):
        assert all(isinstance(p, PastAlert) and p.ended >= p.started for p in result)


PARSERS = [
    lambda b: siren_pp_ua.parse(b, now=T0),
    siren_pp_ua.parse_status,
    lambda b: siren_pp_ua.parse_region_history(b, now=T0),
]


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=300))
def test_random_bytes_only_raise_bad_data(body):
    for parse in PARSERS:
        _only_bad_data(parse, body)


@settings(max_examples=100, deadline=None)
@given(value=JSON)
def test_random_json_only_raises_bad_data(value):
    for parse in PARSERS:
        _only_bad_data(parse, json.dumps(value).encode())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_recorded_payloads_with_one_part_replaced_only_raise_bad_data(payload, data):
    # near-misses of real answers reach deeper than random JSON: every field's type check is exercised
    for name, parse in [
        ("ukrainealarm_alerts.json", PARSERS[0]),
        ("ukrainealarm_region_history_31.json", PARSERS[2]),
    ]:
        base = json.loads(payload(name))
        path = data.draw(st.sampled_from(_paths(base)))
        _only_bad_data(parse, json.dumps(_replace(base, path, data.draw(JSON))).encode())


# fetch ------------------------------------------------------------------------------------------------


def test_quiet_then_alert_then_all_clear(httpserver, serve, payload, http):
    # what a user would notice: Kyiv calm, then red with its start time, then calm again
    state: dict[str, object] = {}
    regions = ("31", "78")
    cfg = settings_for(httpserver)
    hist = {
        "/api/v3/alerts/regionHistory?regionId=31": history("31"),
        "/api/v3/alerts/regionHistory?regionId=78": b"[]",
    }
    steps = [
        (datetime(2026, 9, 22, 18, 40, tzinfo=UTC), 1, "ukrainealarm_alerts_quiet.json", False, None),
        (ACTIVE_NOW, 2, "ukrainealarm_alerts.json", True, R),
        (QUIET_NOW, 3, "ukrainealarm_alerts_quiet.json", False, None),
    ]
    for now, index, name, active, level in steps:
        serve({"/api/v3/alerts/status": status(index), "/api/v3/alerts": payload(name), **hist})
        report = siren_pp_ua.fetch(http, cfg, regions, state, now)
        assert set(report.regions) == {"31", "78"}
        assert report.fetched_at == now
        assert (report.regions["31"].active, report.regions["31"].level) == (active, level)
        assert report.regions["78"].active is active
    assert report.regions["31"].since is None


def test_an_alert_that_began_and_ended_between_polls_is_in_the_history(httpserver, serve, requested, http):
    state: dict[str, object] = {}
    quiet = b"[]"
    serve({"/api/v3/alerts/status": status(10), "/api/v3/alerts": quiet, "/api/v3/alerts/regionHistory": history("31")})
    first = siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, at(seconds=0))
    assert first.history == ()
    serve(
        {
            "/api/v3/alerts/status": status(12),
            "/api/v3/alerts": quiet,
            "/api/v3/alerts/regionHistory": history("31", ("2026-09-22T12:00:20Z", "2026-09-22T12:01:00Z")),
        }
    )
    second = siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, at(seconds=90))
    assert second.regions["31"].active is False  # calm at both polls...
    assert second.history == (  # ...but the short alert in between is recovered
        PastAlert("31", at(seconds=20), at(seconds=60), (Threat.AIR_RAID,)),
    )
    assert requested()[-3:] == ["/api/v3/alerts/status", "/api/v3/alerts", "/api/v3/alerts/regionHistory?regionId=31"]


def test_unchanged_status_reuses_the_last_answer_without_asking_for_alerts(httpserver, serve, requested, payload, http):
    state: dict[str, object] = {}
    routes = {
        "/api/v3/alerts/status": status(7),
        "/api/v3/alerts": payload("ukrainealarm_alerts.json"),
        "/api/v3/alerts/regionHistory": history("31"),
    }
    serve(routes)
    first = siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, ACTIVE_NOW)
    seen = len(requested())
    later = ACTIVE_NOW + timedelta(seconds=15)
    second = siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, later)
    assert requested()[seen:] == ["/api/v3/alerts/status"]  # one tiny request, no /alerts, no history
    assert second.regions == first.regions
    assert second.fetched_at == later  # fresh as of the status check


def test_history_waits_a_minute_and_for_a_change(httpserver, serve, requested, http):
    # history costs a request per region: only when something changed, and at most once a minute
    state: dict[str, object] = {}
    serve({"/api/v3/alerts/status": status(1), "/api/v3/alerts": b"[]", "/api/v3/alerts/regionHistory": history("31")})
    for seconds in (0, 15, 30):
        siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, at(seconds=seconds))
    serve({"/api/v3/alerts/status": status(2), "/api/v3/alerts": b"[]", "/api/v3/alerts/regionHistory": history("31")})
    siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, at(seconds=45))  # changed, but < 60 s
    siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, at(seconds=75))  # changed and >= 60 s
    assert sum(p.startswith("/api/v3/alerts/regionHistory") for p in requested()) == 2


def test_reports_name_every_requested_region(httpserver, serve, payload, http):
    serve({"/api/v3/alerts/status": status(1), "/api/v3/alerts": payload("ukrainealarm_alerts.json")})
    regions = ("31", "14", *(str(r) for r in range(73, 80)))
    report = siren_pp_ua.fetch(http, settings_for(httpserver), regions, {}, ACTIVE_NOW)
    assert set(report.regions) == set(regions)  # explicit calm entries, not silence
    assert {r for r, s in report.regions.items() if s.active} == {"31", "78", "79"}


def test_a_failed_history_does_not_fail_the_poll(httpserver, serve, payload, http):
    serve(
        {
            "/api/v3/alerts/status": status(1),
            "/api/v3/alerts": payload("ukrainealarm_alerts.json"),
            "/api/v3/alerts/regionHistory": (500, b"oops", {}),
        }
    )
    report = siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), {}, ACTIVE_NOW)
    assert report.regions["31"].active and report.history == ()


@pytest.mark.parametrize(
    ("reply", "kind", "retry_after"),
    [
        ((503, b"", {"Retry-After": "30"}), FailureKind.SERVER_ERROR, 30.0),  # 5xx, honouring Retry-After
        ((500, b"", {}), FailureKind.SERVER_ERROR, None),  # 5xx
        ((429, b"", {}), FailureKind.RATE_LIMITED, 60.0),  # 429 without Retry-After: at least a minute
        ((401, b"", {}), FailureKind.SERVER_ERROR, 60.0),  # a keyless service's 401 is not the user's key
        (b"<html>captive</html>", FailureKind.BAD_DATA, None),  # a captive portal's 200
        (b'{"lastActionIndex": 3', FailureKind.BAD_DATA, None),  # truncated
    ],
)
def test_failures(httpserver, serve, http, reply, kind, retry_after):
    serve({"/api/v3/alerts/status": reply, "/api/v3/alerts": reply})
    with pytest.raises(SourceError) as caught:
        siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), {}, T0)
    assert caught.value.kind is kind
    assert caught.value.retry_after == retry_after


def test_bad_data_keeps_the_last_good_answer_for_the_next_poll(httpserver, serve, requested, payload, http):
    state: dict[str, object] = {}
    serve({"/api/v3/alerts/status": status(1), "/api/v3/alerts": payload("ukrainealarm_alerts.json")})
    siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, ACTIVE_NOW)
    serve({"/api/v3/alerts/status": status(2), "/api/v3/alerts": b'[{"regionId": "31", "activeAl'})
    with pytest.raises(BadData):  # a truncated answer is never read as "all clear"
        siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, ACTIVE_NOW + timedelta(seconds=15))
    serve({"/api/v3/alerts/status": status(2), "/api/v3/alerts": payload("ukrainealarm_alerts_quiet.json")})
    report = siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, ACTIVE_NOW + timedelta(seconds=30))
    assert requested()[-1] == "/api/v3/alerts"  # index 2 was never matched with good data: asked again
    assert not report.regions["31"].active


def test_never_more_requests_than_the_budget(httpserver, serve, requested, http):
    # a coordinator bug polling in a tight loop must not get us banned: our own limit stops it first
    serve({"/api/v3/alerts/status": status(1), "/api/v3/alerts": b"[]", "/api/v3/alerts/regionHistory": history("31")})
    state: dict[str, object] = {}
    with pytest.raises(SourceError) as caught:
        for n in range(100):
            siren_pp_ua.fetch(http, settings_for(httpserver), ("31",), state, at(seconds=n * 0.1))
    assert caught.value.kind is FailureKind.RATE_LIMITED and caught.value.retry_after
    assert len(requested()) <= siren_pp_ua.POLICY.per_minute


def test_module_contract():
    assert (siren_pp_ua.NAME, siren_pp_ua.KIND) == ("siren_pp_ua", "alerts")
    assert siren_pp_ua.DEFAULT_URL == "https://siren.pp.ua/api/v3"
    assert siren_pp_ua.ENABLED_BY_DEFAULT and not siren_pp_ua.NEEDS_TOKEN
    assert 10 <= siren_pp_ua.DEFAULT_INTERVAL_S <= 15
    # 2 requests a poll at the fastest pace stays under the published 50 a minute
    assert 2 * 60 / siren_pp_ua.MIN_INTERVAL_S <= 50
    assert siren_pp_ua.ATTRIBUTION


def test_same_shapes_for_ukraine_alarm(payload):
    from shelterapp.sources import ukraine_alarm

    body = payload("ukrainealarm_alerts.json")
    assert ukraine_alarm.parse(body, now=ACTIVE_NOW) == ualarm_format.parse_alerts(body, now=ACTIVE_NOW)
