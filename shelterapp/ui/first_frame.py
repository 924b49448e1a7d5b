"""The moment the window has drawn its first frame. A person who clicks the icon during an alert needs the window
at once: what it shows is built before that moment, and the rest of the start waits for it (app.py: the feeds
and their keys, the notification channel, the shelter-data services).

The window's first paint, then one turn of the event loop so the frame is flushed to the screen. A window that
is not shown (the app starting hidden in the tray) has no frame to wait for; a shown window that is never
painted (minimised, on another workspace, a compositor that holds it back) is not waited for longer than
FALLBACK_MS: the feeds must never wait on a window manager.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 500


class FirstFrame(QObject):
    """Signals: shown(), once, when `window`'s first frame is on screen (see the module docstring)."""

    shown = Signal()

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.done = False
        self._window = window
        window.installEventFilter(self)
        QTimer.singleShot(0, self, self._unless_shown)  # once the event loop runs: is there a frame to wait for?
        QTimer.singleShot(FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after this paint and its children's, once flushed
        return False

    def _unless_shown(self) -> None:
        if not self._window.isVisible():
            self._fire()

    def _fire(self) -> None:
        if self.done:
            return
        self.done = True
        self._window.removeEventFilter(self)
        self.shown.emit()
