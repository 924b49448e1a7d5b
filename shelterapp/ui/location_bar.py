"""The row above the shelters: where I am, my saved places, and a search that moves me to an address.

It only emits what the person asked for; the controller answers searches (offline from our own list,
or online through the geocoder when the person opted in) and calls show_results().
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
)

from shelterapp.settings import Location
from shelterapp.ui.a11y import describe
from shelterapp.ui.plain_text import menu_text, plain_label


@dataclass(frozen=True)
class Found:
    """One search result: what to show, and where it is."""

    label: str
    detail: str  # the address or where the result came from
    lat: float
    lon: float


class LocationBar(QWidget):
    """Signals: set_location_requested(), place_chosen(str name), save_place_requested(),
    manage_places_requested(), search_requested(str text, bool online), online_search_toggled(bool),
    result_chosen(Location)."""

    set_location_requested = Signal()
    place_chosen = Signal(str)
    save_place_requested = Signal()
    manage_places_requested = Signal()
    search_requested = Signal(str, bool)
    online_search_toggled = Signal(bool)
    result_chosen = Signal(object)

    def __init__(self, online_search: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.location_label = plain_label()  # the label is a shelter's or a place's name, kept in settings
        self.location_label.setObjectName("locationLabel")
        self.location_label.setWordWrap(True)
        self.places = QComboBox()
        self.places.setObjectName("places")
        self.places.setToolTip(self.tr("Switch to one of your saved places"))
        self.places.activated.connect(self._place_activated)
        self.save_place_button = QPushButton(self.tr("Sa&ve place…"))
        self.save_place_button.setToolTip(self.tr("Keep this location as Home, Work, School or any name"))
        self.save_place_button.clicked.connect(self.save_place_requested)
        self.location_button = QPushButton(self.tr("Set my &location…"))
        self.location_button.clicked.connect(self.set_location_requested)

        self.search = QLineEdit()
        self.search.setObjectName("addressSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Go to an address or a shelter, e.g. Хрещатик 22"))
        self.search.returnPressed.connect(self._search)
        self.search_button = QPushButton(self.tr("&Go"))
        self.search_button.clicked.connect(self._search)
        self.online = QCheckBox(self.tr("Search addresses &online"))
        self.online.setObjectName("onlineSearch")
        self.online.setToolTip(
            self.tr(
                "Sends the address you type (only that, never your position) to OpenStreetMap's "
                "Nominatim service. Off: only our own shelter list is searched."
            )
        )
        self.online.setChecked(online_search)
        self.online.toggled.connect(self.online_search_toggled)
        self.results_menu = QMenu(self)
        self.results_menu.setObjectName("searchResults")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.location_label, 0, 0)
        grid.addWidget(self.places, 0, 1)
        grid.addWidget(self.save_place_button, 0, 2)
        grid.addWidget(self.location_button, 0, 3)
        grid.addWidget(self.search, 1, 0)
        grid.addWidget(self.online, 1, 1)
        grid.addWidget(self.search_button, 1, 2)
        grid.setColumnStretch(0, 1)
        self._describe()
        self.set_places((), "")

    def _describe(self) -> None:
        describe(
            self.places, self.tr("Saved places"), self.tr("Moves my location to a saved place, or opens Manage places.")
        )
        describe(
            self.save_place_button,
            self.tr("Save place"),
            self.tr("Keeps this location under a name such as Home, Work or School."),
        )
        describe(
            self.location_button,
            self.tr("Set my location"),
            self.tr("Opens a dialog to choose a metro station or type coordinates."),
        )
        describe(
            self.search,
            self.tr("Find an address"),
            self.tr("Type an address or a shelter's name and press Enter to move my location there."),
        )
        describe(self.search_button, self.tr("Go to address"), self.tr("Searches for the typed address or shelter."))
        describe(
            self.online,
            self.tr("Search addresses online"),
            self.tr("Also sends the typed address, never your position, to OpenStreetMap's Nominatim."),
        )

    # showing -----------------------------------------------------------------------------
    def show_location(self, location: Location | None) -> None:
        if location is None:
            self.location_label.setText(
                self.tr("My location is not set: distances are from the city centre (Maidan Nezalezhnosti).")
            )
            return
        where = location.label or self.tr("a point I chose")
        self.location_label.setText(
            self.tr("My location: %1 (%2, %3)")
            .replace("%1", where)
            .replace("%2", f"{location.lat:.5f}")
            .replace("%3", f"{location.lon:.5f}")
        )

    def set_places(self, places: Sequence[Location], current_label: str) -> None:
        self.places.clear()
        self.places.addItem(self.tr("My places…") if places else self.tr("No saved places"), "")
        for place in places:
            self.places.addItem(place.label, place.label)
        self.places.addItem(self.tr("Manage places…"), "\x00manage")
        index = self.places.findData(current_label) if current_label else 0
        self.places.setCurrentIndex(max(index, 0))

    def show_results(self, results: Sequence[Found], note: str = "") -> None:
        """Pop the results under the search field; choosing one moves my location there."""
        menu = self.results_menu
        menu.clear()
        if note:
            menu.addAction(menu_text(note)).setEnabled(False)
        for found in results:
            text = f"{found.label} — {found.detail}" if found.detail and found.detail != found.label else found.label
            action = QAction(menu_text(text), menu)
            action.triggered.connect(lambda _checked=False, f=found: self._chosen(f))
            menu.addAction(action)
        if not results:
            menu.addAction(self.tr("Nothing found")).setEnabled(False)
        self.search_button.setEnabled(True)
        menu.popup(self.search.mapToGlobal(QPoint(0, self.search.height())))
        first = next((a for a in menu.actions() if a.isEnabled()), None)
        if first is not None:
            menu.setActiveAction(first)

    def searching(self) -> None:
        self.search_button.setEnabled(False)

    # reacting ----------------------------------------------------------------------------
    def _search(self) -> None:
        text = self.search.text().strip()
        if text and self.search_button.isEnabled():
            self.search_requested.emit(text, self.online.isChecked())

    def _chosen(self, found: Found) -> None:
        self.result_chosen.emit(Location(found.lat, found.lon, found.label))

    def _place_activated(self, index: int) -> None:
        data = self.places.itemData(index)
        if data == "\x00manage":
            self.places.setCurrentIndex(0)
            self.manage_places_requested.emit()
        elif data:
            self.place_chosen.emit(str(data))
