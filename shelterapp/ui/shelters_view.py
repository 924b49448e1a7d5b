"""The Shelters tab: filters, the list nearest first, the details of the selected shelter, and the map.

The list and the map share one selection: choosing a shelter in either selects it in the other. The
map shows my position, my saved places and a line to the nearest shelter with distance and walking time.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelterapp.settings import Location, Settings
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.ui.details import DetailsPane
from shelterapp.ui.filter_bar import FilterBar
from shelterapp.ui.labels import distance_label, walk_label
from shelterapp.ui.map.map_view import MapView
from shelterapp.ui.shelter_table import Row, ShelterFilterProxy, ShelterTableModel

FIT_MEASURED = 12  # per column, the texts with the most characters whose width is measured


class SheltersView(QWidget):
    """Signals: filters_changed()."""

    filters_changed = Signal()

    def __init__(self, language: str, settings: Settings, map_view: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filters = FilterBar()
        self.model = ShelterTableModel(language, self)
        self.proxy = ShelterFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._build_table()
        self.details = DetailsPane(language)
        self.map = map_view
        self.stations: list[Shelter] = []  # metro stations, offered in the location dialog

        list_side = QSplitter(Qt.Orientation.Vertical)
        list_side.addWidget(self.table)
        list_side.addWidget(self.details)
        list_side.setStretchFactor(0, 3)
        list_side.setStretchFactor(1, 2)
        self.splitter = QSplitter()
        self.splitter.setObjectName("listAndMap")
        self.splitter.addWidget(list_side)
        self.splitter.addWidget(self.map)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 560])  # the list readable, the map beside it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

        self._wire_filters(settings)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.map.shelter_clicked.connect(self.select_shelter)

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("shelterTable")
        table.setAccessibleName(self.tr("Shelters, nearest first"))
        table.setAccessibleDescription(
            self.tr("Arrow keys choose a shelter: its details and the map follow. Ctrl+C copies its address.")
        )
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)  # rows are chosen with the arrows; Tab leaves the list, as people expect
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(50)  # column widths from the first rows, not 1,000 of a long list
        table.sortByColumn(ShelterTableModel.DISTANCE, Qt.SortOrder.AscendingOrder)
        return table

    # filters --------------------------------------------------------------------------------
    def _wire_filters(self, settings: Settings) -> None:
        f = self.filters
        f.search_changed.connect(self.proxy.set_search)
        f.kinds_changed.connect(lambda kinds: self._filter(self.proxy.set_kinds, kinds))
        f.accessible_changed.connect(lambda value: self._filter(self.proxy.set_accessible_only, value))
        f.open_24_7_changed.connect(lambda value: self._filter(self.proxy.set_open_24_7_only, value))
        f.unplaced_changed.connect(lambda value: self._filter(self.proxy.set_unplaced_shown, value))
        f.restore(settings.kinds, settings.accessible_only, settings.open_24_7_only, settings.unplaced_shown)
        self.proxy.set_kinds(settings.kinds)
        self.proxy.set_accessible_only(settings.accessible_only)
        self.proxy.set_open_24_7_only(settings.open_24_7_only)
        self.proxy.set_unplaced_shown(settings.unplaced_shown)

    def _filter(self, apply: Callable[[Any], None], value: object) -> None:
        apply(value)
        self.filters_changed.emit()

    def filter_state(self) -> tuple[tuple[str, ...], bool, bool, bool]:
        value = self.filters.kind.currentData()
        return (
            (value,) if value else (),
            self.filters.accessible.isChecked(),
            self.filters.open_24_7.isChecked(),
            self.filters.unplaced.isChecked(),
        )

    def clear_filters(self) -> None:
        self.filters.search.clear()
        self.filters.restore((), False, False, True)

    # feeding --------------------------------------------------------------------------------
    def set_shelters(self, shelters: Sequence[Shelter], origin: Location) -> None:
        selected = self.details.shelter.id if self.details.shelter else None
        self.stations = [s for s in shelters if s.kind is Kind.METRO and s.line and s.has_position]
        self.model.set_shelters(shelters, (origin.lat, origin.lon))
        self.map.set_shelters(shelters)
        self.set_origin(origin)
        self._fit_columns()
        if selected is None or not self.select_shelter(selected):
            self.select_first()

    def _fit_columns(self) -> None:
        """Columns as wide as their text in the first rows (as many as Qt's resizeColumnToContents samples), within
        reason. Measured here from the model's strings: Qt's own way asks the model through Python for every role
        of every cell, a tenth of the whole start for 52 rows."""
        if self.proxy.rowCount() == 0:
            return
        metrics, header = QFontMetricsF(self.table.font()), self.table.horizontalHeader()
        first = self.proxy.index(0, 0)  # what the style puts around a cell's text, and the grid line
        padding = self.table.sizeHintForIndex(first).width() - math.ceil(metrics.horizontalAdvance(str(first.data())))
        padding += int(self.table.showGrid())
        limit = max(self.fontMetrics().averageCharWidth() * 40, 200)
        for column in range(self.model.columnCount()):
            texts = self.model.display_texts(column, header.resizeContentsPrecision())
            longest = heapq.nlargest(FIT_MEASURED, texts, key=len)  # a proportional font: measure the likeliest
            widest = math.ceil(max((metrics.horizontalAdvance(text) for text in longest), default=0.0)) + padding
            self.table.setColumnWidth(column, min(max(widest, header.sectionSizeHint(column)), limit))

    def set_origin(self, origin: Location) -> None:
        """Distances from here; the map marks it and draws the way to the nearest shelter."""
        self.model.set_origin(origin.lat, origin.lon)
        self.map.set_my_position(origin.lat, origin.lon)
        nearest = self.nearest_rows(1)
        if not nearest:
            self.map.set_route(None)
        else:
            label = f"{distance_label(nearest[0].distance_m)} · {walk_label(nearest[0].walk_min)}"
            self.map.set_route(nearest[0].shelter.id, label)

    def nearest_rows(self, count: int) -> list[Row]:
        rows = (row for row in self.model.rows() if row.chord_m is not None)
        return heapq.nsmallest(count, rows, key=lambda row: row.chord_m or 0.0)

    def focus_map_on_nearest(self, origin: Location, count: int = 3) -> None:
        """During an alert: me and my nearest shelters fill the map."""
        points = [(origin.lat, origin.lon)]
        for row in self.nearest_rows(count):
            if row.shelter.lat is not None and row.shelter.lon is not None:
                points.append((row.shelter.lat, row.shelter.lon))
        self.map.fit(points)

    def show_nearest(self, origin: Location) -> None:
        """What 'Show shelters' means in a hurry: the list, unfiltered, nearest first, the nearest selected."""
        self.clear_filters()
        self.table.sortByColumn(ShelterTableModel.DISTANCE, Qt.SortOrder.AscendingOrder)
        self.select_first()
        self.focus_map_on_nearest(origin)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # selection ------------------------------------------------------------------------------
    def select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self._select_proxy_row(self.proxy.index(0, 0))

    def select_shelter(self, shelter_id: str) -> bool:
        source_row = self.model.row_of(shelter_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():  # hidden by a filter: clear the filters that hide it
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self._select_proxy_row(index)
        return index.isValid()

    def _select_proxy_row(self, index: QModelIndex) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.details.show_shelter(None, None, None)
            self.map.select_shelter(None)
            return
        row = self.model.row_at(self.proxy.mapToSource(current).row())
        self.details.show_shelter(row.shelter, row.distance_m, row.walk_min)
        self.map.select_shelter(row.shelter.id)
