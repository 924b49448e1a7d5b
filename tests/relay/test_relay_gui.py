"""The GUI app following a relay, end to end: feed -> relay -> Mosquitto (TLS, ACL) -> the desktop's alert
service -> the presenter -> a fake org.freedesktop.Notifications on a private bus. Exactly one start and one
all-clear per alert the relay published, and nothing extra when the relay restarts in the middle of one."""

from __future__ import annotations

from helpers import write_config
from mqtt_broker import DESK_PASSWORD, DESK_USER
from relay_helpers import InProcessRelay, relay_config

from shelterapp.alerting import service as service_module
from shelterapp.alerting import tracker
from shelterapp.alerting.history import HistoryStore
from shelterapp.alerting.service import AlertService
from shelterapp.alerting.tracker import State
from shelterapp.config import load_config
from shelterapp.settings import Settings
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.alert_presenter import AlertPresenter
from shelterapp.ui.main_window import MainWindow


def test_one_start_and_one_all_clear_per_relayed_alert_and_none_after_a_restart(
    qtbot, broker, feed, fast_feed, app_home, tmp_path, monkeypatch, start_notification_server, connect_bus
):
    from shelterapp.notify.dbus import DBusNotifier

    monkeypatch.setattr(tracker, "CLEAR_CONFIRM_S", 0.5)  # the all-clear still has to hold; only shorter
    monkeypatch.setattr(service_module, "TICK_MS", 100)
    fake = start_notification_server()
    relay_home = tmp_path / "relay-home"
    relay_config(relay_home, broker, feed.url, interval_s=0.3)
    relay = InProcessRelay(relay_home).start()

    # the desktop, as app.py builds it, from its own config.toml: [sources.relay] only, password in the keyring
    desk_config = write_config(
        app_home,
        extra=f'[sources.relay]\nurl = "{broker.url}"\nusername = "{DESK_USER}"\nca_file = "{broker.ca_file}"\n',
    )
    config = load_config(desk_config)
    assert config.problems == []
    specs = build_specs(config, lambda name: DESK_PASSWORD if name == "relay" else "")
    service = AlertService(specs, HttpClient(), HistoryStore.open(tmp_path / "history.sqlite"), ("31",))
    window = MainWindow("en", Settings())
    qtbot.addWidget(window)
    presenter = AlertPresenter(  # noqa: F841 (kept alive: it turns the service's signals into notifications)
        service, window, None, DBusNotifier(connect_bus(fake.address)), lambda: None, "en", lambda: None
    )
    service.start()
    seen = lambda state: qtbot.waitUntil(lambda: service.merged().state is state, timeout=20_000)  # noqa: E731
    count = lambda n: qtbot.waitUntil(lambda: len(fake.notifications()) == n, timeout=20_000)  # noqa: E731
    try:
        seen(State.CLEAR)
        assert window.banner.state == "clear"

        feed.set(active=True)
        seen(State.ACTIVE)
        count(1)
        relay.stop()  # the relay restarts in the middle of the alert: offline, then back with a newer seq
        seen(State.UNKNOWN)
        relay = InProcessRelay(relay_home).start()
        seen(State.ACTIVE)
        feed.set(active=False)
        count(2)
        seen(State.CLEAR)

        feed.set(active=True)  # a second alert: its own start and all-clear
        count(3)
        feed.set(active=False)
        count(4)
        seen(State.CLEAR)
        qtbot.wait(500)  # nothing else may arrive
    finally:
        service.stop()
        relay.stop()
    summaries = [n["summary"] for n in fake.notifications()]
    assert summaries == ["AIR-RAID ALERT: go to a shelter", "All clear"] * 2
    start = fake.notifications()[0]
    assert start["hints"]["urgency"] == ["y", 2] and "Kyiv city" in start["body"]
    assert fake.rejected() == []
