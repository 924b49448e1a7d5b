"""Composition root of the desktop app: builds the objects and wires them. No logic of its own."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMessageBox

from shelterapp import __version__
from shelterapp.alert_service import AlertService
from shelterapp.config import effective_regions, load_config
from shelterapp.history import HistoryStore
from shelterapp.i18n import choose_language, install_translators
from shelterapp.logs import setup_logging
from shelterapp.notifier import make_notifier
from shelterapp.paths import default_paths
from shelterapp.secrets import TokenStore
from shelterapp.settings import load_settings
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.store import StoreError
from shelterapp.sources.http import HttpClient
from shelterapp.sources.registry import build_specs
from shelterapp.ui.alert_presenter import AlertPresenter
from shelterapp.ui.controller import AppController
from shelterapp.ui.icons import app_icon
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.tray import Tray

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="shelterapp", description="Kyiv shelters and alerts on the desktop.")
    parser.add_argument("--version", action="version", version=f"shelterapp {__version__}")
    parser.add_argument("--lang", choices=("uk", "en"), help="interface language (default: settings, then system)")
    parser.add_argument("--hidden", action="store_true", help="start in the tray without showing the window")
    return parser.parse_args(argv)


def build(app: QApplication, args: argparse.Namespace) -> AppController:
    paths = default_paths()
    setup_logging(paths)
    log.info("shelterapp %s starting; paths %s", __version__, paths.as_dict())
    report = load_settings(paths.settings_file)
    settings = report.settings
    language = args.lang or choose_language(settings.language)
    app.setProperty("translators", install_translators(app, language))

    paths.ensure()
    catalog = Catalog.open(paths.database)
    window = MainWindow(language, settings)
    tray = Tray(language, app) if Tray.available() else None
    if tray is None:
        log.info("no system tray on this desktop: running as a plain window")
    controller = AppController(paths, catalog, settings, window, tray, app)
    if report.problem:
        window.notice_settings_set_aside(str(report.set_aside_as))
    if catalog.store.recovered_from is not None:
        window.notice_database_set_aside(str(catalog.store.recovered_from))

    config = load_config(paths.config_file)
    for problem in config.problems:
        window.notice_config_problem(problem)
    history = HistoryStore.open(paths.history_database)
    regions = effective_regions(config, settings.regions)
    service = AlertService(build_specs(config, TokenStore().get), HttpClient(), history, regions, parent=app)
    notifier = make_notifier(tray.icon if tray is not None else None)
    log.info("notifications go through %s", notifier.name)
    presenter = AlertPresenter(
        service, window, tray, notifier, controller.nearest_hit, language, controller.show_window, parent=app
    )
    controller.location_changed.connect(lambda: presenter.show_state(service.merged()))
    controller.alerts = service
    app.aboutToQuit.connect(service.stop)
    service.start()
    app.setQuitOnLastWindowClosed(tray is None)
    if tray is not None:
        tray.show()
    if not (args.hidden and tray is not None):
        window.show()
    return controller


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("shelterapp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("shelterapp")
    app.setWindowIcon(app_icon())
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C in a terminal ends the app
    try:
        controller = build(app, args)
    except (StoreError, OSError) as exc:
        log.exception("cannot start")
        QMessageBox.critical(None, "shelterapp", str(exc))
        return 1
    code = app.exec()
    controller.catalog.close()
    return code
