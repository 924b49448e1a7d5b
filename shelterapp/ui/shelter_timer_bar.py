"""The strip under the alert banner during an alert: time since it began, the walk to the nearest shelter,
and "I am in a shelter". Hidden when there is no alert."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from shelterapp.ui.plain_text import plain_label


class ShelterTimerBar(QFrame):
    """Signals: in_shelter_clicked()."""

    in_shelter_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shelterTimer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = plain_label()  # names the nearest shelter
        self.label.setObjectName("shelterTimerText")
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)  # relative to the system font: it scales with it
        self.label.setFont(font)
        self.button = QPushButton(self.tr("I am &in a shelter"))
        self.button.setObjectName("inShelter")
        self.button.setAccessibleName(self.tr("I am in a shelter"))
        self.button.setAccessibleDescription(
            self.tr("Stops the timer for this alert and records that you reached a shelter.")
        )
        self.button.clicked.connect(self.in_shelter_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_running(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(self.tr("Time to shelter"))
        self.button.show()
        self.show()

    def show_sheltered(self, text: str) -> None:
        self.label.setText(text)
        self.button.hide()
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()
