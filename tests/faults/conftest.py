"""Fixtures of the fault matrix: the misbehaving feed server with its name lookup, and the GUI heartbeat."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from fault_server import FEED_HOST, FaultServer
from PySide6.QtCore import Qt, QTimer


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FaultServer]:
    """A FaultServer at http://FEED_HOST:PORT; FEED_HOST resolves as the current fault says. Other names go
    to the suite's loopback-only guard (tests/conftest.py), which refuses anything off this machine."""
    feeds = FaultServer()
    guard = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host in (FEED_HOST, FEED_HOST.encode()):
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (feeds.address(), int(port)))]
        return guard(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    yield feeds
    feeds.close()


class Heartbeat:
    """A 10 ms QTimer on the GUI thread; `with beat:` measures the longest gap between beats (or between
    entering and the first beat, and the last beat and leaving) while the code inside waits on signals.
    A gap is time the GUI thread could not repaint or answer a click."""

    INTERVAL_MS = 10

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._beat)
        self._last = 0.0
        self.longest = 0.0

    def _beat(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def __enter__(self) -> Heartbeat:
        self._last = time.monotonic()
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._beat()
        self._timer.stop()


@pytest.fixture
def heartbeat(qtbot) -> Heartbeat:  # type: ignore[no-untyped-def]
    return Heartbeat()
