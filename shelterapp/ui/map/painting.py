"""What the map draws besides tiles: the markers' sprites blitted (sprites.py draws them), my position,
saved places, the route label, the selection ring, the scale bar, boxed texts and the focus frame.

Colours come from the theme in use (ui/theme.py: system or high contrast), text from the widget's font scaled,
so labels follow the person's font size; markers grow with large fonts too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from shelterapp.map.clusters import Cluster
from shelterapp.shelters.model import Shelter
from shelterapp.ui.map.sprites import Sprites, scaled_font
from shelterapp.ui.theme import SYSTEM, MapColours, theme

# The system theme's colours under the names tests and benches use; the painting itself takes a MapColours.
BACKGROUND = theme(SYSTEM).map.background
ME_COLOUR = theme(SYSTEM).map.me
SELECTED_RING = theme(SYSTEM).map.selected_ring


@dataclass
class PaintStats:
    """What the last paint drew (for tests and bench/map_paint.py)."""

    tiles: int = 0  # drawn from memory at this zoom
    fallback_tiles: int = 0  # drawn as an enlarged ancestor
    missing_tiles: int = 0  # plain background
    markers: int = 0  # sprites drawn: single shelters plus clusters
    clusters: int = 0  # of which discs standing for several shelters
    ms: float = 0.0
    offline_rect: QRect | None = None  # where the offline message was painted
    shelters_drawn: set[str] = field(default_factory=set)  # ids of single markers drawn


def paint_markers(
    painter: QPainter,
    sprites: Sprites,
    clusters: Iterable[Cluster[Shelter]],
    world: float,
    origin: tuple[int, int],
    size: tuple[int, int],
    margin: int,
    stats: PaintStats,
) -> None:
    """One blit per marker on screen (or within `margin` of it); the hot loop of every paint."""
    ox, oy = origin
    w, h = size
    drawn = stats.shelters_drawn
    for cluster in clusters:
        sx, sy = cluster.x * world - ox, cluster.y * world - oy
        if not (-margin < sx < w + margin and -margin < sy < h + margin):
            continue
        sprite = sprites.for_cluster(cluster)
        painter.drawPixmap(round(sx - sprite.half), round(sy - sprite.half), sprite.pixmap)
        if cluster.count == 1:
            drawn.add(cluster.members[0].id)
        else:
            stats.clusters += 1
    stats.markers = len(drawn) + stats.clusters


def draw_selection_ring(painter: QPainter, c: QPointF, radius: float, colours: MapColours) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colours.selected_casing, 2 * colours.selected_width))
    painter.drawEllipse(c, radius, radius)
    painter.setPen(QPen(colours.selected_ring, colours.selected_width))
    painter.drawEllipse(c, radius, radius)


def draw_my_position(painter: QPainter, c: QPointF, colours: MapColours) -> None:
    """A dot in a pale halo with a cross-hair: unlike any shelter shape."""
    halo = QColor(colours.me)
    halo.setAlpha(60)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(halo)
    painter.drawEllipse(c, 18, 18)
    painter.setPen(QPen(colours.me, 2))
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        painter.drawLine(QPointF(c.x() + 11 * dx, c.y() + 11 * dy), QPointF(c.x() + 16 * dx, c.y() + 16 * dy))
    painter.setPen(QPen(colours.me_outline, 2.5))
    painter.setBrush(colours.me)
    painter.drawEllipse(c, 7, 7)


def star(c: QPointF, outer: float) -> QPolygonF:
    inner = outer * 0.45
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        r = outer if i % 2 == 0 else inner
        points.append(QPointF(c.x() + r * math.cos(angle), c.y() + r * math.sin(angle)))
    return QPolygonF(points)


PLACE_RADIUS = 10.0


def draw_place(painter: QPainter, c: QPointF, name: str, colours: MapColours) -> None:
    """A saved place: a yellow star and its name beside it."""
    painter.setPen(QPen(colours.place_outline, 1.5))
    painter.setBrush(colours.place_fill)
    painter.drawPolygon(star(c, PLACE_RADIUS))
    if name:
        baseline = QPointF(c.x() + PLACE_RADIUS + 3, c.y() + painter.fontMetrics().ascent() / 2 - 1)
        draw_halo_text(painter, baseline, name, colours.text, colours.text_halo)


def draw_halo_text(painter: QPainter, baseline: QPointF, text: str, colour: QColor, halo: QColor) -> None:
    """Text readable on any tile: an outline of the halo colour under the letters."""
    path = QPainterPath()
    path.addText(baseline, painter.font(), text)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(halo, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)


def draw_route(painter: QPainter, start: QPointF, end: QPointF, colours: MapColours) -> None:
    painter.setPen(QPen(colours.route_casing, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(start, end)
    painter.setPen(QPen(colours.route, 3, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(start, end)


def draw_text_box(
    painter: QPainter,
    text: str,
    anchor: QPointF,
    align: Qt.AlignmentFlag,
    colours: MapColours,
    background: QColor | None = None,
    text_colour: QColor | None = None,
    max_width: int = 400,
) -> QRect:
    """Text in a rounded box placed by `align` relative to `anchor` (e.g. AlignBottom | AlignRight: the
    box's bottom-right corner at anchor; AlignCenter: centred on it). Returns the box drawn."""
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    text_rect = painter.fontMetrics().boundingRect(QRect(0, 0, max_width, 100_000), flags, text)
    pad = 4 + math.ceil(colours.box_border_width)
    w, h = text_rect.width() + 2 * pad, text_rect.height() + 2 * pad
    x = anchor.x() - w / 2
    y = anchor.y() - h / 2
    if align & Qt.AlignmentFlag.AlignLeft:
        x = anchor.x()
    elif align & Qt.AlignmentFlag.AlignRight:
        x = anchor.x() - w
    if align & Qt.AlignmentFlag.AlignTop:
        y = anchor.y()
    elif align & Qt.AlignmentFlag.AlignBottom:
        y = anchor.y() - h
    box = QRect(round(x), round(y), w, h)
    painter.setPen(QPen(colours.box_border, colours.box_border_width))
    painter.setBrush(colours.box if background is None else background)
    painter.drawRoundedRect(QRectF(box), 4, 4)
    painter.setPen(colours.box_text if text_colour is None else text_colour)
    painter.drawText(box.adjusted(pad, pad, -pad, -pad), flags, text)
    return box


def draw_scale_bar(
    painter: QPainter, left: float, bottom: float, length_px: float, label: str, colours: MapColours
) -> QRect:
    """A bar `length_px` long with end ticks and its ground length, bottom-left at (left, bottom)."""
    metrics = painter.fontMetrics()
    text_w = metrics.horizontalAdvance(label)
    height = metrics.ascent() + 15  # the label's letters, the ticks and the bar: as tall as the font needs
    box = QRect(round(left), round(bottom - height), round(max(length_px, text_w) + 12), height)
    painter.setPen(QPen(colours.box_border, colours.box_border_width))
    painter.setBrush(colours.overlay_box)
    painter.drawRoundedRect(QRectF(box), 3, 3)
    y = box.bottom() - 5
    x0, x1 = box.left() + 6, box.left() + 6 + length_px
    painter.setPen(QPen(colours.box_text, 2))
    painter.drawLine(QPointF(x0, y), QPointF(x1, y))
    painter.drawLine(QPointF(x0, y - 5), QPointF(x0, y))
    painter.drawLine(QPointF(x1, y - 5), QPointF(x1, y))
    painter.drawText(QPointF(x0, y - 7), label)
    return box


def draw_overlays(
    painter: QPainter,
    font: QFont,
    area: QRect,
    scale: tuple[str, float],
    attribution: str,
    offline_text: str | None,
    colours: MapColours,
) -> QRect | None:
    """Scale bar bottom-left, attribution bottom-right, the offline note top-centre (its box returned)."""
    painter.setFont(scaled_font(font, 0.9))
    label, length_px = scale
    draw_scale_bar(painter, area.left() + 6, area.bottom() - 5, length_px, label, colours)
    corner = QPointF(area.right() - 3, area.bottom() - 3)
    draw_text_box(
        painter,
        attribution,
        corner,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
        colours,
        colours.overlay_box,
    )
    if offline_text is None:
        return None
    painter.setFont(scaled_font(font, 1.1))
    top = QPointF(area.center().x(), area.top() + 8)
    width = max(120, min(area.width() - 24, painter.fontMetrics().averageCharWidth() * 60))
    return draw_text_box(
        painter,
        offline_text,
        top,
        Qt.AlignmentFlag.AlignTop,
        colours,
        colours.notice_box,
        colours.notice_text,
        max_width=width,
    )


def draw_focus_frame(painter: QPainter, area: QRectF, colour: QColor, width: float) -> None:
    """A frame just inside `area`, drawn while the map has the keyboard."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colour, width))
    inset = width / 2
    painter.drawRect(area.adjusted(inset, inset, -inset, -inset))
