"""Issue #16, item 2, end to end on a private session bus with a fake notification server: Boryspil and Brovary
raions (next to Kyiv) turn red while the city is clear -> one quiet notice each, normal urgency, no sound, never
an alert start (which is what rings the alarm and opens the full screen); none again on the next polls or after a
restart; none when the city is already under alert; listed in the history as nearby."""

from __future__ import annotations

import pytest
from alert_fakes import Clock, Feed

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import CLEAR_CONFIRM_S
from shelterapp.config import AppConfig, SourceOverride
from shelterapp.settings import Settings
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.alert_presenter import AlertPresenter
from shelterapp.ui.main_window import MainWindow

EDGE_ONLY = "ukrainealarm_alerts_edge_only.json"  # 78 Boryspil and 79 Brovary alerted, Kyiv city not


@pytest.fixture
def feed(httpserver):
    feed = Feed()
    feed.url = feed.install(httpserver)
    return feed


class App:
    """The app's alert path, restartable on one history file, notifying through D-Bus."""

    def __init__(self, qtbot, feed, history, clock, notifier, nearby=True):
        config = AppConfig(sources={"siren_pp_ua": SourceOverride(url=feed.url, interval_s=3600)})  # the test polls
        specs = [s for s in build_specs(config) if s.name == "siren_pp_ua"]
        self.qtbot = qtbot
        self.service = AlertService(specs, HttpClient(), HistoryStore.open(history), ("31",), clock=clock,
                                    nearby=nearby)  # fmt: skip
        self.window = MainWindow("en", Settings())
        qtbot.addWidget(self.window)
        self.starts = []
        self.service.alert_started.connect(self.starts.append)
        AlertPresenter(self.service, self.window, None, notifier, lambda: None, "en", lambda: None, parent=self.window)
        self.clock = clock
        self.service.start()

    def poll(self, times=1):
        for _ in range(times):
            self.clock.advance(CLEAR_CONFIRM_S / 2 + 1)
            with self.qtbot.waitSignal(self.service.source_health_changed, timeout=10_000):
                self.service.coordinators["siren_pp_ua"].poll_now()

    def stop(self):
        self.service.stop()


def test_one_quiet_notice_per_raion_episode_and_none_after_a_restart(
    qtbot, feed, tmp_path, start_notification_server, connect_bus
):
    from shelterapp.notify.dbus import DBusNotifier

    fake = start_notification_server()
    history, clock = tmp_path / "history.sqlite", Clock()
    feed.set_payload(EDGE_ONLY)
    app = App(qtbot, feed, history, clock, DBusNotifier(connect_bus(fake.address)))
    app.poll(3)
    qtbot.waitUntil(lambda: len(fake.notifications()) == 2, timeout=5000)
    qtbot.wait(300)  # nothing else may arrive
    shown = fake.notifications()
    assert sorted(n["summary"] for n in shown) == [
        "Alert in Boryspil raion, next to Kyiv: be ready",
        "Alert in Brovary raion, next to Kyiv: be ready",
    ]
    for notice in shown:
        assert notice["hints"]["urgency"] == ["y", 1]  # normal, not critical
        assert "sound-name" not in notice["hints"] and notice["expire_timeout"] != 0
        assert notice["hints"]["suppress-sound"] == ["b", True]  # not even the server's default sound
        assert notice["hints"]["category"][1] == "x-shelterapp.nearby"
    assert app.starts == [] and app.service.merged().state.value == "clear"  # never an alert start
    app.window.tabs.setCurrentWidget(app.window.history)  # the pane fills when it is looked at
    rows = [app.window.history.model.item(r, 3).text() for r in range(app.window.history.model.rowCount())]
    assert sorted(rows) == ["Next to Kyiv: Boryspil raion", "Next to Kyiv: Brovary raion"]
    app.stop()

    restarted = App(qtbot, feed, history, clock, DBusNotifier(connect_bus(fake.address)))  # same raion episodes
    restarted.poll(2)
    qtbot.wait(300)
    assert len(fake.notifications()) == 2 and restarted.starts == []

    feed.set_payload("")  # the raions and the city clear; a new Brovary alert later is a new episode
    feed.set(False)
    restarted.poll(3)
    feed.set_payload(EDGE_ONLY)
    restarted.poll(1)
    qtbot.waitUntil(lambda: len(fake.notifications()) == 4, timeout=5000)
    restarted.stop()


def test_no_notice_when_the_city_is_already_under_alert(qtbot, feed, tmp_path, start_notification_server, connect_bus):
    from shelterapp.notify.dbus import DBusNotifier

    fake = start_notification_server()
    feed.set(True)  # Kyiv city red, and Boryspil and Brovary yellow, in one answer
    app = App(qtbot, feed, tmp_path / "history.sqlite", Clock(), DBusNotifier(connect_bus(fake.address)))
    app.poll(2)
    qtbot.waitUntil(lambda: len(fake.notifications()) == 1, timeout=5000)
    feed.set_payload(EDGE_ONLY)  # the city clears first; the raions stay red: they did not *turn* red
    app.poll(4)
    qtbot.waitUntil(lambda: len(fake.notifications()) == 2, timeout=5000)
    qtbot.wait(300)
    summaries = [n["summary"] for n in fake.notifications()]
    assert summaries == ["AIR-RAID ALERT: go to a shelter", "All clear"]
    stored = app.service.history.record.nearby_episodes()
    assert {e.region for e in stored} == {"78", "79"} and not any(e.notified for e in stored)
    app.window.tabs.setCurrentWidget(app.window.history)  # the pane fills when it is looked at
    assert app.window.history.model.rowCount() == 1  # the city's alert; the unnoticed raions are not listed
    app.stop()


def test_off_by_setting_means_no_notice_and_no_record(qtbot, feed, tmp_path):
    from alert_fakes import RecordingNotifier

    notifier = RecordingNotifier()
    feed.set_payload(EDGE_ONLY)
    app = App(qtbot, feed, tmp_path / "history.sqlite", Clock(), notifier, nearby=False)
    app.poll(2)
    assert notifier.shown == [] and app.service.history.record.nearby_episodes() == []
    app.stop()
