"""File → Print shelter plan and Save shelter plan as PDF: the page for where I am, in the window's language.

The data (nearest shelters, datasets) is gathered on the GUI thread in well under a millisecond; the page is
drawn off it by run_in_background (QPainter may paint on a QPrinter or a QPdfWriter from a worker thread), so
a slow printer driver or a cold font cache never freezes the window. Both paths share plan/render.py.

QtPrintSupport and plan/ are imported when a plan is asked for, not with the window: most runs never print, and
they cost the start about 15 ms and the running app about 2 MB.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from shelterapp.background import run_in_background

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from shelterapp.map.tile_cache import TileCache
    from shelterapp.plan.content import PlanData
    from shelterapp.plan.render import RenderStats
    from shelterapp.plan.texts import PlanTexts
    from shelterapp.ui.controller import AppController

log = logging.getLogger(__name__)


class PlanController(QObject):
    """Owns the two File menu actions; one plan is drawn at a time."""

    def __init__(self, app: AppController, tiles: TileCache | None, language: str) -> None:
        super().__init__(app)
        self.app = app
        self.tiles = tiles
        self.language = language
        self.busy = False
        self.last_stats: RenderStats | None = None  # for tests
        window = app.window
        window.print_plan_action.triggered.connect(self.print_plan)
        window.save_plan_action.triggered.connect(self.save_pdf)

    def _data(self) -> PlanData | None:
        from shelterapp.plan.content import NoShelterNearby, gather_plan

        origin = self.app.window.origin
        try:
            return gather_plan(self.app.catalog, origin.lat, origin.lon, origin.label, self.language)
        except NoShelterNearby:
            self.app.window.show_notice(
                self.tr("No shelter is known within 15 km of your location, so there is no plan to print."), True
            )
            return None

    def _texts(self) -> PlanTexts:
        from shelterapp.plan.fonts import ensure_plan_font
        from shelterapp.plan.texts import PlanTexts

        ensure_plan_font()  # once, on the GUI thread, before a worker draws with it
        return PlanTexts(self.language)

    def print_plan(self) -> None:
        if self.busy:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from shelterapp.plan.pdf import a4_layout
        from shelterapp.plan.texts import TITLE

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(a4_layout())  # a person may still pick Letter in the dialog: the page then scales
        texts = self._texts()
        printer.setDocName(texts.tr(TITLE))
        dialog = QPrintDialog(printer, self.app.window)
        dialog.setWindowTitle(self.tr("Print shelter plan"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer, texts)

    def print_to(self, printer: QPrinter, texts: PlanTexts | None = None) -> None:
        """Draws the plan on a printer the dialog (or a test) set up."""
        from shelterapp.plan.render import render_plan

        data = self._data()
        if data is None:
            return
        texts = texts or self._texts()
        tiles = self.tiles
        self._started()
        run_in_background(
            lambda: render_plan(
                printer, data, texts, tiles.get if tiles else None, tiles.__contains__ if tiles else None
            ),
            lambda stats: self._finished(stats, self.tr("The shelter plan went to the printer.")),
            self._failed,
        )

    def save_pdf(self) -> None:
        if self.busy:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self.app.window,
            self.tr("Save shelter plan as PDF"),
            str(Path(folder) / self.tr("shelter-plan.pdf")),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_pdf_to(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def save_pdf_to(self, path: Path) -> None:
        from shelterapp.plan.pdf import write_plan_pdf

        data = self._data()
        if data is None:
            return
        texts = self._texts()
        tiles = self.tiles
        self._started()
        run_in_background(
            lambda: write_plan_pdf(
                path, data, texts, tiles.get if tiles else None, tiles.__contains__ if tiles else None
            ),
            lambda stats: self._finished(stats, self.tr("Shelter plan saved as %1.").replace("%1", str(path))),
            self._failed,
        )

    def _started(self) -> None:
        self.busy = True
        for action in (self.app.window.print_plan_action, self.app.window.save_plan_action):
            action.setEnabled(False)

    def _finished(self, stats: RenderStats, message: str) -> None:
        self._done()
        self.last_stats = stats
        log.info("shelter plan drawn: %d shelters, %.0f ms", stats.shelters, stats.ms)  # never the place
        self.app.window.show_notice(message)

    def _failed(self, error: BaseException) -> None:
        from shelterapp.plan.render import PlanError

        self._done()
        log.error("the shelter plan could not be made: %s", error)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        if not isinstance(error, OSError | PlanError):
            reason = type(error).__name__
        self.app.window.show_notice(self.tr("The shelter plan could not be made: %1").replace("%1", reason), True)

    def _done(self) -> None:
        self.busy = False
        for action in (self.app.window.print_plan_action, self.app.window.save_plan_action):
            action.setEnabled(True)
