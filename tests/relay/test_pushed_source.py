"""PushedSource: what the subscription hands over, seen by the alert service as a coordinator's signals."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from shelterapp.alerting.pushed import PushedSource
from shelterapp.sources.base import AdvisoryReport, SourceSettings
from shelterapp.sources.errors import FailureKind, SourceError
from shelterapp.sources.registry import SourceSpec
from shelterapp.sources.relay_format import Lost, Pushed, RelayReport

NOW = datetime(2026, 9, 22, 19, 20, tzinfo=UTC)


class FakeSubscription:
    def __init__(self, deliver) -> None:
        self.deliver = deliver
        self.closed = False

    def close(self) -> None:
        self.closed = True


def pushed_source():
    made = []

    def subscribe(_settings, deliver):
        made.append(FakeSubscription(deliver))
        return made[-1]

    module = SimpleNamespace(KIND="alerts", PUSHED=True, subscribe=subscribe)
    return PushedSource(SourceSpec("relay", module, SourceSettings("mqtts://b:8883", True, 68.0))), made


def test_advisories_from_an_offline_relay_do_not_make_it_healthy(qtbot):
    source, made = pushed_source()
    source.start()
    lost, updated = [], []
    source.lost.connect(lambda _name, error: lost.append(error))
    source.updated.connect(lambda _name, report: updated.append(report))
    deliver = made[0].deliver
    deliver(Lost(SourceError(FailureKind.OFFLINE, "the relay is offline (its last will)")))
    deliver(Pushed(AdvisoryReport((), NOW)))  # its retained advisories come right after the will
    qtbot.waitUntil(lambda: len(updated) == 1)
    assert len(lost) == 1 and source.last_error is not None and source.last_error.kind is FailureKind.OFFLINE
    deliver(Pushed(RelayReport({}, NOW, seq=7)))
    qtbot.waitUntil(lambda: len(updated) == 2)
    assert source.last_error is None


def test_nothing_is_handled_after_stop(qtbot):
    source, made = pushed_source()
    source.start()
    updated = []
    source.updated.connect(lambda _name, report: updated.append(report))
    made[0].deliver(Pushed(RelayReport({}, NOW, seq=1)))  # queued, not yet handled...
    source.stop()  # ...when the app stops the source
    qtbot.wait(50)
    assert made[0].closed and updated == []
