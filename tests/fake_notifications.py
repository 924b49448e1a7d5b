"""A private D-Bus session bus with a fake org.freedesktop.Notifications server, for tests.

Imported, this module offers `FakeNotifications`: a context manager that starts one helper process (this file as a
script), which starts `dbus-daemon` in a temp dir and, unless told not to, serves org.freedesktop.Notifications on
it. Everything is torn down, temp dir included, even when a test fails; and if the test process dies outright
(a segfault), the helper sees its stdin close and stops the bus, and the bus dies with the helper (PDEATHSIG).

    with FakeNotifications(capabilities=("actions", "body")) as fake:
        connection = QDBusConnection.connectToBus(fake.address, "test")
        ...
        fake.notifications()   # every Notify call, with the D-Bus type of each hint
        fake.invoke_action(notification_id, "show_shelters")

Why the server speaks D-Bus through jeepney rather than QtDBus: the point of the fake is to see the types that
reach the wire (a byte urgency, a uint32 replaces_id, an `as` even when empty), and PySide6 6.11 cannot show them:
a received a{sv} arrives as a QDBusArgument whose beginMap() picks the writing overload ("write from a read-only
object") and whose asVariant() returns None. jeepney (pure Python, already installed as a dependency of keyring
on Linux) parses every message into (signature, value) pairs. Like GDBus-based servers (GNOME Shell, dunst) the
fake rejects a Notify whose signature is not exactly `susssasa{sv}i`.

The bus uses its own config: no service directories, so nothing installed on the machine (dunst ships a D-Bus
activation file for org.freedesktop.Notifications) can be started on it behind a test's back.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
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
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class FakeUnavailable(RuntimeError):
    """dbus-daemon or jeepney is missing, or the bus did not come up: the caller should skip, saying why."""


def unavailable_reason() -> str | None:
    if shutil.which("dbus-daemon") is None:
        return "dbus-daemon is not on PATH (Debian package dbus-daemon)"
    try:
        import jeepney  # noqa: F401
    except ImportError:
        return "jeepney is not installed (it comes with keyring on Linux)"
    return None


class FakeNotifications:
    """A private bus (`.address`) with, unless server=False, the fake notification server on it.

    `hang` names the server methods it never answers (SERVER_METHODS for a server that is stuck altogether);
    it still records the calls.
    """

    def __init__(
        self,
        capabilities: tuple[str, ...] = DEFAULT_CAPABILITIES,
        hang: tuple[str, ...] = (),
        server: bool = True,
        startup_timeout: float = STARTUP_TIMEOUT_S,
    ) -> None:
        self.capabilities = capabilities
        self.hang = hang
        self.server = server
        self.startup_timeout = startup_timeout
        self.address = ""
        self.startup_s = 0.0  # bus + server, measured
        self._dir: Path | None = None
        self._helper: subprocess.Popen[bytes] | None = None
        self._control: Any = None

    def __enter__(self) -> FakeNotifications:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        reason = unavailable_reason()
        if reason:
            raise FakeUnavailable(reason)
        began = time.monotonic()
        self._dir = Path(tempfile.mkdtemp(prefix="shelterapp-dbus-"))  # short: a socket path has ~100 bytes
        command = [sys.executable, __file__, str(self._dir), "--capabilities", ",".join(self.capabilities)]
        if self.hang:
            command += ["--hang", ",".join(self.hang)]
        if not self.server:
            command.append("--no-server")
        env = {key: value for key, value in os.environ.items() if not key.startswith("DBUS_")}
        self._helper = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0, env=env
        )
        self.address = self._read_line("the bus address")
        ready = self._read_line("the fake notification server")
        if ready != "READY":
            raise FakeUnavailable(f"the fake notification server said {ready!r}")
        from jeepney.io.blocking import open_dbus_connection

        self._control = open_dbus_connection(self.address)
        self.startup_s = time.monotonic() - began

    def close(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        helper, self._helper = self._helper, None
        if helper is not None:
            assert helper.stdin is not None
            helper.stdin.close()  # the helper stops the bus and exits
            try:
                helper.wait(timeout=2)
            except subprocess.TimeoutExpired:
                helper.kill()
                helper.wait(timeout=2)
            for stream in (helper.stdout, helper.stderr):
                if stream is not None:
                    stream.close()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    # What the server saw --------------------------------------------------------------------------------------

    def notifications(self) -> list[dict[str, Any]]:
        """Every accepted Notify call: app_name, replaces_id, app_icon, summary, body, actions,
        hints ({name: [dbus_type, value]}), expire_timeout, id (what the server answered), signature."""
        return self._recorded()["notifications"]

    def closed(self) -> list[int]:
        """Ids passed to CloseNotification, in order."""
        return self._recorded()["closed"]

    def rejected(self) -> list[dict[str, Any]]:
        """Calls refused for a wrong signature: method, signature."""
        return self._recorded()["rejected"]

    def invoke_action(self, notification_id: int, action_key: str) -> None:
        """Act as if the user clicked the action: the server emits ActionInvoked, then NotificationClosed."""
        self._call("InvokeAction", "us", (notification_id, action_key))

    def _recorded(self) -> dict[str, Any]:
        (payload,) = self._call("Recorded", "", ())
        return json.loads(payload)

    def _call(self, method: str, signature: str, body: tuple[Any, ...]) -> tuple[Any, ...]:
        from jeepney import DBusAddress, MessageType, new_method_call

        if self._control is None:
            raise RuntimeError("the fake is not running")
        address = DBusAddress(CONTROL_PATH, bus_name=SERVICE, interface=CONTROL_INTERFACE)
        reply = self._control.send_and_get_reply(
            new_method_call(address, method, signature or None, body), timeout=self.startup_timeout
        )
        if reply.header.message_type == MessageType.error:
            raise RuntimeError(f"fake server: {reply.body}")
        return reply.body

    def _read_line(self, what: str) -> str:
        """The helper's next line on stdout, waiting at most startup_timeout (read unbuffered, byte by byte, so
        that a second line already sent is not swallowed into a buffer the next select() cannot see)."""
        assert self._helper is not None and self._helper.stdout is not None
        fd = self._helper.stdout.fileno()
        deadline = time.monotonic() + self.startup_timeout
        line = b""
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while not line.endswith(b"\n"):
                if not selector.select(max(deadline - time.monotonic(), 0)):
                    raise FakeUnavailable(f"timed out after {self.startup_timeout} s waiting for {what}")
                byte = os.read(fd, 1)
                if not byte:
                    break
                line += byte
        text = line.decode().strip()
        if not text or text.startswith("ERROR"):
            detail = ""
            if not text:
                self._helper.wait(timeout=2)
                detail = self._helper.stderr.read().decode() if self._helper.stderr else ""
            raise FakeUnavailable(f"no {what}: {text or self._helper.returncode} {detail.strip()}")
        return text


# The server process ---------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """jeepney's parsed values as JSON: variants are (signature, value) tuples, byte arrays are bytes."""
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value


def serve(address: str, capabilities: list[str], hang: set[str]) -> None:
    from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    connection = open_dbus_connection(address)
    (result,) = connection.send_and_get_reply(message_bus.RequestName(SERVICE, 0x4)).body
    if result != 1:  # 1 = primary owner
        print(f"could not own {SERVICE}: {result}", flush=True)
        return
    emitter = DBusAddress(PATH, interface=INTERFACE)
    notifications: list[dict[str, Any]] = []
    closed: list[int] = []
    rejected: list[dict[str, Any]] = []
    next_id = 1
    print("READY", flush=True)

    def expect(message: Any, signature: str) -> bool:
        got = message.header.fields.get(HeaderFields.signature, "")
        if got == signature:
            return True
        member = message.header.fields.get(HeaderFields.member)
        rejected.append({"method": member, "signature": got})
        text = f"Type of message, '({got})', does not match expected type '({signature})'"
        connection.send(new_error(message, "org.freedesktop.DBus.Error.InvalidArgs", "s", (text,)))
        return False

    while True:
        message = connection.receive()
        if message.header.message_type != MessageType.method_call:
            continue
        fields = message.header.fields
        path, interface, member = (
            fields.get(HeaderFields.path),
            fields.get(HeaderFields.interface),
            fields.get(HeaderFields.member),
        )
        if path == CONTROL_PATH and member == "Recorded":
            state = {"notifications": notifications, "closed": closed, "rejected": rejected}
            connection.send(new_method_return(message, "s", (json.dumps(state),)))
        elif path == CONTROL_PATH and member == "InvokeAction":
            notification_id, action_key = message.body
            connection.send(new_signal(emitter, "ActionInvoked", "us", (notification_id, action_key)))
            connection.send(new_signal(emitter, "NotificationClosed", "uu", (notification_id, DISMISSED)))
            connection.send(new_method_return(message))
        elif path == PATH and interface in (INTERFACE, None) and member == "Notify":
            if not expect(message, NOTIFY_SIGNATURE):
                continue
            app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout = message.body
            notification_id = replaces_id or next_id
            next_id += 0 if replaces_id else 1
            notifications.append(
                {
                    "id": notification_id,
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
            )
            if member not in hang:
                connection.send(new_method_return(message, "u", (notification_id,)))
        elif path == PATH and member == "CloseNotification":
            if expect(message, "u"):
                closed.append(message.body[0])
                if member not in hang:
                    connection.send(new_method_return(message))
                    connection.send(new_signal(emitter, "NotificationClosed", "uu", (message.body[0], CLOSED_BY_CALL)))
        elif path == PATH and member == "GetCapabilities":
            if member not in hang:
                connection.send(new_method_return(message, "as", (capabilities,)))
        elif path == PATH and member == "GetServerInformation":
            if member not in hang:
                connection.send(new_method_return(message, "ssss", ("fake", "shelterapp tests", "1.0", "1.2")))
        else:
            connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),)))


def _die_with_parent() -> None:
    """In dbus-daemon, before exec: get SIGTERM when the helper dies, however it dies (Linux)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_bus(directory: Path) -> tuple[subprocess.Popen[bytes], str]:
    config = directory / "bus.conf"
    config.write_text(BUS_CONFIG.format(dir=directory), encoding="utf-8")
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
    parser.add_argument("directory", type=Path, help="a private temp dir for the bus socket and config")
    parser.add_argument("--capabilities", default=",".join(DEFAULT_CAPABILITIES))
    parser.add_argument("--hang", default="", help="comma-separated server methods never to answer")
    parser.add_argument("--no-server", action="store_true", help="only the bus, no notification service on it")
    options = parser.parse_args()
    bus, address = start_bus(options.directory)

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
    if options.no_server:
        print("READY", flush=True)
        threading.Event().wait()
    capabilities = [c for c in options.capabilities.split(",") if c]
    with contextlib.suppress(ConnectionError):  # the bus is going away: stop() is running and will exit
        serve(address, capabilities, {m for m in options.hang.split(",") if m})
    threading.Event().wait()


if __name__ == "__main__":
    main()
