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
    """A FaultServer at https://FEED_HOST:PORT (and http://); FEED_HOST resolves as the current fault says.
    Other names go to the suite's loopback-only guard (tests/conftest.py), which refuses anything off this
    machine. requests trusts the server's own CA for the test."""
    feeds = FaultServer()
    guard = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host in (FEED_HOST, FEED_HOST.encode()):
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (feeds.address(), int(port)))]
        return guard(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", feeds.ca_file)  # requests trusts the run's own CA (https feeds)
    yield feeds
    feeds.close()


class Heartbeat:
    """A 10 ms QTimer on the GUI thread; `with beat:` measures the longest stretch of work the GUI thread did
    between two beats (or between entering and the first beat, and the last beat and leaving) while the code
    inside waits on signals: time it could not repaint or answer a click.

    The stretch is measured in CPU time of the GUI thread (`time.thread_time`), not wall-clock time: on a busy
    CI machine the wall-clock gap between beats grows with the load (the thread waits for a core), while the
    CPU the GUI thread spends on a download or a parse it should not be doing does not shrink. `longest_wall`
    is kept for the log only.
    """

    INTERVAL_MS = 10

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._beat)
        self._last_cpu = 0.0
        self._last_wall = 0.0
        self.longest = 0.0  # CPU seconds of the GUI thread between two beats
        self.longest_wall = 0.0

    def _beat(self) -> None:
        cpu, wall = time.thread_time(), time.monotonic()
        self.longest = max(self.longest, cpu - self._last_cpu)
        self.longest_wall = max(self.longest_wall, wall - self._last_wall)
        self._last_cpu, self._last_wall = cpu, wall

    def __enter__(self) -> Heartbeat:
        self._last_cpu, self._last_wall = time.thread_time(), time.monotonic()
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._beat()
        self._timer.stop()


@pytest.fixture
def heartbeat(qtbot) -> Heartbeat:  # type: ignore[no-untyped-def]
    return Heartbeat()
