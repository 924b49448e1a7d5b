"""A private D-Bus session bus with a fake org.freedesktop.Notifications server, for tests.

`FakeNotifications` is a context manager that starts one helper process (fake_notifications_server.py), which
starts `dbus-daemon` in a temp dir and, unless told not to, serves org.freedesktop.Notifications on it; the test
can stop, start and restart that server (a new unique bus name, ids from 1 again, as when dunst restarts), or
leave it to D-Bus activation. Everything is torn down, temp dir included, even when a test fails; and if the
test process dies outright (a segfault), the helper sees its stdin close and stops the bus, and the bus dies with
the helper (PDEATHSIG).

    with FakeNotifications(capabilities=("actions", "body")) as fake:
        notifier = DBusNotifier(BusConnection.open(fake.address))
        ...
        fake.notifications()   # every Notify call, with the D-Bus type of each hint
        fake.invoke_action(notification_id, "show_shelters")
        fake.restart_server()

The fake speaks D-Bus through jeepney's blocking API (the app drives jeepney from Qt's loop instead): the point is
to see the types that reach the wire (a byte urgency, a uint32 replaces_id, an `as` even when empty), and jeepney
parses every message into (signature, value) pairs. Like GDBus-based servers (GNOME Shell, dunst) the fake
rejects a Notify whose signature is not exactly `susssasa{sv}i`.

The bus uses its own config: no service directory but, with activatable=True, one holding our own activation
file, so nothing installed on the machine (dunst ships a D-Bus activation file for org.freedesktop.Notifications)
can be started on it behind a test's back.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fake_notifications_server import (
    CONTROL_INTERFACE,
    CONTROL_NAME,
    CONTROL_PATH,
    DEFAULT_CAPABILITIES,
    NOTIFY_SIGNATURE,
    SERVER_METHODS,
    STARTUP_TIMEOUT_S,
)

HELPER = Path(__file__).resolve().with_name("fake_notifications_server.py")
__all__ = ["NOTIFY_SIGNATURE", "SERVER_METHODS", "FakeNotifications", "FakeUnavailable", "unavailable_reason"]


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
    it still records the calls. `activatable`: the bus starts the server itself on the first call to it.
    """

    def __init__(
        self,
        capabilities: tuple[str, ...] = DEFAULT_CAPABILITIES,
        hang: tuple[str, ...] = (),
        server: bool = True,
        activatable: bool = False,
        startup_timeout: float = STARTUP_TIMEOUT_S,
    ) -> None:
        self.capabilities = capabilities
        self.hang = hang
        self.server = server
        self.activatable = activatable
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
        command = [sys.executable, str(HELPER), str(self._dir), "--capabilities", ",".join(self.capabilities)]
        if self.hang:
            command += ["--hang", ",".join(self.hang)]
        if not self.server:
            command.append("--no-server")
        if self.activatable:
            command.append("--activatable")
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

    def calls(self, method: str) -> list[str]:
        """For each call of `method` any server instance received, in order: the unique name of that server."""
        return [server for server, member in self._recorded()["calls"] if member == method]

    def servers(self) -> list[str]:
        """The unique bus name of every server instance started so far, in order."""
        return self._recorded()["servers"]

    def invoke_action(self, notification_id: int, action_key: str) -> None:
        """Act as if the user clicked the action: the server emits ActionInvoked, then NotificationClosed."""
        self._call("InvokeAction", "us", (notification_id, action_key))

    def impersonate_server(self, notification_id: int, action_key: str) -> None:
        """Another client emits ActionInvoked on the server's path and interface (any client can)."""
        self._call("ImpersonateServer", "us", (notification_id, action_key))

    def stop_server(self) -> None:
        """The server leaves the bus (its name has no owner until start_server(), or activation)."""
        self._call("StopServer", "", ())

    def start_server(self) -> None:
        self._call("StartServer", "", ())

    def restart_server(self) -> None:
        """Stop, then start a new server instance: a new unique name, ids from 1 again."""
        self._call("RestartServer", "", ())

    def _recorded(self) -> dict[str, Any]:
        (payload,) = self._call("Recorded", "", ())
        return json.loads(payload)

    def _call(self, method: str, signature: str, body: tuple[Any, ...]) -> tuple[Any, ...]:
        from jeepney import DBusAddress, MessageType, new_method_call

        if self._control is None:
            raise RuntimeError("the fake is not running")
        address = DBusAddress(CONTROL_PATH, bus_name=CONTROL_NAME, interface=CONTROL_INTERFACE)
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
