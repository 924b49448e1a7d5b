"""The main window: alert banner, my location and places, the shelter list with filters, details, the map,
and data status.

It holds no logic of its own beyond presentation: app.py feeds it shelters and listens to its
signals (location chosen, import requested, language chosen, autostart toggled). The list and the
map share one selection: choosing a shelter in either selects it in the other.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelterapp import __version__
from shelterapp.settings import Location, Settings
from shelterapp.shelters.model import Shelter
from shelterapp.ui import theme
from shelterapp.ui.a11y import describe
from shelterapp.ui.banner import AlertBanner
from shelterapp.ui.data_summary import DataStatus, DataSummary
from shelterapp.ui.location_bar import LocationBar
from shelterapp.ui.map.map_view import MapView
from shelterapp.ui.plain_text import plain_label
from shelterapp.ui.shelter_timer_bar import ShelterTimerBar
from shelterapp.ui.shelters_view import SheltersView

if TYPE_CHECKING:
    from shelterapp.ui.advisories_pane import AdvisoriesPane
    from shelterapp.ui.history_pane import HistoryPane
    from shelterapp.ui.preparedness_view import PreparednessView

Shortcut = str | QKeySequence.StandardKey | None
Slot = Callable[[], object] | SignalInstance | None
CITY_CENTRE = Location(50.4501, 30.5234, "")  # Maidan Nezalezhnosti, used until the person sets a location


class MainWindow(QMainWindow):
    """Signals: location_chosen(Location), import_requested(str), language_chosen(str),
    autostart_toggled(bool), filters_changed(), sources_requested(), data_requested(),
    places_requested(), restart_requested(), theme_chosen(str), alarm_settings_requested(), drill_requested().
    The location bar's own signals (places, search) are connected directly."""

    location_chosen = Signal(object)
    import_requested = Signal(str)
    language_chosen = Signal(str)
    autostart_toggled = Signal(bool)
    filters_changed = Signal()
    sources_requested = Signal()
    data_requested = Signal()
    places_requested = Signal()
    restart_requested = Signal()
    theme_chosen = Signal(str)
    alarm_settings_requested = Signal()
    drill_requested = Signal()

    preparedness: PreparednessView  # these three: once build_later_tabs() has run
    advisories: AdvisoriesPane
    history: HistoryPane

    def __init__(
        self,
        language: str,
        settings: Settings,
        map_view: MapView | None = None,
        parent: QWidget | None = None,
        later_tabs: bool = False,
    ) -> None:
        """`later_tabs`: the tabs beside Shelters wait for build_later_tabs() (app.py: after the first frame)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("shelterapp — Kyiv shelters"))
        self._language = language
        self._location: Location | None = settings.location
        self._notices: list[str] = []
        self.hide_on_close = False  # set by the tray when one exists

        self.banner = AlertBanner()
        self.timer_bar = ShelterTimerBar()
        self.shelters_view = SheltersView(language, settings, map_view if map_view is not None else MapView(None))
        view = self.shelters_view
        self.filters, self.model, self.proxy = view.filters, view.model, view.proxy
        self.table, self.details, self.map = view.table, view.details, view.map
        view.filters_changed.connect(self.filters_changed)
        self.location_bar = LocationBar(settings.online_search)
        self.location_label = self.location_bar.location_label
        self.location_bar.set_location_requested.connect(self.ask_location)
        self.location_bar.result_chosen.connect(self.location_chosen)
        self.tabs = self._build_tabs()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.timer_bar)
        layout.addLayout(self._build_notice_row())
        layout.addWidget(self.location_bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.data_label = DataStatus()  # dates and attributions of the lists in use
        self.statusBar().addPermanentWidget(self.data_label, 1)

        self._build_menus(settings.language)
        self.details.use_as_location.connect(self._use_shelter_as_location)
        if settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode("ascii")))
        else:
            self.resize(1280, 780)
        self._show_location()
        self.clear_notice()
        if not later_tabs:
            self.build_later_tabs()

    # building -------------------------------------------------------------------------------
    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setObjectName("tabs")
        tabs.addTab(self.shelters_view, self.tr("&Shelters"))
        for label in (self.tr("&Preparedness"), self.tr("&Advisories"), self.tr("Alert &history")):
            tabs.addTab(QWidget(), label)  # the tab bar is whole from the first frame; build_later_tabs() fills it
        self.shelters_view.map.shelter_clicked.connect(lambda _id: tabs.setCurrentIndex(0))
        for widget in (tabs, tabs.tabBar()):
            describe(
                widget,
                self.tr("Sections"),
                self.tr("Switches between the parts of the window; Alt with a tab's underlined letter opens that tab."),
            )
        return tabs

    def build_later_tabs(self) -> None:
        """Preparedness, Advisories and Alert history: what the first frame does not show, with their modules."""
        from shelterapp.preparedness.content import load_content
        from shelterapp.ui.advisories_pane import AdvisoriesPane
        from shelterapp.ui.history_pane import HistoryPane
        from shelterapp.ui.preparedness_view import PreparednessView

        self.preparedness = PreparednessView(load_content(self._language))
        self.advisories = AdvisoriesPane()
        self.history = HistoryPane(self.banner.threat_name)
        for index, pane in enumerate((self.preparedness, self.advisories, self.history), start=1):
            placeholder, label = self.tabs.widget(index), self.tabs.tabText(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, pane, label)
            if placeholder is not None:
                placeholder.deleteLater()

    def _build_notice_row(self) -> QHBoxLayout:
        self.notice = plain_label()  # errors quote file names, servers and paths
        self.notice.setObjectName("notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # notices quote file paths and server messages
        self.notice.setWordWrap(True)
        self.notice.setMargin(6)
        self.notice_close = QPushButton(self.tr("Dismiss"))
        self.notice_close.clicked.connect(self.clear_notice)
        describe(
            self.notice_close,
            self.tr("Dismiss message"),
            self.tr("Hides the message beside it; the log keeps its detail."),
        )
        theme.notifier().changed.connect(self._style_notice)
        row = QHBoxLayout()
        row.addWidget(self.notice, 1)
        row.addWidget(self.notice_close)
        return row

    def _build_file_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = self._add_action(file_menu, self.tr("&Import shelter list…"), self._ask_import, "Ctrl+I")
        self.data_action = self._add_action(  # F5; Ctrl+U is taken by text fields
            file_menu, self.tr("&Update shelters…"), self.data_requested, QKeySequence.StandardKey.Refresh
        )
        self.export_history_action = self._add_action(file_menu, self.tr("&Export history…"))  # ui/history_export.py
        file_menu.addSeparator()
        self._add_plan_actions(file_menu)
        file_menu.addSeparator()
        self.quit_action = self._add_action(file_menu, self.tr("&Quit"), None, QKeySequence.StandardKey.Quit)

    def _build_menus(self, language_setting: str) -> None:
        self._build_file_menu()
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        self._add_action(settings_menu, self.tr("Set my &location…"), self.ask_location, "Ctrl+L")
        self._add_action(settings_menu, self.tr("My &places…"), self.places_requested)
        self._add_action(settings_menu, self.tr("&Alert sources…"), self.sources_requested)
        self._add_action(settings_menu, self.tr("Alarm and &quiet hours…"), self.alarm_settings_requested)
        language_menu = settings_menu.addMenu(self.tr("Lan&guage"))
        group = QActionGroup(self)
        for code, label in (
            ("auto", self.tr("&System language")),
            ("uk", "&Українська"),
            ("en", "&English"),
            ("fr", "&Français"),
        ):
            action = QAction(label, self, checkable=True)
            action.setChecked(code == language_setting)
            action.setData(code)
            group.addAction(action)
            language_menu.addAction(action)
        group.triggered.connect(self._language_picked)
        settings_menu.addAction(self._build_theme_action())
        self.autostart_action = QAction(self.tr("Start with my &session"), self, checkable=True)
        self.autostart_action.toggled.connect(self.autostart_toggled)
        settings_menu.addAction(self.autostart_action)

        self._build_help_menu()

        search = self.filters.search
        self._add_action(
            self, "", lambda: search.setFocus(Qt.FocusReason.ShortcutFocusReason), QKeySequence.StandardKey.Find
        )
        self._add_action(self.table, "", self.details.copy_address, QKeySequence.StandardKey.Copy)

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.drill_action = self._add_action(help_menu, self.tr("Run a &drill"), self.drill_requested)
        self._add_action(help_menu, self.tr("&About shelterapp"), self._about)

    def _add_action(self, where: QWidget, text: str, slot: Slot = None, shortcut: Shortcut = None) -> QAction:
        """An entry in a menu (or a shortcut of a widget) the window owns, so its shortcut works wherever the
        focus is in the window. Without `slot`, whoever acts on it connects it (the controllers)."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        where.addAction(action)
        return action

    def _add_plan_actions(self, file_menu: QMenu) -> None:
        """A one-page plan for where I am (ui/plan_controller.py): printed, or saved as a PDF."""
        self.print_plan_action = self._add_action(
            file_menu, self.tr("&Print shelter plan…"), None, QKeySequence.StandardKey.Print
        )
        self.save_plan_action = self._add_action(file_menu, self.tr("Save shelter plan as P&DF…"))

    def _build_theme_action(self) -> QAction:
        """Checked when high contrast is in use (app.py applies the saved theme before the window is built)."""
        self.high_contrast_action = QAction(self.tr("High &contrast"), self, checkable=True)
        self.high_contrast_action.setChecked(theme.current().high_contrast)
        self.high_contrast_action.toggled.connect(
            lambda on: self.theme_chosen.emit(theme.HIGH_CONTRAST if on else theme.SYSTEM)
        )
        return self.high_contrast_action

    def filter_state(self) -> tuple[tuple[str, ...], bool, bool, bool]:
        return self.shelters_view.filter_state()

    # feeding --------------------------------------------------------------------------------
    def set_shelters(self, shelters: Sequence[Shelter], summary: DataSummary) -> None:
        self.shelters_view.set_shelters(shelters, self.origin)
        self.data_label.show_summary(summary)

    def set_location(self, location: Location | None) -> None:
        self._location = location
        self._show_location()
        self.shelters_view.set_origin(self.origin)
        self.shelters_view.select_first()

    @property
    def origin(self) -> Location:
        return self._location if self._location is not None else CITY_CENTRE

    def _show_location(self) -> None:
        self.location_bar.show_location(self._location)

    def set_places(self, places: Sequence[Location], current_label: str) -> None:
        self.location_bar.set_places(places, current_label)
        self.map.set_places([(place.label, place.lat, place.lon) for place in places])

    def show_nearest_shelters(self) -> None:
        """What 'Show shelters' means in a hurry: the list, unfiltered, nearest first, the nearest selected."""
        self.tabs.setCurrentIndex(0)
        self.shelters_view.show_nearest(self.origin)

    def select_first(self) -> None:
        self.shelters_view.select_first()

    def select_shelter(self, shelter_id: str) -> bool:
        return self.shelters_view.select_shelter(shelter_id)

    # asking ---------------------------------------------------------------------------------
    def ask_location(self) -> None:
        from shelterapp.ui.location import LocationDialog  # when asked, not with the window

        dialog = LocationDialog(self.shelters_view.stations, self._language, self._location, self)
        if dialog.exec() == LocationDialog.DialogCode.Accepted:
            location = dialog.location()
            if location is not None:
                self.location_chosen.emit(location)

    def _use_shelter_as_location(self, shelter: Shelter) -> None:
        assert shelter.lat is not None and shelter.lon is not None
        self.location_chosen.emit(Location(shelter.lat, shelter.lon, shelter.display_name(self._language)))

    def _ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import shelter list"),
            "",
            self.tr("Shelter lists (*.csv *.xlsx *.json *.geojson *.kml *.kmz);;All files (*)"),
        )
        if path:
            self.import_requested.emit(path)

    def _language_picked(self, action: QAction) -> None:
        """Saved at once; shown after a restart, which we offer (alerts and settings carry over)."""
        self.language_chosen.emit(str(action.data()))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Language"),
            self.tr("Restart shelterapp now to show it in the new language?"),
            parent=self,
        )
        restart = box.addButton(self.tr("&Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("&Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restart)
        box.exec()
        if box.clickedButton() is restart:
            self.restart_requested.emit()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About shelterapp"),
            self.tr(
                "<p><b>shelterapp %1</b>: Kyiv shelters and air-raid alerts, offline first.</p>"
                "<p>Data: %2</p><p>In an emergency call 112.</p>"
            )
            .replace("%1", __version__)
            .replace("%2", "<br>".join(html.escape(source) for source in self.data_label.attributions)),
        )

    def show_notice(self, text: str, problem: bool = False) -> None:
        """A message that stays in the window until dismissed; problems pile up, progress replaces.

        The caller logs the detail."""
        if problem and not text.startswith("⚠"):
            text = "⚠ " + text  # a problem reads as one without its colour, and to a screen reader
        self._notices = [*self._notices[-2:], text] if problem and self.notice.property("problem") else [text]
        self.notice.setProperty("problem", problem)
        self._style_notice()
        self.notice.setText("\n".join(self._notices))
        self.notice.show()
        self.notice_close.show()

    def _style_notice(self) -> None:
        tone = theme.current().tone("warning" if self.notice.property("problem") else "ok")
        self.notice.setStyleSheet(tone.style_sheet("QLabel#notice"))

    def notice_settings_set_aside(self, moved_to: str) -> None:
        self.show_notice(
            self.tr("Your settings file could not be read and was set aside as %1; defaults are in use.").replace(
                "%1", moved_to
            ),
            problem=True,
        )

    def notice_database_set_aside(self, moved_to: str) -> None:
        self.show_notice(
            self.tr("The shelter database was damaged and set aside as %1; the built-in list is in use.").replace(
                "%1", moved_to
            ),
            problem=True,
        )

    def notice_config_problem(self, problem: str) -> None:
        self.show_notice(self.tr("config.toml: %1").replace("%1", problem), problem=True)

    def clear_notice(self) -> None:
        self._notices = []
        self.notice.setProperty("problem", False)
        self.notice.clear()
        self.notice.hide()
        self.notice_close.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.hide_on_close:
            event.ignore()
            self.hide()
            return
        super().closeEvent(event)
