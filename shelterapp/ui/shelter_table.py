"""The shelter list as a Qt model: every shelter with its distance from my location, plus a filter proxy.

Sized for the biggest list an import accepts (MAX_ROWS, 50,000 rows; bench/big_list.py): what a row shows and
sorts by is computed once per list, the model sorts itself with Python's sort on those keys (a proxy sort calls
data() from C++ twice per comparison: 227 s for 953k rows), and the proxy only filters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

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
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.shelters.spatial import ecef
from shelterapp.ui.labels import distance_label, kind_label, walk_label

ShelterRole = Qt.ItemDataRole.UserRole + 1
_ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Row:
    """A shelter and how far it is from my location. The list is ordered by the straight line through the
    Earth (`chord_m`, a few hundred nanoseconds a row; it differs from the geodesic by under 3 cm at 30 km,
    the same for every direction to well under a millimetre), and the geodesic is worked out for the rows
    that are shown."""

    shelter: Shelter
    origin: tuple[float, float] | None
    chord_m: float | None  # None: no position, or no origin

    @property
    def distance_m(self) -> float | None:
        if self.chord_m is None or self.origin is None or self.shelter.lat is None or self.shelter.lon is None:
            return None
        return geodesic_m(self.origin[0], self.origin[1], self.shelter.lat, self.shelter.lon)

    @property
    def walk_min(self) -> int | None:
        distance = self.distance_m
        return None if distance is None else walk_minutes(distance)


@dataclass(frozen=True, slots=True)
class _Texts:
    """What a row shows and is sorted by, apart from distances: computed once per list."""

    cells: tuple[str, str, str, str]  # name, kind, address, district
    keys: tuple[str, str, str, str]  # the same, casefolded, for sorting


class ShelterTableModel(QAbstractTableModel):
    """Rows = shelters, in the order of the column the list is sorted by; distances are recomputed when the
    location changes."""

    NAME, KIND, DISTANCE, WALK, ADDRESS, DISTRICT = range(6)
    _TEXT_COLUMNS: ClassVar[dict[int, int]] = {NAME: 0, KIND: 1, ADDRESS: 2, DISTRICT: 3}  # column -> _Texts slot

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._shelters: list[Shelter] = []
        self._texts: list[_Texts] = []  # parallel to _shelters
        self._haystacks: dict[int, str] = {}  # id(shelter) -> what the search box matches, made on first search
        self._points: list[tuple[float, float, float] | None] = []  # parallel to _shelters: Earth-centred, metres
        self._list_rows: list[Row] = []  # parallel to _shelters: the list's own order
        self._rows: list[Row] = []  # in display order
        self._row_texts: list[_Texts] = []  # parallel to _rows
        self._positions: dict[str, int] = {}  # shelter id -> row
        self._origin: tuple[float, float] | None = None
        self._sort_column = self.DISTANCE
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_shelters(self, shelters: Sequence[Shelter], origin: tuple[float, float] | None = None) -> None:
        """The list, with distances from `origin` when given (else from the origin set before)."""
        self._shelters = list(shelters)
        kinds = {kind: kind_label(kind) for kind in Kind}
        self._texts = [self._texts_of(s, kinds[s.kind]) for s in self._shelters]
        self._points = [None if s.lat is None or s.lon is None else ecef(s.lat, s.lon) for s in self._shelters]
        self._haystacks = {}
        self._origin = origin or self._origin
        self._rebuild()

    def _texts_of(self, s: Shelter, kind: str) -> _Texts:
        name = s.display_name(self._language)
        name = f"{name} ({s.line})" if s.line else name
        cells = (name, kind, s.address, s.district)
        return _Texts(cells, (name.casefold(), kind.casefold(), s.address.casefold(), s.district.casefold()))

    def set_origin(self, lat: float, lon: float) -> None:
        if self._origin == (lat, lon):
            return  # set_shelters() had it already
        self._origin = (lat, lon)
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        origin = self._origin
        if origin is None:
            self._list_rows = [Row(s, None, None) for s in self._shelters]
        else:
            here = ecef(*origin)
            self._list_rows = [
                Row(s, origin, None if point is None else math.dist(here, point))
                for s, point in zip(self._shelters, self._points, strict=True)
            ]
        self._arrange(self._ordered())
        self.endResetModel()

    def _ordered(self) -> list[tuple[Row, _Texts]]:
        """(row, texts) in the list's sort order; ties keep the list's own order, whatever was sorted before."""
        pairs = list(zip(self._list_rows, self._texts, strict=True))
        key: Callable[[tuple[Row, _Texts]], object]
        if self._sort_column in (self.DISTANCE, self.WALK):  # unplaced rows last (first when descending)
            key = lambda pair: math.inf if pair[0].chord_m is None else pair[0].chord_m  # noqa: E731
        else:
            slot = self._TEXT_COLUMNS[self._sort_column]
            key = lambda pair: pair[1].keys[slot]  # noqa: E731
        return sorted(pairs, key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _arrange(self, pairs: list[tuple[Row, _Texts]]) -> None:
        self._rows = [row for row, _texts in pairs]
        self._row_texts = [texts for _row, texts in pairs]
        self._positions = {row.shelter.id: number for number, row in enumerate(self._rows)}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in range(6) or (column, order) == (self._sort_column, self._sort_order):
            return  # already in this order (QTableView asks twice: directly, and through its header)
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()  # the selection, through the proxy
        kept_rows = [self._rows[index.row()] for index in kept]
        self._arrange(self._ordered())
        moved = {id(row): number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            kept, [self.index(moved[id(row)], index.column()) for row, index in zip(kept_rows, kept, strict=True)]
        )
        self.layoutChanged.emit()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, shelter_id: str) -> int:
        return self._positions.get(shelter_id, -1)

    def rows(self) -> Iterable[Row]:
        return iter(self._rows)

    def haystack(self, row: int) -> str:
        """What the search box matches for this row: names, address, district, line, folded."""
        s = self._rows[row].shelter
        found = self._haystacks.get(id(s))
        if found is None:
            found = self._haystacks[id(s)] = fold_text(" ".join((s.name_uk, s.name_en, s.address, s.district, s.line)))
        return found

    def display_texts(self, column: int, rows: int) -> list[str]:
        """What the first `rows` rows show in `column`, as data() gives it, without a call through Qt per cell."""
        if column == self.DISTANCE:
            return [distance_label(row.distance_m) for row in self._rows[:rows]]
        if column == self.WALK:
            return [walk_label(row.walk_min) for row in self._rows[:rows]]
        slot = self._TEXT_COLUMNS[column]
        return [texts.cells[slot] for texts in self._row_texts[:rows]]

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
        number, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DISTANCE:
                return distance_label(self._rows[number].distance_m)
            if column == self.WALK:
                return walk_label(self._rows[number].walk_min)
            return self._row_texts[number].cells[self._TEXT_COLUMNS[column]]
        if role == ShelterRole:
            return self._rows[number].shelter
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DISTANCE and self._rows[number].distance_m is None:
            return self.tr("No position yet: find it by its address")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.DISTANCE, self.WALK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ShelterFilterProxy(QSortFilterProxyModel):
    """Search by name or address, filter by kind / accessible / 24-7 / has a position."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(True)
        self._needle = ""
        self._kinds: frozenset[str] = frozenset()
        self._accessible_only = False
        self._open_24_7_only = False
        self._unplaced_shown = True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (on keys it computed once); the proxy keeps its order and only filters."""
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

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
            haystack = model.haystack(source_row)
            return all(word in haystack for word in self._needle.split())
        return True
