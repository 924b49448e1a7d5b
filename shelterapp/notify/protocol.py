"""org.freedesktop.Notifications as D-Bus messages, without Qt: what dbus.py sends, and what a caller without an
event loop (shelterapp-cli drill) can ask with `query_server()` and `send_notification()`.

The spec (https://specifications.freedesktop.org/notification-spec/): Notify(app_name s, replaces_id u,
app_icon s, summary s, body s, actions as, hints a{sv}, expire_timeout i) -> id u; CloseNotification(id u);
GetCapabilities() -> as; GetServerInformation() -> (name s, vendor s, version s, spec_version s); signals
ActionInvoked(id u, action_key s) and NotificationClosed(id u, reason u), sent to every listener.

Typing, the one trap: GDBus-based servers (GNOME Shell, dunst, xfce4-notifyd) and QtDBus ones (Plasma) refuse a
call whose signature is not exactly `susssasa{sv}i`, and dunst reads urgency only as a byte. jeepney writes each
value with the type its signature names, so urgency goes out as `y`, replaces_id as `u` and an empty action list
as `as`; tests/notify/test_notifier.py checks every type on the wire against a strict fake server.
"""

from __future__ import annotations

import html
import os
from typing import Any

from jeepney import DBusAddress, HeaderFields, Message, MessageType, new_method_call

from shelterapp.notify.notification import APP_NAME, Notification, ServerInformation
from shelterapp.notify.wire import BusSocket, error_text

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
# packaging/shelterapp.desktop, also the icon name; a Flatpak renames both to its app id
DESKTOP_ENTRY = os.environ.get("FLATPAK_ID", "shelterapp")
QUERY_TIMEOUT_S = 5.0


class NotificationsError(RuntimeError):
    """The notification server answered with an error, or with something the spec does not allow."""


def server_address(destination: str = SERVICE) -> DBusAddress:
    """The server's object; `destination` may be the unique name of one server instance instead of SERVICE."""
    return DBusAddress(PATH, bus_name=destination, interface=INTERFACE)


def dbus_text(text: str) -> str:
    """`text` as a valid D-Bus string: no NUL (the bus drops a connection that sends one), no lone surrogate."""
    return text.replace("\0", "").encode("utf-8", "replace").decode("utf-8")


def notify_call(notification: Notification, capabilities: frozenset[str]) -> Message:
    """The Notify call for `notification`: actions only for servers listing "actions", the body escaped only for
    servers listing "body-markup" (it is plain text: a feed's "<b>" must reach the user as written)."""
    actions = [dbus_text(part) for pair in notification.actions for part in pair] if "actions" in capabilities else []
    body = dbus_text(notification.body)
    if "body-markup" in capabilities:
        body = html.escape(body, quote=False)
    hints: dict[str, tuple[str, Any]] = {
        "urgency": ("y", int(notification.urgency)),
        "desktop-entry": ("s", DESKTOP_ENTRY),
    }
    if notification.sound:
        hints["sound-name"] = ("s", dbus_text(notification.sound))
    if notification.silent:
        hints["suppress-sound"] = ("b", True)
    if notification.category:
        hints["category"] = ("s", dbus_text(notification.category))
    arguments = (
        APP_NAME,
        0,  # replaces_id: always a new notification
        DESKTOP_ENTRY,  # app_icon
        dbus_text(notification.title),
        body,
        actions,
        hints,
        notification.timeout_ms,
    )
    return new_method_call(server_address(), "Notify", NOTIFY_SIGNATURE, arguments)


def close_call(notification_id: int, destination: str = SERVICE) -> Message:
    return new_method_call(server_address(destination), "CloseNotification", "u", (notification_id,))


def capabilities_call() -> Message:
    return new_method_call(server_address(), "GetCapabilities")


def server_information_call() -> Message:
    return new_method_call(server_address(), "GetServerInformation")


def _body(reply: Message, signature: str, what: str) -> tuple[Any, ...]:
    if reply.header.message_type is MessageType.error:
        raise NotificationsError(f"{what}: {error_text(reply)}")
    got = reply.header.fields.get(HeaderFields.signature, "")
    if got != signature:
        raise NotificationsError(f"{what}: the server answered {got!r}, not {signature!r}")
    return tuple(reply.body)


def read_notification_id(reply: Message) -> int:
    return int(_body(reply, "u", "Notify")[0])


def read_capabilities(reply: Message) -> frozenset[str]:
    return frozenset(_body(reply, "as", "GetCapabilities")[0])


def read_server_information(reply: Message, capabilities: frozenset[str] = frozenset()) -> ServerInformation:
    name, vendor, version, spec_version = _body(reply, "ssss", "GetServerInformation")
    return ServerInformation(name, vendor, version, spec_version, capabilities)


# Without an event loop ------------------------------------------------------------------------------------------


def query_server(timeout_s: float = QUERY_TIMEOUT_S, address: str | None = None) -> ServerInformation:
    """Who serves notifications on the session bus (activating it if need be), waiting at most `timeout_s` per
    question. Raises BusUnavailable (no bus), TimeoutError, or NotificationsError (no server, or a bad answer)."""
    bus = BusSocket.open(address, min(timeout_s, 2.0))
    try:
        capabilities = read_capabilities(bus.call_blocking(capabilities_call(), timeout_s))
        return read_server_information(bus.call_blocking(server_information_call(), timeout_s), capabilities)
    finally:
        bus.close()


def send_notification(
    notification: Notification, timeout_s: float = QUERY_TIMEOUT_S, address: str | None = None
) -> tuple[ServerInformation, int]:
    """Deliver one notification and return the server that took it and the id it gave. Raises as query_server().
    Nothing listens for its actions afterwards: for a drill from the command line."""
    bus = BusSocket.open(address, min(timeout_s, 2.0))
    try:
        capabilities = read_capabilities(bus.call_blocking(capabilities_call(), timeout_s))
        server = read_server_information(bus.call_blocking(server_information_call(), timeout_s), capabilities)
        return server, read_notification_id(bus.call_blocking(notify_call(notification, capabilities), timeout_s))
    finally:
        bus.close()
