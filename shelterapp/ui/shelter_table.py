"""The shelter list as a Qt model: every shelter with its distance from my location, plus a filter proxy."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from shelterapp.shelters.bundled import fold_text
from shelterapp.shelters.geodesy import geodesic_m, walk_minutes
from shelterapp.shelters.model import Shelter
from shelterapp.ui.labels import distance_label, kind_label, walk_label

ShelterRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
_ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Row:
    shelter: Shelter
    distance_m: float | None
    walk_min: int | None


class ShelterTableModel(QAbstractTableModel):
    """Rows = shelters; distances are recomputed when the location changes (a few ms per thousand)."""

    NAME, KIND, DISTANCE, WALK, ADDRESS, DISTRICT = range(6)

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._rows: list[Row] = []
        self._shelters: list[Shelter] = []
        self._origin: tuple[float, float] | None = None

    def set_shelters(self, shelters: Sequence[Shelter]) -> None:
        self._shelters = list(shelters)
        self._rebuild()

    def set_origin(self, lat: float, lon: float) -> None:
        self._origin = (lat, lon)
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._rows = [self._row(s) for s in self._shelters]
        self.endResetModel()

    def _row(self, shelter: Shelter) -> Row:
        if self._origin is None or shelter.lat is None or shelter.lon is None:
            return Row(shelter, None, None)
        metres = geodesic_m(self._origin[0], self._origin[1], shelter.lat, shelter.lon)
        return Row(shelter, metres, walk_minutes(metres))

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, shelter_id: str) -> int:
        for number, row in enumerate(self._rows):
            if row.shelter.id == shelter_id:
                return number
        return -1

    def rows(self) -> Iterable[Row]:
        return iter(self._rows)

    # Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Shelter"),
            self.tr("Kind"),
            self.tr("Distance"),
            self.tr("On foot"),
            self.tr("Address"),
            self.tr("District"),
        )[section]

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ShelterRole:
            return row.shelter
        if role == SortRole:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DISTANCE and row.distance_m is None:
            return self.tr("No position yet: find it by its address")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.DISTANCE, self.WALK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: Row, column: int) -> str:
        s = row.shelter
        if column == self.NAME:
            name = s.display_name(self._language)
            return f"{name} ({s.line})" if s.line else name
        if column == self.KIND:
            return kind_label(s.kind)
        if column == self.DISTANCE:
            return distance_label(row.distance_m)
        if column == self.WALK:
            return walk_label(row.walk_min)
        if column == self.ADDRESS:
            return s.address
        return s.district

    def _sort_key(self, row: Row, column: int) -> object:
        if column in (self.DISTANCE, self.WALK):
            return math.inf if row.distance_m is None else row.distance_m
        return self._display(row, column).casefold()


class ShelterFilterProxy(QSortFilterProxyModel):
    """Search by name or address, filter by kind / accessible / 24-7 / has a position."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)
        self._needle = ""
        self._kinds: frozenset[str] = frozenset()
        self._accessible_only = False
        self._open_24_7_only = False
        self._unplaced_shown = True

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_needle", fold_text(text)))

    def set_kinds(self, kinds: Iterable[str]) -> None:
        self._refilter(lambda: setattr(self, "_kinds", frozenset(kinds)))

    def set_accessible_only(self, value: bool) -> None:
        self._refilter(lambda: setattr(self, "_accessible_only", value))

    def set_open_24_7_only(self, value: bool) -> None:
        self._refilter(lambda: setattr(self, "_open_24_7_only", value))

    def set_unplaced_shown(self, value: bool) -> None:
        self._refilter(lambda: setattr(self, "_unplaced_shown", value))

    def _refilter(self, change: Callable[[], None]) -> None:
        """Apply a filter change the way this Qt wants it (invalidateFilter is deprecated from 6.10)."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:  # Qt < 6.10
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _ModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ShelterTableModel)
        s = model.row_at(source_row).shelter
        if self._kinds and s.kind.value not in self._kinds:
            return False
        if self._accessible_only and s.accessible is not True:
            return False
        if self._open_24_7_only and s.open_24_7 is not True:
            return False
        if not self._unplaced_shown and not s.has_position:
            return False
        if self._needle:
            haystack = fold_text(" ".join((s.name_uk, s.name_en, s.address, s.district, s.line)))
            return all(word in haystack for word in self._needle.split())
        return True
