"""Issue #12: `shelterapp-cli status` reads and records the window's history, so a failing source is reported
failed and what it said last is not forgotten; it never notifies and never keeps the window from telling;
the window and the CLI write the same SQLite file at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import write_config
from test_cli import run
from test_cli_alerts import FIXTURES, serve_siren

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.config import load_config
from shelterapp.paths import default_paths
from shelterapp.sources.base import Advisory, AlertReport, RegionAlert
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs

EMBASSY = FIXTURES / "advisories" / "us_embassy_ukraine_alerts.rss"


def serve_embassy(httpserver, working: bool) -> None:
    if working:
        httpserver.expect_request("/embassy.rss").respond_with_data(
            EMBASSY.read_bytes(), content_type="application/rss+xml"
        )
    else:
        httpserver.expect_request("/embassy.rss").respond_with_data("busy", status=503)


def status(capsys) -> dict:
    code, out, err = run(capsys, "status", "--json")
    assert code == 0, err
    return json.loads(out)


def test_a_failing_embassy_feed_is_reported_failed_and_its_last_advisories_stay(capsys, httpserver, app_home):
    write_config(app_home, {"us_embassy": {"url": httpserver.url_for("/embassy.rss")}})
    serve_embassy(httpserver, working=True)
    first = status(capsys)
    assert first["sources"]["us_embassy"]["ok"] and first["advisories"]
    shown = {(a["source"], a["id"]): a for a in first["advisories"]}

    httpserver.clear()
    serve_embassy(httpserver, working=False)
    second = status(capsys)
    embassy = second["sources"]["us_embassy"]
    assert embassy["ok"] is False and embassy["error"] == "server_error"
    kept = {(a["source"], a["id"]): a for a in second["advisories"]}
    assert kept.keys() == shown.keys()  # the advisory shown a minute ago is still listed ...
    assert embassy["stale"] is True and embassy["updated"] == first["sources"]["us_embassy"]["updated"]
    assert all(a["received"] and a["stale"] is False for a in shown.values())
    for key, advisory in kept.items():
        assert advisory["stale"] is True and advisory["received"] == shown[key]["received"]  # ... and says since when


def test_a_failing_alert_feed_keeps_its_last_state_while_fresh_and_never_turns_stale_clear_into_clear(
    capsys, httpserver, app_home
):
    write_config(app_home, {"siren_pp_ua": {"url": serve_siren(httpserver, active=True)}})
    assert status(capsys)["state"] == "active"
    httpserver.clear()
    httpserver.expect_request("/api/v3/alerts/status").respond_with_data("", status=502)
    during = status(capsys)
    assert during["state"] == "active"  # a minute ago it said alert: a failed poll does not make that unknown
    siren = during["sources"]["siren_pp_ua"]
    assert siren["ok"] is False and siren["stale"] is True and siren["regions"]["31"]["state"] == "active"

    history = HistoryStore.open(default_paths().history_database)  # its last answer was "clear", ten minutes ago
    old = datetime.now(UTC) - timedelta(minutes=10)
    history.remember_success("siren_pp_ua", AlertReport({"31": RegionAlert("31", False)}, old), old)
    history.close()
    later = status(capsys)
    assert later["state"] == "unknown" and later["sources"]["siren_pp_ua"]["regions"]["31"]["state"] == "clear"


def test_status_never_notifies_and_the_window_still_announces_what_status_saw(
    qtbot, httpserver, app_home, start_notification_server
):
    fake = start_notification_server()
    history = HistoryStore.open(default_paths().history_database)  # the window ran before and told of an old item
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    history.new_advisories(
        [Advisory("us_embassy", "old", "Old", "Old.", "https://example.invalid", long_ago)], long_ago
    )
    history.close()
    url = serve_siren(httpserver, active=True)
    serve_embassy(httpserver, working=True)
    write_config(app_home, {"siren_pp_ua": {"url": url}, "us_embassy": {"url": httpserver.url_for("/embassy.rss")}})
    script = Path(sys.executable).with_name("shelterapp-cli")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "shelterapp.cli"]
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": fake.address}
    result = subprocess.run([*command, "status", "--json"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["state"] == "active"
    qtbot.wait(300)
    assert fake.notifications() == []  # the CLI never notifies, even during an alert

    # the window starts later on the same history: the alert and the advisories status saw are still news to it
    paths = default_paths()
    history = HistoryStore.open(paths.history_database)
    assert history.open_episode() is None  # status opened no episode the window would take as announced
    service = AlertService(build_specs(load_config(paths.config_file)), HttpClient(), history, ("31",))
    started, advisories = [], []
    service.alert_started.connect(started.append)
    service.advisory_new.connect(advisories.append)
    with qtbot.waitSignals([service.alert_started, service.advisory_new], timeout=10_000):
        service.start()
    service.stop()
    history.close()
    assert len(started) == 1 and advisories


def test_status_waits_for_the_window_writing_the_history_and_both_writes_land(capsys, httpserver, app_home):
    write_config(app_home, {"us_embassy": {"url": httpserver.url_for("/embassy.rss")}})
    serve_embassy(httpserver, working=True)
    window = HistoryStore.open(default_paths().history_database)  # the window has the file open
    holder = window._db
    holder.execute("BEGIN IMMEDIATE")  # ... and is in the middle of a write
    holder.execute("INSERT INTO last_state VALUES (1, 'clear', '2026-09-22T19:00:00+00:00', '{}')")
    release = threading.Timer(0.5, holder.commit)
    release.start()
    data = status(capsys)
    release.join()
    assert data["history_problem"] is None and data["sources"]["us_embassy"]["ok"]
    assert window.last_state() is not None  # the window's write landed
    assert window.source_memory()["us_embassy"].ok  # and so did the CLI's, after it
    window.close()


def test_a_history_locked_past_the_busy_timeout_does_not_stop_status(capsys, httpserver, app_home, monkeypatch):
    import sqlite3

    write_config(app_home, {"siren_pp_ua": {"url": serve_siren(httpserver, active=False)}})
    HistoryStore.open(default_paths().history_database).close()
    holder = sqlite3.connect(default_paths().history_database, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, **{**k, "timeout": 0.2}))  # not 10 s
    data = status(capsys)
    holder.rollback()
    holder.close()
    assert data["state"] == "clear" and data["sources"]["siren_pp_ua"]["ok"]  # the poll stands on its own
