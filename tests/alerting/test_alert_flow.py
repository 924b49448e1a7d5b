"""End to end, headless: a local siren.pp.ua-shaped feed goes quiet -> alert -> all clear, and the person gets
exactly one critical notification with "Show shelters", one all-clear, a red banner, and nothing again
after a restart."""

from __future__ import annotations

from alert_fakes import Clock, RecordingNotifier

from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import CLEAR_CONFIRM_S, State
from shelterapp.config import AppConfig, SourceOverride
from shelterapp.notify.base import Urgency
from shelterapp.settings import Settings
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.alert_presenter import SHOW_SHELTERS, AlertPresenter
from shelterapp.ui.main_window import MainWindow


def start_app(qtbot, feed, history_path, clock, notifier):
    config = AppConfig(sources={"siren_pp_ua": SourceOverride(url=feed.url)})
    specs = [s for s in build_specs(config) if s.name == "siren_pp_ua"]
    service = AlertService(specs, HttpClient(), HistoryStore.open(history_path), ("31",), clock=clock)
    window = MainWindow("en", Settings())
    qtbot.addWidget(window)
    shown = []
    presenter = AlertPresenter(service, window, None, notifier, lambda: None, "en", lambda: shown.append(True))
    # Gone with the window when the test ends: a service left polling on its own timer would reach a later
    # test's feed on the same local server and paint this test's deleted window.
    window.destroyed.connect(service.stop)
    return service, window, presenter, shown


def poll(qtbot, service):
    coordinator = service.coordinators["siren_pp_ua"]
    with qtbot.waitSignal(service.source_health_changed, timeout=10_000):
        coordinator.poll_now()


def test_quiet_alert_all_clear_then_restart(qtbot, feed, tmp_path):
    clock, notifier = Clock(), RecordingNotifier()
    history = tmp_path / "history.sqlite"
    service, window, _presenter, shown = start_app(qtbot, feed, history, clock, notifier)
    service.start()
    poll(qtbot, service)
    assert service.merged().state is State.CLEAR and notifier.shown == []
    assert window.banner.state == "clear"
    assert "Sources: siren.pp.ua" in window.banner.text()  # the site people know, not our config key

    window.hide()  # the app lives in the tray
    feed.set(active=True)
    clock.advance(15)
    poll(qtbot, service)
    assert window.isVisible()  # the alert brings the nearest shelters up
    clock.advance(15)
    poll(qtbot, service)  # still on: no second notification
    assert [n.urgency for n in notifier.shown] == [Urgency.CRITICAL]
    start = notifier.shown[0]
    assert start.actions[0] == (SHOW_SHELTERS, "Show shelters") and start.timeout_ms == 0
    assert "Kyiv city" in start.body
    assert window.banner.state == "active" and "AIR-RAID ALERT" in window.banner.text()
    window.tabs.setCurrentWidget(window.history)  # the pane fills when it is looked at
    assert window.history.model.rowCount() == 1

    notifier.action_invoked.emit(start.key, SHOW_SHELTERS)
    assert shown == [True] and window.tabs.currentIndex() == 0

    # the app restarts in the middle of the alert: same history file, new everything else
    service.stop()
    notifier2 = RecordingNotifier()
    service2, window2, _p2, _s2 = start_app(qtbot, feed, history, clock, notifier2)
    service2.start()
    clock.advance(15)
    poll(qtbot, service2)
    assert notifier2.shown == [] and window2.banner.state == "active"

    feed.set(active=False)
    for _ in range(3):
        clock.advance(CLEAR_CONFIRM_S / 2 + 1)
        poll(qtbot, service2)
    assert [n.title for n in notifier2.shown] == ["All clear"]
    assert notifier2.closed == [start.key]  # the alert popup is withdrawn
    assert window2.banner.state == "clear"
    assert HistoryStore.open(history).open_episode() is None
    service2.stop()  # a service left running polls the shared local server during later tests


def test_feed_failures_show_unknown_never_clear(qtbot, feed, tmp_path, httpserver):
    clock, notifier = Clock(), RecordingNotifier()
    service, window, _presenter, _shown = start_app(qtbot, feed, tmp_path / "h.sqlite", clock, notifier)
    feed.set(active=True)
    service.start()
    poll(qtbot, service)
    assert window.banner.state == "active"
    httpserver.clear()
    httpserver.expect_request("/api/v3/alerts/status").respond_with_data("<html>captive portal</html>")
    for _ in range(4):
        clock.advance(30)
        poll(qtbot, service)
    assert service.merged().state is State.UNKNOWN
    assert window.banner.state == "unknown" and "treat it as still on" in window.banner.text()
    assert [n.urgency for n in notifier.shown] == [Urgency.CRITICAL]  # no all-clear was invented
    service.stop()


def test_exact_notifications_on_a_private_session_bus(qtbot, feed, tmp_path, start_notification_server, connect_bus):
    """The issue's acceptance test: what really reaches org.freedesktop.Notifications, restart included."""
    from shelterapp.notify.dbus import DBusNotifier

    fake = start_notification_server()
    clock, history = Clock(), tmp_path / "history.sqlite"

    def run(steps):
        notifier = DBusNotifier(connect_bus(fake.address))
        service, _window, _presenter, _shown = start_app(qtbot, feed, history, clock, notifier)
        service.start()
        for active in steps:
            if active is not None:
                feed.set(active)
            clock.advance(CLEAR_CONFIRM_S / 2 + 1)
            poll(qtbot, service)
        service.stop()
        return notifier

    run([False, True, None, None])  # quiet, the alert starts, goes on
    qtbot.waitUntil(lambda: len(fake.notifications()) == 1, timeout=5000)
    run([None, False, None, None])  # restart during the alert, then the all-clear
    qtbot.waitUntil(lambda: len(fake.notifications()) == 2, timeout=5000)
    qtbot.wait(300)  # nothing else may arrive
    start, end = fake.notifications()
    assert fake.rejected() == []
    assert start["summary"] == "AIR-RAID ALERT: go to a shelter"
    assert start["hints"]["urgency"] == ["y", 2] and start["expire_timeout"] == 0
    assert start["actions"][:2] == ["show_shelters", "Show shelters"]
    assert "sound-name" in start["hints"]
    assert end["summary"] == "All clear" and end["hints"]["urgency"] == ["y", 1]
    assert len(fake.notifications()) == 2


def test_changing_regions_rebuilds_the_state_for_them(qtbot, feed, tmp_path):
    clock, notifier = Clock(), RecordingNotifier()
    service, window, _presenter, _shown = start_app(qtbot, feed, tmp_path / "h.sqlite", clock, notifier)
    feed.set(active=True)
    service.start()
    poll(qtbot, service)
    assert service.merged().state is State.ACTIVE  # Kyiv city is alerted in the fixture
    service.reconfigure(service.specs, ("14",))  # Kyiv oblast as a whole is not
    clock.advance(15)
    poll(qtbot, service)
    assert list(service.merged().regions) == ["14"] and service.merged().regions["14"].state is State.CLEAR
    assert "Kyiv oblast" in window.banner.text()
    service.stop()
