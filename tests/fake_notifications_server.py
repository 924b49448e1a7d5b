"""The process behind tests/fake_notifications.py: a private dbus-daemon, a control service on it, and the fake
org.freedesktop.Notifications server, which the control service starts, stops and restarts on request.

    python fake_notifications_server.py DIR [--capabilities a,b] [--hang M,..] [--no-server] [--activatable]
    python fake_notifications_server.py --activate   (what dbus-daemon runs to activate the notification service)

Each server instance is a new connection (a new unique bus name) whose ids start at 1, as after a real restart of
dunst. With --activatable the bus has one service directory, holding only our own activation file: the first call
to org.freedesktop.Notifications makes dbus-daemon run `--activate`, which asks the control service to start the
server. The control service (net.shelterapp.FakeNotifications) stays up throughout and records what every server
instance received. The server rejects a Notify whose signature is not exactly `susssasa{sv}i`, as GDBus-based
servers (GNOME Shell, dunst) do.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import selectors
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
CONTROL_NAME = "net.shelterapp.FakeNotifications"
CONTROL_PATH = "/net/shelterapp/FakeNotifications"
CONTROL_INTERFACE = "net.shelterapp.FakeNotifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
DEFAULT_CAPABILITIES = ("actions", "body", "sound")
SERVER_METHODS = ("Notify", "CloseNotification", "GetCapabilities", "GetServerInformation")
STARTUP_TIMEOUT_S = 5.0
CLOSED_BY_CALL = 3  # NotificationClosed reasons from the spec: 2 dismissed by the user, 3 closed by CloseNotification
DISMISSED = 2

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  {servicedir}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _plain(value: Any) -> Any:
    """jeepney's parsed values as JSON: variants are (signature, value) tuples, byte arrays are bytes."""
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value


class Recorder:
    """What every server instance received; read by the test through the control service."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        kinds = ("notifications", "closed", "rejected", "servers", "calls")
        self.state: dict[str, list[Any]] = {kind: [] for kind in kinds}

    def add(self, kind: str, item: Any) -> None:
        with self.lock:
            self.state[kind].append(item)

    def dump(self) -> str:
        with self.lock:
            return json.dumps(self.state)


class Server:
    """One instance of the notification server: its own connection and thread; stop() makes it leave the bus."""

    def __init__(self, address: str, capabilities: list[str], hang: set[str], recorder: Recorder) -> None:
        from jeepney.bus_messages import MatchRule, message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.capabilities, self.hang, self.recorder = capabilities, hang, recorder
        self.connection = open_dbus_connection(address)
        # Under activation the bus hands over the waiting call as soon as we own the name, maybe before the
        # RequestName reply: keep it (send_and_get_reply would drop it) for the thread to answer first.
        self.early: deque[Any] = deque()
        with self.connection.filter(MatchRule(type="method_call"), queue=self.early):
            (result,) = self.connection.send_and_get_reply(message_bus.RequestName(SERVICE, 0x4), timeout=5).body
        if result != 1:  # 1 = primary owner
            raise RuntimeError(f"could not own {SERVICE}: {result}")
        self.unique_name = self.connection.unique_name
        recorder.add("servers", self.unique_name)
        self.next_id = 1
        self.sending = threading.Lock()  # the control thread emits signals on this connection too
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def emit(self, member: str, signature: str, body: tuple[Any, ...]) -> None:
        from jeepney import DBusAddress, new_signal

        self.send(new_signal(DBusAddress(PATH, interface=INTERFACE), member, signature, body))

    def send(self, message: Any) -> None:
        with self.sending:
            self.connection.send(message)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.sock.shutdown(socket.SHUT_RDWR)  # wakes the thread's receive() with an EOF
        self.thread.join(timeout=5)
        self.connection.close()

    def _serve(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # stop(), or the bus going away
            while self.early:
                self._handle(self.early.popleft())
            while True:
                self._handle(self.connection.receive())

    def _expect(self, message: Any, signature: str) -> bool:
        from jeepney import HeaderFields, new_error

        got = message.header.fields.get(HeaderFields.signature, "")
        if got == signature:
            return True
        self.recorder.add("rejected", {"method": message.header.fields.get(HeaderFields.member), "signature": got})
        text = f"Type of message, '({got})', does not match expected type '({signature})'"
        self.send(new_error(message, "org.freedesktop.DBus.Error.InvalidArgs", "s", (text,)))
        return False

    def _handle(self, message: Any) -> None:
        from jeepney import HeaderFields, MessageType, new_error, new_method_return

        if message.header.message_type != MessageType.method_call:
            return
        fields = message.header.fields
        path, member = fields.get(HeaderFields.path), fields.get(HeaderFields.member)
        if fields.get(HeaderFields.interface) not in (INTERFACE, None) or path != PATH:
            self.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),)))
            return
        self.recorder.add("calls", [self.unique_name, member])
        reply: Any = None
        if member == "Notify" and self._expect(message, NOTIFY_SIGNATURE):
            app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout = message.body
            notification_id = replaces_id or self.next_id
            self.next_id += 0 if replaces_id else 1
            record = {
                "id": notification_id,
                "server": self.unique_name,
                "signature": NOTIFY_SIGNATURE,
                "app_name": app_name,
                "replaces_id": replaces_id,
                "app_icon": app_icon,
                "summary": summary,
                "body": body,
                "actions": list(actions),
                "hints": {name: [kind, _plain(value)] for name, (kind, value) in hints.items()},
                "expire_timeout": expire_timeout,
                # CLOCK_MONOTONIC is one clock for every process on Linux: benchmarks time delivery with it
                "received_monotonic": time.monotonic(),
            }
            self.recorder.add("notifications", record)
            reply = new_method_return(message, "u", (notification_id,))
        elif member == "CloseNotification" and self._expect(message, "u"):
            self.recorder.add("closed", message.body[0])
            reply = new_method_return(message)
        elif member == "GetCapabilities":
            reply = new_method_return(message, "as", (self.capabilities,))
        elif member == "GetServerInformation":
            reply = new_method_return(message, "ssss", ("fake", "shelterapp tests", "1.0", "1.2"))
        elif member not in SERVER_METHODS:
            reply = new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),))
        if reply is None or member in self.hang:
            return
        self.send(reply)
        if member == "CloseNotification":
            self.emit("NotificationClosed", "uu", (message.body[0], CLOSED_BY_CALL))


class Control:
    """net.shelterapp.FakeNotifications: what the test asks of the fake, on a connection of its own that stays."""

    def __init__(self, address: str, options: argparse.Namespace) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.address = address
        self.capabilities = [c for c in options.capabilities.split(",") if c]
        self.hang = {m for m in options.hang.split(",") if m}
        self.recorder = Recorder()
        self.server: Server | None = None
        self.connection = open_dbus_connection(address)
        self.connection.send_and_get_reply(message_bus.RequestName(CONTROL_NAME, 0x4), timeout=5)

    def start_server(self) -> None:
        if self.server is None:
            self.server = Server(self.address, self.capabilities, self.hang, self.recorder)

    def stop_server(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            server.stop()

    def serve(self) -> None:
        from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal

        while True:
            message = self.connection.receive()
            if message.header.message_type != MessageType.method_call:
                continue
            member = message.header.fields.get(HeaderFields.member)
            body: tuple[str, tuple[Any, ...]] = ("", ())
            if member == "Recorded":
                body = ("s", (self.recorder.dump(),))
            elif member == "StartServer":
                self.start_server()
            elif member == "StopServer":
                self.stop_server()
            elif member == "RestartServer":
                self.stop_server()
                self.start_server()
            elif member == "InvokeAction" and self.server is not None:
                notification_id, action_key = message.body
                self.server.emit("ActionInvoked", "us", (notification_id, action_key))
                self.server.emit("NotificationClosed", "uu", (notification_id, DISMISSED))
            elif member == "ImpersonateServer":  # another client sending the server's signal, as any app can
                emitter = DBusAddress(PATH, interface=INTERFACE)
                self.connection.send(new_signal(emitter, "ActionInvoked", "us", tuple(message.body)))
            else:
                self.connection.send(new_error(message, "org.freedesktop.DBus.Error.Failed", "s", (str(member),)))
                continue
            self.connection.send(new_method_return(message, body[0] or None, body[1]))


def activate() -> None:
    """Run by dbus-daemon to activate org.freedesktop.Notifications: have the control service start the server."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(os.environ["DBUS_STARTER_ADDRESS"]) as connection:
        control = DBusAddress(CONTROL_PATH, bus_name=CONTROL_NAME, interface=CONTROL_INTERFACE)
        connection.send_and_get_reply(new_method_call(control, "StartServer"), timeout=STARTUP_TIMEOUT_S)


def _die_with_parent() -> None:
    """In dbus-daemon, before exec: get SIGTERM when the helper dies, however it dies (Linux)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_bus(directory: Path, activatable: bool) -> tuple[subprocess.Popen[bytes], str]:
    servicedir = ""
    if activatable:
        services = directory / "services"
        services.mkdir()
        command = shlex.join([sys.executable, str(Path(__file__).resolve()), "--activate"])
        (services / f"{SERVICE}.service").write_text(
            f"[D-BUS Service]\nName={SERVICE}\nExec={command}\n", encoding="utf-8"
        )
        servicedir = f"<servicedir>{services}</servicedir>"
    config = directory / "bus.conf"
    config.write_text(BUS_CONFIG.format(dir=directory, servicedir=servicedir), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        preexec_fn=_die_with_parent,  # noqa: PLW1509  (this helper has one thread at this point)
    )
    assert bus.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(bus.stdout, selectors.EVENT_READ)
        ready = selector.select(STARTUP_TIMEOUT_S)
    address = bus.stdout.readline().decode().strip() if ready else ""
    return bus, address


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path, nargs="?", help="a private temp dir for the bus socket and config")
    parser.add_argument("--capabilities", default=",".join(DEFAULT_CAPABILITIES))
    parser.add_argument("--hang", default="", help="comma-separated server methods never to answer")
    parser.add_argument("--no-server", action="store_true", help="only the bus, no notification service on it")
    parser.add_argument("--activatable", action="store_true", help="the service can be started by D-Bus activation")
    parser.add_argument("--activate", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.activate:
        activate()
        return
    bus, address = start_bus(options.directory, options.activatable)

    def stop(*_args: object) -> None:
        bus.terminate()
        bus.wait(timeout=2)
        shutil.rmtree(options.directory, ignore_errors=True)  # the test process may be gone and unable to
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    if not address:
        print(f"ERROR dbus-daemon gave no address within {STARTUP_TIMEOUT_S} s", flush=True)
        stop()
    print(address, flush=True)
    # The test process holds our stdin: when it closes it (or dies), stop the bus and leave.
    threading.Thread(target=lambda: (sys.stdin.read(), stop()), daemon=True).start()
    control = Control(address, options)
    if not options.no_server:
        control.start_server()
    print("READY", flush=True)
    with contextlib.suppress(ConnectionError):  # the bus is going away: stop() is running and will exit
        control.serve()
    threading.Event().wait()


if __name__ == "__main__":
    main()
