"""Desktop notifications behind one small interface, with fallbacks.

`make_notifier()` picks, once at start-up: D-Bus (org.freedesktop.Notifications, see notify_dbus.py) when the
service is running or activatable on the session bus; else plyer where its backend does not need that same
service; else the tray icon's balloon; else the log.

Nothing here decides *when* to notify: that is the alert state machine's job (alerts.py / alert_service.py).
As a cheap second guard, a notifier shows each `Notification.key` at most once in its lifetime: a repeated
`notify()` with a key it has already seen returns False and shows nothing. The app builds one notifier, so in
practice that means once per process.

No QtWidgets here (ruff TID251): the tray fallback takes the app's QSystemTrayIcon through the `TrayIcon` protocol.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from shelterapp.background import run_in_background

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

APP_NAME = "shelterapp"
TRAY_DEFAULT_MS = 10_000  # what QSystemTrayIcon uses when the notification leaves the timeout to the server
PLYER_DEFAULT_S = 10
# Where plyer's backends (dbus-python, notify-send, the Flatpak portal) reach the very D-Bus service that
# make_notifier() found missing, so plyer adds nothing there.
DBUS_DESKTOPS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly")


class Urgency(IntEnum):
    """The freedesktop urgency levels; the value is the byte sent in the "urgency" hint."""

    LOW = 0
    NORMAL = 1
    CRITICAL = 2


@dataclass(frozen=True)
class Notification:
    key: str  # dedupe key chosen by the caller, e.g. "alert-start:31:2026-09-22T19:12:00Z"
    title: str
    body: str  # plain text; escaped where the server reads markup
    urgency: Urgency
    actions: tuple[tuple[str, str], ...] = ()  # (action_key, label), e.g. (("show_shelters", "Show shelters"),)
    sound: str = ""  # freedesktop sound name, e.g. "alarm-clock-elapsed"; "" for none
    category: str = ""  # e.g. "x-shelterapp.alert"
    timeout_ms: int = -1  # -1 server default; 0 never expires (critical alerts)


class Notifier(QObject):
    """Shows desktop notifications; `notify()` and `close()` never raise and never block the GUI thread.

    Signals: action_invoked(str notification_key, str action_key), failed(str reason).
    """

    action_invoked = Signal(str, str)
    failed = Signal(str)
    name = "notifier"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seen: set[str] = set()
        self._failing = False

    def notify(self, notification: Notification) -> bool:
        """True when the notification was handed on for display (delivery itself may still fail: see `failed`);
        False when it was not, including for a key this notifier has already shown."""
        if notification.key in self._seen:
            log.debug("notification %s already shown; not again", notification.key)
            return False
        self._seen.add(notification.key)
        try:
            return self._show(notification)
        except Exception as exc:  # reported through failed(); a notification must never break the alert path
            log.exception("%s notifier failed on %s", self.name, notification.key)
            self._report_failure(f"{type(exc).__name__}: {exc}")
            return False

    def close(self, key: str) -> None:
        """Withdraw the notification shown under `key` (e.g. the alert when the all-clear comes), where possible."""
        try:
            self._withdraw(key)
        except Exception as exc:  # reported through failed()
            log.exception("%s notifier failed to close %s", self.name, key)
            self._report_failure(f"{type(exc).__name__}: {exc}")

    def _show(self, notification: Notification) -> bool:
        raise NotImplementedError

    def _withdraw(self, key: str) -> None:
        """Nothing to withdraw unless the channel supports it."""

    def _report_failure(self, reason: str) -> None:
        """Emit failed(reason) every time; log a warning once, until something works again."""
        if self._failing:
            log.debug("%s notifications still failing: %s", self.name, reason)
        else:
            log.warning("%s notifications failed: %s", self.name, reason)
            self._failing = True
        self.failed.emit(reason)

    def _report_success(self) -> None:
        if self._failing:
            log.info("%s notifications work again", self.name)
            self._failing = False


class TrayIcon(Protocol):
    """The part of QSystemTrayIcon the tray fallback uses (so this module needs no QtWidgets import)."""

    @property
    def MessageIcon(self) -> Any: ...  # noqa: N802  (Qt's names throughout)

    @property
    def messageClicked(self) -> Any: ...  # noqa: N802

    def isVisible(self) -> bool: ...  # noqa: N802

    def showMessage(self, title: str, msg: str, icon: Any, msecs: int = ..., /) -> None: ...  # noqa: N802


class TrayNotifier(Notifier):
    """QSystemTrayIcon.showMessage: no urgency (CRITICAL gets the critical icon), no sound, cannot withdraw.
    Clicking the balloon counts as the last notification's first action."""

    name = "tray"

    def __init__(self, tray_icon: TrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tray = tray_icon
        self._last: Notification | None = None
        tray_icon.messageClicked.connect(self._clicked)

    def _show(self, notification: Notification) -> bool:
        if not self._tray.isVisible():
            self._report_failure("the tray icon is not visible")
            return False
        icons = self._tray.MessageIcon
        icon = icons.Critical if notification.urgency is Urgency.CRITICAL else icons.Information
        msecs = notification.timeout_ms if notification.timeout_ms >= 0 else TRAY_DEFAULT_MS
        self._tray.showMessage(notification.title, notification.body, icon, msecs)
        self._last = notification
        self._report_success()
        return True

    def _withdraw(self, key: str) -> None:
        if self._last is not None and self._last.key == key:
            self._last = None  # a balloon cannot be taken back; at least a late click no longer acts on it

    def _clicked(self) -> None:
        if self._last is not None and self._last.actions:
            self.action_invoked.emit(self._last.key, self._last.actions[0][0])


class PlyerNotifier(Notifier):
    """plyer.notification.notify on the background helper (some backends sleep or run a subprocess).
    No actions, no urgency, no sound, cannot withdraw."""

    name = "plyer"

    def __init__(self, notify: Callable[..., Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if notify is None:
            from plyer import notification as plyer_notification

            notify = plyer_notification.notify
        self._notify = notify

    def _show(self, notification: Notification) -> bool:
        seconds = notification.timeout_ms // 1000 if notification.timeout_ms > 0 else PLYER_DEFAULT_S
        kwargs = {"title": notification.title, "message": notification.body, "app_name": APP_NAME, "timeout": seconds}
        run_in_background(
            lambda: self._notify(**kwargs),
            lambda _result: self._report_success(),
            lambda exc: self._report_failure(f"plyer: {type(exc).__name__}: {exc}"),
        )
        return True


def plyer_available(platform: str = sys.platform) -> bool:
    """plyer imports and has a real backend for this platform (not on D-Bus desktops: see DBUS_DESKTOPS)."""
    if platform.startswith(DBUS_DESKTOPS):
        return False
    try:
        from plyer import notification as plyer_notification
        from plyer.facades import Notification as Facade

        backend = plyer_notification.notify.__self__  # resolving the proxy imports the platform backend
    except Exception as exc:  # ImportError, or a backend that fails to load: plyer is simply not an option
        log.info("plyer notifications unavailable: %s", exc)
        return False
    return type(backend) is not Facade


class LogNotifier(Notifier):
    """The last resort: the notification goes to the log only, and notify() returns False."""

    name = "log"

    def _show(self, notification: Notification) -> bool:
        log.warning(
            "no desktop notification channel; %s notification %s: %s: %s",
            notification.urgency.name,
            notification.key,
            notification.title,
            notification.body,
        )
        return False


def make_notifier(
    tray_icon: TrayIcon | None = None,
    connection: QDBusConnection | None = None,
    parent: QObject | None = None,
) -> Notifier:
    """The best notifier this desktop offers (see the module docstring). Asks the session bus (not the
    notification server) two quick questions at start-up; `connection` defaults to the session bus."""
    try:
        from PySide6.QtDBus import QDBusConnection

        from shelterapp.notify_dbus import DBusNotifier, service_problem

        bus = connection if connection is not None else QDBusConnection.sessionBus()
        problem = service_problem(bus)
        if problem is None:
            return DBusNotifier(bus, parent=parent)
    except Exception as exc:  # no QtDBus on this platform, or its typing trick unavailable: use a fallback
        problem = f"{type(exc).__name__}: {exc}"
    log.info("D-Bus notifications unavailable (%s); using a fallback", problem)
    if plyer_available():
        return PlyerNotifier(parent=parent)
    if tray_icon is not None:
        return TrayNotifier(tray_icon, parent=parent)
    return LogNotifier(parent=parent)
