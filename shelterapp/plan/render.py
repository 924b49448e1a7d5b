"""Draws the shelter plan on one page of any QPagedPaintDevice: a QPdfWriter (command line, Save as PDF) or the
QPrinter the print dialog set up. Same code for both; QtGui only, so it runs without widgets and off the GUI
thread (QPainter may paint on a QPrinter or a QPdfWriter from a worker thread).

The page is laid out for A4 with 12 mm margins and scaled down to fit when a printer's page is smaller (Letter),
so it always stays one page. Text from outside (shelter names, addresses, hours, phones, the place's name) is
drawn with QPainter.drawText as plain characters: nothing is ever read as markup, and control characters are
shown as spaces. Long texts are cut to a few lines with an ellipsis instead of pushing the page onto a second one.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPen, QTextLayout, QTextOption

from shelterapp.plan import texts as txt
from shelterapp.plan.content import PlanData
from shelterapp.plan.fonts import ensure_plan_font
from shelterapp.plan.map_panel import (
    INK,
    HasTile,
    MapOutcome,
    MapPoint,
    MapView,
    TileSource,
    draw_map,
    draw_marker,
    draw_star,
)
from shelterapp.shelters.model import Kind
from shelterapp.shelters.spatial import Hit

CONTENT_MM = (186.0, 273.0)  # A4 (210 x 297 mm) less 12 mm margins
MARGIN_MM = 12.0
STRIPE = QColor("#eef1f4")
GREY = QColor("#495057")
# Table columns (mm): number, shelter and address, kind, step-free, hours, phone, distance, on foot.
COLUMNS = (7.0, 55.0, 25.0, 15.0, 33.0, 20.0, 16.0, 15.0)


class PlanError(Exception):
    """The page could not be drawn (the printer or the PDF device refused to start)."""


@dataclass(frozen=True)
class RenderStats:
    ms: float
    shelters: int
    map: MapOutcome
    advice_pt: float  # the size the advice fitted at


def plain(text: str) -> str:
    """Outside text as one line of characters: control characters (newlines, tabs, escapes) become spaces."""
    return " ".join("".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text).split())


class _Page:
    """Millimetres to device pixels, fonts and wrapped text for one painter."""

    def __init__(self, painter: QPainter, family: str) -> None:
        self.painter = painter
        self.device = painter.device()
        self.px = self.device.logicalDpiX() / 25.4  # device pixels per millimetre
        self.family = family

    def mm(self, value: float) -> float:
        return value * self.px

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # print metrics, not screen ones
        for ligature in ("liga", "clig"):  # "fi" as one glyph comes out of pdftotext and screen readers as "ﬁ"
            font.setFeature(QFont.Tag(ligature), 0)
        return font

    def lines(self, text: str, font: QFont, width: float, max_lines: int = 0) -> list[str]:
        """The text broken into lines that fit `width`; beyond max_lines the last one ends in an ellipsis."""
        if not text:
            return []
        layout = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        found: list[str] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            found.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
        layout.endLayout()
        if max_lines and len(found) > max_lines:
            rest = " ".join(found[max_lines - 1 :])
            metrics = QFontMetricsF(font, self.device)
            found = [*found[: max_lines - 1], metrics.elidedText(rest + " …", Qt.TextElideMode.ElideRight, width)]
        return found

    def line_height(self, font: QFont) -> float:
        return QFontMetricsF(font, self.device).lineSpacing()

    def block_height(self, text: str, font: QFont, width: float, max_lines: int = 0) -> float:
        return len(self.lines(text, font, width, max_lines)) * self.line_height(font)

    def block(
        self, x: float, y: float, width: float, text: str, font: QFont, max_lines: int = 0, colour: QColor = INK
    ) -> float:
        """Draws wrapped plain text with its top at y; returns the height used."""
        metrics = QFontMetricsF(font, self.device)
        self.painter.setFont(font)
        self.painter.setPen(colour)
        lines = self.lines(text, font, width, max_lines)
        for number, line in enumerate(lines):
            self.painter.drawText(QPointF(x, y + metrics.ascent() + number * metrics.lineSpacing()), line)
        return len(lines) * metrics.lineSpacing()


def render_plan(
    device: QPagedPaintDevice,
    data: PlanData,
    texts: txt.PlanTexts,
    tiles: TileSource | None = None,
    has_tile: HasTile | None = None,
) -> RenderStats:
    """Paints the whole plan on the device's current (first) page."""
    started = time.perf_counter()
    family = ensure_plan_font()
    painter = QPainter()
    if not painter.begin(device):
        raise PlanError("the printer or PDF file could not be opened for drawing")
    try:
        page = _Page(painter, family)
        rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
        fit = min(1.0, rect.width() / page.mm(CONTENT_MM[0]), rect.height() / page.mm(CONTENT_MM[1]))
        painter.scale(fit, fit)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        y = _header(page, data, texts)
        map_outcome = _map_and_numbers(page, y + page.mm(3), data, texts, tiles, has_tile)
        y += page.mm(3 + MAP_MM[1] + 4)
        y = _table(page, y, data, texts)
        footer_top = page.mm(CONTENT_MM[1]) - _footer(page, None, data, texts, map_outcome)
        advice_pt = _advice(page, y + page.mm(4), footer_top - page.mm(3), data)
        _footer(page, footer_top, data, texts, map_outcome)
    finally:
        painter.end()
    return RenderStats((time.perf_counter() - started) * 1000, len(data.hits), map_outcome, advice_pt)


def _header(page: _Page, data: PlanData, texts: txt.PlanTexts) -> float:
    width = page.mm(CONTENT_MM[0])
    place = plain(data.place_name)
    title = txt.fill(texts.tr(txt.TITLE_FOR), place) if place else texts.tr(txt.TITLE)
    y = page.block(0, 0, width, title, page.font(15, bold=True), max_lines=1)
    where = txt.fill(
        texts.tr(txt.NEAREST_TO),
        f"{data.lat:.5f}",
        f"{data.lon:.5f}",
        texts.date(data.printed_on),
    )
    return y + page.mm(1) + page.block(0, y + page.mm(1), width, where, page.font(8.5), max_lines=2, colour=GREY)


MAP_MM = (112.0, 80.0)


def _map_and_numbers(
    page: _Page,
    top: float,
    data: PlanData,
    texts: txt.PlanTexts,
    tiles: TileSource | None,
    has_tile: HasTile | None,
) -> MapOutcome:
    rect = QRectF(0, top, page.mm(MAP_MM[0]), page.mm(MAP_MM[1]))
    points = [
        MapPoint(number, hit.shelter.kind, hit.shelter.lat, hit.shelter.lon)
        for number, hit in enumerate(data.hits, 1)
        if hit.shelter.lat is not None and hit.shelter.lon is not None
    ]
    view = MapView(rect, page.px, [(data.lat, data.lon)] + [(p.lat, p.lon) for p in points])
    outcome = draw_map(page.painter, view, (data.lat, data.lon), points, tiles, has_tile, page.font(7), texts.scale)
    if outcome.tiles_drawn == 0:
        note_font = page.font(7)
        note_width = rect.width() - page.mm(8)
        height = page.block_height(texts.tr(txt.NO_TILES), note_font, note_width, 2) + page.mm(2)
        box = QRectF(rect.left() + page.mm(3), rect.top() + page.mm(3), rect.width() - page.mm(6), height)
        page.painter.fillRect(box, QColor(255, 255, 255, 230))
        page.block(box.left() + page.mm(1), box.top() + page.mm(1), note_width, texts.tr(txt.NO_TILES), note_font, 2)
    _numbers_panel(page, rect.right() + page.mm(5), top, data, texts)
    return outcome


def _numbers_panel(page: _Page, left: float, top: float, data: PlanData, texts: txt.PlanTexts) -> None:
    """Emergency numbers in large print, then the map's key."""
    width = page.mm(CONTENT_MM[0]) - left
    y = top + page.block(left, top, width, texts.tr(txt.EMERGENCY_NUMBERS), page.font(10, bold=True))
    number_font, label_font = page.font(13, bold=True), page.font(7.5)
    number_width = page.mm(13)
    for entry in data.advice.numbers:
        row_top = y + page.mm(1.2)
        page.block(left, row_top, number_width, entry.number, number_font, 1)
        label_top = row_top + (page.line_height(number_font) - page.line_height(label_font)) / 2
        used = page.block(left + number_width, label_top, width - number_width, entry.label, label_font, 2)
        y = row_top + max(page.line_height(number_font), used)
    y += page.mm(4)
    key_font = page.font(7)
    size = page.mm(3.6)
    for kind in (Kind.METRO, Kind.CIVIL_DEFENCE_SHELTER, Kind.RADIATION_SHELTER, Kind.SIMPLEST_SHELTER):
        draw_marker(page.painter, kind, QPointF(left + size / 2, y + size / 2), size, "", key_font)
        page.block(
            left + size + page.mm(2),
            y + size / 2 - page.line_height(key_font) / 2,
            width,
            texts.kind(kind),
            key_font,
            1,
        )
        y += size + page.mm(1.2)
    draw_star(page.painter, QPointF(left + size / 2, y + size / 2), size * 0.6)
    y += page.block(left + size + page.mm(2), y, width - size - page.mm(2), texts.tr(txt.YOU_ARE_HERE), key_font, 2)
    page.block(left, y + page.mm(1.5), width, texts.tr(txt.MAP_LEGEND), key_font, 2, GREY)


def _table(page: _Page, top: float, data: PlanData, texts: txt.PlanTexts) -> float:
    widths = [page.mm(w) for w in COLUMNS]
    lefts = [sum(widths[:i]) for i in range(len(widths))]
    pad = page.mm(1)
    head_font, name_font, body_font = page.font(7, bold=True), page.font(7.5, bold=True), page.font(7)
    headings = [txt.COLUMN_NUMBER, txt.COLUMN_SHELTER, txt.COLUMN_KIND, txt.COLUMN_STEP_FREE, txt.COLUMN_HOURS]
    headings += [txt.COLUMN_PHONE, txt.COLUMN_DISTANCE, txt.COLUMN_WALK]
    head_height = max(
        page.block_height(texts.tr(h), head_font, w - 2 * pad, 2) for h, w in zip(headings, widths, strict=True)
    )
    page.painter.fillRect(QRectF(0, top, sum(widths), head_height + 2 * pad), QColor("#dee2e6"))
    for heading, left, width in zip(headings, lefts, widths, strict=True):
        page.block(left + pad, top + pad, width - 2 * pad, texts.tr(heading), head_font, 2)
    y = top + head_height + 2 * pad
    for number, hit in enumerate(data.hits, 1):
        cells = _row_cells(hit, texts)
        name_lines = page.lines(cells[0], name_font, widths[1] - 2 * pad, 2)
        address_lines = page.lines(cells[1], body_font, widths[1] - 2 * pad, 2)
        first = len(name_lines) * page.line_height(name_font) + len(address_lines) * page.line_height(body_font)
        rest = [
            page.block_height(text, body_font, w - 2 * pad, 3) for text, w in zip(cells[2:], widths[2:], strict=True)
        ]
        height = max(first, *rest) + 2 * pad
        if number % 2 == 0:
            page.painter.fillRect(QRectF(0, y, sum(widths), height), STRIPE)
        page.block(lefts[0] + pad, y + pad, widths[0] - 2 * pad, str(number), name_font, 1)
        used = page.block(lefts[1] + pad, y + pad, widths[1] - 2 * pad, cells[0], name_font, 2)
        page.block(lefts[1] + pad, y + pad + used, widths[1] - 2 * pad, cells[1], body_font, 2, GREY)
        for text, left, width in zip(cells[2:], lefts[2:], widths[2:], strict=True):
            page.block(left + pad, y + pad, width - 2 * pad, text, body_font, 3)
        y += height
    page.painter.setPen(QPen(GREY, page.mm(0.2)))
    page.painter.drawLine(QPointF(0, y), QPointF(sum(widths), y))
    return y


def _row_cells(hit: Hit, texts: txt.PlanTexts) -> list[str]:
    """name, address, kind, step-free, hours, phone, distance, walk: the Ukrainian name always (it is what the
    signs say), the English one beside it on a plan in another language."""
    s = hit.shelter
    name = plain(s.name_uk) or plain(s.name_en) or plain(s.address) or s.id
    other = plain(s.name_en)
    if texts.language != "uk" and other and other != name:
        name = f"{name} ({other})"
    address = plain(s.address)
    kind = texts.kind(s.kind) + (f", {plain(s.line)}" if s.line else "")
    hours = texts.tr(txt.OPEN_24_7) if s.open_24_7 else plain(s.hours) or "—"
    return [
        name,
        "" if address == name else address,
        kind,
        texts.tristate(s.accessible),
        hours,
        plain(s.phone) or "—",
        texts.distance(hit.distance_m),
        texts.minutes(hit.walk_min),
    ]


def _advice(page: _Page, top: float, bottom: float, data: PlanData) -> float:
    """What to do when the siren sounds, and without a shelter, in two columns; the largest size that fits."""
    gap = page.mm(6)
    width = (page.mm(CONTENT_MM[0]) - gap) / 2
    sections = (data.advice.siren, data.advice.cannot_reach)
    points = 9.0
    while points > 5.5:
        heights = [_section_height(page, section.title, section.steps, width, points) for section in sections]
        if max(heights) <= bottom - top:
            break
        points -= 0.25
    for index, section in enumerate(sections):
        left = index * (width + gap)
        y = top + page.block(left, top, width, section.title, page.font(points + 2, bold=True))
        for step in section.steps:
            font = page.font(points)
            page.block(left, y, page.mm(3), "•", font, 1)
            y += page.block(left + page.mm(3), y, width - page.mm(3), step, font) + page.mm(0.8)
    return points


def _section_height(page: _Page, title: str, steps: tuple[str, ...], width: float, points: float) -> float:
    font = page.font(points)
    height = page.block_height(title, page.font(points + 2, bold=True), width)
    return height + sum(page.block_height(step, font, width - page.mm(3)) + page.mm(0.8) for step in steps)


def _footer(page: _Page, top: float | None, data: PlanData, texts: txt.PlanTexts, map_outcome: MapOutcome) -> float:
    """Data dates and attributions (as their licences ask), the walking note, the version. With top None it
    only measures: the footer sits at the bottom of the page, so its height decides where the advice ends."""
    width = page.mm(CONTENT_MM[0])
    font, heading = page.font(6.5), page.font(7, bold=True)
    lines = []
    for dataset in data.datasets:
        date = texts.date_text(dataset.updated)
        who = texts.tr(txt.BUNDLED_METRO) if dataset.is_bundled_metro else plain(dataset.attribution) or dataset.source
        if dataset.licence and dataset.licence not in who:  # the city's attribution names its licence itself
            lines.append(txt.fill(texts.tr(txt.DATASET_LINE), who, plain(dataset.licence), date))
        else:
            lines.append(txt.fill(texts.tr(txt.DATASET_NO_LICENCE), who, date))
    if map_outcome.tiles_drawn:
        lines.append(texts.tr(txt.MAP_ATTRIBUTION))
    lines.append(texts.tr(txt.WALK_NOTE))
    lines.append(txt.fill(texts.tr(txt.MADE_WITH), data.version))
    if top is None:
        return page.line_height(heading) + sum(page.block_height(line, font, width, 2) for line in lines)
    page.painter.setPen(QPen(GREY, page.mm(0.2)))
    page.painter.drawLine(QPointF(0, top - page.mm(1)), QPointF(width, top - page.mm(1)))
    y = top + page.block(0, top, width, texts.tr(txt.DATA_HEADING), heading, 1)
    for line in lines:
        y += page.block(0, y, width, line, font, 2, GREY)
    return y - top
