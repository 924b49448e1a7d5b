"""Ask the desktop's notification server who it is and what it can do, and send it one notification: the drill's
`notifications` link. Blocking calls with a timeout, over jeepney (pure Python; it comes with keyring on Linux):
run them off the GUI thread.

Stop-gap on purpose: notify/dbus.py is being rewritten on jeepney with a `server_information()` / capabilities API
of its own (issue #13). Until it lands the drill asks through this small module; switching means replacing
`probe()`'s two calls, nothing else (the drill only reads NotificationProbe).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
CALL_TIMEOUT_S = 3.0
APP_NAME = "shelterapp"
DESKTOP_ENTRY = os.environ.get("FLATPAK_ID", "shelterapp")


@dataclass(frozen=True)
class ServerInfo:
    name: str  # e.g. "gnome-shell", "Plasma", "dunst", "Notification Daemon" (MATE)
    vendor: str
    version: str
    spec_version: str
    capabilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotificationProbe:
    """What the drill learnt: the server (None when unreachable), the id of the notification it accepted (None
    when not sent or refused), and why not: problem is "" | "no_bus" | "no_service" | "no_answer" | "refused"."""

    server: ServerInfo | None = None
    notification_id: int | None = None
    problem: str = ""
    detail: str = ""
    channel: str = "dbus"  # the app's notifier: "dbus", "plyer", "tray" or "log" (the GUI says; the CLI is dbus)
    extra: dict[str, str] = field(default_factory=dict)  # e.g. {"dnd": "on"} from the desktop's settings


class ProbeFailed(Exception):
    def __init__(self, problem: str, detail: str) -> None:
        super().__init__(f"{problem}: {detail}")
        self.problem = problem
        self.detail = detail


def session_bus_address(environ: dict[str, str] | None = None) -> str:
    """DBUS_SESSION_BUS_ADDRESS, else the systemd user bus; raises ProbeFailed("no_bus") when neither exists."""
    env = os.environ if environ is None else environ
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and (Path(runtime) / "bus").exists():
        return f"unix:path={Path(runtime) / 'bus'}"
    raise ProbeFailed("no_bus", "DBUS_SESSION_BUS_ADDRESS is not set and there is no $XDG_RUNTIME_DIR/bus")


def server_information(address: str | None = None, timeout_s: float = CALL_TIMEOUT_S) -> ServerInfo:
    """Who the notification server is and what it can do; raises ProbeFailed (with why)."""
    with _connect(address) as connection:
        return _server(connection, timeout_s)


def probe(title: str, body: str, address: str | None = None, timeout_s: float = CALL_TIMEOUT_S) -> NotificationProbe:
    """Server information and capabilities, then one critical notification (`title`, `body`) that expires."""
    try:
        with _connect(address) as connection:
            server = _server(connection, timeout_s)
            try:
                (notification_id,) = _call(connection, "Notify", "susssasa{sv}i", _notify_body(title, body), timeout_s)
            except ProbeFailed as exc:
                return NotificationProbe(server, None, "refused", exc.detail)
    except ProbeFailed as exc:
        return NotificationProbe(problem=exc.problem, detail=exc.detail)
    return NotificationProbe(server, int(notification_id))


def _connect(address: str | None) -> DBusConnection:
    try:
        from jeepney.io.blocking import open_dbus_connection
    except ImportError as exc:  # jeepney ships with keyring on Linux; elsewhere there is no such server anyway
        raise ProbeFailed("no_bus", f"jeepney is not available: {exc}") from exc
    bus = address or session_bus_address()
    try:
        return open_dbus_connection(bus)
    except (OSError, RuntimeError, ValueError, TimeoutError) as exc:
        raise ProbeFailed("no_bus", f"cannot connect to the session bus: {exc}") from exc


def _server(connection: DBusConnection, timeout_s: float) -> ServerInfo:
    name, vendor, version, spec = _call(connection, "GetServerInformation", "", (), timeout_s)
    (capabilities,) = _call(connection, "GetCapabilities", "", (), timeout_s)
    return ServerInfo(str(name), str(vendor), str(version), str(spec), tuple(str(c) for c in capabilities))


def _notify_body(title: str, body: str) -> tuple[object, ...]:
    hints = {"urgency": ("y", 2), "desktop-entry": ("s", DESKTOP_ENTRY), "category": ("s", "x-shelterapp.drill")}
    return (APP_NAME, 0, DESKTOP_ENTRY, title, body, [], hints, 15_000)  # a drill's notice goes away by itself


def _call(
    connection: DBusConnection, method: str, signature: str, body: tuple[object, ...], timeout_s: float
) -> tuple[Any, ...]:
    from jeepney import DBusAddress, HeaderFields, MessageType, new_method_call

    address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
    try:
        reply = connection.send_and_get_reply(
            new_method_call(address, method, signature or None, body), timeout=timeout_s
        )
    except TimeoutError as exc:
        raise ProbeFailed("no_answer", f"{method}: no answer within {timeout_s:.0f} s") from exc
    except OSError as exc:
        raise ProbeFailed("no_bus", f"{method}: {exc}") from exc
    if reply.header.message_type == MessageType.error:
        error = str(reply.header.fields.get(HeaderFields.error_name, ""))
        text = f"{error}: {reply.body[0] if reply.body else ''}".rstrip(": ")
        missing = error in ("org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner")
        raise ProbeFailed("no_service" if missing else "refused", text)
    return tuple(reply.body)


def mate_do_not_disturb(timeout_s: float = 2.0) -> str:
    """MATE's Do Not Disturb switch as "on", "off" or "" (unknown): there it hides critical notifications too."""
    import shutil
    import subprocess

    gsettings = shutil.which("gsettings")
    if gsettings is None:
        return ""
    try:
        done = subprocess.run(
            [gsettings, "get", "org.mate.NotificationDaemon", "do-not-disturb"],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    answer = done.stdout.strip()
    return {"true": "on", "false": "off"}.get(answer, "") if done.returncode == 0 else ""
