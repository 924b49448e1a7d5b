"""Official advisories, newest first, as plain text (feed HTML is never rendered); the link opens in a browser."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelterapp.sources.base import Advisory
from shelterapp.ui.labels import local_time_label, source_badge
from shelterapp.ui.plain_text import tooltip

AdvisoryRole = Qt.ItemDataRole.UserRole + 1


class AdvisoriesPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Source"), self.tr("Title")])
        self.table = QTableView()
        self.table.setObjectName("advisoriesTable")
        self.table.setAccessibleName(self.tr("Official advisories, newest first"))
        self.table.setAccessibleDescription(
            self.tr("Choose an advisory with the arrow keys to read it beside the list.")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # arrows choose a row; Tab goes on to the text
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # feed text is data, never markup
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setAccessibleName(self.tr("Advisory text"))
        self.body.setAccessibleDescription(self.tr("The chosen advisory's source, date and text, read-only."))
        self.open_button = QPushButton(self.tr("&Open in browser"))
        self.open_button.clicked.connect(self.open_link)
        self.open_button.setAccessibleName(self.tr("Open in browser"))
        self.open_button.setAccessibleDescription(self.tr("Opens the chosen advisory's page in your web browser."))
        self.empty = QLabel(self.tr("No advisories yet. They appear here when the official feeds can be read."))
        self.empty.setWordWrap(True)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.title)
        detail_layout.addWidget(self.body, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        detail_layout.addLayout(row)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.set_advisories([])

    def set_advisories(self, advisories: Sequence[Advisory]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for advisory in sorted(advisories, key=lambda a: a.published, reverse=True):
            cells = [
                QStandardItem(local_time_label(advisory.published)),
                QStandardItem(source_badge(advisory.source)),
                QStandardItem(advisory.title),
            ]
            for cell in cells:
                cell.setData(advisory, AdvisoryRole)
                cell.setToolTip(tooltip(advisory.level))
            self.model.appendRow(cells)
        self.empty.setVisible(not advisories)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show(None)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        advisory = current.data(AdvisoryRole) if current.isValid() else None
        self._show(advisory if isinstance(advisory, Advisory) else None)

    def _show(self, advisory: Advisory | None) -> None:
        self.current = advisory
        self.title.setText(advisory.title if advisory else "")
        body = ""
        if advisory is not None:
            body = f"{source_badge(advisory.source)} · {local_time_label(advisory.published)}"
            body += f" · {advisory.level}\n\n" if advisory.level else "\n\n"
            body += advisory.summary
        self.body.setPlainText(body)
        self.open_button.setEnabled(bool(advisory and advisory.link.startswith(("https://", "http://"))))

    def open_link(self) -> None:
        if self.current is not None and self.current.link.startswith(("https://", "http://")):
            QDesktopServices.openUrl(QUrl(self.current.link))
