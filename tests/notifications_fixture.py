"""pytest fixtures over fake_notifications: a private bus with a fake notification server, and the app's own
connection to it (shelterapp.notify.bus). Import them into a test module (or, for several, into tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from fake_notifications import FakeNotifications, FakeUnavailable

if TYPE_CHECKING:
    from shelterapp.notify.bus import BusConnection  # imports jeepney, which a test may find missing


@pytest.fixture
def start_notification_server() -> Iterator[Callable[..., FakeNotifications]]:
    """start(capabilities=..., hang=..., server=...) -> a running FakeNotifications, stopped after the test.
    Skips the test, saying why, where dbus-daemon or jeepney is missing."""
    started: list[FakeNotifications] = []

    def start(**options: Any) -> FakeNotifications:
        fake = FakeNotifications(**options)
        started.append(fake)
        try:
            fake.start()
        except FakeUnavailable as exc:
            pytest.skip(f"no fake notification server: {exc}")
        return fake

    yield start
    for fake in started:
        fake.close()


@pytest.fixture
def connect_bus() -> Iterator[Callable[[str], BusConnection]]:
    """connect(address) -> a BusConnection to that private bus, closed after the test."""
    connections: list[BusConnection] = []

    def connect(address: str) -> BusConnection:
        from shelterapp.notify.bus import BusConnection

        connection = BusConnection.open(address)
        connections.append(connection)
        return connection

    yield connect
    for connection in connections:
        connection.close()
