"""One connection to a D-Bus message bus, without Qt and without threads: jeepney builds and parses the messages
(every value with its exact D-Bus type), this module only moves their bytes over a non-blocking Unix socket.

bus.py drives a `BusSocket` from Qt's event loop; protocol.py uses `call_blocking()` where there is no event loop
(shelterapp-cli). Only `open()` and `call_blocking()` wait, and never longer than the deadline they are given;
they talk to the bus daemon or, for the CLI, to a server the caller is willing to wait for.
"""

from __future__ import annotations

import os
import selectors
import socket
import time
from collections import deque
from collections.abc import Mapping
from itertools import count
from pathlib import Path

from jeepney import HeaderFields, Message, MessageType, Parser
from jeepney.bus import get_connectable_addresses
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import prep_socket
from jeepney.wrappers import unwrap_msg

OPEN_TIMEOUT_S = 2.0  # connect, authenticate and Hello: under a millisecond on a healthy bus
READ_CHUNK = 65536
MAX_BACKLOG = 1 << 20  # bytes waiting to be written; beyond that the bus daemon has stopped reading us
SAFE_PATH_CHARS = frozenset("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_/.\\")


class BusUnavailable(OSError):
    """No usable session bus: no address, nothing listening, authentication refused or too slow, or it hung up."""


def session_bus_address(environ: Mapping[str, str] = os.environ) -> str:
    """DBUS_SESSION_BUS_ADDRESS; without it, systemd's per-user bus at $XDG_RUNTIME_DIR/bus where that exists,
    which is where libdbus and GDBus look too."""
    address = environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if address:
        return address
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime and (Path(runtime) / "bus").exists():
        escaped = "".join(c if c in SAFE_PATH_CHARS else "".join(f"%{b:02x}" for b in c.encode()) for c in runtime)
        return f"unix:path={escaped}/bus"
    raise BusUnavailable("DBUS_SESSION_BUS_ADDRESS is not set and there is no $XDG_RUNTIME_DIR/bus")


def error_text(reply: Message) -> str:
    """'org.freedesktop.DBus.Error.Name: message' for an error reply."""
    name = reply.header.fields.get(HeaderFields.error_name, "error")
    detail = reply.body[0] if reply.body and isinstance(reply.body[0], str) else ""
    return f"{name}: {detail}" if detail else str(name)


class BusSocket:
    """An authenticated connection to a message bus whose socket never blocks.

    `send()` queues a message and writes what the socket takes now (`wants_to_write` tells whether some is left
    for when it is writable again); `receive()` returns the messages that are complete now. Messages that
    `call_blocking()` reads but that are not its reply wait in `stray` for the caller to handle.
    """

    def __init__(self, sock: socket.socket) -> None:
        sock.setblocking(False)
        self.sock = sock
        self.unique_name = ""
        self.stray: deque[Message] = deque()
        self._parser = Parser()
        self._serials = count(1)
        self._outgoing = bytearray()

    @classmethod
    def open(cls, address: str | None = None, timeout_s: float = OPEN_TIMEOUT_S) -> BusSocket:
        """Connect (the session bus unless `address` says otherwise), authenticate and say Hello, within
        `timeout_s`. Raises BusUnavailable saying why not."""
        deadline = time.monotonic() + timeout_s
        try:
            candidates = list(get_connectable_addresses(address or session_bus_address()))
        except (RuntimeError, ValueError) as exc:  # no unix: transport we can use, or a malformed address
            raise BusUnavailable(f"unusable bus address: {exc}") from exc
        problems = []
        for candidate in candidates:
            try:
                sock = prep_socket(candidate, timeout=max(deadline - time.monotonic(), 0.001))
            except (OSError, ValueError) as exc:  # refused, missing, timed out, or authentication rejected
                problems.append(f"{type(exc).__name__}: {exc}")
                continue
            bus = cls(sock)
            try:
                reply = bus.call_blocking(message_bus.Hello(), max(deadline - time.monotonic(), 0.001))
                bus.unique_name = str(unwrap_msg(reply)[0])
            except Exception as exc:  # the bus accepted us but will not talk: try the next address, say why
                bus.close()
                problems.append(f"Hello: {type(exc).__name__}: {exc}")
                continue
            bus.stray.clear()  # NameAcquired for our own unique name: nothing to act on
            return bus
        raise BusUnavailable("; ".join(problems) or "no address to connect to")

    def fileno(self) -> int:
        return self.sock.fileno()

    @property
    def wants_to_write(self) -> bool:
        return bool(self._outgoing)

    def send(self, message: Message) -> int:
        """Queue `message`, write what the socket takes now, and return its serial (replies name it)."""
        serial = next(self._serials)
        self._outgoing += message.serialise(serial=serial)
        self.flush()
        return serial

    def flush(self) -> bool:
        """Write what the socket takes now; True when nothing is left. OSError when the connection is gone or
        the bus has not read us for MAX_BACKLOG bytes."""
        while self._outgoing:
            try:
                sent = self.sock.send(self._outgoing)
            except BlockingIOError:
                if len(self._outgoing) > MAX_BACKLOG:
                    raise BusUnavailable(f"the bus has not read {len(self._outgoing)} bytes we sent") from None
                return False
            del self._outgoing[:sent]
        return True

    def receive(self) -> list[Message]:
        """Every message complete with what can be read now, without waiting. ConnectionResetError when the bus
        hung up; jeepney's ValueError (SizeLimitError...) on a stream it cannot parse."""
        while True:
            try:
                data = self.sock.recv(READ_CHUNK)
            except BlockingIOError:
                break
            if not data:
                raise ConnectionResetError("the bus closed the connection")
            self._parser.add_data(data)
            if len(data) < READ_CHUNK:
                break
        return list(iter(self._parser.get_next_message, None))

    def call_blocking(self, message: Message, timeout_s: float) -> Message:
        """Send a method call and wait at most `timeout_s` for its reply (a method return or an error message).
        TimeoutError when none comes; other messages read meanwhile go to `stray`."""
        deadline = time.monotonic() + timeout_s
        serial = self.send(message)
        with selectors.DefaultSelector() as selector:
            selector.register(self.sock, selectors.EVENT_READ | selectors.EVENT_WRITE)
            while True:
                for incoming in self.receive():
                    reply_to = incoming.header.fields.get(HeaderFields.reply_serial)
                    if reply_to == serial and incoming.header.message_type in (
                        MessageType.method_return,
                        MessageType.error,
                    ):
                        return incoming
                    self.stray.append(incoming)
                events = selectors.EVENT_READ | (selectors.EVENT_WRITE if self.wants_to_write else 0)
                selector.modify(self.sock, events)
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise TimeoutError(f"no reply within {timeout_s:g} s")
                self.flush()

    def close(self) -> None:
        self.sock.close()
