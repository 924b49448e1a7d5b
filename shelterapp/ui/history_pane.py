"""Past alerts: when they began and ended, how long, where, which threats, who reported them; the alerts in the
raions next to Kyiv as rows of their own kind; above them the last 30 days as a chart, and as text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelterapp.alerting.nearby import NearbyEpisode
from shelterapp.alerting.record_stats import Figures
from shelterapp.alerting.tracker import Episode
from shelterapp.sources.base import Threat
from shelterapp.ui.a11y import describe
from shelterapp.ui.history_chart import HistoryChart
from shelterapp.ui.labels import duration_label, local_time_label, region_label
from shelterapp.ui.plain_text import tooltip


class HistoryPane(QWidget):
    def __init__(self, threat_name: Callable[[Threat], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._threat_name = threat_name
        self._episodes: Sequence[Episode] = ()
        self._nearby: Sequence[NearbyEpisode] = ()
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
        layout.addLayout(self._build_figures())
        layout.addWidget(self.figures_text)
        layout.addWidget(self.table, 1)

    def _build_figures(self) -> QVBoxLayout:
        self.chart = HistoryChart()
        self.chart.setAccessibleName(self.tr("Chart of the last 30 days"))
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.figures_button = QPushButton(self.tr("Figures as a &table"))
        self.figures_button.setCheckable(True)
        describe(
            self.figures_button,
            self.tr("Figures as a table"),
            self.tr("Shows or hides the chart's figures as text: each day's alerts and hours, and each hour's alerts."),
        )
        self.figures_text = QPlainTextEdit()
        self.figures_text.setObjectName("historyFigures")
        self.figures_text.setReadOnly(True)
        self.figures_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        describe(self.figures_text, self.tr("Figures of the last 30 days"), self.tr("The chart's figures, as text."))
        self.figures_text.hide()
        self.figures_button.toggled.connect(self.figures_text.setVisible)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.figures_button)
        box = QVBoxLayout()
        box.addWidget(self.chart)
        box.addLayout(row)
        return box

    # the chart and its text -------------------------------------------------------------------
    def set_figures(self, figures: Figures) -> None:
        table = self.figures_table(figures)
        self.summary.setText(self.summary_text(figures))
        self.chart.set_figures(figures, self.summary_text(figures) + "\n" + table)
        self.figures_text.setPlainText(table)

    def summary_text(self, figures: Figures) -> str:
        if not figures.alerts and not figures.seconds:
            return self.tr("Last 30 days: no alert recorded on this computer.")
        text = self.tr("Last 30 days: %n alert(s), %1 under alert in all.", None, figures.alerts).replace(
            "%1", duration_label(figures.seconds)
        )
        busiest = figures.busiest
        if busiest is not None:
            text += " " + self.tr("Busiest day: %1, %n alert(s), %2 under alert.", None, busiest.alerts).replace(
                "%1", busiest.day.strftime("%d.%m.%Y")
            ).replace("%2", duration_label(busiest.seconds))
        hour = figures.commonest_hour
        if hour is not None:
            text += " " + self.tr("Alerts began most often between %1 and %2.").replace("%1", f"{hour:02d}:00").replace(
                "%2", f"{(hour + 1) % 24:02d}:00"
            )
        return text

    def figures_table(self, figures: Figures) -> str:
        day, alerts, hours = self.tr("Day"), self.tr("Alerts"), self.tr("Under alert")
        width = max(len(day), 10)
        lines = [f"{day:<{width}}  {alerts:>8}  {hours}"]
        for figure in reversed(figures.days):
            lines.append(
                f"{figure.day.strftime('%d.%m.%Y'):<{width}}  {figure.alerts:>8}  {duration_label(figure.seconds)}"
            )
        hour_title = self.tr("Hour (Kyiv time)")
        lines += ["", f"{hour_title:<{width + 2}}{alerts:>8}"]
        for hour, count in enumerate(figures.by_hour):
            span = f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"
            lines.append(f"{span:<{width}}  {count:>8}")
        return "\n".join(lines)

    # the rows ---------------------------------------------------------------------------------
    def set_episodes(self, episodes: Sequence[Episode]) -> None:
        self._episodes = episodes
        self._fill()

    def set_nearby(self, nearby: Sequence[NearbyEpisode]) -> None:
        """Alerts in the raions next to Kyiv that the person was told of: listed as such, among the others."""
        self._nearby = [n for n in nearby if n.notified]
        self._fill()

    def _fill(self) -> None:
        now = datetime.now(UTC)
        self.model.removeRows(0, self.model.rowCount())
        rows = [(e.started, self._episode_items(e, now)) for e in self._episodes]
        rows += [(n.started, self._nearby_items(n, now)) for n in self._nearby]
        for _started, items in sorted(rows, key=lambda row: row[0], reverse=True):
            self.model.appendRow(items)
        for column in range(4):
            self.table.resizeColumnToContents(column)

    def _episode_items(self, episode: Episode, now: datetime) -> list[QStandardItem]:
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
            tips.append(self.tr("The all-clear came while shelterapp was closed or could not reach any alert feed."))
        for item in items:
            if tips:
                item.setToolTip(tooltip("\n".join(tips)))  # source names come from outside: plain text
        return items

    def _nearby_items(self, episode: NearbyEpisode, now: datetime) -> list[QStandardItem]:
        row = [
            local_time_label(episode.started),
            local_time_label(episode.ended) if episode.ended else self.tr("ongoing"),
            duration_label(((episode.ended or now) - episode.started).total_seconds()),
            self.tr("Next to Kyiv: %1").replace("%1", region_label(episode.region)),
            ", ".join(self._threat_name(t) for t in episode.threats),
        ]
        items = [QStandardItem(text) for text in row]
        tip = self.tr("Not an alert in Kyiv city: a raion next to it, told as a quiet notice.")
        for item in items:
            item.setToolTip(tip)
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
        return items
