"""Setting 'my location': pick a metro station or type/paste coordinates. Nothing leaves the machine."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shelterapp.settings import Location
from shelterapp.shelters.model import Shelter, inside_kyiv
from shelterapp.ui.a11y import describe, describe_standard_button

_NUMBER_PAIR = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*[,;\s]\s*(-?\d+(?:[.,]\d+)?)\s*$")


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """'50.4501, 30.5234' or '50,4501 30,5234' (as copied from a map) -> (lat, lon); None if not valid."""
    match = _NUMBER_PAIR.match(text)
    if not match:
        return None
    lat, lon = (float(part.replace(",", ".")) for part in match.groups())
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


class LocationDialog(QDialog):
    """Ask where the person is; `location()` gives the answer after exec() returns Accepted."""

    def __init__(
        self,
        stations: Sequence[Shelter],
        language: str,
        current: Location | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("My location"))
        self._stations = sorted(stations, key=lambda s: s.display_name(language).casefold())
        self._language = language

        self.by_station = QRadioButton(self.tr("Near a &metro station"))
        self.station_box = QComboBox()
        self.station_box.setEditable(True)  # type to jump to a station
        self.station_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for station in self._stations:
            self.station_box.addItem(f"{station.display_name(language)} ({station.line})", station.id)

        self.by_coordinates = QRadioButton(self.tr("At &coordinates"))
        self.coordinates_edit = QLineEdit()
        self.coordinates_edit.setPlaceholderText(self.tr("latitude, longitude, e.g. 50.4501, 30.5234"))
        self.problem = QLabel()
        self.problem.setObjectName("locationProblem")
        self.problem.setWordWrap(True)

        privacy = QLabel(self.tr("Your location is kept on this computer only."))
        privacy.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.by_station, self.station_box)
        form.addRow(self.by_coordinates, self.coordinates_edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._describe()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(privacy)
        layout.addWidget(self.buttons)

        self.station_box.activated.connect(lambda _index: self.by_station.setChecked(True))
        self.coordinates_edit.textEdited.connect(self._coordinates_edited)
        self.by_station.toggled.connect(lambda _checked: self._validate())
        self.by_station.setChecked(True)
        if current is not None:
            self.coordinates_edit.setText(f"{current.lat:.6f}, {current.lon:.6f}")
            station_index = self.station_box.findText(current.label.split(" (")[0], flags=Qt.MatchFlag.MatchStartsWith)
            if current.label and station_index >= 0:
                self.station_box.setCurrentIndex(station_index)
            else:
                self.by_coordinates.setChecked(True)
        self._coordinates_edited(self.coordinates_edit.text())

    def _describe(self) -> None:
        describe(
            self.by_station, self.tr("Near a metro station"), self.tr("Uses the chosen metro station as my location.")
        )
        describe(self.station_box, self.tr("Metro station"), self.tr("Type the first letters to jump to a station."))
        describe(
            self.by_coordinates,
            self.tr("At coordinates"),
            self.tr("Uses the typed latitude and longitude as my location."),
        )
        describe(
            self.coordinates_edit,
            self.tr("Coordinates"),
            self.tr("Latitude and longitude in degrees, separated by a comma, e.g. 50.4501, 30.5234."),
        )
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        describe_standard_button(self.buttons, ok, self.tr("Sets my location and closes this dialog."))
        describe_standard_button(self.buttons, cancel, self.tr("Closes this dialog and keeps my location as it was."))

    def _coordinates_edited(self, text: str) -> None:
        if text.strip():
            self.by_coordinates.setChecked(True)
        self._validate()

    def _validate(self) -> None:
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.by_station.isChecked():
            self.problem.clear()
            ok_button.setEnabled(self.station_box.currentIndex() >= 0)
            return
        parsed = parse_coordinates(self.coordinates_edit.text())
        if parsed is None:
            self.problem.setText(self.tr("Type latitude and longitude in degrees, separated by a comma."))
        elif not inside_kyiv(*parsed):
            self.problem.setText(self.tr("This point is outside Kyiv: distances will be long."))
        else:
            self.problem.clear()
        ok_button.setEnabled(parsed is not None)

    def location(self) -> Location | None:
        if self.by_station.isChecked():
            index = self.station_box.currentIndex()
            if index < 0:
                return None
            station = self._stations[index]
            assert station.lat is not None and station.lon is not None
            return Location(station.lat, station.lon, station.display_name(self._language))
        parsed = parse_coordinates(self.coordinates_edit.text())
        return None if parsed is None else Location(parsed[0], parsed[1], "")
