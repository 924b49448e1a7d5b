"""Notifications the notify tests send, and a wait for what the fake server received."""

from __future__ import annotations

from shelterapp.notify.base import Notification, Urgency

ALERT_KEY = "alert-start:31:2026-09-22T19:12:00Z"
ALERT = Notification(
    key=ALERT_KEY,
    title="Air-raid alert in Kyiv",
    body="Go to the nearest shelter.",
    urgency=Urgency.CRITICAL,
    actions=(("show_shelters", "Show shelters"),),
    sound="alarm-clock-elapsed",
    category="x-shelterapp.alert",
    timeout_ms=0,
)


def plain(key: str, title: str = "All clear", body: str = "The alert in Kyiv is over.") -> Notification:
    return Notification(key=key, title=title, body=body, urgency=Urgency.NORMAL)


def arrived(qtbot, fake, count: int = 1) -> list[dict]:
    qtbot.waitUntil(lambda: len(fake.notifications()) >= count, timeout=2000)
    return fake.notifications()
