"""Shared test setup: headless Qt, a private SHELTERAPP_HOME per test, the reference data location."""

from __future__ import annotations

import contextlib
import os
import socket
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import write_config
from notifications_fixture import connect_bus, start_notification_server  # noqa: F401  (shared fixtures)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SHELTERAPP_HOME and XDG config dir: no test touches the real user's files."""
    home = tmp_path / "home"
    monkeypatch.setenv("SHELTERAPP_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return home


@pytest.fixture
def kyiv_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local zone is Kyiv (UTC+3 in summer, UTC+2 in winter), as quiet hours read the local clock."""
    monkeypatch.setenv("TZ", "Europe/Kyiv")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def number_format_restored() -> Iterator[None]:
    """A test that switches the interface language (and with it QLocale's default) leaves no trace behind."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.fixture(autouse=True)
def no_network_feeds(app_home: Path) -> Path:
    """Every feed off unless a test turns one on against its own 127.0.0.1 server: no test reaches the internet."""
    return write_config(app_home)


_real_getaddrinfo = socket.getaddrinfo


def _loopback_only(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    if host not in (None, "localhost", "127.0.0.1", "::1", "", b"localhost", b"127.0.0.1"):
        raise OSError(f"test tried to reach {host!r}: tests use local servers only")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name lookup for anything but this machine fails the request at once (and loudly in the test)."""
    monkeypatch.setattr(socket, "getaddrinfo", _loopback_only)


@pytest.fixture(autouse=True)
def no_poller_outlives_its_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every alert service and source coordinator a test made is stopped when the test ends.

    A coordinator left running keeps polling its (by then cleared) local server and logs "... is down" into
    whichever test runs a few seconds later: three in tests/alerting/test_alert_flow.py did, and the fault
    matrix, which counts the warning lines of each cell, failed in a cell that depended on the machine's load
    (issue #12: the slow_loris flakes)."""
    from shelterapp.alerting.coordinator import SourceCoordinator
    from shelterapp.alerting.service import AlertService

    made: list[weakref.ref[AlertService | SourceCoordinator]] = []
    for cls in (AlertService, SourceCoordinator):
        original = cls.__init__

        def tracking(self, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            _original(self, *args, **kwargs)
            made.append(weakref.ref(self))

        monkeypatch.setattr(cls, "__init__", tracking)
    yield
    for ref in made:
        poller = ref()
        if poller is not None:
            with contextlib.suppress(RuntimeError):  # its Qt object is already gone: nothing left to poll
                poller.stop()


@pytest.fixture
def no_keyring():
    """No keyring backend, as on a desktop without one: keys are kept for the session only, and no test
    ever writes to the real user's keyring."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Delete what the tests left of Qt here, on the GUI thread and in Qt's own order (parents take their
    children), instead of in PySide's sweep at interpreter exit: objects kept alive by a cycle through a signal
    connection (a lambda that refers to its sender's owner) are otherwise destroyed there in no safe order, and
    that sweep now and then crashed the process after every test had passed (exit status 134 or 139)."""
    import gc

    try:
        import shiboken6
        from PySide6.QtCore import QCoreApplication, QEvent, QObject
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return
    app = QCoreApplication.instance()
    if app is None:
        return
    gc.collect()
    if isinstance(app, QApplication):
        for widget in app.topLevelWidgets():
            widget.close()
            widget.deleteLater()
    for obj in gc.get_objects():
        if (
            isinstance(obj, QObject)
            and obj is not app
            and shiboken6.isValid(obj)
            and shiboken6.ownedByPython(obj)
            and obj.parent() is None
        ):
            obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def feed(httpserver):
    """The fake siren.pp.ua on a local server (tests/alert_fakes.py), quiet until a test sets it."""
    from alert_fakes import Feed

    feed = Feed()
    feed.url = feed.install(httpserver)
    return feed


@pytest.fixture
def fakes(tmp_path, monkeypatch):
    """Fake sound players (tests/sound_fakes.py), the only ones on PATH: no real player can answer for a fake."""
    from sound_fakes import FakePlayers

    players = FakePlayers(tmp_path / "bin")
    monkeypatch.setenv("PATH", players.path)
    return players
