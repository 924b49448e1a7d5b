"""Shelter data: where each list comes from (attribution, licence, rows, date), "Update now", and the
background search for positions of official rows that have only an address (progress, pause, failures)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelterapp.shelters.store import Dataset
from shelterapp.ui.a11y import describe, describe_standard_button
from shelterapp.ui.labels import count_label
from shelterapp.ui.plain_text import plain_label, tooltip


class DataDialog(QDialog):
    """Non-modal; the controller feeds it. Signals: update_requested(), geocode_start_requested(),
    geocode_pause_requested(), geocode_resume_requested()."""

    update_requested = Signal()
    geocode_start_requested = Signal()
    geocode_pause_requested = Signal()
    geocode_resume_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataDialog")
        self.setWindowTitle(self.tr("Shelter data"))
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("datasets")
        self.table.setAccessibleName(self.tr("Shelter lists in use"))
        self.table.setAccessibleDescription(
            self.tr("Each list's source, attribution, licence, number of shelters, date of the data and last check.")
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("List"),
                self.tr("Attribution"),
                self.tr("Licence"),
                self.tr("Shelters"),
                self.tr("Data of"),
                self.tr("Checked"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # arrows move between rows; Tab leaves the table
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.update_button = QPushButton(self.tr("&Update now"))
        self.update_button.setObjectName("updateNow")
        self.update_button.clicked.connect(self.update_requested)
        describe(
            self.update_button,
            self.tr("Update now"),
            self.tr("Downloads the shelter lists again; a list that fails to download is kept as it was."),
        )
        self.update_status = plain_label()  # quotes servers' errors
        self.update_status.setObjectName("updateStatus")
        self.update_status.setWordWrap(True)
        self.update_progress = QProgressBar()
        self.update_progress.setObjectName("updateProgress")
        self.update_progress.setAccessibleName(self.tr("Download of the shelter lists"))
        self.update_progress.setAccessibleDescription(self.tr("How much of the shelter lists has been downloaded."))
        self.update_progress.hide()
        auto = QLabel(self.tr("Lists are refreshed automatically once a week when the computer is online."))
        auto.setWordWrap(True)

        self.geocode_box = self._build_geocode_box()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.hide)
        describe_standard_button(
            buttons,
            QDialogButtonBox.StandardButton.Close,
            self.tr("Closes this window; an update or a search for positions goes on in the background."),
        )
        top = QHBoxLayout()
        top.addWidget(self.update_status, 1)
        top.addWidget(self.update_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(top)
        layout.addWidget(self.update_progress)
        layout.addWidget(auto)
        layout.addWidget(self.geocode_box, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)
        self._running = False
        self._paused = False
        self.set_geocode_state(0, 0, running=False, paused=False, pending=0, service="")
        self.set_failures([])

    def _build_geocode_box(self) -> QGroupBox:
        self.geocode_text = plain_label()  # names the geocoder's host and quotes its errors
        self.geocode_text.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("geocodeProgress")
        self.progress.setAccessibleName(self.tr("Addresses looked up"))
        self.progress.setAccessibleDescription(self.tr("How many of the addresses have been looked up so far."))
        self.geocode_button = QPushButton(self.tr("&Find positions"))
        self.geocode_button.setObjectName("geocodeButton")
        self.geocode_button.clicked.connect(self._geocode_clicked)
        self.failures_label = QLabel()
        self.failures = QListWidget()
        self.failures.setObjectName("geocodeFailures")
        self.failures.setAccessibleName(self.tr("Addresses not found"))
        self.failures.setAccessibleDescription(
            self.tr("The addresses that could not be placed; their shelters stay in the list by district and address.")
        )
        geo_row = QHBoxLayout()
        geo_row.addWidget(self.progress, 1)
        geo_row.addWidget(self.geocode_button)
        box = QGroupBox(self.tr("Positions for addresses"))
        geo = QVBoxLayout(box)
        geo.addWidget(self.geocode_text)
        geo.addLayout(geo_row)
        geo.addWidget(self.failures_label)
        geo.addWidget(self.failures, 1)
        return box

    def set_datasets(self, datasets: Sequence[Dataset], names: dict[str, str]) -> None:
        self.table.setRowCount(0)
        for dataset in datasets:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (
                names.get(dataset.source, dataset.source),
                dataset.attribution,
                getattr(dataset, "licence", "") or "—",
                count_label(dataset.rows),
                dataset.updated or "—",
                dataset.imported_at[:16].replace("T", " "),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tooltip(dataset.origin if column == 0 else text))
                self.table.setItem(row, column, item)

    def set_update_state(self, running: bool, message: str) -> None:
        self.update_button.setEnabled(not running)
        self.update_status.setText(message)
        if running and self.update_progress.isHidden():
            self.update_progress.setRange(0, 0)  # busy until the first bytes arrive
            self.update_progress.setFormat("")
        self.update_progress.setVisible(running)

    def show_update_progress(self, progress: Mapping[str, tuple[int, int, int]]) -> None:
        """progress: list name -> (bytes received, total bytes or -1, rows read or -1) for each list being updated.
        One bar for all: the share of the bytes when every total is known, else busy; the words say the bytes,
        then the rows once the lists are being read."""
        received = sum(r for r, _t, _rows in progress.values())
        totals = [t for _r, t, _rows in progress.values()]
        if totals and all(t > 0 for t in totals):
            total = sum(totals)
            self.update_progress.setRange(0, 1000)  # permille: byte counts would overflow the bar's int past 2 GB
            self.update_progress.setValue(min(1000, received * 1000 // total))
            self.update_progress.setFormat("%p %")
            text = self.tr("Downloading the shelter lists: %1 of %2.")
            text = text.replace("%1", self._size(received)).replace("%2", self._size(total))
        else:
            self.update_progress.setRange(0, 0)  # busy: how much is left is not known
            text = self.tr("Downloading the shelter lists: %1 so far.").replace("%1", self._size(received))
        rows = [n for _r, _t, n in progress.values() if n >= 0]
        if rows:
            text = self.tr("Reading the downloaded lists: %n row(s) read.", "", sum(rows))
        self.update_status.setText(text)

    def _size(self, count: int) -> str:
        if count < 1_000_000:
            return self.tr("%1 kB").replace("%1", self.locale().toString(max(count, 0) / 1000, "f", 0))
        return self.tr("%1 MB").replace("%1", self.locale().toString(count / 1_000_000, "f", 1))

    def set_geocode_state(
        self, done: int, total: int, *, running: bool, paused: bool, pending: int, service: str
    ) -> None:
        """pending = rows without a position that could be looked up; service = the geocoder's host."""
        self._running, self._paused = running, paused
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 0)
        self.progress.setFormat(self.tr("%1 of %2").replace("%1", count_label(done)).replace("%2", count_label(total)))
        if running:
            self.geocode_button.setText(self.tr("&Resume") if paused else self.tr("&Pause"))
            self.geocode_button.setEnabled(True)
        else:
            self.geocode_button.setText(self.tr("&Find positions"))
            self.geocode_button.setEnabled(pending > 0)
        # The name stays "Find positions" whatever the button shows; the description says what a press does now.
        if not running:
            action = self.tr("Starts looking up positions for the addresses, one a second.")
        elif paused:
            action = self.tr("Resumes looking up positions where it stopped.")
        else:
            action = self.tr("Pauses looking up positions; it can resume later.")
        describe(self.geocode_button, self.tr("Find positions"), action)
        if pending == 0 and not running:
            self.geocode_text.setText(self.tr("Every shelter with an address has a position."))
            return
        minutes = max(1, round(pending / 60))
        self.geocode_text.setText(
            self.tr(
                "%Ln shelter(s) of the official list have an address but no position. shelterapp can look their "
                "official addresses up at %2, one a second (about %3 min; you can pause). Only these public "
                "addresses are sent, never your location. Found positions are approximate.",
                None,
                pending,
            )
            .replace("%2", service or "?")
            .replace("%3", count_label(minutes))
        )

    def set_failures(self, failures: Sequence[str]) -> None:
        self.failures.clear()
        self.failures.addItems(list(failures))
        self.failures_label.setText(
            self.tr("Not found (%1): they stay in the list by district and address.").replace(
                "%1", count_label(len(failures))
            )
        )
        self.failures_label.setVisible(bool(failures))
        self.failures.setVisible(bool(failures))

    def _geocode_clicked(self) -> None:
        if not self._running:
            self.geocode_start_requested.emit()
        elif self._paused:
            self.geocode_resume_requested.emit()
        else:
            self.geocode_pause_requested.emit()
