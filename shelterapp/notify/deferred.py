"""The notifier the app builds before its window: it stands in for the channel until the channel is chosen.

Choosing it (factory.make_notifier) imports jeepney, connects to the session bus and asks the bus daemon two
questions: work the first frame does not need, done once the window is up (app.py, through ui/first_frame.py).
Nothing asked for meanwhile is lost or reordered: it is held and handed to the channel the moment there is one,
and the channel's signals come out of this object, so the presenters connect once, before the window shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from shelterapp.notify.base import Notification, Notifier, ServerInformation
from shelterapp.notify.fallbacks import LogNotifier

log = logging.getLogger(__name__)


class DeferredNotifier(Notifier):
    """A Notifier whose channel `choose()` makes later; `name` is the channel's once chosen."""

    name = "not chosen yet"

    def __init__(self, choose_channel: Callable[[], Notifier], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choose_channel = choose_channel
        self.channel: Notifier | None = None
        self._held: list[Callable[[Notifier], object]] = []

    def choose(self) -> None:
        """Make the channel (once) and hand it, in order, what was asked for until now."""
        if self.channel is not None:
            return
        try:
            channel = self._choose_channel()
        except Exception:  # a bug in choosing must not cost the alerts their notification: the log still has them
            log.exception("could not choose a notification channel")
            channel = LogNotifier()
        channel.setParent(self)
        self.channel = channel
        self.name = channel.name
        log.info("notifications go through %s", channel.name)
        channel.action_invoked.connect(self.action_invoked)
        channel.delivered.connect(self.delivered)
        channel.failed.connect(self.failed)
        channel.server_changed.connect(self.server_changed)
        held, self._held = self._held, []
        for call in held:
            call(channel)

    def server_information(self) -> ServerInformation | None:
        return self.channel.server_information() if self.channel is not None else None

    def notification_id(self, key: str) -> int | None:
        return self.channel.notification_id(key) if self.channel is not None else None

    def _show(self, notification: Notification) -> bool:
        if self.channel is None:
            self._held.append(lambda channel: channel.notify(notification))
            return True  # handed on: it goes out as soon as there is a channel
        return self.channel.notify(notification)

    def _withdraw(self, key: str) -> None:
        if self.channel is None:
            self._held.append(lambda channel: channel.close(key))
        else:
            self.channel.close(key)
