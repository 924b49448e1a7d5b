"""Fakes shared by alert tests: a notifier that records, a siren.pp.ua-shaped feed on a local server, a clock."""

from __future__ import annotations

import json
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
    """What the fake siren.pp.ua serves right now."""

    def __init__(self) -> None:
        self.active = False
        self.index = 100

    def set(self, active: bool) -> None:
        self.active, self.index = active, self.index + 1

    def install(self, httpserver) -> str:
        def alerts(_request):
            name = "ukrainealarm_alerts.json" if self.active else "ukrainealarm_alerts_quiet.json"
            return Response((ALERTS / name).read_bytes(), content_type="application/json")

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
