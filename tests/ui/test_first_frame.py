"""The first frame: what comes after it (the feeds' keys, the notification channel, the shelter-data services)
waits for the window to be painted, but never for a window that is not painted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QMainWindow

from shelterapp.ui.first_frame import FirstFrame


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched, event):
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_shown_comes_once_after_the_window_painted(qtbot):
    window = QMainWindow()
    window.setCentralWidget(QLabel("shelters"))
    qtbot.addWidget(window)
    paints = Paints()
    window.installEventFilter(paints)
    window.show()
    first = FirstFrame(window, parent=window)
    seen: list[int] = []
    first.shown.connect(lambda: seen.append(paints.count))
    qtbot.waitUntil(lambda: seen != [])
    assert seen[0] >= 1  # painted before
    window.update()
    qtbot.waitUntil(lambda: paints.count > seen[0])
    qtbot.wait(50)
    assert len(seen) == 1 and first.done


def test_a_window_that_is_not_shown_is_not_waited_for(qtbot):
    # Autostart: the app starts hidden in the tray; its feeds must start all the same.
    window = QMainWindow()
    qtbot.addWidget(window)
    first = FirstFrame(window, parent=window)
    with qtbot.waitSignal(first.shown, timeout=1000):
        pass
    assert not window.isVisible()
