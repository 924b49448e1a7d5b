"""DBusNotifier: org.freedesktop.Notifications over QtDBus, asynchronous so a hung server never blocks the GUI.

The protocol (https://specifications.freedesktop.org/notification-spec/): Notify(app_name s, replaces_id u,
app_icon s, summary s, body s, actions as, hints a{sv}, expire_timeout i) -> id u; CloseNotification(id u);
GetCapabilities() -> as; signals ActionInvoked(id u, action_key s) and NotificationClosed(id u, reason u),
sent to every listener, so only ids this notifier received are acted on.

Typing, the one trap: GDBus-based servers (GNOME Shell, dunst, xfce4-notifyd) and QtDBus ones (Plasma) refuse a
call whose signature is not exactly `susssasa{sv}i`, and dunst reads urgency only as a byte. PySide6 6.11 turns a
Python int into `i` (QVariant) and, through QDBusArgument's `<<`, always into uint16 `q`: its uint and uchar
overloads cannot be reached, and it has no typed QDBusArgument constructor as PyQt does. So `dbus_uint32()` and
`dbus_byte()` call those two C++ operators through ctypes (Itanium C++ ABI names: Linux and the BSDs, the only
places this notifier runs) and check the resulting signature; if that ever fails, DBusNotifier cannot be built
and make_notifier() falls back. An empty Python list would go out as `av`, so actions use `dbus_string_list()`.
tests/test_notifier.py checks every type on the wire against a strict fake server.
"""

from __future__ import annotations

import ctypes
import html
import logging
import os
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import SLOT, QMetaType, QObject, Slot
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

from shelterapp.notify.base import APP_NAME, Notification, Notifier

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
# packaging/shelterapp.desktop, also the icon name; a Flatpak renames both to its app id
DESKTOP_ENTRY = os.environ.get("FLATPAK_ID", "shelterapp")
CALL_TIMEOUT_MS = 5000  # then the call counts as failed; the GUI never waits for it either way


class DBusTypingUnavailable(RuntimeError):
    """The ctypes route to QDBusArgument's typed operators does not work in this build."""


@cache
def _qtdbus() -> ctypes.CDLL:
    import PySide6

    bundled = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6DBus.so.6"  # the wheel's own copy
    try:
        return ctypes.CDLL(str(bundled) if bundled.exists() else "libQt6DBus.so.6")
    except OSError as exc:
        raise DBusTypingUnavailable(f"cannot load QtDBus: {exc}") from exc


def _typed(
    symbol: str, ctype: type[ctypes.c_uint32] | type[ctypes.c_uint8], value: int, signature: str
) -> QDBusArgument:
    import shiboken6

    try:
        operator = getattr(_qtdbus(), symbol)
    except AttributeError as exc:
        raise DBusTypingUnavailable(f"QtDBus has no {symbol}") from exc
    operator.argtypes = [ctypes.c_void_p, ctype]
    operator.restype = ctypes.c_void_p
    argument = QDBusArgument()
    operator(shiboken6.getCppPointer(argument)[0], value)
    if argument.currentSignature() != signature:
        raise DBusTypingUnavailable(f"{symbol} wrote {argument.currentSignature()!r}, not {signature!r}")
    return argument


def dbus_uint32(value: int) -> QDBusArgument:
    """A D-Bus `u` (QDBusArgument::operator<<(uint))."""
    return _typed("_ZN13QDBusArgumentlsEj", ctypes.c_uint32, value, "u")


def dbus_byte(value: int) -> QDBusArgument:
    """A D-Bus `y` (QDBusArgument::operator<<(uchar)); inside an a{sv} it becomes a variant holding a byte."""
    return _typed("_ZN13QDBusArgumentlsEh", ctypes.c_uint8, value, "y")


def dbus_string_list(values: Sequence[str]) -> list[str] | QDBusArgument:
    """A D-Bus `as`, empty or not (a non-empty Python list of str already marshals as QStringList)."""
    if values:
        return list(values)
    empty = QDBusArgument()
    empty.beginArray(QMetaType(QMetaType.Type.QString))
    empty.endArray()
    return empty


def service_problem(connection: QDBusConnection) -> str | None:
    """None when org.freedesktop.Notifications is running or activatable on this bus, else why not.
    Two short blocking questions to the bus daemon itself, never to the notification server."""
    if not connection.isConnected():
        return f"no session bus: {connection.lastError().message() or 'not connected'}"
    bus = connection.interface()
    running = bus.isServiceRegistered(SERVICE)
    if running.isValid() and running.value():
        return None
    activatable = bus.activatableServiceNames()
    if activatable.isValid() and SERVICE in activatable.value():
        return None
    return f"{SERVICE} is neither running nor activatable on the session bus"


class DBusNotifier(Notifier):
    """Notifications through org.freedesktop.Notifications. Signals: see Notifier.

    Capabilities are asked once, asynchronously, when it is built; notifications that arrive before the answer
    wait for it (or for its failure). Actions are sent only to servers listing "actions", and the body is
    escaped only for servers listing "body-markup".
    """

    name = "dbus"

    def __init__(
        self,
        connection: QDBusConnection | None = None,
        call_timeout_ms: int = CALL_TIMEOUT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        dbus_uint32(0)  # DBusTypingUnavailable here, not on the first alert
        self._bus = connection if connection is not None else QDBusConnection.sessionBus()
        self._timeout_ms = call_timeout_ms
        self._capabilities: frozenset[str] | None = None
        self._waiting: list[Notification] = []  # notify() before GetCapabilities answered
        self._id_by_key: dict[str, int] = {}
        self._key_by_id: dict[int, str] = {}
        self._sending: set[str] = set()  # Notify sent, reply not yet in
        self._close_on_reply: set[str] = set()  # close() came before Notify's reply
        self._watchers: set[QDBusPendingCallWatcher] = set()
        for signal_name, slot in (
            ("ActionInvoked", "_on_action_invoked(QDBusMessage)"),
            ("NotificationClosed", "_on_notification_closed(QDBusMessage)"),
        ):
            # PySide6's stub says bytes; at run time only the str that SLOT() returns is accepted.
            if not self._bus.connect(SERVICE, PATH, INTERFACE, signal_name, self, SLOT(slot)):  # type: ignore[call-overload]
                log.warning("cannot listen to %s: %s", signal_name, self._bus.lastError().message())
        self._call("GetCapabilities", [], self._capabilities_known, self._capabilities_unknown)

    @property
    def capabilities(self) -> frozenset[str] | None:
        """What the server said it supports; None until it answered."""
        return self._capabilities

    def notification_id(self, key: str) -> int | None:
        """The server's id for the notification shown under `key`, once the server answered; None otherwise."""
        return self._id_by_key.get(key)

    def _show(self, notification: Notification) -> bool:
        if not self._bus.isConnected():
            self._report_failure("the session bus connection is closed")
            return False
        if self._capabilities is None:
            self._waiting.append(notification)
        else:
            self._send(notification)
        return True

    def _send(self, notification: Notification) -> None:
        capabilities = self._capabilities or frozenset()
        actions = [part for pair in notification.actions for part in pair] if "actions" in capabilities else []
        body = html.escape(notification.body, quote=False) if "body-markup" in capabilities else notification.body
        hints: dict[str, Any] = {"urgency": dbus_byte(int(notification.urgency)), "desktop-entry": DESKTOP_ENTRY}
        if notification.sound:
            hints["sound-name"] = notification.sound
        if notification.category:
            hints["category"] = notification.category
        arguments = [
            APP_NAME,
            dbus_uint32(0),  # replaces_id: always a new notification
            DESKTOP_ENTRY,  # app_icon
            notification.title,
            body,
            dbus_string_list(actions),
            hints,
            notification.timeout_ms,
        ]
        key = notification.key
        self._sending.add(key)
        self._call(
            "Notify",
            arguments,
            lambda reply: self._notified(key, reply),
            lambda reason: self._not_notified(key, reason),
        )

    def _notified(self, key: str, reply: list[Any]) -> None:
        self._sending.discard(key)
        notification_id = int(reply[0])
        self._id_by_key[key] = notification_id
        self._key_by_id[notification_id] = key
        self._report_success()
        if key in self._close_on_reply:
            self._close_on_reply.discard(key)
            self._withdraw(key)

    def _not_notified(self, key: str, reason: str) -> None:
        self._sending.discard(key)
        self._close_on_reply.discard(key)
        self._report_failure(f"Notify: {reason}")

    def _withdraw(self, key: str) -> None:
        waiting = [n for n in self._waiting if n.key == key]
        if waiting:
            self._waiting = [n for n in self._waiting if n.key != key]
            return
        notification_id = self._id_by_key.pop(key, None)
        if notification_id is None:
            if key in self._sending:
                self._close_on_reply.add(key)  # Notify's reply is still on its way
            return
        self._key_by_id.pop(notification_id, None)
        self._call(
            "CloseNotification",
            [dbus_uint32(notification_id)],
            lambda _reply: None,
            lambda reason: self._report_failure(f"CloseNotification: {reason}"),
        )

    def _capabilities_known(self, reply: list[Any]) -> None:
        self._capabilities = frozenset(str(c) for c in (reply[0] if reply else []))
        log.debug("notification server capabilities: %s", sorted(self._capabilities))
        self._flush()

    def _capabilities_unknown(self, reason: str) -> None:
        self._capabilities = frozenset()  # send the waiting ones plainly; their own failure will be reported
        self._report_failure(f"GetCapabilities: {reason}")
        self._flush()

    def _flush(self) -> None:
        waiting, self._waiting = self._waiting, []
        for notification in waiting:
            self._send(notification)

    def _call(
        self,
        method: str,
        arguments: list[Any],
        on_reply: Callable[[list[Any]], None],
        on_error: Callable[[str], None],
    ) -> None:
        """Call `method` on the server without waiting; exactly one of the callbacks runs later, on this thread."""
        message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, method)
        message.setArguments(arguments)
        # No parent on purpose: a watcher parented to a notifier that is deleted while the call is in flight is
        # deleted twice by PySide6 6.11 when the reply comes (segfault; see the test "dropping the notifier").
        watcher = QDBusPendingCallWatcher(self._bus.asyncCall(message, self._timeout_ms))
        self._watchers.add(watcher)

        def finished(*_args: object) -> None:
            self._watchers.discard(watcher)
            watcher.deleteLater()
            if watcher.isError():
                error = watcher.error()
                on_error(f"{error.name()}: {error.message()}")
            else:
                on_reply(list(watcher.reply().arguments()))

        watcher.finished.connect(finished)

    @Slot(QDBusMessage)
    def _on_action_invoked(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) != 2:
            return
        key = self._key_by_id.get(int(arguments[0]))
        if key is not None:  # ids of other applications' notifications are not ours to act on
            self.action_invoked.emit(key, str(arguments[1]))

    @Slot(QDBusMessage)
    def _on_notification_closed(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        key = self._key_by_id.pop(int(arguments[0]), None) if arguments else None
        if key is not None:
            self._id_by_key.pop(key, None)
