"""A coordinator per source: polls off the GUI thread, keeps last good data, backs off, logs once."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from shelterapp.alerting.coordinator import MAX_BACKOFF_S, SourceCoordinator
from shelterapp.sources.base import AlertReport, SourceSettings
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import SourceSpec

NOW = datetime(2026, 9, 22, 19, 0, tzinfo=UTC)


def scripted_source(outcomes, needs_token=False):
    """A source module whose fetch() returns or raises the next scripted outcome, noting its thread."""
    calls = []

    def fetch(http, settings, regions, state, now):
        calls.append(threading.current_thread())
        outcome = outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    module = SimpleNamespace(KIND="alerts", NEEDS_TOKEN=needs_token, MIN_INTERVAL_S=1.0, ATTRIBUTION="t", fetch=fetch)
    return module, calls


def coordinator(module, token="", interval=10.0):
    spec = SourceSpec("fake", module, SourceSettings("http://127.0.0.1:9", True, interval, token))
    return SourceCoordinator(spec, HttpClient(), ("31",), clock=lambda: NOW, jitter=lambda: 0.0)


def report():
    return AlertReport({}, NOW)


def test_fetch_runs_off_the_gui_thread_and_result_arrives_by_signal(qtbot):
    module, calls = scripted_source([report()])
    c = coordinator(module)
    with qtbot.waitSignal(c.updated, timeout=5000) as signal:
        c.poll_now()
    assert signal.args[0] == "fake" and isinstance(signal.args[1], AlertReport)
    assert calls[0] is not threading.main_thread()
    assert 9000 < c.next_delay_ms <= 10_600  # next poll at the interval (coarse timers may add 5 %)


def test_backoff_doubles_and_is_capped(qtbot):
    errors = [SourceError(FailureKind.SERVER_ERROR, "502") for _ in range(12)]
    module, _ = scripted_source(list(errors))
    c = coordinator(module)
    delays = []
    for _ in range(12):
        with qtbot.waitSignal(c.failed, timeout=5000):
            c.poll_now()
        delays.append(c.backoff_s(errors[0]))
    assert delays[:4] == [10, 20, 40, 80]
    assert delays[-1] == MAX_BACKOFF_S


def test_retry_after_and_rate_limit_floor_are_honoured(qtbot):
    module, _ = scripted_source([SourceError(FailureKind.RATE_LIMITED, "429")])
    c = coordinator(module)
    with qtbot.waitSignal(c.failed, timeout=5000):
        c.poll_now()
    assert c.next_delay_ms > 59_000  # no Retry-After given: at least a minute, never hammer
    assert c.backoff_s(SourceError(FailureKind.SERVER_ERROR, "503", retry_after=300)) == 300


def test_jitter_spreads_retries():
    module, _ = scripted_source([])
    spec = SourceSpec("fake", module, SourceSettings("http://127.0.0.1:9", True, 10.0))
    c = SourceCoordinator(spec, HttpClient(), ("31",), jitter=lambda: 1.0)
    c.failures = 1
    assert c.backoff_s(SourceError(FailureKind.TIMEOUT, "t")) == 12.5


def test_logs_once_when_down_and_once_when_back(qtbot, caplog):
    caplog.set_level(logging.INFO, logger="shelterapp.alerting.coordinator")
    outcomes = [SourceError(FailureKind.TIMEOUT, "slow")] * 5 + [report()]
    module, _ = scripted_source(list(outcomes))
    c = coordinator(module)
    for _ in range(5):
        with qtbot.waitSignal(c.failed, timeout=5000):
            c.poll_now()
    with qtbot.waitSignal(c.updated, timeout=5000):
        c.poll_now()
    down = [r for r in caplog.records if "is down" in r.getMessage()]
    back = [r for r in caplog.records if "is back" in r.getMessage()]
    assert len(down) == 1 and len(back) == 1


def test_rejected_token_pauses_polling_and_is_never_logged(qtbot, caplog):
    module, calls = scripted_source([SourceError(FailureKind.AUTH, "refused access (401)")], needs_token=True)
    c = coordinator(module, token="tok-SECRET-42")
    with qtbot.waitSignal(c.failed, timeout=5000):
        c.poll_now()
    assert c.paused_reason and c.next_delay_ms == -1
    c.poll_now()
    assert len(calls) == 1
    assert "tok-SECRET-42" not in caplog.text


def test_missing_token_fails_without_a_request(qtbot):
    module, calls = scripted_source([report()], needs_token=True)
    c = coordinator(module)
    with qtbot.waitSignal(c.failed, timeout=5000) as signal:
        c.poll_now()
    assert signal.args[1].kind is FailureKind.AUTH and calls == []


@pytest.mark.parametrize("error", [KeyError("x"), ValueError("y")])
def test_a_parser_bug_counts_as_bad_data_not_a_crash(qtbot, error):
    module, _ = scripted_source([error])
    c = coordinator(module)
    with qtbot.waitSignal(c.failed, timeout=5000) as signal:
        c.poll_now()
    assert signal.args[1].kind is FailureKind.BAD_DATA
