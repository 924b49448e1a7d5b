"""The notification vocabulary and the one interface every channel implements.

Nothing here decides *when* to notify: that is the alert state machine's job (alerting/). As a cheap second
guard, a notifier shows each `Notification.key` at most once in its lifetime: a repeated `notify()` with a key
it has already seen returns False and shows nothing. The app builds one notifier, so in practice that means
once per process. The channels: dbus.py (org.freedesktop.Notifications; protocol.py holds its messages,
bus.py the connection), fallbacks.py (plyer, the tray balloon, the log); factory.py picks one.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from shelterapp.notify.notification import APP_NAME, Notification, ServerInformation, Urgency

__all__ = ["APP_NAME", "Notification", "Notifier", "ServerInformation", "Urgency"]  # the vocabulary, re-exported

log = logging.getLogger(__name__)


class Notifier(QObject):
    """Shows desktop notifications; `notify()` and `close()` never raise and never block the GUI thread.

    Signals: action_invoked(str notification_key, str action_key); delivered(str notification_key) once the
    channel has taken it (the server answered, the balloon was shown); failed(str reason); server_changed(object):
    a ServerInformation when a notification server is learned, None when it goes away (D-Bus only).
    """

    action_invoked = Signal(str, str)
    delivered = Signal(str)
    failed = Signal(str)
    server_changed = Signal(object)
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

    def server_information(self) -> ServerInformation | None:
        """The notification server behind this channel, once it answered; None before, and for channels that
        have none (tray, plyer, log)."""
        return None

    def notification_id(self, key: str) -> int | None:
        """The server's id for the notification delivered under `key`; None where there is none (yet)."""
        return None

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

    def _delivered(self, key: str) -> None:
        self._report_success()
        self.delivered.emit(key)

    def _report_success(self) -> None:
        if self._failing:
            log.info("%s notifications work again", self.name)
            self._failing = False
