"""The main window's status line, and what it is told about the shelter data (ui/controller.py builds that)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QWidget

from shelterapp.ui.plain_text import make_plain, tooltip


@dataclass(frozen=True)
class DataSummary:
    """What the status line says about the data: where it is from and how old."""

    total: int
    unpositioned: int
    sources: tuple[str, ...]  # attributions, shown as they are
    updated: str
    age_days: int | None
    approximate: bool  # only our authored metro list: say so


class DataStatus(QLabel):
    """The status line: how many shelters, from where, of when; the lists' attributions in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_plain(self)  # file names and attributions come from outside
        self.setObjectName("dataStatus")
        self.attributions: tuple[str, ...] = ()  # of the lists in use, for Help → About

    def show_summary(self, summary: DataSummary) -> None:
        if summary.age_days is None:
            age = self.tr("date unknown")
        elif summary.age_days == 0:
            age = self.tr("today")
        else:
            age = self.tr("%n day(s) ago", None, summary.age_days)
        text = self.tr("%Ln shelter(s)", None, summary.total)
        if summary.unpositioned:
            text += self.tr(", %Ln without a position yet", None, summary.unpositioned)
        text += " · " + self.tr("data of %1 (%2)").replace("%1", summary.updated or "?").replace("%2", age)
        if summary.approximate:
            text += " · " + self.tr(
                "Metro stations only, authored by shelterapp; positions approximate. "
                "Import the city's official list with File → Import."
            )
        self.setText(text)
        self.attributions = summary.sources
        self.setToolTip(tooltip("\n".join(summary.sources)))
