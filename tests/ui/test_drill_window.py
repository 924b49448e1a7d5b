"""Help → Run a drill, end to end: a local feed, the shelter store, a fake notification server on a private D-Bus
(reached through the app's own DBusNotifier), a fake sound player on PATH, the full-screen alert. Every text is
marked DRILL; each link is reported; a drill writes no history and raises no alert."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest
from alert_fakes import Clock
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel
from qt_cleanup import dispose
from sound_fakes import FakePlayers

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.config import AppConfig, SourceOverride
from shelterapp.notify.alarm import Alarm
from shelterapp.notify.dbus import DBusNotifier
from shelterapp.notify.siren import SoundFiles
from shelterapp.quiet_hours import QUIET_OFF
from shelterapp.settings import AlarmSettings, Settings
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.alarm_presenter import AlarmPresenter
from shelterapp.ui.alert_screen import FullScreenAlert
from shelterapp.ui.drill_controller import DrillController
from shelterapp.ui.main_window import MainWindow

DEFAULTS = AlarmSettings()


class FakeTray(QObject):
    in_shelter_requested = Signal()


class DrillRig:
    def __init__(self, qtbot, feed, tmp_path, catalog, fake, connection, chosen=DEFAULTS) -> None:
        self.qtbot = qtbot
        self.clock = Clock()
        config = AppConfig(sources={"siren_pp_ua": SourceOverride(url=feed.url)})
        specs = [s for s in build_specs(config) if s.name == "siren_pp_ua"]
        self.history = HistoryStore.open(tmp_path / "history.sqlite")
        self.service = AlertService(specs, HttpClient(), self.history, ("31",), clock=self.clock)
        self.events: list[object] = []
        for signal in (self.service.alert_started, self.service.alert_ended, self.service.missed_alert):
            signal.connect(self.events.append)
        self.window = MainWindow("en", Settings())
        qtbot.addWidget(self.window)
        self.alarm = Alarm(SoundFiles(tmp_path / "sounds"), gap_ms=10)
        self.screens = FullScreenAlert(clock=self.clock)
        hit = catalog.nearest(50.4501, 30.5234, 1)[0]
        self.presenter = AlarmPresenter(
            self.service, self.alarm, self.screens, self.window, FakeTray(), lambda: chosen, lambda: QUIET_OFF,
            lambda: hit, lambda: None, "en", clock=self.clock,
        )  # fmt: skip
        self.notifier = DBusNotifier(connection)
        self.chosen = chosen
        self.saved: list[AlarmSettings] = []
        self.drill = DrillController(
            self.service, self.alarm, self.screens, self.presenter, self.notifier, None, self.window, catalog,
            lambda: self.chosen, self.save, lambda: self.chosen, bus_address=fake.address, clock=self.clock,
        )  # fmt: skip

    def save(self, settings: AlarmSettings) -> None:
        self.chosen = settings
        self.saved.append(settings)

    def run(self) -> dict:
        with self.qtbot.waitSignal(self.drill.finished, timeout=30_000) as done:
            self.drill.run()
        return {link.name: link for link in done.args[0]}

    def close(self) -> None:
        self.service.stop()  # no poll of a later test's time lands in this test's closed history
        self.alarm.stop()
        self.screens.close()
        if self.drill.dialog is not None:
            self.drill.dialog.close()
        self.history.close()
        dispose(self.drill, self.presenter, self.screens, self.alarm, self.notifier, self.service)


@pytest.fixture
def rig(qtbot, feed, tmp_path, monkeypatch, catalog, start_notification_server, connect_bus):
    fake = start_notification_server()
    players = FakePlayers(tmp_path / "bin")
    players.install("pw-play")
    monkeypatch.setenv("PATH", players.path)
    made = DrillRig(qtbot, feed, tmp_path, catalog, fake, connect_bus(fake.address))
    made.fake, made.players = fake, players
    yield made
    made.close()
    del made
    gc.collect()  # here, on the GUI thread: a QObject collected later on a worker thread stops its timers there


def english(link) -> str:
    return " ".join(t.render() for t in link.detail + link.advice)


def test_the_whole_chain_is_reported_and_marked_drill(rig, qtbot):
    links = rig.run()
    assert list(links) == ["feeds", "shelters", "notifications", "sound", "fullscreen", "tray"]
    assert {name for name, link in links.items() if not link.ok} == {"tray"}  # offscreen: no tray host
    assert "This desktop has no system tray" in english(links["tray"])
    (sent,) = rig.fake.notifications()
    assert sent["summary"] == "DRILL: air-raid alert (not a real alert)" and "drill" in sent["body"]
    assert sent["hints"]["urgency"] == ["y", 2]
    assert f"Drill notification delivered, id {sent['id']}." in english(links["notifications"])
    assert "fake 1.0 (shelterapp tests)" in english(links["notifications"])
    assert "pw-play played the drill siren (exit status 0)." in english(links["sound"])
    assert len([p for p in rig.players.plays() if "siren-" in p["argv"][0]]) == 1  # once, not repeated
    assert "siren.pp.ua answered" in english(links["feeds"])
    assert english(links["fullscreen"]).startswith("Shown on 1 of 1 screens.")
    window = next(iter(rig.screens.windows.values()))
    assert window.title.text() == "DRILL: AIR-RAID ALERT"
    assert window.drill_top.text() == window.drill_bottom.text() == "DRILL: NOT A REAL ALERT"
    assert not window.drill_top.isHidden()
    assert rig.saved and rig.saved[-1].last_drill  # the monthly reminder counts from here
    report = rig.drill.dialog
    assert report is not None and report.isVisible()
    assert report.summary.text().startswith("✗ Drill over: these links need attention: Tray icon")
    assert report.labels["sound"].textFormat() == Qt.TextFormat.PlainText


def test_a_drill_raises_no_alert_and_writes_no_history(rig, qtbot):
    rig.run()
    assert rig.events == [] and rig.history.episodes() == [] and rig.service.tracker.episode is None


def test_enter_ends_the_drill_screen_and_the_report_stays(rig, qtbot):
    rig.run()
    qtbot.keyClick(next(iter(rig.screens.windows.values())), Qt.Key.Key_Return)
    assert not rig.screens.showing and rig.drill.dialog.isVisible()


def test_a_stale_feed_names_the_feeds_link(rig, feed, httpserver, qtbot):
    with qtbot.waitSignal(rig.service.source_health_changed, timeout=10_000):
        rig.service.coordinators["siren_pp_ua"].poll_now()  # the app had good data...
    assert rig.service.tracker.sources["siren_pp_ua"].last_success == rig.clock.now
    httpserver.clear()
    httpserver.expect_request("/api/v3/alerts/status").respond_with_data("down", status=503)
    rig.clock.advance(600)  # ten minutes without an answer
    links = rig.run()
    assert {name for name, link in links.items() if not link.ok} == {"feeds", "tray"}
    text = english(links["feeds"])
    assert "siren.pp.ua did not answer (server_error)." in text
    assert "siren.pp.ua is stale: its newest data is 10 min old." in text


def test_no_player_fails_the_sound_link_and_says_what_to_install(rig, monkeypatch, qtbot):
    monkeypatch.setenv("PATH", str(rig.players.folder.parent))
    links = rig.run()
    assert not links["sound"].ok and "pipewire-bin" in english(links["sound"])


def test_no_drill_during_a_real_alert(rig, feed, qtbot):
    feed.set(active=True)
    with qtbot.waitSignals([rig.service.alert_started, rig.service.source_health_changed], timeout=10_000):
        rig.service.coordinators["siren_pp_ua"].poll_now()
    rig.drill.run()
    assert not rig.drill.running and rig.fake.notifications() == []
    assert "An alert is on" in rig.window.notice.text()


def test_the_monthly_reminder_is_off_by_default_then_once_a_month(rig):
    rig.drill.remind_if_due()
    assert rig.window.notice.isHidden()
    rig.chosen = replace(rig.chosen, drill_reminder=True)
    rig.drill.remind_if_due()
    assert "A month has passed since your last drill" in rig.window.notice.text()
    assert rig.chosen.drill_reminded == rig.clock.now.date().isoformat()
    rig.window.clear_notice()
    rig.drill.remind_if_due()
    assert rig.window.notice.isHidden()  # not again the same month


def test_the_report_is_plain_text(rig, qtbot):
    links = rig.run()
    for label in rig.drill.dialog.findChildren(QLabel):
        if label.objectName().startswith("drill-"):
            assert label.textFormat() == Qt.TextFormat.PlainText
    assert links
