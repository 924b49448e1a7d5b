"""What the map draws, shape by shape: shelter kinds told apart by shape (never colour alone), clusters,
my position, saved places, the route label, the scale bar and boxed texts.

Markers and cluster discs are drawn once into small pixmaps (sprites) and then only blitted: one
drawPixmap per marker is what keeps 5,000 shelters under a frame (bench/map_paint.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from shelterapp.map.clusters import Cluster
from shelterapp.shelters.model import Kind, Shelter

BACKGROUND = QColor("#e9ecef")  # where no tile is: plain, light, so markers stay readable
_KIND_STYLE: dict[Kind, tuple[str, str, float]] = {  # shape, colour, size in px
    Kind.METRO: ("metro", "#c92a2a", 20.0),
    Kind.CIVIL_DEFENCE_SHELTER: ("square", "#5f3dc4", 15.0),
    Kind.RADIATION_SHELTER: ("triangle", "#d9480f", 18.0),
    Kind.SIMPLEST_SHELTER: ("diamond", "#2b8a3e", 18.0),
    Kind.OTHER: ("dot", "#495057", 11.0),
}
CLUSTER_FILL = QColor("#0b7285")
ME_COLOUR = QColor("#1c7ed6")
PLACE_FILL = QColor("#fab005")
PLACE_OUTLINE = QColor("#5c3c00")
ROUTE_COLOUR = QColor("#1864ab")
SELECTED_RING = QColor("#212529")
_OUTLINE = QColor("#ffffff")


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


@dataclass(frozen=True)
class Sprite:
    pixmap: QPixmap
    half: float  # half the logical width: the sprite is drawn at (x - half, y - half)


def cluster_radius(count: int) -> float:
    return 11.0 + 4.0 * math.log10(max(count, 1))


def count_label(count: int) -> str:
    return str(count) if count < 10_000 else f"{count // 1000}k"


class Sprites:
    """Pre-rendered markers and cluster discs for one device pixel ratio."""

    def __init__(self, dpr: float, font: QFont) -> None:
        self.dpr = dpr
        self._font = QFont(font)
        self._font.setBold(True)
        self._markers: dict[tuple[Kind, bool], Sprite] = {}
        self._clusters: dict[int, Sprite] = {}

    def _canvas(self, size: float) -> tuple[QPixmap, QPainter]:
        pixmap = QPixmap(math.ceil(size * self.dpr), math.ceil(size * self.dpr))
        pixmap.setDevicePixelRatio(self.dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        return pixmap, painter

    def marker(self, kind: Kind, approximate: bool = False) -> Sprite:
        """The kind's shape; hollow with a dashed outline when the position is approximate."""
        key = (kind, approximate)
        sprite = self._markers.get(key)
        if sprite is None:
            shape, colour, size = _KIND_STYLE.get(kind, _KIND_STYLE[Kind.OTHER])
            canvas = size + 6
            pixmap, painter = self._canvas(canvas)
            draw_kind_shape(
                painter, shape, QColor(colour), QPointF(canvas / 2, canvas / 2), size, approximate, self._font
            )
            painter.end()
            sprite = Sprite(pixmap, canvas / 2)
            self._markers[key] = sprite
        return sprite

    def for_shelter(self, shelter: Shelter) -> Sprite:
        return self.marker(shelter.kind, bool(getattr(shelter, "approximate", False)))

    def for_cluster(self, cluster: Cluster[Shelter]) -> Sprite:
        return self.for_shelter(cluster.members[0]) if cluster.count == 1 else self.cluster(cluster.count)

    def cluster(self, count: int) -> Sprite:
        """A disc with the number of shelters it stands for."""
        sprite = self._clusters.get(count)
        if sprite is None:
            radius = cluster_radius(count)
            canvas = 2 * radius + 8
            pixmap, painter = self._canvas(canvas)
            centre = QPointF(canvas / 2, canvas / 2)
            halo = QColor(CLUSTER_FILL)
            halo.setAlpha(90)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(halo)
            painter.drawEllipse(centre, radius + 4, radius + 4)
            painter.setPen(QPen(_OUTLINE, 2))
            painter.setBrush(CLUSTER_FILL)
            painter.drawEllipse(centre, radius, radius)
            font = QFont(self._font)
            font.setPixelSize(11 if count < 1000 else 10)
            painter.setFont(font)
            painter.setPen(_OUTLINE)
            box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, count_label(count))
            painter.end()
            sprite = Sprite(pixmap, canvas / 2)
            if len(self._clusters) > 4000:  # counts are many but bounded; keep memory bounded too
                self._clusters.clear()
            self._clusters[count] = sprite
        return sprite


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


def draw_kind_shape(
    painter: QPainter, shape: str, colour: QColor, c: QPointF, size: float, hollow: bool, font: QFont
) -> None:
    r = size / 2
    if hollow:
        pen = QPen(colour, 2, Qt.PenStyle.DashLine)
        fill = QColor(255, 255, 255, 210)
    else:
        pen = QPen(_OUTLINE, 1.5)
        fill = colour
    painter.setPen(pen)
    painter.setBrush(QBrush(fill))
    if shape in ("metro", "dot"):
        painter.drawEllipse(c, r, r)
    elif shape == "square":
        painter.drawRect(QRectF(c.x() - r, c.y() - r, size, size))
    elif shape == "triangle":
        h = r * 1.1
        painter.drawPolygon(
            QPolygonF(
                [QPointF(c.x(), c.y() - h), QPointF(c.x() + r, c.y() + h * 0.8), QPointF(c.x() - r, c.y() + h * 0.8)]
            )
        )
    elif shape == "diamond":
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), c.y() - r),
                    QPointF(c.x() + r, c.y()),
                    QPointF(c.x(), c.y() + r),
                    QPointF(c.x() - r, c.y()),
                ]
            )
        )
    if shape == "metro":
        letter = QFont(font)
        letter.setPixelSize(int(size * 0.62))
        painter.setFont(letter)
        painter.setPen(colour if hollow else _OUTLINE)
        painter.drawText(QRectF(c.x() - r, c.y() - r, size, size), Qt.AlignmentFlag.AlignCenter, "M")


def draw_selection_ring(painter: QPainter, c: QPointF, radius: float) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(_OUTLINE, 6))
    painter.drawEllipse(c, radius, radius)
    painter.setPen(QPen(SELECTED_RING, 3))
    painter.drawEllipse(c, radius, radius)


def draw_my_position(painter: QPainter, c: QPointF) -> None:
    """A blue dot in a pale halo with a cross-hair: unlike any shelter shape."""
    halo = QColor(ME_COLOUR)
    halo.setAlpha(60)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(halo)
    painter.drawEllipse(c, 18, 18)
    painter.setPen(QPen(ME_COLOUR, 2))
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        painter.drawLine(QPointF(c.x() + 11 * dx, c.y() + 11 * dy), QPointF(c.x() + 16 * dx, c.y() + 16 * dy))
    painter.setPen(QPen(_OUTLINE, 2.5))
    painter.setBrush(ME_COLOUR)
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


def draw_place(painter: QPainter, c: QPointF, name: str) -> None:
    """A saved place: a yellow star and its name beside it."""
    painter.setPen(QPen(PLACE_OUTLINE, 1.5))
    painter.setBrush(PLACE_FILL)
    painter.drawPolygon(star(c, PLACE_RADIUS))
    if name:
        draw_halo_text(painter, QPointF(c.x() + PLACE_RADIUS + 3, c.y() + 4), name, QColor("#212529"))


def draw_halo_text(painter: QPainter, baseline: QPointF, text: str, colour: QColor) -> None:
    """Text readable on any tile: a white outline under dark letters."""
    path = QPainterPath()
    path.addText(baseline, painter.font(), text)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(_OUTLINE, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)


def draw_route(painter: QPainter, start: QPointF, end: QPointF) -> None:
    painter.setPen(QPen(_OUTLINE, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(start, end)
    painter.setPen(QPen(ROUTE_COLOUR, 3, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(start, end)


def draw_text_box(
    painter: QPainter, text: str, anchor: QPointF, align: Qt.AlignmentFlag, background: QColor, max_width: int = 400
) -> QRect:
    """Text in a rounded box placed by `align` relative to `anchor` (e.g. AlignBottom | AlignRight: the
    box's bottom-right corner at anchor; AlignCenter: centred on it). Returns the box drawn."""
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    text_rect = painter.fontMetrics().boundingRect(QRect(0, 0, max_width, 1000), flags, text)
    pad = 4
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
    painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
    painter.setBrush(background)
    painter.drawRoundedRect(QRectF(box), 4, 4)
    painter.setPen(QColor("#212529"))
    painter.drawText(box.adjusted(pad, pad, -pad, -pad), flags, text)
    return box


def draw_scale_bar(painter: QPainter, left: float, bottom: float, length_px: float, label: str) -> QRect:
    """A bar `length_px` long with end ticks and its ground length, bottom-left at (left, bottom)."""
    metrics = painter.fontMetrics()
    text_w = metrics.horizontalAdvance(label)
    box = QRect(round(left), round(bottom - 24), round(max(length_px, text_w) + 12), 24)
    white = QColor(255, 255, 255, 200)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(white)
    painter.drawRoundedRect(QRectF(box), 3, 3)
    y = box.bottom() - 5
    x0, x1 = box.left() + 6, box.left() + 6 + length_px
    painter.setPen(QPen(QColor("#212529"), 2))
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
) -> QRect | None:
    """Scale bar bottom-left, attribution bottom-right, the offline note top-centre (its box returned)."""
    small = QFont(font)
    small.setPixelSize(11)
    painter.setFont(small)
    label, length_px = scale
    draw_scale_bar(painter, area.left() + 6, area.bottom() - 5, length_px, label)
    corner = QPointF(area.right() - 3, area.bottom() - 3)
    draw_text_box(
        painter,
        attribution,
        corner,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
        QColor(255, 255, 255, 200),
    )
    if offline_text is None:
        return None
    notice = QFont(font)
    notice.setPixelSize(13)
    painter.setFont(notice)
    top = QPointF(area.center().x(), area.top() + 8)
    width = max(120, min(area.width() - 24, 460))
    return draw_text_box(painter, offline_text, top, Qt.AlignmentFlag.AlignTop, QColor("#fff3bf"), max_width=width)
