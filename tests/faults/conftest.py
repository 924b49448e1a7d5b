"""Fixtures of the fault matrix: the misbehaving feed server with its name lookup, and the GUI heartbeat."""

from __future__ import annotations

import gc
import socket
import threading
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
    CPU the GUI thread spends on a download or a parse it should not be doing does not shrink. The cyclic
    garbage collector's passes on the GUI thread are left out: late in a long suite a full collection of the
    whole test process takes 100 ms or more wherever it happens to run, and says nothing about the code under
    test. `longest_wall` is kept for the log only.
    """

    INTERVAL_MS = 10

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._beat)
        self._last_cpu = 0.0
        self._last_wall = 0.0
        self.longest = 0.0  # CPU seconds of the GUI thread between two beats, garbage collection left out
        self.longest_wall = 0.0
        self._gui_thread = threading.get_ident()
        self._gc_cpu = 0.0  # CPU the GUI thread spent collecting garbage since the last beat
        self._gc_started: float | None = None

    def _collecting(self, phase: str, _info: dict[str, int]) -> None:
        if threading.get_ident() != self._gui_thread:
            return
        if phase == "start":
            self._gc_started = time.thread_time()
        elif self._gc_started is not None:
            self._gc_cpu += time.thread_time() - self._gc_started
            self._gc_started = None

    def _beat(self) -> None:
        cpu, wall = time.thread_time(), time.monotonic()
        self.longest = max(self.longest, cpu - self._last_cpu - self._gc_cpu)
        self.longest_wall = max(self.longest_wall, wall - self._last_wall)
        self._last_cpu, self._last_wall, self._gc_cpu = cpu, wall, 0.0

    def __enter__(self) -> Heartbeat:
        self._last_cpu, self._last_wall, self._gc_cpu = time.thread_time(), time.monotonic(), 0.0
        gc.callbacks.append(self._collecting)
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._beat()
        self._timer.stop()
        gc.callbacks.remove(self._collecting)


@pytest.fixture
def heartbeat(qtbot) -> Heartbeat:  # type: ignore[no-untyped-def]
    return Heartbeat()
