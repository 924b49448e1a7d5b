"""Composition root of the desktop app: builds the objects and wires them. No logic of its own."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from shelterapp import __version__
from shelterapp.config import AppConfig, effective_alarm, effective_nearby, effective_regions, load_config
from shelterapp.desktop import single_instance
from shelterapp.i18n import choose_language, install_translators
from shelterapp.logs import setup_logging
from shelterapp.map.tile_cache import TileCache
from shelterapp.paths import Paths, default_paths
from shelterapp.settings import AlarmSettings, load_settings
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.geocode_cache import GeocodeCache
from shelterapp.shelters.geocode_job import apply_cached_positions
from shelterapp.shelters.store import StoreError
from shelterapp.sources.tiles import TileService, make_tile_client
from shelterapp.ui.controller import AppController
from shelterapp.ui.first_frame import FirstFrame
from shelterapp.ui.icons import app_icon
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.map.map_view import MapView
from shelterapp.ui.map.tile_loader import TileLoader
from shelterapp.ui.plain_text import plain_message_box
from shelterapp.ui.theme import apply_theme
from shelterapp.ui.tray import Tray

if TYPE_CHECKING:
    from shelterapp.alerting.service import AlertService
    from shelterapp.notify.base import Notifier
    from shelterapp.sources.nominatim import NominatimGeocoder
    from shelterapp.ui.timer_controller import TimerController

log = logging.getLogger(__name__)


def build(app: QApplication, args: argparse.Namespace) -> AppController:
    """The window with the shelters, on screen as soon as can be; the rest once its first frame is up."""
    paths = default_paths()
    setup_logging(paths)
    log.info("shelterapp %s starting; paths %s", __version__, paths.as_dict())
    report = load_settings(paths.settings_file)
    settings = report.settings
    language = args.lang or choose_language(settings.language)
    app.setProperty("translators", install_translators(app, language))
    apply_theme(app, args.theme or settings.theme)

    paths.ensure()
    config = load_config(paths.config_file)
    geocode_cache = GeocodeCache.open(paths.cache_dir / "geocode.sqlite")
    catalog = Catalog.open(paths.database, overlay=lambda rows: apply_cached_positions(rows, geocode_cache))
    loader = _tile_loader(app, paths, config)
    window = MainWindow(language, settings, MapView(loader), later_tabs=True)
    tray = Tray(language, app) if Tray.available() else None
    if tray is None:
        log.info("no system tray on this desktop: running as a plain window")
    controller = AppController(paths, catalog, settings, window, tray, parent=app)
    if report.problem:
        window.notice_settings_set_aside(str(report.set_aside_as))
    if catalog.store.recovered_from is not None:
        window.notice_database_set_aside(str(catalog.store.recovered_from))
    for problem in config.problems:
        window.notice_config_problem(problem)
    _show(app, window, tray, args.hidden)
    first_frame = FirstFrame(window, parent=window)  # what the first frame does not show comes after it
    if args.exit_after_start:
        first_frame.shown.connect(lambda: _report_started(controller))
    first_frame.shown.connect(
        lambda: _after_first_frame(app, args, controller, config, loader, geocode_cache, language)
    )
    return controller


def _after_first_frame(
    app: QApplication,
    args: argparse.Namespace,
    controller: AppController,
    config: AppConfig,
    loader: TileLoader,
    geocode_cache: GeocodeCache,
    language: str,
) -> None:
    """The rest of the start, in one turn of the event loop right after the first frame: the tabs beside Shelters,
    the alert service and all that shows its state, the notification channel, the alarm, then the feeds (their
    keys on a worker: alerting/feed_start.py), then the shelter-data services. Until then the banner says it is
    checking; the feeds never start before everything that reacts to an alert is listening."""
    from shelterapp.alerting.feed_setup import FeedSetup
    from shelterapp.alerting.feed_start import start_feeds
    from shelterapp.alerting.history import HistoryStore
    from shelterapp.alerting.service import AlertService
    from shelterapp.desktop.secrets import TokenStore
    from shelterapp.notify.deferred import DeferredNotifier
    from shelterapp.notify.factory import make_notifier
    from shelterapp.sources.http import HttpClient
    from shelterapp.sources.nominatim import NominatimGeocoder
    from shelterapp.ui.alert_presenter import AlertPresenter
    from shelterapp.ui.history_export import HistoryExport
    from shelterapp.ui.places_controller import PlacesController
    from shelterapp.ui.plan_controller import PlanController
    from shelterapp.ui.preparedness_controller import PreparednessController
    from shelterapp.ui.sources_controller import SourcesController
    from shelterapp.ui.timer_controller import TimerController

    paths, settings, window, tray = controller.paths, controller.settings, controller.window, controller.tray
    window.build_later_tabs()
    history = HistoryStore.open(paths.history_database)
    feeds = FeedSetup(paths.config_file, TokenStore(paths.keyring_index_file))
    regions = effective_regions(config, settings.regions)
    service = AlertService(
        None, HttpClient(), history, regions, parent=app, nearby=effective_nearby(config, settings.nearby)
    )  # its feeds join below (start_feeds): the keyring is slow
    app.aboutToQuit.connect(service.stop)
    SourcesController(controller, service, feeds)
    notifier = DeferredNotifier(lambda: make_notifier(tray.icon if tray is not None else None), parent=app)
    presenter = AlertPresenter(
        service, window, tray, notifier, controller.nearest_hit, language, controller.show_window, parent=window
    )
    controller.location_changed.connect(lambda: presenter.show_state(service.merged()))
    timer = TimerController(
        service,
        window.timer_bar,
        tray,
        controller.nearest_hit,
        language,
        memory=paths.shelter_timer_file,
        parent=window,
    )
    controller.location_changed.connect(timer.nearest_changed)
    PreparednessController(paths.preparedness_file, window, parent=window)
    HistoryExport(window, paths.history_database, parent=window)
    PlanController(controller, loader.cache, language)
    geocoder = NominatimGeocoder(config.geocoder_url)  # one per process: search and batch share its 1 req/s
    PlacesController(controller, geocoder.search, language)
    service.start()
    notifier.choose()
    _build_alarm(app, paths, config, controller, service, timer, notifier, language)
    loader.release_downloads()
    start_feeds(service, feeds, config, settings.regions)
    _shelter_data(app, controller, config, geocoder, geocode_cache)
    if args.exit_after_start:
        _quit_once_started(controller, service)


def _build_alarm(
    app: QApplication,
    paths: Paths,
    config: AppConfig,
    controller: AppController,
    service: AlertService,
    timer: TimerController,
    notifier: Notifier,
    language: str,
) -> None:
    """The alarm sound, the full-screen alert, quiet hours, Settings -> Alarm and the drill (issue #14): built once the
    window is up but before the feeds start (app.build connects it first), so no alert can come before they listen.
    Each lives as long as the app."""
    from shelterapp.notify.alarm import Alarm
    from shelterapp.notify.siren import SoundFiles
    from shelterapp.ui.alarm_presenter import AlarmPresenter
    from shelterapp.ui.alarm_settings import AlarmSettingsFlow
    from shelterapp.ui.alert_screen import FullScreenAlert
    from shelterapp.ui.drill_controller import DrillController
    from shelterapp.ui.quiet_controller import QuietController

    window, tray = controller.window, controller.tray

    def chosen() -> AlarmSettings:
        return controller.settings.alarm

    def save(alarm_settings: AlarmSettings) -> None:
        controller.update_settings(alarm=alarm_settings)

    def prefs() -> AlarmSettings:
        return effective_alarm(config, controller.settings.alarm)

    alarm = Alarm(SoundFiles(paths.cache_dir / "sounds"), parent=app)
    screens = FullScreenAlert(parent=app)
    quiet = QuietController(
        lambda: prefs().quiet_hours, chosen().quiet_until, lambda until: save(replace(chosen(), quiet_until=until)),
        tray, parent=app,
    )  # fmt: skip
    presenter = AlarmPresenter(
        service, alarm, screens, window, tray, prefs, quiet.status, controller.nearest_hit, timer.in_shelter, language,
        parent=app,
    )  # fmt: skip
    app.aboutToQuit.connect(alarm.stop)  # no player process outlives the app
    app.aboutToQuit.connect(screens.close)
    AlarmSettingsFlow(window, config, chosen, save, alarm, presenter, quiet, parent=app)
    DrillController(
        service, alarm, screens, presenter, notifier, tray, window, controller.catalog, prefs, save, chosen, parent=app
    )  # fmt: skip


def _show(app: QApplication, window: MainWindow, tray: Tray | None, hidden: bool) -> None:
    """The tray icon, and the window unless the app starts hidden in the tray; with no tray, a plain window."""
    app.setQuitOnLastWindowClosed(tray is None)
    if tray is not None:
        tray.show()
    if not (hidden and tray is not None):
        window.show()


def _shelter_data(
    app: QApplication, controller: AppController, config: AppConfig, geocoder: NominatimGeocoder, cache: GeocodeCache
) -> None:
    """List updates and geocoding, once the window is up (imported only then); each lives as long as its Qt parent."""
    from shelterapp.shelter_updates.geocode_service import GeocodeService
    from shelterapp.shelter_updates.list_updates import ListUpdates
    from shelterapp.sources.shelter_lists import big_file_client, configured, downloader
    from shelterapp.ui.data_controller import DataController
    from shelterapp.urls import host_of

    geocoding = GeocodeService(geocoder, cache, parent=app)
    big_files = big_file_client()
    work_dir = controller.paths.cache_dir
    updates = ListUpdates(
        controller.catalog, configured(config), lambda source: downloader(source, big_files), work_dir
    )
    DataController(controller, updates, geocoding, host_of(config.geocoder_url))  # never user:password@
    app.aboutToQuit.connect(geocoding.stop)
    app.aboutToQuit.connect(big_files.close)
    app.aboutToQuit.connect(geocoder.close)


def _tile_loader(app: QApplication, paths: Paths, config: AppConfig) -> TileLoader:
    client = make_tile_client()  # its own client: tile downloads never hold up alert polls
    cache = TileCache(paths.cache_dir / "tiles", config.tile_cache_mb * 1024 * 1024)
    tiles = TileService(client, cache, config.tile_url)
    loader = TileLoader(tiles, parent=app, downloads_held=True)  # until the first frame: see build()
    app.aboutToQuit.connect(loader.shutdown)
    app.aboutToQuit.connect(tiles.close)
    return loader


def _report_started(controller: AppController) -> None:
    """Runs once the window's first frame is on screen: proof of a working start; the app quits once the rest of
    the start is done too (the feeds' keys come from a worker), so a smoke test runs all of it."""
    shelters = len(controller.catalog.shelters)
    cpu = time.process_time()  # for bench/startup.py: the rest of the start runs from now on
    print(f"shelterapp {__version__} started: window shown, {shelters} shelters (CPU {cpu:.3f} s)", flush=True)
    record = os.environ.get("SHELTERAPP_MODULES_AT_FIRST_FRAME")  # what the first frame waited for: tests
    if record:
        Path(record).write_text("\n".join(sorted(sys.modules)), encoding="utf-8")


def _quit_once_started(controller: AppController, service: AlertService) -> None:
    if service.feeds_known:  # the whole start is done: bench/startup.py times this line too
        cpu = time.process_time()
        print(f"shelterapp {__version__} ready: alert service running, feeds read (CPU {cpu:.3f} s)", flush=True)
        controller.quit()
    else:
        QTimer.singleShot(20, lambda: _quit_once_started(controller, service))


def run(args: argparse.Namespace) -> int:
    """Start the app with arguments launcher.py already parsed (it answers --help and --version without Qt)."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName("shelterapp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(os.environ.get("FLATPAK_ID", "shelterapp"))  # the Flatpak renames our .desktop file
    app.setWindowIcon(app_icon())
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C in a terminal ends the app
    try:
        instance = single_instance.claim(default_paths(), show=not args.hidden)
    except single_instance.AlreadyRunning as running:  # that copy shows its window: one app per home
        print(f"shelterapp: {running}", file=sys.stderr)
        return 0 if running.answered else 1
    try:
        controller = build(app, args)
    except (StoreError, OSError) as exc:
        log.exception("cannot start")
        plain_message_box(QMessageBox.Icon.Critical, "shelterapp", str(exc)).exec()
        return 1
    instance.show_requested.connect(controller.show_window)
    code = app.exec()
    controller.catalog.close()
    instance.release()
    return code
