"""Picks, once at start-up, the best notification channel this desktop offers.

D-Bus (org.freedesktop.Notifications, see dbus.py) when the service is running or activatable on the session
bus; else plyer where its backend does not need that same service; else the tray icon's balloon; else the log.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from shelterapp.notify.base import Notifier
from shelterapp.notify.fallbacks import LogNotifier, PlyerNotifier, TrayIcon, TrayNotifier, plyer_available

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)


def make_notifier(
    tray_icon: TrayIcon | None = None,
    connection: QDBusConnection | None = None,
    parent: QObject | None = None,
) -> Notifier:
    """The best notifier this desktop offers (see the module docstring). Asks the session bus (not the
    notification server) two quick questions at start-up; `connection` defaults to the session bus."""
    try:
        from PySide6.QtDBus import QDBusConnection

        from shelterapp.notify.dbus import DBusNotifier, service_problem

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
