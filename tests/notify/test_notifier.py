"""Desktop notifications as the desktop sees them: every D-Bus type checked on the wire by a strict fake server."""

from __future__ import annotations

import gc
import logging
import sys
import types

import pytest
from fake_notifications import SERVER_METHODS
from notifications_fixture import connect_bus, start_notification_server  # noqa: F401  (fixtures)
from notify_helpers import ALERT, ALERT_KEY, arrived, plain
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from shelterapp.notify.base import Notification, Urgency
from shelterapp.notify.dbus import DBusNotifier
from shelterapp.notify.factory import make_notifier
from shelterapp.notify.fallbacks import LogNotifier, PlyerNotifier, TrayNotifier, plyer_available

# On the wire ------------------------------------------------------------------------------------------------------


def test_a_critical_alert_arrives_with_every_hint_correctly_typed(qtbot, dbus):
    fake, notifier = dbus()

    assert notifier.notify(ALERT) is True

    (sent,) = arrived(qtbot, fake)
    assert fake.rejected() == []  # the server accepted susssasa{sv}i
    assert sent["app_name"] == "shelterapp"
    assert sent["replaces_id"] == 0
    assert sent["summary"] == "Air-raid alert in Kyiv"
    assert sent["body"] == "Go to the nearest shelter."
    assert sent["actions"] == ["show_shelters", "Show shelters"]
    assert sent["hints"] == {
        "urgency": ["y", 2],  # a byte: dunst ignores an int32 urgency
        "desktop-entry": ["s", "shelterapp"],
        "sound-name": ["s", "alarm-clock-elapsed"],
        "category": ["s", "x-shelterapp.alert"],
    }
    assert sent["expire_timeout"] == 0


def test_clicking_the_action_reaches_the_caller_and_other_apps_ids_do_not(qtbot, dbus):
    fake, notifier = dbus()
    invoked = []
    notifier.action_invoked.connect(lambda key, action: invoked.append((key, action)))
    notifier.notify(ALERT)
    (sent,) = arrived(qtbot, fake)
    qtbot.waitUntil(lambda: notifier.notification_id(ALERT_KEY) == sent["id"], timeout=2000)  # the reply is in

    fake.invoke_action(sent["id"] + 100, "show_shelters")  # ActionInvoked is broadcast: another app's id
    with qtbot.waitSignal(notifier.action_invoked, timeout=2000) as blocker:
        fake.invoke_action(sent["id"], "show_shelters")

    assert blocker.args == [ALERT_KEY, "show_shelters"]
    assert invoked == [(ALERT_KEY, "show_shelters")]


def test_close_withdraws_the_right_notification(qtbot, dbus):
    fake, notifier = dbus()
    notifier.notify(ALERT)
    notifier.notify(plain("advisory:1"))
    first, _second = arrived(qtbot, fake, 2)

    notifier.close(ALERT_KEY)

    qtbot.waitUntil(lambda: fake.closed() == [first["id"]], timeout=2000)
    assert fake.rejected() == []  # CloseNotification got a u


def test_close_before_the_server_answered_still_closes(qtbot, dbus):
    fake, notifier = dbus()

    notifier.notify(ALERT)
    notifier.close(ALERT_KEY)  # the all-clear can follow within the same event-loop turn

    qtbot.waitUntil(lambda: len(fake.closed()) == 1, timeout=2000)
    assert fake.closed() == [fake.notifications()[0]["id"]]


def test_close_before_capabilities_are_known_sends_nothing(qtbot, dbus):
    fake, notifier = dbus(hang=("GetCapabilities",), call_timeout_ms=300)

    notifier.notify(ALERT)
    notifier.close(ALERT_KEY)
    notifier.notify(plain("marker"))  # waits for capabilities too; sent once they fail

    # GetCapabilities times out after 300 ms; then the queue is flushed without the withdrawn alert
    assert [n["summary"] for n in arrived(qtbot, fake)] == ["All clear"]


def test_the_same_key_twice_shows_one_notification(qtbot, dbus):
    fake, notifier = dbus()

    assert notifier.notify(ALERT) is True
    assert notifier.notify(ALERT) is False  # the second guard: the state machine should not have asked
    notifier.notify(plain("marker"))

    assert [n["summary"] for n in arrived(qtbot, fake, 2)] == [ALERT.title, "All clear"]


def test_a_server_without_actions_gets_none(qtbot, dbus):
    fake, notifier = dbus(capabilities=("body",))

    notifier.notify(ALERT)

    (sent,) = arrived(qtbot, fake)
    assert sent["actions"] == []
    assert fake.rejected() == []  # still an as, not an av


@pytest.mark.parametrize(
    ("capabilities", "body"),
    [
        (("body",), "Sirens & <drones> near Kyiv"),  # plain-text server: shown as is
        (("body", "body-markup"), "Sirens &amp; &lt;drones&gt; near Kyiv"),  # markup server: must not be parsed
    ],
)
def test_the_body_is_escaped_only_for_markup_servers(qtbot, dbus, capabilities, body):
    fake, notifier = dbus(capabilities=capabilities)

    notifier.notify(plain("advisory:2", body="Sirens & <drones> near Kyiv"))

    assert arrived(qtbot, fake)[0]["body"] == body


# When things go wrong ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hang",
    [
        ("Notify",),  # capabilities known, Notify itself never answered
        SERVER_METHODS,  # the server is stuck altogether
    ],
)
def test_a_server_that_never_answers_does_not_block_notify(qtbot, start_notification_server, connect_bus, caplog, hang):  # noqa: F811
    fake = start_notification_server(hang=hang)
    notifier = DBusNotifier(connect_bus(fake.address), call_timeout_ms=300)
    if "GetCapabilities" not in hang:
        qtbot.waitUntil(lambda: notifier.capabilities is not None, timeout=2000)
    reasons = []
    notifier.failed.connect(reasons.append)

    handed = notifier.notify(ALERT)

    assert handed is True
    assert reasons == []  # notify() did not wait: the server's silence can only be noticed later, by the event loop
    qtbot.waitUntil(lambda: any(r.startswith("Notify:") for r in reasons), timeout=3000)
    assert "NoReply" in reasons[-1]
    assert len(fake.notifications()) == 1  # it did reach the server
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "shelterapp.notify.base"]
    assert len(warnings) == 1  # logged once, however many calls failed


def test_no_notification_service_means_a_fallback_that_never_raises(qtbot, start_notification_server, connect_bus):  # noqa: F811
    fake = start_notification_server(server=False)
    connection = connect_bus(fake.address)

    notifier = make_notifier(connection=connection)
    tray = QSystemTrayIcon()

    assert notifier.name == "log"  # on Linux plyer would need the very service that is missing
    assert notifier.notify(ALERT) is False
    notifier.close(ALERT_KEY)
    assert make_notifier(tray_icon=tray, connection=connection).name == "tray"


def test_make_notifier_picks_dbus_when_the_service_is_there(qtbot, start_notification_server, connect_bus):  # noqa: F811
    fake = start_notification_server(hang=SERVER_METHODS)  # even a stuck server: only the bus daemon is asked

    notifier = make_notifier(connection=connect_bus(fake.address))

    assert notifier.name == "dbus"
    # Had make_notifier waited for the notification server itself, its stuck GetCapabilities would have failed
    # by now and left an empty set; an unanswered question means only the bus daemon was asked.
    assert notifier.capabilities is None


def test_a_lost_bus_makes_notify_fail_quietly(qtbot, start_notification_server, connect_bus):  # noqa: F811
    fake = start_notification_server()
    connection = connect_bus(fake.address)
    notifier = DBusNotifier(connection, call_timeout_ms=500)
    qtbot.waitUntil(lambda: notifier.capabilities is not None, timeout=2000)
    fake.close()  # the session ends under us
    qtbot.waitUntil(lambda: not connection.connected, timeout=2000)

    with qtbot.waitSignal(notifier.failed, timeout=1000):
        assert notifier.notify(ALERT) is False
    notifier.close(ALERT_KEY)


def test_dropping_the_notifier_while_a_call_is_in_flight_is_safe(qtbot, start_notification_server, connect_bus):  # noqa: F811
    # Call watchers parented to the notifier made PySide6 delete them twice when the reply came late: a crash.
    fake = start_notification_server()
    connection = connect_bus(fake.address)

    def notify_and_forget():
        notifier = DBusNotifier(connection)
        qtbot.waitUntil(lambda: notifier.capabilities is not None, timeout=2000)
        notifier.notify(ALERT)

    notify_and_forget()
    gc.collect()
    arrived(qtbot, fake)  # the server answers a notifier that is gone

    later = DBusNotifier(connection)  # same connection: its answer comes after the orphaned reply
    qtbot.waitUntil(lambda: later.capabilities is not None, timeout=2000)


# Fallbacks --------------------------------------------------------------------------------------------------------


class FakeTray(QObject):
    messageClicked = Signal()  # noqa: N815  (Qt's name)
    MessageIcon = QSystemTrayIcon.MessageIcon

    def __init__(self, visible: bool = True) -> None:
        super().__init__()
        self.visible = visible
        self.shown: list[tuple] = []

    def isVisible(self) -> bool:
        return self.visible

    def showMessage(self, title, msg, icon, msecs=10000) -> None:
        self.shown.append((title, msg, icon, msecs))


def test_tray_fallback_uses_the_critical_icon_and_a_click_acts(qtbot):
    tray = FakeTray()
    notifier = TrayNotifier(tray)
    delivered = []
    notifier.delivered.connect(delivered.append)

    assert notifier.notify(ALERT) is True
    assert notifier.notify(plain("advisory:3")) is True
    with qtbot.waitSignal(notifier.action_invoked, timeout=1000) as blocker:
        notifier.notify(Notification("alert-start:2", "Alert", "Go.", Urgency.CRITICAL, (("show_shelters", "Show"),)))
        tray.messageClicked.emit()

    assert tray.shown[0] == (ALERT.title, ALERT.body, QSystemTrayIcon.MessageIcon.Critical, 0)
    assert tray.shown[1][2] == QSystemTrayIcon.MessageIcon.Information
    assert blocker.args == ["alert-start:2", "show_shelters"]
    assert delivered == [ALERT_KEY, "advisory:3", "alert-start:2"]


def test_tray_fallback_without_a_visible_icon_reports_failure(qtbot):
    notifier = TrayNotifier(FakeTray(visible=False))

    with qtbot.waitSignal(notifier.failed, timeout=1000):
        assert notifier.notify(ALERT) is False


def test_plyer_fallback_runs_off_the_gui_thread(qtbot):
    calls = []
    notifier = PlyerNotifier(notify=lambda **kwargs: calls.append(kwargs))

    with qtbot.waitSignal(notifier.delivered, timeout=2000) as blocker:
        assert notifier.notify(ALERT) is True

    assert blocker.args == [ALERT_KEY]
    assert calls == [{"title": ALERT.title, "message": ALERT.body, "app_name": "shelterapp", "timeout": 10}]


def test_plyer_counts_only_with_a_real_backend_and_not_on_dbus_desktops(monkeypatch):
    class Facade:
        def notify(self, **kwargs):
            raise NotImplementedError

    class Backend(Facade):
        pass

    def fake_plyer(backend):
        package = types.ModuleType("plyer")
        package.notification = types.SimpleNamespace(notify=backend.notify)
        facades = types.ModuleType("plyer.facades")
        facades.Notification = Facade
        monkeypatch.setitem(sys.modules, "plyer", package)
        monkeypatch.setitem(sys.modules, "plyer.facades", facades)

    fake_plyer(Backend())
    assert plyer_available("win32") is True
    assert plyer_available("linux") is False  # its backends there need the D-Bus service itself
    fake_plyer(Facade())
    assert plyer_available("darwin") is False  # plyer found no backend


def test_log_fallback_logs_and_admits_it_showed_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger="shelterapp.notify.base"):
        assert LogNotifier().notify(ALERT) is False
    assert ALERT.title in caplog.text
