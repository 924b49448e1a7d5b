"""Markers drawn once into small pixmaps (sprites), then only blitted: one drawPixmap per marker is what keeps
5,000 shelters under a frame (bench/map_paint.py). Shelter kinds are told apart by shape (never colour alone);
hollow with a dashed outline where the position is approximate. Markers grow with large fonts, so they stay
in proportion to the labels beside them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPen, QPixmap, QPolygonF

from shelterapp.map.clusters import Cluster
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.ui.theme import MapColours

_KIND_SHAPE: dict[Kind, tuple[str, float]] = {  # shape, size in px at the usual font sizes
    Kind.METRO: ("metro", 20.0),
    Kind.CIVIL_DEFENCE_SHELTER: ("square", 15.0),
    Kind.RADIATION_SHELTER: ("triangle", 18.0),
    Kind.SIMPLEST_SHELTER: ("diamond", 18.0),
    Kind.OTHER: ("dot", 11.0),
}
REFERENCE_FONT_PX = 16  # fonts up to this size draw markers at their base size; larger ones enlarge them


def scaled_font(font: QFont, factor: float, bold: bool | None = None) -> QFont:
    """The widget's font at `factor` times its size: map labels follow the person's font settings."""
    result = QFont(font)
    if font.pointSizeF() > 0:
        result.setPointSizeF(font.pointSizeF() * factor)
    else:  # a font given in pixels stays in pixels
        result.setPixelSize(max(1, round(font.pixelSize() * factor)))
    if bold is not None:
        result.setBold(bold)
    return result


def marker_scale(font: QFont) -> float:
    """Markers grow with large fonts (never shrink), so they stay in proportion to the labels beside them."""
    return max(1.0, QFontInfo(font).pixelSize() / REFERENCE_FONT_PX)


@dataclass(frozen=True)
class Sprite:
    pixmap: QPixmap
    half: float  # half the logical width: the sprite is drawn at (x - half, y - half)


def cluster_radius(count: int) -> float:
    return 11.0 + 4.0 * math.log10(max(count, 1))


def count_label(count: int) -> str:
    """A cluster's count as the interface language groups digits (3 700, 3,700); from 10,000 in thousands."""
    return QLocale().toString(count) if count < 10_000 else f"{QLocale().toString(count // 1000)}k"


class Sprites:
    """Pre-rendered markers and cluster discs for one device pixel ratio, font and set of colours."""

    def __init__(self, dpr: float, font: QFont, colours: MapColours) -> None:
        self.dpr = dpr
        self.font = QFont(font)
        self.colours = colours
        self.scale = marker_scale(font)
        self._font = scaled_font(font, 1.0, bold=True)
        self._markers: dict[tuple[Kind, bool], Sprite] = {}
        self._clusters: dict[int, Sprite] = {}

    def fits(self, dpr: float, font: QFont, colours: MapColours) -> bool:
        """Still right for this widget, or drawn for another ratio, font or theme."""
        return self.dpr == dpr and self.font == font and self.colours is colours

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
            shape, size = _KIND_SHAPE.get(kind, _KIND_SHAPE[Kind.OTHER])
            size *= self.scale
            canvas = size + 6
            pixmap, painter = self._canvas(canvas)
            colour = self.colours.kinds.get(kind, self.colours.kinds[Kind.OTHER])
            centre = QPointF(canvas / 2, canvas / 2)
            draw_kind_shape(painter, shape, colour, centre, size, approximate, self._font, self.colours)
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
            colours, label = self.colours, count_label(count)
            font = scaled_font(self._font, 0.9 if count < 1000 else 0.8)
            metrics = QFontMetricsF(font)
            # Big enough for its number in any font size.
            radius = max(
                cluster_radius(count) * self.scale, metrics.horizontalAdvance(label) / 2 + 3, metrics.height() / 2 + 1
            )
            canvas = 2 * radius + 8
            pixmap, painter = self._canvas(canvas)
            centre = QPointF(canvas / 2, canvas / 2)
            halo = QColor(colours.cluster_fill)
            halo.setAlpha(90)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(halo)
            painter.drawEllipse(centre, radius + 4, radius + 4)
            painter.setPen(QPen(colours.cluster_ring, 2))
            painter.setBrush(colours.cluster_fill)
            painter.drawEllipse(centre, radius, radius)
            painter.setFont(font)
            painter.setPen(colours.cluster_text)
            box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
            painter.end()
            sprite = Sprite(pixmap, canvas / 2)
            if len(self._clusters) > 4000:  # counts are many but bounded; keep memory bounded too
                self._clusters.clear()
            self._clusters[count] = sprite
        return sprite


def draw_kind_shape(
    painter: QPainter,
    shape: str,
    colour: QColor,
    c: QPointF,
    size: float,
    hollow: bool,
    font: QFont,
    colours: MapColours,
) -> None:
    r = size / 2
    if hollow:
        pen = QPen(colour, 2, Qt.PenStyle.DashLine)
        fill = colours.hollow_fill
    else:
        pen = QPen(colours.marker_outline, 1.5)
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
        letter.setPixelSize(max(1, int(size * 0.62)))  # a glyph fitted to its disc, which grows with the font
        painter.setFont(letter)
        painter.setPen(colour if hollow else colours.marker_outline)
        painter.drawText(QRectF(c.x() - r, c.y() - r, size, size), Qt.AlignmentFlag.AlignCenter, "M")
