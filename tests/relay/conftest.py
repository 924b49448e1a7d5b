"""Fixtures for the relay tests: a private Mosquitto (TLS, passwords, ACL), a siren.pp.ua-shaped feed on a
local server, and a relay run in this process (relay_helpers.py) or as `shelterapp-cli relay`."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alert_fakes import Feed
from mqtt_broker import PrivateBroker, missing_reason

from shelterapp.sources import siren_pp_ua


@pytest.fixture
def broker(tmp_path):
    reason = missing_reason()
    if reason:
        pytest.skip(f"no MQTT broker for the relay tests: {reason}")
    running = PrivateBroker(tmp_path / "broker").start()
    yield running
    running.stop()


@pytest.fixture
def feed(httpserver):
    feed = Feed(live=True)  # the relay runs on the real clock: alert times must look like now
    feed.url = feed.install(httpserver)
    return feed


@pytest.fixture
def fast_feed(monkeypatch):
    """siren.pp.ua's polite floor (10 s, 40 requests a minute) lowered so a test relay polls every fraction of a
    second, as bench/alert_latency.py does; the real floor is tested in tests/sources."""
    monkeypatch.setattr(siren_pp_ua, "MIN_INTERVAL_S", 0.1)
    monkeypatch.setattr(siren_pp_ua, "POLICY", replace(siren_pp_ua.POLICY, per_minute=100_000, min_interval_s=0.1))
