"""One app per home (issue 12, item 5): two `shelterapp` processes on one SHELTERAPP_HOME raised two identical
critical notifications for one alert, and the one that quit last wiped the other's saved place. Now a second
start asks the first to show its window and exits 0; a killed first copy does not block the next start; the
command-line tool runs beside the app and never notifies.

Real processes, offscreen, against a local feed and a fake notification server on a private D-Bus. The
timeouts only end a hung process; nothing here measures time.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from alert_fakes import Feed
from helpers import write_config

from shelterapp.desktop import single_instance
from shelterapp.desktop.relaunch import RESTART_ENV
from shelterapp.desktop.single_instance import AlreadyRunning, claim
from shelterapp.paths import default_paths

HANG_GUARD_S = 120
OFFLINE_MAP = '[map]\ntile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n[geocoder]\nurl = "http://127.0.0.1:9"\n'


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll until `condition` holds; the limit only ends a test whose process hung."""
    deadline = time.monotonic() + HANG_GUARD_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.1)


def app_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (RESTART_ENV, "DBUS_SESSION_BUS_ADDRESS")}
    return {**env, "SHELTERAPP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **extra}


def start(home: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "shelterapp", "--lang", "en", *args],
        env=app_env(home, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(home: Path, *args: str, module: str = "shelterapp", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args], env=app_env(home, **env), capture_output=True, text=True,
        timeout=HANG_GUARD_S,
    )  # fmt: skip


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def log_text(home: Path) -> str:
    log = home / "logs" / "shelterapp.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def alert_notifications(fake) -> list[dict]:
    return [n for n in fake.notifications() if "AIR-RAID" in n["summary"]]


def test_a_second_start_shows_the_first_window_and_exits_0(app_home, httpserver, start_notification_server):
    fake = start_notification_server()
    feed = Feed()
    feed.set(True)
    write_config(app_home, {"siren_pp_ua": {"url": feed.install(httpserver), "interval_s": 10.0}}, extra=OFFLINE_MAP)
    bus = {"DBUS_SESSION_BUS_ADDRESS": fake.address}
    first = start(app_home, **bus)
    try:
        wait_for(lambda: len(alert_notifications(fake)) == 1 or first.poll() is not None, "the alert notification")
        assert first.poll() is None, first.stderr.read() if first.stderr else ""

        second = run(app_home, **bus)
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr and "asked to show its window" in second.stderr
        wait_for(lambda: "another start on this home: showing the window" in log_text(app_home), "the show request")
        assert first.poll() is None  # the first copy runs on, with its window up

        # The command-line tool runs beside the app (its own poll of the feed sees the alert) and never notifies.
        status = run(app_home, "status", "--json", module="shelterapp.cli", **bus)
        assert status.returncode == 0 and json.loads(status.stdout)["state"] == "active", status.stderr
        assert run(app_home, "nearest", "--lat", "50.45", "--lon", "30.52", module="shelterapp.cli").returncode == 0
        assert len(alert_notifications(fake)) == 1  # one alert, one notification: not one per process
        assert len(fake.notifications()) == 1
    finally:
        stop(first)


def test_a_killed_first_copy_does_not_block_the_next_start(app_home):
    write_config(app_home, extra=OFFLINE_MAP)
    first = start(app_home)
    lock = default_paths().data_dir / single_instance.LOCK_NAME
    try:
        wait_for(lambda: "notifications go through" in log_text(app_home), "the first copy to start")
        assert lock.exists()
        first.send_signal(signal.SIGKILL)  # no clean-up: the lock file stays behind with a dead PID
        first.wait()
        assert lock.exists()
    finally:
        stop(first)
    started = run(app_home, "--exit-after-start", "--lang", "en")
    assert started.returncode == 0, started.stderr
    assert "started: window shown" in started.stdout
    assert not lock.exists()  # released on the way out


# --- the protocol, with this test as the running copy --------------------------------------------------------

SECOND = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication
    from shelterapp.desktop.single_instance import AlreadyRunning, claim
    from shelterapp.paths import default_paths
    app = QCoreApplication([])
    try:
        instance = claim(default_paths(), show=sys.argv[1] == "show")
    except AlreadyRunning as running:
        print("answered" if running.answered else "no answer")
    else:
        print("running" if instance.exclusive else "running without a lock")
        instance.release()
    """
)


def second_copy(*args: str, **env: str) -> subprocess.Popen[str]:
    home = default_paths().config_dir
    return subprocess.Popen(
        [sys.executable, "-c", SECOND, *args], env=app_env(home, **env), stdout=subprocess.PIPE, text=True
    )


def answer_of(qtbot, process: subprocess.Popen[str]) -> str:
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=HANG_GUARD_S * 1000)  # serves while it waits
    assert process.stdout is not None
    out = process.stdout.read().strip()
    process.stdout.close()
    return out


@pytest.fixture
def running(qtbot, app_home, monkeypatch):
    for name in single_instance.ACTIVATION_ENV:
        monkeypatch.delenv(name, raising=False)
    instance = claim(default_paths())
    assert instance.exclusive
    shown: list[bool] = []
    instance.show_requested.connect(lambda: shown.append(True))
    yield instance, shown
    instance.release()


def test_a_second_copy_asks_and_the_running_one_shows_its_window(qtbot, running):
    _instance, shown = running
    token = {"XDG_ACTIVATION_TOKEN": "token-from-the-launcher"}  # so Wayland lets the window come to the front
    assert answer_of(qtbot, second_copy("show", **token)) == "answered"
    assert shown == [True]
    assert os.environ["XDG_ACTIVATION_TOKEN"] == "token-from-the-launcher"


def test_a_hidden_second_start_only_checks(qtbot, running):
    # autostart (--hidden) at login while the app already runs: nothing pops up
    _instance, shown = running
    assert answer_of(qtbot, second_copy("hidden")) == "answered"
    assert shown == []


def test_a_restarted_copy_waits_for_the_old_one_to_quit(qtbot, running):
    instance, shown = running
    new = second_copy("show", **{RESTART_ENV: str(os.getpid())})  # what "Restart now" starts
    qtbot.wait(500)
    assert new.poll() is None and shown == []  # it waits for the lock, it does not ask for the window
    instance.release()
    assert answer_of(qtbot, new) == "running"


def test_a_home_where_no_lock_can_be_made_still_starts(app_home, monkeypatch):
    paths = default_paths()
    paths.data_dir.parent.mkdir(parents=True, exist_ok=True)
    paths.data_dir.write_text("not a folder", encoding="utf-8")  # the lock and the requests cannot be made
    instance = claim(paths)
    assert not instance.exclusive
    instance.release()


def test_stale_requests_do_not_pop_the_window_up(qtbot, running, monkeypatch):
    instance, shown = running
    old = instance.requests / "1-1.request"
    old.write_text(json.dumps({"show": True}), encoding="utf-8")
    past = time.time() - single_instance.ANSWER_WAIT_S - 60
    os.utime(old, (past, past))  # left by a copy killed while it waited, long ago
    instance.serve()
    assert shown == [] and not old.exists()


def test_already_running_says_whether_it_answered():
    assert "asked to show its window" in str(AlreadyRunning(True, 42))
    assert "did not answer" in str(AlreadyRunning(False, None))


def test_only_the_running_app_writes_settings():
    """With one app per home, settings are written by that one process only: no command-line tool, no
    background job saves them (each would write an older copy over the app's newer one)."""
    package = Path(single_instance.__file__).resolve().parents[1]
    writers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "save_settings(" in path.read_text(encoding="utf-8")
    )
    assert writers == ["settings.py", "ui/controller.py"]
