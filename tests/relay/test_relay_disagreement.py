"""The relay publishes regions.ID.disagreement (issue #16) once its sources have disagreed two polls in a row, as
the app shows it; a desktop following the relay reads that state as before (the field is extra, never a reason to
refuse a message), and a hostile or odd disagreement field does not change what it takes from the state."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from shelterapp.relay.loop import RelayLoop, encode
from shelterapp.relay.memory import RelayMemory
from shelterapp.relay.poller import RelayPoller
from shelterapp.sources.base import AlertReport, RegionAlert, SourceSettings
from shelterapp.sources.registry import SourceSpec
from shelterapp.sources.relay_format import RelayFollower, parse_state

NOW = datetime(2026, 9, 22, 19, 20, tzinfo=UTC)


def fake_source(name: str, active: bool) -> SourceSpec:
    def fetch(_http, _settings, _regions, _state, now):
        return AlertReport({"31": RegionAlert("31", active, since=NOW - timedelta(minutes=5) if active else None)}, now)

    module = SimpleNamespace(KIND="alerts", NEEDS_TOKEN=False, MIN_INTERVAL_S=1.0, fetch=fetch, ATTRIBUTION="test")
    return SourceSpec(name, module, SourceSettings("http://127.0.0.1:9", True, 15.0))


class FakePublisher:
    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes]] = []
        self.config = SimpleNamespace(topic=lambda leaf: f"test/{leaf}")

    def publish(self, leaf: str, payload: bytes) -> None:
        self.sent.append((leaf, payload))


@pytest.fixture
def relay(tmp_path):
    poller = RelayPoller([fake_source("siren_pp_ua", True), fake_source("alerts_in_ua", False)], None, ("31",),
                         clock=lambda: NOW)  # fmt: skip
    publisher = FakePublisher()
    loop = RelayLoop(poller, publisher, RelayMemory(tmp_path / "relay.json"), [], clock=lambda: NOW)  # type: ignore[arg-type]
    return loop, publisher


def test_published_after_two_polls_and_read_by_a_desktop(relay):
    loop, publisher = relay
    first = loop.run_once()[0].payload
    assert first["regions"]["31"]["state"] == "active" and first["regions"]["31"]["disagreement"] == []
    second = loop.run_once()[0].payload
    assert second["regions"]["31"]["disagreement"] == [
        {"source": "siren_pp_ua", "state": "active"},
        {"source": "alerts_in_ua", "state": "clear"},
    ]
    leaf, payload = publisher.sent[-2]  # the state; the advisories follow it
    assert leaf == "state"
    follower = RelayFollower("test")
    outcome = follower.message("test/state", payload, retained=False, now=NOW)
    report = outcome.report  # Pushed: the desktop took it
    assert report.regions["31"].active and report.relay_state == "active"


@pytest.mark.parametrize(
    "field",
    [
        [{"source": "<b>x</b>", "state": "=cmd|' /C calc'!A0"}],  # markup and a spreadsheet formula, as text
        "not a list",
        [{"source": None}] * 500,
        None,
    ],
)
def test_an_odd_disagreement_field_changes_nothing_a_desktop_takes(field):
    state = {
        "state": "active", "seq": 3, "published_at": NOW.isoformat(),
        "regions": {"31": {"state": "active", "threats": ["air_raid"], "level": "red", "since": None,
                           "disagreement": field}},
    }  # fmt: skip
    report = parse_state(encode(state), now=NOW)
    assert report.regions["31"].active and json.dumps(field) not in repr(report)
