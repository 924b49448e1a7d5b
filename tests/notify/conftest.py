"""The `dbus` fixture: a fake notification server on a private bus and a DBusNotifier connected to it."""

from __future__ import annotations

import pytest

from shelterapp.notify.dbus import DBusNotifier


@pytest.fixture
def dbus(qtbot, start_notification_server, connect_bus):
    """start(**fake options) -> (fake server, DBusNotifier connected to it, capabilities already known)."""

    def start(call_timeout_ms=2000, **options):
        fake = start_notification_server(**options)
        notifier = DBusNotifier(connect_bus(fake.address), call_timeout_ms=call_timeout_ms)
        if "GetCapabilities" not in options.get("hang", ()):
            qtbot.waitUntil(lambda: notifier.capabilities is not None, timeout=2000)
        return fake, notifier

    return start
