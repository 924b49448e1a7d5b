"""Start-up as the `shelterapp` command does it, headless: offline, no account, damaged files survived."""

from __future__ import annotations

import gc
import subprocess
import sys

from helpers import write_config
from PySide6.QtWidgets import QApplication

from shelterapp.app import build
from shelterapp.launcher import parse_args
from shelterapp.paths import default_paths
from shelterapp.ui.data_controller import DataController
from shelterapp.ui.data_dialog import DataDialog
from shelterapp.ui.places_controller import PlacesController
from shelterapp.ui.preparedness_controller import PreparednessController
from shelterapp.ui.sources_controller import SourcesController
from shelterapp.ui.timer_controller import TimerController


def test_starts_offline_on_bundled_data_with_a_window(qtbot, app_home):
    controller = build(QApplication.instance(), parse_args(["--lang", "en"]))
    window = controller.window
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.proxy.rowCount() == 52
    assert controller.tray is None  # offscreen has no tray: a plain window that quits on close
    assert QApplication.instance().quitOnLastWindowClosed()
    assert (app_home / "data" / "shelters.sqlite").exists() and (app_home / "logs" / "shelterapp.log").exists()
    controller.catalog.close()


def test_every_part_lives_as_long_as_the_app_with_nothing_assigned_after_the_fact(qtbot):
    # The controllers are handed what they need and owned by their Qt parents: none may vanish with Python's
    # garbage collection (the Shelter data menu, saved places, time to shelter and preparedness keep working).
    controller = build(QApplication.instance(), parse_args(["--lang", "en"]))
    window = controller.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(controller.findChildren(DataController)) == 1)  # built once the first frame is up
    gc.collect()
    for kind, owner in (
        (PlacesController, controller),
        (SourcesController, controller),
        (DataController, controller),
        (TimerController, window),
        (PreparednessController, window),
    ):
        assert len(owner.findChildren(kind)) == 1, kind.__name__
    window.data_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, DataDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))
    sources = controller.findChild(SourcesController)  # Settings > Alert sources acts on the running feeds
    assert sources.alerts.parent() is QApplication.instance() and sources.feeds is not None
    controller.catalog.close()


def test_the_first_frame_shows_the_shelters_and_the_rest_follows_at_once(qtbot):
    # The window is on screen with its shelters before the alert machinery exists; until that is built (in the
    # event loop's next turn) the banner says it is checking, never that no feed is configured.
    from shelterapp.ui.first_frame import FirstFrame
    from shelterapp.ui.history_pane import HistoryPane

    controller = build(QApplication.instance(), parse_args(["--lang", "en"]))
    window = controller.window
    qtbot.addWidget(window)
    assert window.proxy.rowCount() == 52 and "Checking the alert state" in window.banner.text()
    assert controller.findChild(SourcesController) is None
    labels = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    assert labels == ["&Shelters", "&Preparedness", "&Advisories", "Alert &history"]  # whole from the first frame
    qtbot.waitUntil(lambda: window.findChild(FirstFrame).done)
    assert controller.findChild(SourcesController) is not None
    assert isinstance(window.tabs.widget(3), HistoryPane) and window.tabs.widget(3) is window.history
    assert [window.tabs.tabText(index) for index in range(window.tabs.count())] == labels
    assert window.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: "no alert feed" in window.banner.text())  # every feed is off in tests: said so
    controller.findChild(SourcesController).alerts.stop()
    controller.catalog.close()


def test_hidden_without_a_tray_still_shows_the_window(qtbot):
    # --hidden comes from autostart; with no tray to come back from, hiding would lose the app.
    controller = build(QApplication.instance(), parse_args(["--hidden", "--lang", "en"]))
    qtbot.addWidget(controller.window)
    assert controller.window.isVisible()
    controller.catalog.close()


def test_damaged_settings_and_database_are_set_aside_and_said(qtbot, app_home):
    paths = default_paths()
    paths.ensure()
    paths.settings_file.write_text("{broken", encoding="utf-8")
    paths.database.write_bytes(b"garbage" * 1000)
    controller = build(QApplication.instance(), parse_args(["--lang", "en"]))
    qtbot.addWidget(controller.window)
    notice = controller.window.notice.text()
    assert "settings file could not be read" in notice and "database was damaged" in notice
    assert controller.window.proxy.rowCount() == 52
    assert len(list(app_home.glob("settings.json.corrupt-*"))) == 1
    assert len(list((app_home / "data").glob("shelters.sqlite.corrupt-*"))) == 1
    controller.catalog.close()


def test_version_flag_needs_no_display():
    result = subprocess.run(
        [sys.executable, "-m", "shelterapp", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("shelterapp ")


def test_exit_after_start_shows_the_window_and_quits_cleanly(app_home):
    """The smoke test the bundles use: a whole start in a fresh process, no traceback on the way out."""
    write_config(
        app_home,
        extra='[map]\ntile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n[geocoder]\nurl = "http://127.0.0.1:9"\n',
    )
    result = subprocess.run(
        [sys.executable, "-m", "shelterapp", "--exit-after-start", "--lang", "uk"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "started: window shown, 52 shelters" in result.stdout
    assert "Traceback" not in result.stderr
    assert (app_home / "data" / "preparedness.json").exists()


def test_an_alert_in_the_first_poll_reaches_the_full_screen(qtbot, app_home, httpserver):
    # The alarm and the full screen are built after the window's first frame (the start path stays light) but
    # before the feeds start: the whole app, a local feed already alerting, and the red screen comes up.
    from alert_fakes import Feed

    from shelterapp.ui.alert_screen import FullScreenAlert

    feed = Feed(live=True)
    feed.set(active=True)
    write_config(app_home, {"siren_pp_ua": {"url": feed.install(httpserver)}}, extra="[alerts]\nsound = false\n")
    app = QApplication.instance()
    earlier = set(app.findChildren(FullScreenAlert))  # those of apps built by earlier tests in this process
    controller = build(app, parse_args(["--lang", "en"]))
    qtbot.addWidget(controller.window)
    qtbot.waitUntil(lambda: len(set(app.findChildren(FullScreenAlert)) - earlier) == 1, timeout=10_000)
    (screens,) = set(app.findChildren(FullScreenAlert)) - earlier
    try:
        qtbot.waitUntil(lambda: screens.showing, timeout=15_000)
        titles = [window.windowTitle() for window in screens.windows.values() if window.isVisible()]
        assert titles and all("AIR-RAID ALERT" in title for title in titles)
    finally:
        screens.close()
        controller.findChild(SourcesController).alerts.stop()
        controller.catalog.close()
