"""Time to shelter, end to end against a local siren.pp.ua-shaped feed: hidden when calm, counting from the
alert's start, stopped by "I am in a shelter", gone at the all clear, and fresh for the next alert."""

from __future__ import annotations

from datetime import timedelta

from alert_fakes import Clock
from PySide6.QtCore import QObject

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import CLEAR_CONFIRM_S, State
from shelterapp.config import AppConfig, SourceOverride
from shelterapp.settings import Settings
from shelterapp.shelters.spatial import Hit
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.timer_controller import TimerController


class FakeTray(QObject):
    """What the timer needs of the tray (the real one needs a tray host, which CI lacks)."""

    from PySide6.QtCore import Signal

    in_shelter_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.text, self.running = "", False

    def set_timer(self, text: str, running: bool) -> None:
        self.text, self.running = text, running


def start(qtbot, feed, tmp_path, catalog, clock, memory=None):
    config = AppConfig(sources={"siren_pp_ua": SourceOverride(url=feed.url)})
    specs = [s for s in build_specs(config) if s.name == "siren_pp_ua"]
    service = AlertService(specs, HttpClient(), HistoryStore.open(tmp_path / "h.sqlite"), ("31",), clock=clock)
    window = MainWindow("en", Settings())
    qtbot.addWidget(window)
    tray = FakeTray()

    def nearest() -> Hit | None:
        hits = catalog.nearest(50.4501, 30.5234, 1)
        return hits[0] if hits else None

    timer = TimerController(service, window.timer_bar, tray, nearest, "en", clock=clock, memory=memory)
    return service, window, tray, timer


def poll(qtbot, service):
    with qtbot.waitSignal(service.source_health_changed, timeout=10_000):
        service.coordinators["siren_pp_ua"].poll_now()


def test_timer_follows_the_alert(qtbot, feed, tmp_path, catalog):
    clock = Clock()
    service, window, tray, timer = start(qtbot, feed, tmp_path, catalog, clock)
    window.show()
    bar = window.timer_bar
    poll(qtbot, service)
    assert service.merged().state is State.CLEAR
    assert bar.isHidden() and tray.text == ""

    feed.set(active=True)
    clock.advance(15)
    poll(qtbot, service)
    assert service.merged().state is State.ACTIVE
    since = service.merged().since
    clock.now = since + timedelta(minutes=3, seconds=7)
    timer.show()  # what the one-second tick does
    assert bar.isVisible()
    assert bar.label.text().startswith("◷ 3:07 since the alert began · nearest shelter Maidan Nezalezhnosti")
    assert "on foot" in bar.label.text() and bar.button.isVisible()
    assert tray.running and tray.text == bar.label.text()
    assert timer._tick.isActive()

    clock.now += timedelta(seconds=53)
    bar.button.click()  # "I am in a shelter"
    assert bar.label.text().startswith("✓ In a shelter since") and "4:00 after the alert began" in bar.label.text()
    assert not bar.button.isVisible() and not tray.running and not timer._tick.isActive()

    clock.advance(15)
    poll(qtbot, service)  # the same alert polled again: still sheltered, not restarted
    assert bar.label.text().startswith("✓ In a shelter")

    feed.set(active=False)
    for _ in range(3):
        clock.advance(CLEAR_CONFIRM_S / 2 + 1)
        poll(qtbot, service)
    assert service.merged().state is State.CLEAR
    assert bar.isHidden() and tray.text == ""

    feed.set(active=True)  # the next alert counts afresh
    clock.advance(60)
    poll(qtbot, service)
    clock.now = service.merged().since + timedelta(seconds=12)
    timer.show()
    assert bar.label.text().startswith("◷ 0:12 since the alert began") and bar.button.isVisible()
    service.stop()


def test_offline_in_the_middle_of_an_alert_keeps_the_timer_running(qtbot, feed, tmp_path, catalog, httpserver):
    clock = Clock()
    service, _window, tray, timer = start(qtbot, feed, tmp_path, catalog, clock)
    feed.set(active=True)
    poll(qtbot, service)
    assert timer.status().running
    httpserver.clear()  # the feed now answers 500: state unknown, not clear
    httpserver.expect_request("/api/v3/alerts/status").respond_with_data("down", status=500)
    for _ in range(2):
        clock.advance(30)
        poll(qtbot, service)
    assert service.merged().state is State.UNKNOWN
    assert timer.status().running and tray.running
    service.stop()


def test_a_restart_during_the_alert_remembers_in_a_shelter(qtbot, feed, tmp_path, catalog):
    clock, memory = Clock(), tmp_path / "shelter_timer.json"
    service, _window, _tray, timer = start(qtbot, feed, tmp_path, catalog, clock, memory)
    feed.set(active=True)
    poll(qtbot, service)
    clock.advance(120)
    timer.in_shelter()
    service.stop()

    # "Restart now" after a language change: same files, new everything else
    service2, window2, tray2, timer2 = start(qtbot, feed, tmp_path, catalog, clock, memory)
    clock.advance(15)
    poll(qtbot, service2)
    assert not timer2.status().running and not tray2.running
    assert window2.timer_bar.label.text().startswith("✓ In a shelter since")

    feed.set(active=False)
    for _ in range(3):
        clock.advance(CLEAR_CONFIRM_S / 2 + 1)
        poll(qtbot, service2)
    assert window2.timer_bar.isHidden() and not memory.exists()  # the all clear ends what it remembered
    service2.stop()
