"""Glue between the core and the widgets: settings saved, imports run off the GUI thread, tray kept current.

What only a menu action needs (the file readers and the plausibility checks, the sources dialog, relaunching) is
imported when the action comes, not with the window: the start waits for none of it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from shelterapp.background import run_in_background
from shelterapp.desktop import autostart
from shelterapp.paths import Paths
from shelterapp.settings import Location, Settings, save_settings
from shelterapp.shelters.bundled import BUNDLED_SOURCE
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.formats.base import MAX_ROWS, UnreadableFile
from shelterapp.shelters.spatial import Hit
from shelterapp.shelters.store import StoreError
from shelterapp.ui import theme
from shelterapp.ui.data_summary import DataSummary
from shelterapp.ui.labels import count_label
from shelterapp.ui.main_window import MainWindow
from shelterapp.ui.tray import Tray

if TYPE_CHECKING:
    from shelterapp.shelter_updates.plausibility import Implausible
    from shelterapp.shelters.importer import ImportResult

log = logging.getLogger(__name__)


class AppController(QObject):
    """Owns the running state: the catalog, the settings, the window and (if any) the tray. The alert machinery
    comes after the window's first frame and is wired beside this (app.py; Settings > Alert sources:
    ui/sources_controller.py).

    Signals: location_changed()."""

    location_changed = Signal()

    def __init__(
        self,
        paths: Paths,
        catalog: Catalog,
        settings: Settings,
        window: MainWindow,
        tray: Tray | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.catalog = catalog
        self.settings = settings
        self.window = window
        self.tray = tray
        self.importing = False
        self._save_timer = QTimer(self, singleShot=True, interval=500)  # coalesce bursts of filter clicks
        self._save_timer.timeout.connect(self.save_settings)

        window.location_chosen.connect(self.set_location)
        window.import_requested.connect(self.import_file)
        window.language_chosen.connect(lambda code: self.update_settings(language=code))
        window.theme_chosen.connect(self.set_theme)
        window.filters_changed.connect(self._filters_changed)
        window.autostart_toggled.connect(self.set_autostart)
        window.quit_action.triggered.connect(self.quit)
        window.restart_requested.connect(self.restart)
        window.autostart_action.setChecked(autostart.is_enabled())
        if tray is not None:
            window.hide_on_close = True
            tray.autostart_action.setChecked(autostart.is_enabled())
            tray.show_window_requested.connect(self.show_window)
            tray.shelter_requested.connect(self.show_shelter)
            tray.quit_requested.connect(self.quit)
            tray.autostart_toggled.connect(self.set_autostart)
        self.refresh()

    def summary(self) -> DataSummary:
        datasets = self.catalog.datasets()
        age = self.catalog.age()
        return DataSummary(
            total=len(self.catalog.shelters),
            unpositioned=len(self.catalog.shelters) - len(self.catalog.index),
            sources=tuple(d.attribution for d in datasets if d.rows),
            updated=age.updated,
            age_days=age.days,
            approximate=all(d.source == BUNDLED_SOURCE for d in datasets if d.rows),
        )

    def refresh(self) -> None:
        self.window.set_shelters(self.catalog.shelters, self.summary())
        self._refresh_tray()

    def _refresh_tray(self) -> None:
        if self.tray is not None:
            origin = self.window.origin
            self.tray.set_nearest(self.catalog.nearest(origin.lat, origin.lon, 3), origin.label)

    def nearest_hit(self) -> Hit | None:
        origin = self.window.origin
        hits = self.catalog.nearest(origin.lat, origin.lon, 1)
        return hits[0] if hits else None

    def set_location(self, location: Location) -> None:
        self.update_settings(location=location)
        self.window.set_location(location)
        self._refresh_tray()
        self.location_changed.emit()

    def _filters_changed(self) -> None:
        kinds, accessible, open_24_7, unplaced = self.window.filter_state()
        self.settings = replace(
            self.settings,
            kinds=kinds,
            accessible_only=accessible,
            open_24_7_only=open_24_7,
            unplaced_shown=unplaced,
        )
        self._save_timer.start()

    def update_settings(self, **changes: object) -> None:
        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        self.save_settings()

    def set_theme(self, name: str) -> None:
        """Applies at once, to every window, and is remembered."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        applied = theme.apply_theme(app, name)
        self.update_settings(theme=applied.name)

    def save_settings(self) -> None:
        try:
            save_settings(self.paths.settings_file, self.settings)
        except OSError as exc:
            log.error("could not save settings to %s: %s", self.paths.settings_file, exc)
            self.window.show_notice(self.tr("Your settings could not be saved: %1").replace("%1", str(exc)), True)

    def set_autostart(self, enabled: bool) -> None:
        try:
            path = autostart.set_enabled(enabled)
        except OSError as exc:
            log.error("could not change the autostart entry: %s", exc)
            self.window.show_notice(self.tr("Could not change start with my session: %1").replace("%1", str(exc)), True)
            enabled = autostart.is_enabled()
        else:
            log.info("autostart %s (%s)", "enabled" if enabled else "disabled", path)
        for action in [self.window.autostart_action] + ([self.tray.autostart_action] if self.tray else []):
            if action.isChecked() != enabled:
                action.blockSignals(True)
                action.setChecked(enabled)
                action.blockSignals(False)

    def import_file(self, path: str) -> None:
        """Parse on a worker thread; swap the rows in on the GUI thread (SQLite transaction, fast)."""
        if self.importing:
            return
        self.importing = True
        self.window.import_action.setEnabled(False)
        self.window.show_notice(self.tr("Importing %1…").replace("%1", Path(path).name))
        catalog = self.catalog
        from shelterapp.shelter_updates.plausibility import check_content

        def parse_and_check() -> tuple[ImportResult, Implausible | None]:
            result = catalog.parse_file(Path(path))
            return result, check_content(result)

        run_in_background(
            parse_and_check,
            lambda checked: self._imported(checked[0], checked[1], Path(path).name),
            self._import_failed,
        )

    def _imported(self, result: ImportResult, implausible: Implausible | None, origin: str) -> None:
        self.importing = False
        self.window.import_action.setEnabled(True)
        if implausible is not None and not self.import_anyway(implausible):
            self.window.show_notice(
                self.tr("%1 was not imported: %2. The previous shelter list is kept.")
                .replace("%1", origin)
                .replace("%2", self._implausible_text(implausible)),
                True,
            )
            return
        try:
            self.catalog.apply_import(result, origin, new_baseline=True)  # a list chosen by hand: the new reference
        except Exception as exc:  # the transaction rolled back: old rows are intact
            log.exception("storing the imported shelters failed")
            self._import_failed(exc)
            return
        self.refresh()
        self.window.show_notice(
            self.tr("Imported %1 shelters; %2 rows rejected.")
            .replace("%1", count_label(result.accepted))
            .replace("%2", count_label(result.rejected))
        )

    def _implausible_text(self, implausible: Implausible) -> str:
        from shelterapp.shelter_updates.plausibility import CLUSTERED, DUPLICATE_POINTS, UNKNOWN_KINDS

        texts = {
            DUPLICATE_POINTS: self.tr("most of its shelters share their position with another"),
            CLUSTERED: self.tr("all its shelters lie close to one point"),
            UNKNOWN_KINDS: self.tr("most of its rows do not say what kind of shelter they are"),
        }
        return texts.get(implausible.failure, implausible.reason)

    def import_anyway(self, implausible: Implausible) -> bool:
        """A hand import that fails the plausibility checks: the person chose the file, so they decide; the
        safe answer (keep the current list) is the default."""
        answer = QMessageBox.question(
            self.window,
            self.tr("Import shelters"),
            self.tr("This file does not look like a real list of shelters: %1.\n\nImport it anyway?").replace(
                "%1", self._implausible_text(implausible)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _import_failed(self, error: BaseException) -> None:
        self.importing = False
        self.window.import_action.setEnabled(True)
        reason = str(error) if isinstance(error, UnreadableFile | StoreError) else type(error).__name__
        if isinstance(error, UnreadableFile) and error.reason == "too_many_rows":
            reason = self.tr("the file has more than %1 rows, and Kyiv's shelter list has about 5,000").replace(
                "%1", count_label(MAX_ROWS)
            )
        self.window.show_notice(
            self.tr("The import failed: %1. The previous shelter list is kept.").replace("%1", reason), True
        )

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def show_shelter(self, shelter_id: str) -> None:
        self.show_window()
        self.window.select_shelter(shelter_id)

    def restart(self) -> None:
        """A new copy comes up in the chosen language; this one saves everything and leaves."""
        from shelterapp.desktop.relaunch import relaunch

        if relaunch():
            self.quit()
        else:
            self.window.show_notice(
                self.tr("shelterapp could not restart itself; the new language applies the next time it starts."), True
            )

    def quit(self) -> None:
        self.settings = replace(
            self.settings, window_geometry=bytes(self.window.saveGeometry().toBase64().data()).decode("ascii")
        )
        self.save_settings()
        if self.tray is not None:
            self.tray.hide()
        QApplication.quit()
