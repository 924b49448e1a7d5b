"""The selected shelter in full: what, where, how far, how long on foot; copy the address."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shelterapp.shelters.model import Shelter
from shelterapp.ui.a11y import describe
from shelterapp.ui.labels import count_label, distance_label, kind_label, tristate_label, walk_label
from shelterapp.ui.plain_text import plain_label


class DetailsPane(QWidget):
    """Signals: use_as_location(Shelter) when the person says 'I am here'."""

    use_as_location = Signal(object)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._shelter: Shelter | None = None
        self.setObjectName("detailsPane")

        self.title = plain_label()  # names and addresses come from lists and OpenStreetMap: never markup
        self.title.setObjectName("detailsTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)

        self._values: dict[str, QLabel] = {}
        form = self._form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in (
            ("distance", self.tr("Distance")),
            ("walk", self.tr("On foot")),
            ("kind", self.tr("Kind")),
            ("address", self.tr("Address")),
            ("district", self.tr("District")),
            ("capacity", self.tr("Capacity")),
            ("accessible", self.tr("Step-free access")),
            ("open", self.tr("Open 24/7")),
            ("hours", self.tr("Hours")),
            ("phone", self.tr("Phone")),
            ("source", self.tr("Source")),
        ):
            value = plain_label()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"detail_{key}")
            # No accessible name: a screen reader then reads the value itself, with the row's label as its buddy.
            form.addRow(label + ":", value)
            self._values[key] = value

        self.copy_button = QPushButton(self.tr("&Copy address"))
        self.copy_button.setToolTip(self.tr("Copy the address to paste it into a map or a message"))
        self.copy_button.clicked.connect(self.copy_address)
        self.here_button = QPushButton(self.tr("I a&m here"))
        self.here_button.setToolTip(self.tr("Use this shelter's position as my location"))
        self.here_button.clicked.connect(self._use_here)
        describe(
            self.copy_button,
            self.tr("Copy address"),
            self.tr("Copies the selected shelter's address, to paste it into a map or a message."),
        )
        describe(
            self.here_button, self.tr("I am here"), self.tr("Uses the selected shelter's position as my location.")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.here_button)
        buttons.addStretch(1)

        self.placeholder = QLabel(self.tr("Select a shelter in the list to see its details."))
        self.placeholder.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_shelter(None, None, None)

    @property
    def shelter(self) -> Shelter | None:
        return self._shelter

    def show_shelter(self, shelter: Shelter | None, distance_m: float | None, walk_min: int | None) -> None:
        self._shelter = shelter
        has = shelter is not None
        self.placeholder.setVisible(not has)
        self.title.setVisible(has)
        for value in self._values.values():
            value.setVisible(has)
            label = self._form.labelForField(value)
            if label is not None:
                label.setVisible(has)
        self.copy_button.setEnabled(has and bool(shelter.address if shelter else ""))
        self.here_button.setEnabled(has and shelter is not None and shelter.has_position)
        if shelter is None:
            return
        name = shelter.display_name(self._language)
        self.title.setText(f"{name} ({shelter.line})" if shelter.line else name)
        self._values["distance"].setText(
            distance_label(distance_m) if distance_m is not None else self.tr("unknown: no position yet")
        )
        self._values["walk"].setText(walk_label(walk_min) + (self.tr(" (estimate)") if walk_min else ""))
        self._values["kind"].setText(kind_label(shelter.kind) + (f" · {shelter.place}" if shelter.place else ""))
        self._values["address"].setText(shelter.address or "—")
        self._values["district"].setText(shelter.district or "—")
        self._values["capacity"].setText(count_label(shelter.capacity) if shelter.capacity is not None else "—")
        self._values["accessible"].setText(tristate_label(shelter.accessible))
        self._values["open"].setText(tristate_label(shelter.open_24_7))
        self._values["hours"].setText(shelter.hours or "—")
        self._values["phone"].setText(shelter.phone or "—")
        self._values["source"].setText(f"{shelter.source}, {shelter.updated}" if shelter.updated else shelter.source)

    def copy_address(self) -> None:
        if self._shelter is not None and self._shelter.address:
            QGuiApplication.clipboard().setText(self._shelter.address)

    def _use_here(self) -> None:
        if self._shelter is not None and self._shelter.has_position:
            self.use_as_location.emit(self._shelter)
