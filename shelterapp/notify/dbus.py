"""DBusNotifier: org.freedesktop.Notifications, asynchronous so that a hung server never blocks the GUI.

protocol.py builds the messages (exact D-Bus types: urgency a byte, replaces_id a uint32), bus.py carries them
on Qt's event loop. The server is a moving target: dunst restarts, a server is started by D-Bus activation on our
first call, another one replaces it. So the notifier follows the owner of the name (NameOwnerChanged): when the
owner changes, what it knew of the old server (capabilities, its notification ids) is dropped and the new one is
asked again. Ids are remembered with the unique bus name of the server that gave them, because ActionInvoked and
NotificationClosed go to every listener: only signals from that server, about those ids, are acted on.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from dataclasses import replace

from jeepney import HeaderFields, Message, MessageType
from jeepney.bus_messages import message_bus
from PySide6.QtCore import QObject
from shiboken6 import isValid

from shelterapp.notify.base import Notification, Notifier, ServerInformation
from shelterapp.notify.bus import BusConnection
from shelterapp.notify.protocol import (
    INTERFACE,
    PATH,
    SERVICE,
    NotificationsError,
    capabilities_call,
    close_call,
    notify_call,
    read_capabilities,
    read_notification_id,
    read_server_information,
    server_information_call,
)
from shelterapp.notify.wire import error_text

log = logging.getLogger(__name__)

CALL_TIMEOUT_MS = 5000  # then the call counts as failed; the GUI never waits for it either way
SERVICE_CHECK_TIMEOUT_S = 2.0  # a question to the bus daemon itself, at start-up
BUS_DAEMON = "org.freedesktop.DBus"
# The bus's answers when nobody owns the name and nothing can be activated
NOBODY_SERVES = ("org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner")
MAX_UNSERVED = 10

ServerId = tuple[str, int]  # (unique bus name of the server, the id it gave)


def service_problem(bus: BusConnection) -> str | None:
    """None when org.freedesktop.Notifications is running or activatable on this bus, else why not.
    Two short blocking questions to the bus daemon itself, never to the notification server."""
    if not bus.connected:
        return "the session bus connection is closed"
    try:
        running = bus.call_blocking(message_bus.NameHasOwner(SERVICE), SERVICE_CHECK_TIMEOUT_S)
        if running.body == (True,):
            return None
        activatable = bus.call_blocking(message_bus.ListActivatableNames(), SERVICE_CHECK_TIMEOUT_S)
    except OSError as exc:  # TimeoutError included
        return f"the session bus did not answer: {type(exc).__name__}: {exc}"
    if activatable.header.message_type is MessageType.error:
        return f"the session bus refused ListActivatableNames: {error_text(activatable)}"
    if SERVICE in activatable.body[0]:
        return None
    return f"{SERVICE} is neither running nor activatable on the session bus"


class DBusNotifier(Notifier):
    """Notifications through org.freedesktop.Notifications. Signals: see Notifier.

    Capabilities and server information are asked once per server, asynchronously: when the notifier is built and
    when a new server takes the name. Notifications that arrive before the capabilities wait for them (or for
    their failure). Actions are sent only to servers listing "actions", and the body is escaped only for servers
    listing "body-markup". `connection` defaults to the session bus, opened here (a short wait for the bus daemon).
    """

    name = "dbus"

    def __init__(
        self,
        connection: BusConnection | None = None,
        call_timeout_ms: int = CALL_TIMEOUT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if connection is None:
            connection = BusConnection.open(parent=self)
        self._bus = connection
        self._timeout_ms = call_timeout_ms
        self._capabilities: frozenset[str] | None = None
        self._described: ServerInformation | None = None  # GetServerInformation's answer, capabilities aside
        self._server: ServerInformation | None = None  # both answers in, announced through server_changed
        self._asking = False  # capabilities asked of the current server, answer not yet in
        self._generation = 0  # +1 each time the server goes away: answers from before no longer count
        self._waiting: list[Notification] = []  # notify() before the capabilities were known
        self._ids: dict[str, ServerId] = {}
        self._keys: dict[ServerId, str] = {}
        self._sending: set[str] = set()  # Notify sent, reply not yet in
        self._close_on_reply: set[str] = set()  # close() came before Notify's reply
        self._unserved: dict[str, Notification] = {}  # the bus found nobody to deliver them to: for the next server
        connection.subscribe(self._on_server_signal, interface=INTERFACE, path=PATH, sender=SERVICE)
        connection.subscribe(
            self._on_owner_changed, interface=BUS_DAEMON, member="NameOwnerChanged", sender=BUS_DAEMON, arg0=SERVICE
        )
        self._ask_server()

    @property
    def capabilities(self) -> frozenset[str] | None:
        """What the current server said it supports; None until it answered."""
        return self._capabilities

    def server_information(self) -> ServerInformation | None:
        """Name, vendor, version, spec version and capabilities of the current server, once it answered both
        questions; None before that and after it went away. server_changed announces each change."""
        return self._server

    def notification_id(self, key: str) -> int | None:
        """The server's id for the notification shown under `key`, once the server answered; None otherwise."""
        entry = self._ids.get(key)
        return entry[1] if entry is not None else None

    # Showing and withdrawing ------------------------------------------------------------------------------------

    def _show(self, notification: Notification) -> bool:
        if not self._bus.connected:
            self._report_failure("the session bus connection is closed")
            return False
        if self._capabilities is None:
            self._waiting.append(notification)
            if not self._asking:  # the server went away: ask whoever serves the name now (or activate it)
                self._ask_server()
        else:
            self._send(notification)
        return True

    def _send(self, notification: Notification) -> None:
        self._sending.add(notification.key)
        self._call(
            notify_call(notification, self._capabilities or frozenset()),
            lambda notifier, reply: notifier._notified(notification, reply),
            lambda notifier, reason: notifier._not_notified(notification, reason),
        )

    def _notified(self, notification: Notification, reply: Message) -> None:
        key = notification.key
        self._sending.discard(key)
        try:
            notification_id = read_notification_id(reply)
        except (NotificationsError, IndexError, TypeError, ValueError) as exc:
            self._not_notified(notification, str(exc))
            return
        entry = (str(reply.header.fields.get(HeaderFields.sender, "")), notification_id)
        self._ids[key] = entry
        self._keys[entry] = key
        self._delivered(key)
        if key in self._close_on_reply:
            self._close_on_reply.discard(key)
            self._withdraw(key)

    def _not_notified(self, notification: Notification, reason: str) -> None:
        key = notification.key
        self._sending.discard(key)
        withdrawn = key in self._close_on_reply
        self._close_on_reply.discard(key)
        if reason.startswith(NOBODY_SERVES) and not withdrawn:  # e.g. dunst restarting: the next server shows it
            self._unserved[key] = notification
            while len(self._unserved) > MAX_UNSERVED:
                del self._unserved[next(iter(self._unserved))]
        self._report_failure(f"Notify: {reason}")

    def _withdraw(self, key: str) -> None:
        self._unserved.pop(key, None)
        if any(n.key == key for n in self._waiting):
            self._waiting = [n for n in self._waiting if n.key != key]
            return
        entry = self._ids.pop(key, None)
        if entry is None:
            if key in self._sending:
                self._close_on_reply.add(key)  # Notify's reply is still on its way
            return
        self._keys.pop(entry, None)
        server, notification_id = entry
        # Addressed to the server that gave the id: never to a successor that may have given it to someone else.
        self._call(
            close_call(notification_id, server or SERVICE),
            lambda _notifier, _reply: None,
            lambda notifier, reason: notifier._report_failure(f"CloseNotification: {reason}"),
        )

    # The server -------------------------------------------------------------------------------------------------

    def _ask_server(self) -> None:
        generation = self._generation
        self._asking = True
        self._call(
            capabilities_call(),
            lambda notifier, reply: notifier._capabilities_known(generation, reply),
            lambda notifier, reason: notifier._capabilities_unknown(generation, f"GetCapabilities: {reason}"),
        )
        self._call(
            server_information_call(),
            lambda notifier, reply: notifier._described_as(generation, reply),
            lambda notifier, reason: log.info("no server information: %s", reason),
        )

    def _capabilities_known(self, generation: int, reply: Message) -> None:
        if generation != self._generation:
            return
        try:
            capabilities = read_capabilities(reply)
        except (NotificationsError, IndexError, TypeError) as exc:
            self._capabilities_unknown(generation, str(exc))
            return
        self._asking = False
        self._capabilities = capabilities
        log.debug("notification server capabilities: %s", sorted(capabilities))
        self._announce()
        self._flush()

    def _capabilities_unknown(self, generation: int, reason: str) -> None:
        if generation != self._generation:
            return
        self._asking = False
        self._capabilities = frozenset()  # send the waiting ones plainly; their own failure will be reported
        self._report_failure(reason)
        self._flush()

    def _described_as(self, generation: int, reply: Message) -> None:
        if generation != self._generation:
            return
        try:
            self._described = read_server_information(reply)
        except (NotificationsError, TypeError, ValueError) as exc:
            log.info("no server information: %s", exc)
            return
        self._announce()

    def _announce(self) -> None:
        if self._described is not None and self._capabilities is not None and self._server is None:
            self._server = replace(self._described, capabilities=self._capabilities)
            log.info(
                "notification server: %s %s (%s, spec %s)",
                self._server.name,
                self._server.version,
                self._server.vendor,
                self._server.spec_version,
            )
            self.server_changed.emit(self._server)

    def _on_owner_changed(self, message: Message) -> None:
        if message.header.fields.get(HeaderFields.signature) != "sss":
            return
        _name, old_owner, new_owner = message.body
        if old_owner:
            self._server_gone(old_owner)
        if new_owner:
            self._server_came(new_owner)

    def _server_gone(self, owner: str) -> None:
        """Its notifications went with it, and whoever comes next may differ: forget what it told us."""
        log.info("the notification server %s left the session bus", owner)
        for entry in [e for e in self._keys if e[0] == owner]:
            self._ids.pop(self._keys.pop(entry), None)
        self._forget_server()
        if self._waiting:
            self._ask_server()

    def _server_came(self, owner: str) -> None:
        log.info("the notification server is now %s", owner)
        if not self._asking:  # else the question in flight, asked after the last one left, reaches this one
            self._forget_server()  # e.g. empty capabilities, from when nobody answered
            self._ask_server()
        self._waiting.extend(self._unserved.values())  # sent once its capabilities are known
        self._unserved.clear()

    def _forget_server(self) -> None:
        self._generation += 1
        self._asking = False
        self._capabilities = None
        self._described = None
        if self._server is not None:
            self._server = None
            self.server_changed.emit(None)

    def _on_server_signal(self, message: Message) -> None:
        member = message.header.fields.get(HeaderFields.member)
        signature = message.header.fields.get(HeaderFields.signature, "")
        sender = str(message.header.fields.get(HeaderFields.sender, ""))
        if member == "ActionInvoked" and signature == "us":
            key = self._keys.get((sender, message.body[0]))
            if key is not None:  # ids of other applications' notifications are not ours to act on
                self.action_invoked.emit(key, message.body[1])
        elif member == "NotificationClosed" and signature == "uu":
            key = self._keys.pop((sender, message.body[0]), None)
            if key is not None:
                self._ids.pop(key, None)

    # Plumbing -----------------------------------------------------------------------------------------------------

    def _flush(self) -> None:
        waiting, self._waiting = self._waiting, []
        for notification in waiting:
            self._send(notification)

    def _call(
        self,
        message: Message,
        on_reply: Callable[[DBusNotifier, Message], None],
        on_error: Callable[[DBusNotifier, str], None],
    ) -> None:
        """Call without waiting; one of the callbacks runs later with this notifier, unless it is gone by then
        (a reply may outlive the notifier that asked: it is then dropped)."""
        me = weakref.ref(self)

        def alive() -> DBusNotifier | None:
            notifier = me()
            return notifier if notifier is not None and isValid(notifier) else None

        def replied(reply: Message) -> None:
            if (notifier := alive()) is not None:
                on_reply(notifier, reply)

        def failed(reason: str) -> None:
            if (notifier := alive()) is not None:
                on_error(notifier, reason)

        self._bus.call(message, self._timeout_ms, replied, failed)
