"""Past alerts: when they began and ended, how long, where, which threats, who reported them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QVBoxLayout, QWidget

from shelterapp.alerting.tracker import Episode
from shelterapp.sources.base import Threat
from shelterapp.ui.labels import duration_label, local_time_label, region_label
from shelterapp.ui.plain_text import tooltip


class HistoryPane(QWidget):
    def __init__(self, threat_name: Callable[[Threat], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._threat_name = threat_name
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Started"), self.tr("Ended"), self.tr("Duration"), self.tr("Where"), self.tr("Threats")]
        )
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(self.tr("Alert history, newest first"))
        self.table.setAccessibleDescription(
            self.tr("Past alerts, one a row: when each began and ended, how long, where, and which threats.")
        )
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # arrows move between rows; Tab leaves the table
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def set_episodes(self, episodes: Sequence[Episode]) -> None:
        now = datetime.now(UTC)
        self.model.removeRows(0, self.model.rowCount())
        for episode in sorted(episodes, key=lambda e: e.started, reverse=True):
            ended = local_time_label(episode.ended) if episode.ended else self.tr("ongoing")
            duration = duration_label(episode.duration(now).total_seconds())
            if episode.end_unseen:  # only when the app found it over is known, not when the all-clear came
                ended = self.tr("no later than %1").replace("%1", ended)
                duration = self.tr("at most %1").replace("%1", duration)
            row = [
                local_time_label(episode.started),
                ended,
                duration,
                ", ".join(region_label(r) for r in episode.regions),
                ", ".join(self._threat_name(t) for t in episode.threats),
            ]
            items = [QStandardItem(text) for text in row]
            tips = [self.tr("Reported by: %1").replace("%1", ", ".join(episode.sources))] if episode.sources else []
            if episode.end_unseen:
                tips.append(
                    self.tr("The all-clear came while shelterapp was closed or could not reach any alert feed.")
                )
            for item in items:
                if tips:
                    item.setToolTip(tooltip("\n".join(tips)))  # source names come from outside: plain text
            self.model.appendRow(items)
        for column in range(4):
            self.table.resizeColumnToContents(column)
