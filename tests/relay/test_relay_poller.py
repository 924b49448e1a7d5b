"""The relay's poller keeps the app's manners without Qt: backoff and Retry-After after a failure, a refused
key pauses the source, and a webhook's hurry never polls a feed faster than its own polite minimum."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from shelterapp.relay.poller import RelayPoller
from shelterapp.sources.base import AlertReport, RegionAlert, SourceSettings
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.registry import SourceSpec

NOW = datetime(2026, 9, 22, 19, 20, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def fake_source(answers, needs_token=False, min_interval=10.0, interval=15.0):
    calls = []

    def fetch(_http, _settings, regions, _state, now):
        calls.append(now)
        answer = answers.pop(0)
        if isinstance(answer, SourceError):
            raise answer
        return AlertReport({"31": RegionAlert("31", answer)}, now)

    module = SimpleNamespace(
        KIND="alerts", NEEDS_TOKEN=needs_token, MIN_INTERVAL_S=min_interval, fetch=fetch, ATTRIBUTION="test"
    )
    token = "key" if needs_token else ""
    return SourceSpec("fake", module, SourceSettings("http://127.0.0.1:9", True, interval, token=token)), calls


def test_retry_after_and_backoff_are_kept():
    spec, calls = fake_source([SourceError(FailureKind.RATE_LIMITED, "429", retry_after=300.0), True])
    clock = Clock()
    poller = RelayPoller([spec], None, ("31",), clock=lambda: NOW, monotonic=clock, jitter=lambda: 0.0)
    assert poller.poll_due() == ["fake"]
    clock.t += 299
    assert poller.poll_due() == [] and len(calls) == 1  # the server asked for 5 minutes
    clock.t += 1
    assert poller.poll_due() == ["fake"]
    assert poller.snapshot().merged.state.value == "active"


def test_a_refused_key_pauses_the_source():
    spec, calls = fake_source([SourceError(FailureKind.AUTH, "key rejected 3 times")], needs_token=True)
    clock = Clock()
    poller = RelayPoller([spec], None, ("31",), clock=lambda: NOW, monotonic=clock)
    poller.poll_due()
    clock.t += 10_000
    poller.hurry()
    assert poller.poll_due() == [] and len(calls) == 1 and poller.sources[0].paused


def test_hurry_polls_at_once_but_never_under_the_polite_minimum():
    spec, calls = fake_source([False, False, True, True], min_interval=10.0, interval=60.0)
    clock = Clock()
    poller = RelayPoller([spec], None, ("31",), clock=lambda: NOW, monotonic=clock)
    poller.poll_due()
    clock.t += 3
    poller.hurry()  # a webhook call 3 s after the last poll
    assert poller.poll_due() == []  # not yet: 10 s is the feed's minimum
    assert 6.9 < poller.seconds_to_next() <= 7.0
    clock.t += 7
    assert poller.poll_due() == ["fake"]
    clock.t += 10  # still hurrying: the next poll comes at the minimum, not after the usual 60 s
    assert poller.poll_due() == ["fake"]
    poller.calm()  # the change arrived: the poll already planned happens, then the usual pace again
    clock.t += 10
    assert poller.poll_due() == ["fake"]
    clock.t += 59
    assert poller.poll_due() == [] and len(calls) == 4
