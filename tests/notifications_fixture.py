"""pytest fixtures over fake_notifications: a private bus with a fake notification server, and a QtDBus
connection to it. Import them into a test module (or, for several modules, into tests/conftest.py)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fake_notifications import FakeNotifications, FakeUnavailable
from PySide6.QtDBus import QDBusConnection

_names = itertools.count()


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
def connect_bus() -> Iterator[Callable[[str], QDBusConnection]]:
    """connect(address) -> a QtDBus connection to that private bus, disconnected after the test."""
    names: list[str] = []

    def connect(address: str) -> QDBusConnection:
        name = f"shelterapp-test-{next(_names)}"
        names.append(name)
        connection = QDBusConnection.connectToBus(address, name)
        assert connection.isConnected(), connection.lastError().message()
        return connection

    yield connect
    for name in names:
        QDBusConnection.disconnectFromBus(name)
