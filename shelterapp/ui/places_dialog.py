"""Saved places: see each place's nearest shelter, switch to a place, rename or delete it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelterapp.places import remove_place, rename_place
from shelterapp.settings import Location
from shelterapp.shelters.spatial import Hit
from shelterapp.ui.a11y import describe, describe_standard_button
from shelterapp.ui.labels import distance_label, walk_label

NearestOf = Callable[[float, float], Hit | None]


def ask_place_name(parent: QWidget, suggestion: str = "") -> str | None:
    """The name for a new place: Home / Work / School offered, any name accepted."""
    names = [
        QCoreApplication.translate("PlacesDialog", "Home"),
        QCoreApplication.translate("PlacesDialog", "Work"),
        QCoreApplication.translate("PlacesDialog", "School"),
    ]
    if suggestion and suggestion not in names:
        names.insert(0, suggestion)
    name, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("PlacesDialog", "Save place"),
        QCoreApplication.translate("PlacesDialog", "Name of this place (Home, Work, School or any name):"),
        names,
        0,
        True,
    )
    name = " ".join(name.split())
    return name if ok and name else None


class PlacesDialog(QDialog):
    """Edits a copy of the places; `places()` holds the result after Accepted, `chosen` the place to use."""

    def __init__(
        self, places: tuple[Location, ...], nearest_of: NearestOf, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("My places"))
        self._places = places
        self._nearest_of = nearest_of
        self._language = language
        self.chosen: str | None = None

        self.list = QListWidget()
        self.list.setObjectName("placesList")
        self.list.setAccessibleName(self.tr("Saved places and their nearest shelter"))
        self.list.setAccessibleDescription(self.tr("Choose a place with the arrow keys; Enter goes there."))
        self.list.itemActivated.connect(lambda _item: self._use())
        self.use_button = QPushButton(self.tr("&Go there"))
        self.use_button.clicked.connect(self._use)
        self.rename_button = QPushButton(self.tr("&Rename…"))
        self.rename_button.clicked.connect(self._rename)
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.clicked.connect(self._delete)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)  # edits are kept: Close is not Cancel here
        describe(self.use_button, self.tr("Go there"), self.tr("Moves my location to the chosen place."))
        describe(self.rename_button, self.tr("Rename place"), self.tr("Gives the chosen place a new name."))
        describe(self.delete_button, self.tr("Delete place"), self.tr("Removes the chosen place from my places."))
        describe_standard_button(
            buttons, QDialogButtonBox.StandardButton.Close, self.tr("Closes this dialog and keeps the changes made.")
        )

        row = QHBoxLayout()
        for button in (self.use_button, self.rename_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        hint = QLabel(self.tr("Save a place with “Save place…” next to your location."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, 360)
        self._fill()

    def places(self) -> tuple[Location, ...]:
        return self._places

    def _fill(self, current: str = "") -> None:
        self.list.clear()
        for place in self._places:
            hit = self._nearest_of(place.lat, place.lon)
            if hit is None:
                nearest = self.tr("no shelter with a known position")
            else:
                nearest = (
                    self.tr("nearest: %1, %2, %3")
                    .replace("%1", hit.shelter.display_name(self._language))
                    .replace("%2", distance_label(hit.distance_m))
                    .replace("%3", walk_label(hit.walk_min))
                )
            item = QListWidgetItem(f"{place.label}\n{nearest}")
            item.setData(Qt.ItemDataRole.UserRole, place.label)
            self.list.addItem(item)
            if place.label == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        has = self.list.count() > 0
        for button in (self.use_button, self.rename_button, self.delete_button):
            button.setEnabled(has)

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _use(self) -> None:
        self.chosen = self._selected()
        if self.chosen is not None:
            self.accept()

    def _rename(self) -> None:
        name = self._selected()
        if name is None:
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename place"), self.tr("New name:"), text=name)
        if ok and new.strip():
            self._places = rename_place(self._places, name, new)
            self._fill(" ".join(new.split()))

    def _delete(self) -> None:
        name = self._selected()
        if name is not None:
            self._places = remove_place(self._places, name)
            self._fill()
