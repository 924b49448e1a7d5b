"""Fakes shared by alert tests: a notifier that records, a siren.pp.ua-shaped feed on a local server, a clock."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from werkzeug import Response

from shelterapp.notify.base import Notification, Notifier

ALERTS = Path(__file__).resolve().parent / "fixtures" / "alerts"


class RecordingNotifier(Notifier):
    name = "recording"

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Notification] = []
        self.closed: list[str] = []

    def _show(self, notification: Notification) -> bool:
        self.shown.append(notification)
        return True

    def _withdraw(self, key: str) -> None:
        self.closed.append(key)


class Feed:
    """What the fake siren.pp.ua serves right now. `live`: the fixture's evening of 22 Sep 2026 moved to the
    moment of the last set(), for tests that run on the real clock (a relay in another thread or process)."""

    def __init__(self, live: bool = False) -> None:
        self.active = False
        self.payload = ""  # a fixture file to serve instead of the active/quiet pair (see set_payload)
        self.index = 100
        self.live = live
        self.changed_at = datetime.now(UTC)

    def set(self, active: bool) -> None:
        self.active, self.index = active, self.index + 1
        self.changed_at = datetime.now(UTC)

    def set_payload(self, name: str) -> None:
        """Serve this fixture from now on (e.g. ukrainealarm_alerts_edge_only.json); "" for the active/quiet pair."""
        self.payload, self.index = name, self.index + 1

    def install(self, httpserver) -> str:
        def alerts(_request):
            name = "ukrainealarm_alerts.json" if self.active else "ukrainealarm_alerts_quiet.json"
            name = self.payload or name
            body = (ALERTS / name).read_bytes()
            if self.live:
                moment = self.changed_at.strftime("%Y-%m-%dT%H:%M:%S").encode()
                body = re.sub(rb"2026-09-22T\d\d:\d\d:\d\d(\.\d+)?", moment, body)
            return Response(body, content_type="application/json")

        httpserver.expect_request("/api/v3/alerts/status").respond_with_handler(
            lambda _r: Response(json.dumps({"lastActionIndex": self.index}), content_type="application/json")
        )
        httpserver.expect_request("/api/v3/alerts").respond_with_handler(alerts)
        httpserver.expect_request("/api/v3/alerts/regionHistory").respond_with_json([])
        return httpserver.url_for("/api/v3")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 9, 22, 19, 20, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class AlertsInUaFeed:
    """alerts.in.ua's shape on the same local server: /v1/alerts/active.json, active or quiet, and an empty history."""

    def __init__(self) -> None:
        self.active = False

    def install(self, httpserver) -> str:
        def active(_request):
            name = "alerts_in_ua_active.json" if self.active else "alerts_in_ua_active_quiet.json"
            return Response((ALERTS / name).read_bytes(), content_type="application/json")

        httpserver.expect_request("/v1/alerts/active.json").respond_with_handler(active)
        httpserver.expect_request("/v1/regions/31/alerts/month_ago.json").respond_with_json({"alerts": []})
        return httpserver.url_for("/").rstrip("/")
