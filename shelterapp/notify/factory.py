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
    from shelterapp.notify.bus import BusConnection

log = logging.getLogger(__name__)


def make_notifier(
    tray_icon: TrayIcon | None = None,
    connection: BusConnection | None = None,
    parent: QObject | None = None,
) -> Notifier:
    """The best notifier this desktop offers (see the module docstring). Connects to the session bus and asks
    the bus daemon (not the notification server) two quick questions; `connection` defaults to a new session
    bus connection, which the D-Bus notifier then owns (and which is closed if it is not used)."""
    try:
        from shelterapp.notify.bus import BusConnection
        from shelterapp.notify.dbus import DBusNotifier, service_problem

        bus = connection if connection is not None else BusConnection.open()
        problem = service_problem(bus)
        if problem is None:
            notifier = DBusNotifier(bus, parent=parent)
            if connection is None:
                bus.setParent(notifier)
            return notifier
        if connection is None:
            bus.close("no notification service on it")
    except Exception as exc:  # no jeepney on this platform, no session bus, or a bus that does not answer
        problem = f"{type(exc).__name__}: {exc}"
    log.info("D-Bus notifications unavailable (%s); using a fallback", problem)
    if plyer_available():
        return PlyerNotifier(parent=parent)
    if tray_icon is not None:
        return TrayNotifier(tray_icon, parent=parent)
    return LogNotifier(parent=parent)
