"""A process on a real X server (Xvfb) for tests/ui/test_alert_screen_x11.py and tools/alert_screenshots.sh.

python x11_alert_helper.py alert [--lang uk] [--no-reraise] [--drill]
    shows the full-screen alert through the app's own FullScreenAlert and AlarmPresenter texts, prints one
    JSON line {"windows": [{"id", "screen", "width", "height"}]}, then "IN_SHELTER" or "DISMISSED" when the
    person answers (the windows then close); quits when stdin closes or after --seconds.
python x11_alert_helper.py competitor [--screen N]
    "another app": a plain window shown full screen on screen N, raised and focused once, like a video call
    that just took the screen; prints {"id": ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=("alert", "competitor"))
    parser.add_argument("--lang", default="en")
    parser.add_argument("--no-reraise", action="store_true")
    parser.add_argument("--drill", action="store_true")
    parser.add_argument("--screen", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    # stdin closed (the test is done, or died): leave
    threading.Thread(target=lambda: (sys.stdin.read(), QTimer.singleShot(0, app.quit)), daemon=True).start()
    QTimer.singleShot(int(args.seconds * 1000), app.quit)
    if args.role == "competitor":
        screen = app.screens()[args.screen]
        other = QWidget()
        other.setWindowTitle("another app")
        other.setStyleSheet("background: #2050c0;")
        other.setScreen(screen)
        other.setGeometry(screen.geometry())
        focused: list[bool] = []

        def focus_changed(window) -> None:  # type: ignore[no-untyped-def]
            if window is other.windowHandle() and not focused:
                focused.append(True)
                print("FOCUSED", flush=True)  # the window manager gave this "other app" the keyboard

        app.focusWindowChanged.connect(focus_changed)
        other.showFullScreen()
        other.raise_()
        other.activateWindow()
        print(json.dumps({"id": int(other.winId())}), flush=True)
        app.exec()
        return
    alert(app, args)


def alert(app, args) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QObject, QTimer, Signal

    from shelterapp.alerting.tracker import Episode
    from shelterapp.i18n import install_translators
    from shelterapp.notify.alarm import Alarm
    from shelterapp.notify.siren import SoundFiles
    from shelterapp.quiet_hours import QUIET_OFF
    from shelterapp.settings import AlarmSettings, Settings
    from shelterapp.shelters.bundled import load_bundled
    from shelterapp.shelters.spatial import SpatialIndex
    from shelterapp.sources.base import Threat
    from shelterapp.ui.alarm_presenter import AlarmPresenter
    from shelterapp.ui.alert_screen import RERAISE_MS, FullScreenAlert
    from shelterapp.ui.main_window import MainWindow

    install_translators(app, args.lang)

    class Service(QObject):  # what AlarmPresenter listens to; this helper raises no alert of its own
        alert_started = Signal(object)
        alert_ended = Signal(object)

    class Tray(QObject):
        in_shelter_requested = Signal()

    index = SpatialIndex(load_bundled().shelters)
    hits = index.nearest(50.4470, 30.5230, 1)  # a few streets from Maidan Nezalezhnosti
    window = MainWindow(args.lang, Settings())
    screens = FullScreenAlert(reraise_ms=10**9 if args.no_reraise else RERAISE_MS)
    alarm = Alarm(SoundFiles(Path(tempfile.gettempdir()) / "shelterapp-x11-helper"))  # silent: sound=False below
    presenter = AlarmPresenter(
        Service(), alarm, screens, window, Tray(), lambda: AlarmSettings(sound=False), lambda: QUIET_OFF,
        lambda: hits[0] if hits else None, lambda: None, args.lang,
    )  # fmt: skip
    episode = Episode(datetime.now(UTC) - timedelta(minutes=3, seconds=12), ("31",), (Threat.AIR_RAID,))

    def answered(word: str) -> None:
        print(word, flush=True)
        screens.close()

    screens.in_shelter.connect(lambda: answered("IN_SHELTER"))
    screens.dismissed.connect(lambda: answered("DISMISSED"))

    def show() -> None:
        screens.show(presenter.screen_text(episode, drill=args.drill))
        rows = [
            {
                "id": int(w.winId()),
                "screen": screen.name(),
                "width": screen.geometry().width(),
                "height": screen.geometry().height(),
            }
            for screen, w in screens.windows.items()
        ]
        print(json.dumps({"windows": rows}), flush=True)

    QTimer.singleShot(0, show)
    app.exec()
    screens.close()


if __name__ == "__main__":
    main()
