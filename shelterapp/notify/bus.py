"""BusConnection: a D-Bus connection driven by Qt's event loop, so that no call ever makes the GUI thread wait.

wire.py's non-blocking socket, watched by a QSocketNotifier (and, only while the kernel buffer is full, a
second one for writing); a QTimer ends calls that get no answer in time. Everything runs on the thread that owns
the object: no worker thread, no lock, nothing to stop at exit. A method call returns at once; exactly one of its
two callbacks runs later, on this thread: the reply, or an error (the server's, a timeout, a lost bus).
Only `open()` and `call_blocking()` wait, for the bus daemon itself and within a deadline (start-up questions).
"""

from __future__ import annotations

import functools
import logging
import time
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jeepney import HeaderFields, Message, MessageFlag, MessageType, new_error, new_method_return
from jeepney.bus_messages import MatchRule, message_bus
from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from shelterapp.notify.wire import OPEN_TIMEOUT_S, BusSocket, error_text

log = logging.getLogger(__name__)

NO_REPLY = "org.freedesktop.DBus.Error.NoReply"  # the names QtDBus and GDBus give these failures
DISCONNECTED = "org.freedesktop.DBus.Error.Disconnected"
UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"

OnReply = Callable[[Message], None]
OnError = Callable[[str], None]
OnSignal = Callable[[Message], Any]


@dataclass
class _Call:
    deadline: float  # time.monotonic()
    timeout_ms: int
    on_reply: OnReply
    on_error: OnError


def _same(callback: OnSignal) -> OnSignal:
    return callback


class BusConnection(QObject):
    """One connection to a message bus. Signals: closed(str reason), once, when the bus is lost or close() ran."""

    closed = Signal(str)

    def __init__(self, wire: BusSocket, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wire = wire
        self._calls: dict[int, _Call] = {}
        self._subscribers: list[tuple[MatchRule, Callable[[], OnSignal | None]]] = []
        self._soon: deque[Callable[[], None]] = deque()
        self._closed_because: str | None = None
        self._reader = QSocketNotifier(wire.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._readable)
        self._writer = QSocketNotifier(wire.fileno(), QSocketNotifier.Type.Write, self)
        self._writer.setEnabled(False)
        self._writer.activated.connect(self._writable)
        self._deadlines = QTimer(self)
        self._deadlines.setSingleShot(True)
        self._deadlines.timeout.connect(self._expire)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._run_later)

    @classmethod
    def open(
        cls, address: str | None = None, timeout_s: float = OPEN_TIMEOUT_S, parent: QObject | None = None
    ) -> BusConnection:
        """The session bus (or `address`), connected within `timeout_s`; raises wire.BusUnavailable."""
        return cls(BusSocket.open(address, timeout_s), parent)

    @property
    def connected(self) -> bool:
        return self._closed_because is None

    @property
    def unique_name(self) -> str:
        return self._wire.unique_name

    def call(self, message: Message, timeout_ms: int, on_reply: OnReply, on_error: OnError) -> None:
        """Send a method call without waiting. Later, on this thread: on_reply(reply message), or on_error(reason)
        for an error reply, no reply within `timeout_ms`, or a lost connection."""
        if self._closed_because is not None:
            reason = f"{DISCONNECTED}: {self._closed_because}"
            self._call_soon(lambda: on_error(reason))
            return
        try:
            serial = self._wire.send(message)
        except OSError as exc:
            reason = f"cannot write to the bus: {exc}"
            self.close(reason)
            self._call_soon(lambda: on_error(f"{DISCONNECTED}: {reason}"))
            return
        self._calls[serial] = _Call(time.monotonic() + timeout_ms / 1000, timeout_ms, on_reply, on_error)
        self._writer.setEnabled(self._wire.wants_to_write)
        self._arm_deadline()

    def call_blocking(self, message: Message, timeout_s: float) -> Message:
        """Wait at most `timeout_s` for the reply: only for quick questions to the bus daemon at start-up.
        Raises TimeoutError or OSError; signals read meanwhile are handled once the event loop runs."""
        if self._closed_because is not None:
            raise ConnectionResetError(self._closed_because)
        try:
            return self._wire.call_blocking(message, timeout_s)
        finally:
            if self._wire.stray:
                self._call_soon(self._dispatch_stray)

    def subscribe(
        self,
        callback: OnSignal,
        *,
        interface: str,
        member: str | None = None,
        path: str | None = None,
        sender: str | None = None,
        arg0: str | None = None,
    ) -> None:
        """Have `callback(message)` run for every signal that matches. A bound method is held weakly: the
        subscription ends with its object. `sender` may be a well-known name (the bus filters by its owner)."""
        # Messages carry the sender's unique name: a well-known `sender` can only be checked by the bus.
        local_sender = sender if sender is not None and sender.startswith(":") else None
        bus_rule = MatchRule(type="signal", sender=sender, interface=interface, member=member, path=path)
        local_rule = MatchRule(type="signal", sender=local_sender, interface=interface, member=member, path=path)
        if arg0 is not None:
            bus_rule.add_arg_condition(0, arg0)
            local_rule.add_arg_condition(0, arg0)
        held = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else functools.partial(_same, callback)
        self._subscribers.append((local_rule, held))
        self.call(
            message_bus.AddMatch(bus_rule),
            int(OPEN_TIMEOUT_S * 1000),
            lambda _reply: None,
            lambda reason: log.warning("cannot listen to %s signals: %s", member or interface, reason),
        )

    def close(self, reason: str = "closed by the application") -> None:
        """Hang up; calls still waiting fail with `reason`. Safe to call more than once."""
        if self._closed_because is not None:
            return
        self._closed_because = reason
        self._reader.setEnabled(False)  # before the socket goes: a notifier on a closed descriptor is an error
        self._writer.setEnabled(False)
        self._deadlines.stop()
        self._wire.close()
        calls, self._calls = self._calls, {}
        for call in calls.values():
            self._call_soon(functools.partial(call.on_error, f"{DISCONNECTED}: {reason}"))
        log.debug("bus connection closed: %s", reason)
        self.closed.emit(reason)

    # Moving bytes ---------------------------------------------------------------------------------------------

    def _readable(self, *_args: object) -> None:
        try:
            messages = self._wire.receive()
        except (OSError, ValueError) as exc:  # hung up, or a stream jeepney cannot parse: either way, it is over
            self.close(f"the bus connection is lost ({type(exc).__name__}: {exc})")
            return
        for message in messages:
            if self._closed_because is not None:  # a callback closed us
                return
            self._dispatch(message)

    def _writable(self, *_args: object) -> None:
        try:
            self._writer.setEnabled(not self._wire.flush())
        except OSError as exc:
            self.close(f"cannot write to the bus: {exc}")

    def _dispatch_stray(self) -> None:
        while self._wire.stray:
            self._dispatch(self._wire.stray.popleft())

    def _dispatch(self, message: Message) -> None:
        kind = message.header.message_type
        fields = message.header.fields
        if kind in (MessageType.method_return, MessageType.error):
            call = self._calls.pop(fields.get(HeaderFields.reply_serial, -1), None)
            if call is not None:
                if kind is MessageType.error:
                    self._run(call.on_error, error_text(message))
                else:
                    self._run(call.on_reply, message)
        elif kind is MessageType.signal:
            for rule, held in list(self._subscribers):
                callback = held()
                if callback is None:
                    self._subscribers.remove((rule, held))
                elif rule.matches(message):
                    self._run(callback, message)
        elif kind is MessageType.method_call and not message.header.flags & MessageFlag.no_reply_expected:
            self._answer(message)

    def _answer(self, call: Message) -> None:
        """We serve nothing; but a caller must not wait 25 s for that (Peer.Ping is answered, as the spec asks)."""
        if call.header.fields.get(HeaderFields.member) == "Ping":
            reply = new_method_return(call)
        else:
            reply = new_error(call, UNKNOWN_METHOD, "s", ("this connection serves nothing",))
        try:
            self._wire.send(reply)
            self._writer.setEnabled(self._wire.wants_to_write)
        except OSError as exc:
            self.close(f"cannot write to the bus: {exc}")

    @staticmethod
    def _run(callback: Callable[[Any], Any], argument: Any) -> None:
        try:
            callback(argument)
        except Exception:  # one bad callback must not stop the others or the reading of the socket
            log.exception("D-Bus callback %r failed", callback)

    # Time -----------------------------------------------------------------------------------------------------

    def _arm_deadline(self) -> None:
        if not self._calls:
            self._deadlines.stop()
            return
        earliest = min(call.deadline for call in self._calls.values())
        self._deadlines.start(max(0, int((earliest - time.monotonic()) * 1000) + 1))

    def _expire(self) -> None:
        now = time.monotonic()
        for serial, call in list(self._calls.items()):
            if call.deadline <= now:
                del self._calls[serial]
                self._run(call.on_error, f"{NO_REPLY}: no reply within {call.timeout_ms} ms")
        self._arm_deadline()

    def _call_soon(self, function: Callable[[], None]) -> None:
        self._soon.append(function)
        self._later.start()

    def _run_later(self) -> None:
        while self._soon:
            function = self._soon.popleft()
            try:
                function()
            except Exception:  # as in _run()
                log.exception("D-Bus callback %r failed", function)
