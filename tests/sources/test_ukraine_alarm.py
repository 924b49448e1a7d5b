"""Ukraine Alarm with the user's key: the raw Authorization header, ~3 requests a minute, 401 that may be a limit."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest

from shelterapp.sources import ukraine_alarm
from shelterapp.sources.base import Level, PastAlert, SourceSettings, Threat
from shelterapp.sources.errors import FailureKind, SourceError

KEY = "ua-key-0123456789abcdef"
T0 = datetime(2026, 9, 22, 12, 0, tzinfo=UTC)
ACTIVE_NOW = datetime(2026, 9, 22, 19, 12, 30, tzinfo=UTC)
STATUS = "/api/v3/alerts/status"
ALERTS = "/api/v3/alerts"
HISTORY = "/api/v3/alerts/regionHistory"


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def status(index: int) -> bytes:
    return json.dumps({"lastActionIndex": index}).encode()


def history(region: str, *alarms: tuple[str, str]) -> bytes:
    items = [
        {"regionId": region, "startDate": s, "endDate": e, "alertType": "AIR", "isContinue": False} for s, e in alarms
    ]
    return json.dumps([{"regionId": region, "regionName": "x", "alarms": items}]).encode()


def cfg(httpserver, interval_s: float = 30.0, key: str = KEY) -> SourceSettings:
    return SourceSettings(url=httpserver.url_for("/api/v3"), enabled=True, interval_s=interval_s, token=key)


def test_the_key_goes_raw_in_the_authorization_header(httpserver, serve, payload, http):
    serve({STATUS: status(1), ALERTS: payload("ukrainealarm_alerts.json"), HISTORY: history("31")})
    report = ukraine_alarm.fetch(http, cfg(httpserver), ("31",), {}, ACTIVE_NOW)
    assert report.regions["31"].active and report.regions["31"].level is Level.RED
    assert {request.headers.get("Authorization") for request, _ in httpserver.log} == {KEY}  # no "Bearer"


@pytest.mark.parametrize("key", ["", "   "])
def test_no_key_means_auth_failure_without_a_request(httpserver, requested, http, key):
    with pytest.raises(SourceError) as caught:
        ukraine_alarm.fetch(http, cfg(httpserver, key=key), ("31",), {}, T0)
    assert caught.value.kind is FailureKind.AUTH and caught.value.detail == "no token"  # the coordinator pauses
    assert requested() == []


def test_unchanged_status_means_no_alerts_request(httpserver, serve, requested, http):
    serve({STATUS: status(5), ALERTS: b"[]", HISTORY: history("31")})
    state: dict[str, object] = {}
    for seconds in (0, 60):  # first polls learn the answer and the index
        ukraine_alarm.fetch(http, cfg(httpserver, 60), ("31",), state, at(seconds))
    seen = len(requested())
    report = ukraine_alarm.fetch(http, cfg(httpserver, 60), ("31",), state, at(120))
    assert requested()[seen:] == [STATUS]  # one request out of a budget of three
    assert report.fetched_at == at(120) and report.regions["31"].active is False


def test_a_single_empty_401_is_rate_limiting(httpserver, serve, http):
    serve({STATUS: (401, b"", {}), ALERTS: (401, b"", {})})
    with pytest.raises(SourceError) as caught:
        ukraine_alarm.fetch(http, cfg(httpserver), ("31",), {}, T0)
    assert caught.value.kind is FailureKind.RATE_LIMITED  # not "key rejected": the key may be fine
    assert caught.value.retry_after == 60.0


def test_401s_spaced_a_minute_apart_mean_a_rejected_key(httpserver, serve, http):
    serve({STATUS: (401, b"", {}), ALERTS: (401, b"", {})})
    state: dict[str, object] = {}
    kinds = []
    for seconds in (0, 60, 120):
        with pytest.raises(SourceError) as caught:
            ukraine_alarm.fetch(http, cfg(httpserver), ("31",), state, at(seconds))
        kinds.append(caught.value.kind)
        assert KEY not in str(caught.value)
    assert kinds == [FailureKind.RATE_LIMITED, FailureKind.RATE_LIMITED, FailureKind.AUTH]


def test_401s_in_quick_succession_never_mean_a_rejected_key(httpserver, serve, requested, http):
    # a poll loop faster than the limit produces many 401s within a minute: they count as one
    serve({STATUS: (401, b"", {}), ALERTS: (401, b"", {})})
    state: dict[str, object] = {}
    for seconds in range(0, 60, 10):
        with pytest.raises(SourceError) as caught:
            ukraine_alarm.fetch(http, cfg(httpserver, 20), ("31",), state, at(seconds))
        assert caught.value.kind is FailureKind.RATE_LIMITED
    assert len(requested()) <= 3  # and our own budget stopped hammering after three


def test_a_success_resets_the_401_count(httpserver, serve, http):
    state: dict[str, object] = {}
    outcomes = []
    script = [(0, 401), (60, 401), (120, 200), (180, 401), (240, 401), (300, 401)]
    for seconds, code in script:
        if code == 401:
            serve({STATUS: (401, b"", {}), ALERTS: (401, b"", {})})
        else:
            serve({STATUS: status(1), ALERTS: b"[]", HISTORY: history("31")})
        try:
            ukraine_alarm.fetch(http, cfg(httpserver, 60), ("31",), state, at(seconds))
            outcomes.append("ok")
        except SourceError as exc:
            outcomes.append(exc.kind.value)
    assert outcomes == ["rate_limited", "rate_limited", "ok", "rate_limited", "rate_limited", "auth"]


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ((403, b"", {}), FailureKind.AUTH),  # no key reached the server at all
        ((500, b"", {}), FailureKind.SERVER_ERROR),  # 5xx
        ((502, b"<html>Bad gateway</html>", {}), FailureKind.SERVER_ERROR),  # a proxy's 5xx page
        ((429, b"", {}), FailureKind.RATE_LIMITED),  # a real 429 (Home Assistant handles one)
        (b"{}", FailureKind.BAD_DATA),  # object where the list belongs
    ],
)
def test_failures(httpserver, serve, http, answer, kind):
    serve({STATUS: answer, ALERTS: answer})
    with pytest.raises(SourceError) as caught:
        ukraine_alarm.fetch(http, cfg(httpserver), ("31",), {}, T0)
    assert caught.value.kind is kind
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)


@pytest.mark.parametrize("interval", [20.0, 30.0, 45.0])
def test_busy_evening_stays_within_three_requests_a_minute_and_every_poll_is_fresh(
    httpserver, serve, requested, http, interval
):
    # the index moves at every poll (something changes somewhere in the country all the time)
    state: dict[str, object] = {}
    stamps: list[float] = []
    for n in range(24):
        now = at(n * interval)
        serve({STATUS: status(n), ALERTS: b"[]", HISTORY: history("31")})
        before = len(requested())
        report = ukraine_alarm.fetch(http, cfg(httpserver, interval), ("31", "14"), state, now)
        assert report.fetched_at == now and set(report.regions) == {"31", "14"}
        stamps += [n * interval] * (len(requested()) - before)
    assert max(sum(1 for s in stamps if t - 60 < s <= t) for t in stamps) <= 3
    if interval >= 30:  # at 20 s every request goes to /alerts; slower polls leave room for history
        assert sum(p.startswith(HISTORY) for p in requested()) >= 2


def test_history_after_a_gap_recovers_a_missed_alert(httpserver, serve, http):
    # the laptop slept through a whole alert: both polls see calm, history tells what happened
    state: dict[str, object] = {}
    serve({STATUS: status(1), ALERTS: b"[]", HISTORY: history("31")})
    ukraine_alarm.fetch(http, cfg(httpserver), ("31",), state, at(0))
    serve({STATUS: status(9), ALERTS: b"[]", HISTORY: history("31", ("2026-09-22T12:02:00Z", "2026-09-22T12:06:00Z"))})
    report = ukraine_alarm.fetch(http, cfg(httpserver), ("31",), state, at(600))
    assert report.regions["31"].active is False
    assert report.history == (PastAlert("31", at(120), at(360), (Threat.AIR_RAID,)),)


def test_the_key_never_reaches_logs_or_reprs(httpserver, serve, http, caplog):
    caplog.set_level(logging.DEBUG)
    settings = cfg(httpserver)
    assert KEY not in repr(settings)
    serve({STATUS: status(1), ALERTS: b"[]", HISTORY: (401, b"", {})})  # a logged history failure
    ukraine_alarm.fetch(http, settings, ("31",), {}, T0)
    serve({STATUS: (401, b"", {}), ALERTS: (401, b"", {})})
    with pytest.raises(SourceError):
        ukraine_alarm.fetch(http, settings, ("31",), {}, T0 + timedelta(seconds=60))
    assert caplog.records and all(KEY not in record.getMessage() for record in caplog.records)


def test_module_contract():
    assert (ukraine_alarm.NAME, ukraine_alarm.KIND) == ("ukraine_alarm", "alerts")
    assert ukraine_alarm.DEFAULT_URL == "https://api.ukrainealarm.com/api/v3"
    assert ukraine_alarm.NEEDS_TOKEN and not ukraine_alarm.ENABLED_BY_DEFAULT
    assert ukraine_alarm.MIN_INTERVAL_S >= 20  # 3 polls a minute at most
    assert ukraine_alarm.ATTRIBUTION
