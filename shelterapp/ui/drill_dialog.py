"""The drill's report: each link of the alert chain, ✓ or ✗ (a sign, not colour alone), what was found, and for a
failed link why and what to do. Every text is plain (players' and servers' own words come from outside)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shelterapp.notify.drill import DrillLink
from shelterapp.ui import theme
from shelterapp.ui.a11y import describe, describe_standard_button


def translate_drill(text: str) -> str:
    return QCoreApplication.translate("Drill", text)


class DrillDialog(QDialog):
    """Signals: run_again()."""

    run_again = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillReport")
        self.setWindowTitle(self.tr("Drill report"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("drillSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.summary.setFont(font)
        layout.addWidget(self.summary)
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(14)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.again = QPushButton(self.tr("Run &again"))
        describe(self.again, self.tr("Run again"), self.tr("Runs the whole drill once more."))
        buttons.addButton(self.again, QDialogButtonBox.ButtonRole.ActionRole)
        self.again.clicked.connect(self.run_again)
        buttons.rejected.connect(self.reject)
        describe_standard_button(buttons, QDialogButtonBox.StandardButton.Close, self.tr("Closes the report."))
        layout.addWidget(buttons)
        self.labels: dict[str, QLabel] = {}

    def link_name(self, name: str) -> str:
        return {
            "feeds": self.tr("Alert feeds"),
            "shelters": self.tr("Shelter data"),
            "notifications": self.tr("Notifications"),
            "sound": self.tr("Alarm sound"),
            "fullscreen": self.tr("Full-screen alert"),
            "tray": self.tr("Tray icon"),
        }.get(name, name)

    def show_links(self, links: Mapping[str, DrillLink | None], done: bool) -> None:
        """Each link's verdict; None: still being checked."""
        self._clear()
        for row, (name, link) in enumerate(links.items()):
            if link is None:
                self._row(row, name, "…", self.tr("checking…"), "")
                continue
            detail = " ".join(t.render(translate_drill) for t in link.detail)
            advice = " ".join(t.render(translate_drill) for t in link.advice)
            self._row(row, name, "✓" if link.ok else "✗", detail, advice)
        for row in range(self.grid.rowCount()):  # the rows at the top, the spare room under them
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(len(links), 1)
        self.again.setEnabled(done)
        if not done:
            self.summary.setText(self.tr("DRILL running: this is not a real alert…"))
            self.summary.setStyleSheet("")
            return
        failed = [self.link_name(name) for name, link in links.items() if link is not None and not link.ok]
        self.summary.setText(
            self.tr("✓ Drill over: every link of the alert chain works.")
            if not failed
            else self.tr("✗ Drill over: these links need attention: %1.").replace("%1", ", ".join(failed))
        )
        tone = theme.current().tone("ok" if not failed else "warning")
        self.summary.setStyleSheet(tone.style_sheet("QLabel#drillSummary"))

    def _row(self, row: int, name: str, sign: str, detail: str, advice: str) -> None:
        title = QLabel(f"{sign} {self.link_name(name)}")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        text = detail + (("\n" + self.tr("What to do: %1").replace("%1", advice)) if advice else "")
        body = QLabel(text)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.setObjectName(f"drill-{name}")
        title.setAccessibleName(self.link_name(name))
        body.setAccessibleName(self.link_name(name))
        self.grid.addWidget(title, row, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(body, row, 1, Qt.AlignmentFlag.AlignTop)
        self.labels[name] = body

    def _clear(self) -> None:
        self.labels = {}
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
