"""The notification server is a moving target: dunst restarts, a server is started by D-Bus activation on our first
call or after the app, another client emits the server's signals. What the user would notice: the alert still
arrives, and a click on someone else's notification never acts as a click on ours."""

from __future__ import annotations

from notify_helpers import ALERT, ALERT_KEY, arrived, plain

from shelterapp.notify.base import ServerInformation
from shelterapp.notify.dbus import DBusNotifier
from shelterapp.notify.factory import make_notifier

FAKE_SERVER = ServerInformation("fake", "shelterapp tests", "1.0", "1.2", frozenset({"actions", "body", "sound"}))


def delivered(qtbot, notifier, key: str) -> int:
    qtbot.waitUntil(lambda: notifier.notification_id(key) is not None, timeout=2000)
    notification_id = notifier.notification_id(key)
    assert notification_id is not None
    return notification_id


def test_the_drill_learns_who_serves_notifications_and_the_id_of_its_notification(qtbot, dbus):
    fake, notifier = dbus()
    qtbot.waitUntil(lambda: notifier.server_information() is not None, timeout=2000)
    assert notifier.server_information() == FAKE_SERVER

    with qtbot.waitSignal(notifier.delivered, timeout=2000) as blocker:
        notifier.notify(ALERT)

    assert blocker.args == [ALERT_KEY]
    assert notifier.notification_id(ALERT_KEY) == arrived(qtbot, fake)[0]["id"]


def test_capabilities_are_asked_once_however_many_notifications(qtbot, dbus):
    fake, notifier = dbus()

    for number in range(5):
        notifier.notify(plain(f"advisory:{number}"))
    arrived(qtbot, fake, 5)

    assert fake.calls("GetCapabilities") == fake.servers()  # one question, to the one server
    assert fake.calls("GetServerInformation") == fake.servers()


def test_only_the_server_that_gave_the_id_is_heard(qtbot, dbus):
    fake, notifier = dbus()
    invoked = []
    notifier.action_invoked.connect(lambda key, action: invoked.append((key, action)))
    notifier.notify(ALERT)
    alert_id = delivered(qtbot, notifier, ALERT_KEY)

    fake.impersonate_server(alert_id, "show_shelters")  # any client may emit ActionInvoked with our id
    notifier.notify(plain("marker"))  # the server's answer to this comes after the forged signal
    delivered(qtbot, notifier, "marker")

    assert invoked == []
    with qtbot.waitSignal(notifier.action_invoked, timeout=2000):
        fake.invoke_action(alert_id, "show_shelters")
    assert invoked == [(ALERT_KEY, "show_shelters")]


def test_after_a_server_restart_its_successor_is_asked_again_and_old_ids_mean_nothing(qtbot, dbus):
    fake, notifier = dbus()
    invoked, servers = [], []
    notifier.action_invoked.connect(lambda key, action: invoked.append((key, action)))
    notifier.server_changed.connect(servers.append)
    notifier.notify(ALERT)
    alert_id = delivered(qtbot, notifier, ALERT_KEY)

    fake.restart_server()  # dunst restarted: the alert's popup is gone, and ids start again at 1
    qtbot.waitUntil(lambda: servers == [None, FAKE_SERVER], timeout=2000)
    fake.invoke_action(alert_id, "show_shelters")  # the new server's id 1 is some other notification
    notifier.close(ALERT_KEY)  # must not close that other notification
    notifier.notify(plain("all-clear"))
    new_id = delivered(qtbot, notifier, "all-clear")

    first_server, second_server = fake.servers()
    assert fake.calls("GetCapabilities") == [first_server, second_server]
    assert new_id == alert_id == 1
    assert fake.closed() == []
    assert invoked == []
    with qtbot.waitSignal(notifier.action_invoked, timeout=2000) as blocker:
        fake.invoke_action(new_id, "default")
    assert blocker.args == ["all-clear", "default"]


def test_a_server_that_went_away_fails_notify_and_one_that_comes_back_gets_the_next(qtbot, dbus):
    fake, notifier = dbus()
    reasons = []
    notifier.failed.connect(reasons.append)

    fake.stop_server()
    qtbot.waitUntil(lambda: notifier.server_information() is None, timeout=2000)
    assert notifier.notify(ALERT) is True  # handed on; the bus says nobody serves the name
    qtbot.waitUntil(lambda: bool(reasons), timeout=3000)
    fake.start_server()  # e.g. the user starts dunst again, by hand (no activation file)
    qtbot.waitUntil(lambda: notifier.server_information() is not None, timeout=2000)
    notifier.notify(plain("all-clear"))

    assert [n["summary"] for n in arrived(qtbot, fake, 2)] == [ALERT.title, "All clear"]
    assert "ServiceUnknown" in reasons[0] or "NameHasNoOwner" in reasons[0]


def test_a_server_started_by_d_bus_activation_gets_the_alert(qtbot, start_notification_server, connect_bus):
    fake = start_notification_server(server=False, activatable=True)  # installed, not running: dunst at login

    notifier = make_notifier(connection=connect_bus(fake.address))
    assert notifier.name == "dbus"
    notifier.notify(ALERT)

    (sent,) = arrived(qtbot, fake)
    assert sent["hints"]["urgency"] == ["y", 2]
    assert fake.calls("GetCapabilities") == fake.servers()  # activated once, asked once
    assert delivered(qtbot, notifier, ALERT_KEY) == sent["id"]


def test_a_server_that_appears_after_the_app_is_used_and_announced(qtbot, start_notification_server, connect_bus):
    fake = start_notification_server(server=False)  # no server yet, no activation file either
    notifier = DBusNotifier(connect_bus(fake.address), call_timeout_ms=500)
    qtbot.waitUntil(lambda: notifier.capabilities is not None, timeout=2000)  # its question failed: no server

    with qtbot.waitSignal(notifier.server_changed, timeout=3000) as blocker:
        fake.start_server()
    notifier.notify(ALERT)

    assert blocker.args == [FAKE_SERVER]
    assert arrived(qtbot, fake)[0]["actions"] == ["show_shelters", "Show shelters"]  # its capabilities were learnt


def test_notify_returns_before_a_hung_server_could_have_answered(qtbot, dbus):
    fake, notifier = dbus(hang=("Notify",), call_timeout_ms=300)
    reasons = []
    notifier.failed.connect(reasons.append)

    assert notifier.notify(ALERT) is True

    assert reasons == []  # no waiting in notify(): the timeout can only be seen later, from the event loop
    qtbot.waitUntil(lambda: bool(reasons), timeout=3000)
    assert "NoReply" in reasons[0]
    assert len(fake.notifications()) == 1
