"""Search and filters above the shelter list; it only emits what the person asked for."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from shelterapp.shelters.model import Kind
from shelterapp.ui.a11y import describe
from shelterapp.ui.labels import kind_label


class FilterBar(QWidget):
    """Signals: search_changed(str), kinds_changed(list), accessible_changed(bool),
    open_24_7_changed(bool), unplaced_changed(bool)."""

    search_changed = Signal(str)
    kinds_changed = Signal(list)
    accessible_changed = Signal(bool)
    open_24_7_changed = Signal(bool)
    unplaced_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search by name or address (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.setObjectName("kindFilter")
        self.kind.addItem(self.tr("All kinds"), "")
        for kind in Kind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.accessible = QCheckBox(self.tr("Step-fr&ee"))
        self.accessible.setToolTip(self.tr("Only shelters known to have a ramp or step-free access"))
        self.open_24_7 = QCheckBox(self.tr("Open &24/7"))
        self.unplaced = QCheckBox(self.tr("&Without position"))
        self.unplaced.setToolTip(self.tr("Also list shelters known only by address (no distance yet)"))
        self.unplaced.setChecked(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.kind, 1)
        layout.addWidget(self.accessible)
        layout.addWidget(self.open_24_7)
        layout.addWidget(self.unplaced)

        self.search.textChanged.connect(self.search_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.accessible.toggled.connect(self.accessible_changed)
        self.open_24_7.toggled.connect(self.open_24_7_changed)
        self.unplaced.toggled.connect(self.unplaced_changed)
        self._describe()

    def _describe(self) -> None:
        describe(
            self.search,
            self.tr("Search shelters"),
            self.tr("Lists only the shelters whose name or address contains the typed words."),
        )
        describe(self.kind, self.tr("Kind of shelter"), self.tr("Lists only the shelters of the chosen kind."))
        describe(
            self.accessible,
            self.tr("Step-free only"),
            self.tr("Lists only the shelters known to have a ramp or step-free access."),
        )
        describe(
            self.open_24_7,
            self.tr("Open 24/7 only"),
            self.tr("Lists only the shelters known to be open day and night."),
        )
        describe(
            self.unplaced,
            self.tr("Shelters without a position"),
            self.tr("Also lists the shelters known only by their address, which have no distance yet."),
        )

    def _kind_changed(self, _index: int) -> None:
        value = self.kind.currentData()
        self.kinds_changed.emit([value] if value else [])

    def restore(self, kinds: tuple[str, ...], accessible: bool, open_24_7: bool, unplaced: bool) -> None:
        index = self.kind.findData(kinds[0]) if len(kinds) == 1 else 0
        self.kind.setCurrentIndex(max(index, 0))
        self.accessible.setChecked(accessible)
        self.open_24_7.setChecked(open_24_7)
        self.unplaced.setChecked(unplaced)
