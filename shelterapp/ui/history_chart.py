"""The Alert history chart, drawn by us with QPainter (no chart library): the last 30 days, alerts per day and
hours under alert, and alerts by hour of day. Colours come from the palette, so high contrast applies; the
figures are also given as text (accessible description here, a summary and a table in history_pane.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from shelterapp.alerting.record_stats import DAYS, Figures

GAP = 12.0  # between panels


class HistoryChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader reaches its description with Tab
        self.figures: Figures | None = None
        self.setAccessibleDescription(self.tr("No alert recorded yet."))  # set_figures says what it shows

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(720, round(2 * (line * 2 + 70) + GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def set_figures(self, figures: Figures, description: str) -> None:
        self.figures = figures
        self.setAccessibleDescription(description)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        if self.figures is None:
            return
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        left_width = area.width() * 0.64
        days = QRectF(area.left(), area.top(), left_width - GAP / 2, area.height())
        hours = QRectF(days.right() + GAP, area.top(), area.width() - left_width - GAP / 2, area.height())
        half = (days.height() - GAP) / 2
        figures = self.figures
        day_labels = {n: d.day.strftime("%d.%m") for n, d in enumerate(figures.days) if (DAYS - 1 - n) % 7 == 0}
        self._bars(
            painter,
            QRectF(days.left(), days.top(), days.width(), half),
            self.tr("Alerts per day, last 30 days"),
            [float(d.alerts) for d in figures.days],
            day_labels,
            lambda v: f"{v:.0f}",
        )
        self._bars(
            painter,
            QRectF(days.left(), days.top() + half + GAP, days.width(), half),
            self.tr("Hours under alert per day"),
            [d.seconds / 3600 for d in figures.days],
            day_labels,
            lambda v: QLocale().toString(v, "f", 1),  # 4,4 in Ukrainian and French
        )
        self._bars(
            painter,
            hours,
            self.tr("Alerts by hour of day (Kyiv time)"),
            [float(n) for n in figures.by_hour],
            {h: f"{h:02d}" for h in range(0, 24, 6)} | {23: "23"},
            lambda v: f"{v:.0f}",
        )

    def _bars(
        self,
        painter: QPainter,
        box: QRectF,
        title: str,
        values: list[float],
        labels: dict[int, str],
        number: Callable[[float], str],
    ) -> None:
        """A titled bar chart in `box`: the tallest bar's value at the top of the axis, a few labels below."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        bar = palette.color(QPalette.ColorRole.Highlight)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        painter.setPen(text)
        painter.drawText(QRectF(box.left(), box.top(), box.width(), line), Qt.AlignmentFlag.AlignLeft, title)
        top = max(values, default=0.0)
        axis_width = metrics.horizontalAdvance("00.0") + 6
        plot = QRectF(
            box.left() + axis_width, box.top() + line + 4, box.width() - axis_width, box.height() - 2 * line - 8
        )
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawText(
            QRectF(box.left(), plot.top() - line / 2, axis_width - 4, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            number(top) if top else "0",
        )
        slot = plot.width() / max(1, len(values))
        for n, value in enumerate(values):
            if value > 0 and top > 0:
                height = max(2.0, plot.height() * value / top)  # a short alert stays visible
                painter.fillRect(
                    QRectF(plot.left() + n * slot + slot * 0.15, plot.bottom() - height, slot * 0.7, height), bar
                )
        painter.setPen(text)
        for n, label in labels.items():
            centre = plot.left() + (n + 0.5) * slot
            width = metrics.horizontalAdvance(label) + 4
            x = min(max(centre - width / 2, plot.left()), plot.right() - width)
            painter.drawText(QRectF(x, plot.bottom() + 2, width, line), Qt.AlignmentFlag.AlignCenter, label)
            painter.drawLine(QPointF(centre, plot.bottom()), QPointF(centre, plot.bottom() + 3))
