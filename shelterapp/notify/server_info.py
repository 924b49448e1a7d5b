"""What the drill learns of the notification link, as plain data: the server (name, version, capabilities), the
id of the drill notification it accepted, or why not. The window's drill reads it from the app's own notifier;
`probe()` asks over a blocking connection for `shelterapp-cli drill`, through protocol.send_notification().
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field

from shelterapp.notify.notification import Notification, ServerInformation, Urgency

# The bus's answers when nobody owns the name and nothing can be activated
NOBODY_SERVES = ("org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner")


@dataclass(frozen=True)
class NotificationProbe:
    """The server (None when unreachable), the id of the notification it accepted (None when not sent or refused),
    and why not: problem is "" | "no_bus" | "no_service" | "no_answer" | "refused"."""

    server: ServerInformation | None = None
    notification_id: int | None = None
    problem: str = ""
    detail: str = ""
    channel: str = "dbus"  # the app's notifier: "dbus", "plyer", "tray" or "log" (the CLI always asks D-Bus)
    extra: dict[str, str] = field(default_factory=dict)  # e.g. {"dnd": "on"} from the desktop's settings


def drill_notification(key: str, title: str, body: str) -> Notification:
    """Critical like a real alert's (the same path through the server), but it goes away by itself."""
    return Notification(key, title, body, Urgency.CRITICAL, category="x-shelterapp.drill", timeout_ms=15_000)


def probe(notification: Notification, address: str | None = None) -> NotificationProbe:
    """Ask the session bus's notification server who it is and deliver `notification`; never raises."""
    try:
        from shelterapp.notify.protocol import NotificationsError, send_notification
        from shelterapp.notify.wire import BusUnavailable
    except ImportError as exc:  # jeepney comes with keyring on Linux; elsewhere there is no such server anyway
        return NotificationProbe(problem="no_bus", detail=f"jeepney is not available: {exc}")
    try:
        server, notification_id = send_notification(notification, address=address)
    except BusUnavailable as exc:
        return NotificationProbe(problem="no_bus", detail=str(exc))
    except TimeoutError as exc:
        return NotificationProbe(problem="no_answer", detail=str(exc) or "no answer in time")
    except NotificationsError as exc:
        missing = any(name in str(exc) for name in NOBODY_SERVES)
        return NotificationProbe(problem="no_service" if missing else "refused", detail=str(exc))
    except OSError as exc:
        return NotificationProbe(problem="no_bus", detail=f"{type(exc).__name__}: {exc}")
    return NotificationProbe(server, notification_id)


def mate_do_not_disturb(timeout_s: float = 2.0) -> str:
    """MATE's Do Not Disturb switch as "on", "off" or "" (unknown): there it hides critical notifications too."""
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
