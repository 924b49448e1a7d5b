"""The one way UI tests open the main window as the app does (window + controller), shown and exposed."""

from __future__ import annotations

from shelterapp.paths import default_paths
from shelterapp.ui.controller import AppController
from shelterapp.ui.main_window import MainWindow


def make_window(qtbot, catalog, settings, tray=None) -> tuple[MainWindow, AppController]:
    window = MainWindow("en", settings)
    qtbot.addWidget(window)
    controller = AppController(default_paths(), catalog, settings, window, tray)
    window.show()
    qtbot.waitExposed(window)
    return window, controller
