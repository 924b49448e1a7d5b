"""The channels used where org.freedesktop.Notifications is missing: plyer, the tray icon's balloon, the log.

No QtWidgets here (ruff TID251): the tray fallback takes the app's QSystemTrayIcon through the `TrayIcon` protocol.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject

from shelterapp.background import run_in_background
from shelterapp.notify.base import APP_NAME, Notification, Notifier, Urgency

log = logging.getLogger(__name__)

TRAY_DEFAULT_MS = 10_000  # what QSystemTrayIcon uses when the notification leaves the timeout to the server
PLYER_DEFAULT_S = 10
# Where plyer's backends (dbus-python, notify-send, the Flatpak portal) reach the very D-Bus service that
# make_notifier() found missing, so plyer adds nothing there.
DBUS_DESKTOPS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly")


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
        self._delivered(notification.key)
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
            lambda _result: self._delivered(notification.key),
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
    """The last resort: the notification goes to the log only, and notify() returns False. Its title only: the
    body names the nearest shelter and how far it is, which says where the person is."""

    name = "log"

    def _show(self, notification: Notification) -> bool:
        log.warning(
            "no desktop notification channel; %s notification %s: %s",
            notification.urgency.name,
            notification.key,
            notification.title,
        )
        return False
