"""The full-screen alert: one red, frameless, stay-on-top window per screen, big words, two big buttons.

Enter = "I am in a shelter", Esc = "Dismiss"; the presenter closes it at the all-clear. A screen plugged in while
it shows gets its own window, an unplugged one loses it. On X11 a focused full-screen window of another app
(a video call) goes above the "above" layer (../shared/research/desktop-alerts.md 2b, measured with openbox), so
the windows are raised again every RERAISE_MS while they show; on Wayland nothing can stay on top
(`stays_on_top()` says so, and Settings tell the person), the windows still fill every output.
Every text from outside (the shelter's name) is shown as plain text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shelterapp.ui.a11y import describe
from shelterapp.ui.labels import local_time_label, stopwatch_label

log = logging.getLogger(__name__)

RERAISE_MS = 500  # the research's interval: enough to win back the top within a second
BACKGROUND, TEXT = "#9e0000", "#ffffff"  # 8.6:1, above WCAG AAA's 7:1, in every theme
FLAGS = Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.FramelessWindowHint


def stays_on_top() -> bool:
    """False where the platform ignores always-on-top (every Wayland compositor)."""
    return not QGuiApplication.platformName().startswith("wayland")


@dataclass(frozen=True)
class AlertScreenText:
    """What the windows say, already translated (the presenter builds it); `shelter` comes from outside."""

    title: str  # "AIR-RAID ALERT"
    where: str  # regions and threats
    since_template: str  # "Since %1 · %2 ago": %1 the clock time, %2 the running stopwatch
    go: str  # "Go to the shelter now:"
    shelter: str  # the nearest shelter's name, plain text; "" when none is known
    walk: str  # "350 m · ≈ 5 min on foot"
    in_shelter: str
    dismiss: str
    started: datetime
    drill: str = ""  # the DRILL line at the top and bottom; "" for a real alert


class AlertScreen(QWidget):
    """One screen's window. Signals: in_shelter(), dismissed()."""

    in_shelter = Signal()
    dismissed = Signal()

    def __init__(self, text: AlertScreenText, screen: QScreen) -> None:
        super().__init__(None, FLAGS)
        self.setObjectName("fullScreenAlert")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # the manager owns and deletes it
        self.setWindowTitle(text.title)
        self.setStyleSheet(
            f"QWidget#fullScreenAlert {{ background: {BACKGROUND}; }} QLabel {{ color: {TEXT}; }}"
            f" QPushButton {{ background: {TEXT}; color: {BACKGROUND}; font-weight: bold; border: 3px solid {TEXT};"
            " border-radius: 8px; padding: 0.4em 1.2em; }"
            " QPushButton:focus { border: 6px solid #ffff00; }"
        )
        size = screen.geometry()
        height = max(400, min(size.height(), size.width() * 3 // 5))  # text and buttons fit a narrow screen too
        self._text = text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(height // 20, height // 20, height // 20, height // 20)
        layout.addStretch(1)
        self.drill_top = self._label(text.drill, height // 20, bold=True)
        self.title = self._label(text.title, height // 9, bold=True)
        self.where = self._label(text.where, height // 22)
        self.since = self._label("", height // 22)
        self.go = self._label(text.go, height // 26)
        self.shelter = self._label(text.shelter, height // 16, bold=True)
        self.walk = self._label(text.walk, height // 22)
        for label in (self.drill_top, self.title, self.where, self.since, self.go, self.shelter, self.walk):
            layout.addWidget(label)
        self.drill_top.setVisible(bool(text.drill))
        self.shelter.setVisible(bool(text.shelter))
        self.walk.setVisible(bool(text.walk))
        layout.addStretch(1)
        self.in_shelter_button = self._button(text.in_shelter, height, self.in_shelter)
        self.dismiss_button = self._button(text.dismiss, height, self.dismissed)
        describe(self.in_shelter_button, text.in_shelter, text.in_shelter)
        describe(self.dismiss_button, text.dismiss, text.dismiss)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.in_shelter_button)
        buttons.addSpacing(height // 20)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.drill_bottom = self._label(text.drill, height // 20, bold=True)
        self.drill_bottom.setVisible(bool(text.drill))
        layout.addWidget(self.drill_bottom)
        layout.addStretch(1)
        self.setAccessibleName(text.title)
        self.setAccessibleDescription(" ".join(filter(None, (text.drill, text.where, text.go, text.shelter))))
        self.in_shelter_button.setFocus()
        self.tick(text.started)

    def _label(self, text: str, pixels: int, bold: bool = False) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a shelter name is outside text: never rich text
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        font = label.font()
        font.setPixelSize(max(12, pixels))
        font.setBold(bold)
        label.setFont(font)
        return label

    def _button(self, text: str, height: int, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text)
        font = button.font()
        font.setPixelSize(max(14, height // 24))
        button.setFont(font)
        button.setMinimumHeight(height // 9)
        button.clicked.connect(signal)
        return button

    def tick(self, now: datetime) -> None:
        elapsed = (now - self._text.started).total_seconds()
        self.since.setText(
            self._text.since_template.replace("%1", local_time_label(self._text.started, now)).replace(
                "%2", stopwatch_label(elapsed)
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter is "I am in a shelter", Esc is "Dismiss", whichever button has the focus (a button outside a
        dialog ignores Enter and Esc, so they reach this window); Space still presses the focused button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.in_shelter.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.dismissed.emit()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Alt+F4 or the window manager's close counts as Dismiss: the person saw it."""
        if self.isVisible():
            self.dismissed.emit()
        super().closeEvent(event)


class FullScreenAlert(QObject):
    """The windows on every screen, kept there while an alert shows. Signals: in_shelter(), dismissed(),
    shown(int windows)."""

    in_shelter = Signal()
    dismissed = Signal()
    shown = Signal(int)

    def __init__(
        self,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        reraise_ms: int = RERAISE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.windows: dict[QScreen, AlertScreen] = {}
        self._text: AlertScreenText | None = None
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._refresh)
        self._reraise = QTimer(self, interval=reraise_ms)
        self._reraise.timeout.connect(self.raise_all)
        self._watching = False

    @property
    def showing(self) -> bool:
        return self._text is not None

    def show(self, text: AlertScreenText) -> int:
        """A window on every screen (replacing any shown); returns how many."""
        self.close()
        self._text = text
        self._watch_screens(True)
        for screen in QGuiApplication.screens():
            self._open(screen)
        self._tick.start()
        if stays_on_top():
            self._reraise.start()
        self.raise_all()
        log.info("full-screen alert on %d screen(s)", len(self.windows))
        self.shown.emit(len(self.windows))
        return len(self.windows)

    def close(self) -> None:
        self._text = None
        self._watch_screens(False)
        self._tick.stop()
        self._reraise.stop()
        windows, self.windows = self.windows, {}
        for window in windows.values():
            window.hide()  # hidden first, so closeEvent does not read it as Dismiss
            window.close()
            window.deleteLater()

    def _watch_screens(self, on: bool) -> None:
        """Screens plugged in or out: followed only while the alert shows, so that the application (which outlives
        every alert) holds no connection to this object the rest of the time."""
        if on == self._watching:
            return
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        if on:
            app.screenAdded.connect(self._screen_added)
            app.screenRemoved.connect(self._screen_removed)
        else:
            app.screenAdded.disconnect(self._screen_added)
            app.screenRemoved.disconnect(self._screen_removed)
        self._watching = on

    def _open(self, screen: QScreen) -> None:
        assert self._text is not None
        window = AlertScreen(self._text, screen)
        window.in_shelter.connect(self.in_shelter)
        window.dismissed.connect(self.dismissed)
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        self.windows[screen] = window

    def raise_all(self) -> None:
        """Back on top; the keyboard to the first window unless one of ours already has it."""
        for window in self.windows.values():
            window.raise_()
        if self.windows and QApplication.activeWindow() not in self.windows.values():
            first = next(iter(self.windows.values()))
            first.activateWindow()
            first.in_shelter_button.setFocus()

    def _refresh(self) -> None:
        now = self.clock()
        for window in self.windows.values():
            window.tick(now)

    def _screen_added(self, screen: QScreen) -> None:
        if self._text is not None and screen not in self.windows:
            log.info("a screen was plugged in during the alert: %s", screen.name())
            self._open(screen)
            self.raise_all()

    def _screen_removed(self, screen: QScreen) -> None:
        window = self.windows.pop(screen, None)
        if window is not None:
            window.hide()
            window.deleteLater()
