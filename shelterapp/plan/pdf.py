"""The plan as a PDF file: one A4 page from QPdfWriter, written atomically (a failed write leaves no half file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from shelterapp.plan.content import PlanData
from shelterapp.plan.map_panel import HasTile, TileSource
from shelterapp.plan.render import MARGIN_MM, RenderStats, render_plan
from shelterapp.plan.texts import TITLE, PlanTexts
from shelterapp.storage.atomic import write_atomic

PDF_RESOLUTION = 300  # dpi for the few raster parts (the map's tiles); text and shapes are vectors anyway


def a4_layout() -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter
    )


def plan_pdf(
    data: PlanData, texts: PlanTexts, tiles: TileSource | None = None, has_tile: HasTile | None = None
) -> tuple[bytes, RenderStats]:
    """The whole PDF document in memory. Needs a QGuiApplication (fonts); safe on a worker thread."""
    content = QByteArray()
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(a4_layout())
    writer.setTitle(texts.tr(TITLE))  # generic on purpose: the file may be shared; the place is on the page only
    writer.setCreator("shelterapp")
    stats = render_plan(writer, data, texts, tiles, has_tile)
    buffer.close()
    return bytes(content.data()), stats


def write_plan_pdf(
    path: Path, data: PlanData, texts: PlanTexts, tiles: TileSource | None = None, has_tile: HasTile | None = None
) -> RenderStats:
    """Renders and writes the file; OSError when it cannot be written (the old file, if any, stays)."""
    document, stats = plan_pdf(data, texts, tiles, has_tile)
    write_atomic(path, document)
    return stats
