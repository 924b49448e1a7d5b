"""The plan's small map: saved tiles if the tile cache has them, else the plain drawing the map uses offline.

Only tiles already on disk are used (a print never downloads). The tiles become one image at their own
resolution (about 0.22 mm a tile pixel on paper, so street names stay readable); markers, the star, the scale bar
and the notes are drawn over it as vectors, so they stay sharp. Marker shapes follow the app's map (metro: circle,
civil defence: square, radiation: triangle, simplest: diamond) and carry the row's number from the list.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF

from shelterapp.map.tiles import TILE_SIZE, project, scale_bar, unproject
from shelterapp.shelters.model import Kind

TileSource = Callable[[int, int, int], "bytes | None"]  # (z, x, y) -> the tile's bytes, or None if not saved
HasTile = Callable[[tuple[int, int, int]], bool]

TILE_PIXEL_MM = 0.22  # a tile pixel on paper: OpenStreetMap's labels come out about 2.5 mm tall
MIN_ZOOM, MAX_ZOOM = 11, 17
MARKER_MM = 5.0
BACKGROUND = QColor("#e9ecef")  # the app map's offline background
INK = QColor("#1b1b1b")
KIND_COLOURS = {  # the app map's colours (ui/theme.py, system theme); the shape, not the colour, tells the kind
    Kind.METRO: QColor("#c92a2a"),
    Kind.CIVIL_DEFENCE_SHELTER: QColor("#5f3dc4"),
    Kind.RADIATION_SHELTER: QColor("#d9480f"),
    Kind.SIMPLEST_SHELTER: QColor("#2b8a3e"),
    Kind.OTHER: QColor("#495057"),
}
PLACE_FILL, PLACE_OUTLINE = QColor("#fab005"), QColor("#5c3c00")


@dataclass(frozen=True)
class MapPoint:
    number: int
    kind: Kind
    lat: float
    lon: float


@dataclass(frozen=True)
class MapOutcome:
    """What was drawn, for the notes under the map and for tests."""

    zoom: int
    tiles_drawn: int
    tiles_missing: int


class MapView:
    """World pixels at one zoom mapped onto a rectangle of the page."""

    def __init__(self, rect: QRectF, px_per_mm: float, points: Sequence[tuple[float, float]]) -> None:
        self.rect = rect
        self.tile_px = TILE_PIXEL_MM * px_per_mm  # page pixels per tile pixel
        self.width = rect.width() / self.tile_px  # the map's size in tile pixels
        self.height = rect.height() / self.tile_px
        margin = MARKER_MM / TILE_PIXEL_MM
        projected = [project(lat, lon) for lat, lon in points]
        xs, ys = [p[0] for p in projected], [p[1] for p in projected]
        self.centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        zoom = MAX_ZOOM
        while zoom > MIN_ZOOM and (
            (max(xs) - min(xs)) * (TILE_SIZE << zoom) > self.width - 2 * margin
            or (max(ys) - min(ys)) * (TILE_SIZE << zoom) > self.height - 2 * margin
        ):
            zoom -= 1
        self.zoom = zoom

    def origin(self, zoom: int) -> tuple[float, float]:
        world = TILE_SIZE << zoom
        return self.centre[0] * world - self.width / 2, self.centre[1] * world - self.height / 2

    def tiles(self, zoom: int) -> list[tuple[int, int, int]]:
        ox, oy = self.origin(zoom)
        n = 1 << zoom
        columns = range(math.floor(ox / TILE_SIZE), math.floor((ox + self.width - 1) / TILE_SIZE) + 1)
        rows = range(max(0, math.floor(oy / TILE_SIZE)), min(n - 1, math.floor((oy + self.height - 1) / TILE_SIZE)) + 1)
        return [(zoom, x % n, y) for y in rows for x in columns]

    def on_page(self, lat: float, lon: float, zoom: int) -> QPointF:
        x, y = project(lat, lon)
        ox, oy = self.origin(zoom)
        world = TILE_SIZE << zoom
        return QPointF(
            self.rect.left() + (x * world - ox) * self.tile_px, self.rect.top() + (y * world - oy) * self.tile_px
        )


def draw_map(
    painter: QPainter,
    view: MapView,
    place: tuple[float, float],
    points: Sequence[MapPoint],
    tiles: TileSource | None,
    has_tile: HasTile | None,
    font: QFont,
    scale_label: Callable[[float], str],
) -> MapOutcome:
    """Tiles (if saved), markers, the place's star and the scale bar inside view.rect, clipped to it."""
    zoom = _zoom_with_tiles(view, has_tile) if has_tile is not None else view.zoom
    painter.save()
    painter.setClipRect(view.rect)
    painter.fillRect(view.rect, BACKGROUND)
    drawn = missing = 0
    if tiles is not None:
        image, drawn, missing = _mosaic(view, zoom, tiles)
        if drawn:
            painter.drawImage(view.rect, image)
    else:
        missing = len(view.tiles(zoom))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    px_per_mm = view.tile_px / TILE_PIXEL_MM
    size = MARKER_MM * px_per_mm
    number_font = QFont(font)
    number_font.setBold(True)
    number_font.setPointSizeF(6.5)
    draw_star(painter, view.on_page(*place, zoom), size * 0.95)  # under the markers; its points show round them
    for point in sorted(points, key=lambda p: -p.number):  # number 1 on top
        draw_marker(painter, point.kind, view.on_page(point.lat, point.lon, zoom), size, str(point.number), number_font)
    _draw_scale(painter, view, zoom, font, scale_label)
    painter.restore()
    painter.setPen(QPen(INK, 0.3 * px_per_mm))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(view.rect)
    return MapOutcome(zoom, drawn, missing)


def _zoom_with_tiles(view: MapView, has_tile: HasTile) -> int:
    """The closest zoom (the fitted one or up to two steps out) whose tiles are all saved; else the fitted one."""
    for zoom in range(view.zoom, max(MIN_ZOOM, view.zoom - 2) - 1, -1):
        if all(has_tile(key) for key in view.tiles(zoom)):
            return zoom
    return view.zoom


def _mosaic(view: MapView, zoom: int, tiles: TileSource) -> tuple[QImage, int, int]:
    image = QImage(math.ceil(view.width), math.ceil(view.height), QImage.Format.Format_RGB32)
    image.fill(BACKGROUND)
    ox, oy = view.origin(zoom)
    drawn = missing = 0
    painter = QPainter(image)
    for z, x, y in view.tiles(zoom):
        data = tiles(z, x, y)
        tile = QImage.fromData(data) if data else QImage()
        if tile.isNull():
            missing += 1
            continue
        column = math.floor(ox / TILE_SIZE)  # x wrapped round the antimeridian: place it beside its neighbours
        column += (x - column) % (1 << z)
        painter.drawImage(QRectF(column * TILE_SIZE - ox, y * TILE_SIZE - oy, TILE_SIZE, TILE_SIZE), tile)
        drawn += 1
    painter.end()
    return image, drawn, missing


def draw_marker(painter: QPainter, kind: Kind, c: QPointF, size: float, label: str, font: QFont) -> None:
    """The kind's shape, filled, with the row number in white."""
    r = size / 2
    painter.setPen(QPen(QColor("white"), size * 0.08))
    painter.setBrush(KIND_COLOURS.get(kind, KIND_COLOURS[Kind.OTHER]))
    if kind == Kind.CIVIL_DEFENCE_SHELTER:
        painter.drawRect(QRectF(c.x() - r * 0.9, c.y() - r * 0.9, size * 0.9, size * 0.9))
    elif kind == Kind.RADIATION_SHELTER:
        painter.drawPolygon(
            QPolygonF([QPointF(c.x(), c.y() - r * 1.15), QPointF(c.x() + r * 1.1, c.y() + r * 0.8),
                       QPointF(c.x() - r * 1.1, c.y() + r * 0.8)])
        )  # fmt: skip
    elif kind == Kind.SIMPLEST_SHELTER:
        painter.drawPolygon(
            QPolygonF([QPointF(c.x(), c.y() - r * 1.1), QPointF(c.x() + r * 1.1, c.y()),
                       QPointF(c.x(), c.y() + r * 1.1), QPointF(c.x() - r * 1.1, c.y())])
        )  # fmt: skip
    else:
        painter.drawEllipse(c, r, r)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    box = QRectF(c.x() - r, c.y() - r + (r * 0.25 if kind == Kind.RADIATION_SHELTER else 0), size, size)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)


def draw_star(painter: QPainter, c: QPointF, outer: float) -> None:
    """The plan's place: the star saved places have on the app's map."""
    inner = outer * 0.45
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        radius = outer if i % 2 == 0 else inner
        points.append(QPointF(c.x() + radius * math.cos(angle), c.y() + radius * math.sin(angle)))
    painter.setPen(QPen(PLACE_OUTLINE, outer * 0.12))
    painter.setBrush(PLACE_FILL)
    painter.drawPolygon(QPolygonF(points))


def _draw_scale(painter: QPainter, view: MapView, zoom: int, font: QFont, scale_label: Callable[[float], str]) -> None:
    metres, length = scale_bar(unproject(*view.centre)[0], zoom, view.width / 4)
    length_px = length * view.tile_px
    label = scale_label(metres)
    scale_font = QFont(font)
    scale_font.setPointSizeF(6.5)
    metrics = QFontMetricsF(scale_font, painter.device())
    pad = view.tile_px * 4
    box = QRectF(
        view.rect.left() + pad,
        view.rect.bottom() - pad - metrics.height() - pad * 2.5,
        max(length_px, metrics.horizontalAdvance(label)) + 2 * pad,
        metrics.height() + pad * 2.5,
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 220))
    painter.drawRect(box)
    y = box.bottom() - pad
    x0 = box.left() + pad
    painter.setPen(QPen(INK, view.tile_px))
    painter.drawLine(QPointF(x0, y), QPointF(x0 + length_px, y))
    painter.drawLine(QPointF(x0, y - pad), QPointF(x0, y))
    painter.drawLine(QPointF(x0 + length_px, y - pad), QPointF(x0 + length_px, y))
    painter.setFont(scale_font)
    painter.drawText(QPointF(x0, box.top() + metrics.ascent() + pad * 0.3), label)
