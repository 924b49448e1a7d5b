"""The map beside the shelter list: OSM tiles, shelters by kind, my position, saved places, the way to
the nearest shelter. One QWidget painting everything in paintEvent (../shared/research/qt-tech.md §3):
no QtLocation or WebEngine, fast with thousands of markers, and it keeps working with no tiles at all.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from shelterapp.map.clusters import Cluster, ClusterIndex
from shelterapp.map.tiles import MAX_ZOOM, MIN_ZOOM, TILE_SIZE, clamp_zoom, project, scale_bar, unproject
from shelterapp.shelters.model import Shelter
from shelterapp.ui import theme
from shelterapp.ui.map import painting
from shelterapp.ui.map.tile_loader import FALLBACK_LEVELS, TileLoader

KYIV_CENTRE = (50.4501, 30.5234)
DEFAULT_ZOOM = 12
PAN_STEP_PX = 96  # one arrow key press
DRAG_THRESHOLD_PX = 4  # a press that moves less is a click
CLICK_SLOP_PX = 3  # a click this far outside a marker's sprite still hits it
_MARGIN_PX = 40  # markers just off screen are still drawn: half of them shows


class MapView(QWidget):
    """A slippy map of shelters; pans by drag and arrow keys, zooms by wheel (about the cursor) and +/-.

    Signals:
        shelter_clicked(str shelter_id): a single shelter marker was clicked (it is now selected).
        place_clicked(str name): a saved place's star was clicked.
        view_changed(): the centre or the zoom changed.
    """

    shelter_clicked = Signal(str)
    place_clicked = Signal(str)
    view_changed = Signal()

    def __init__(self, loader: TileLoader | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._zoom = DEFAULT_ZOOM
        self._cx, self._cy = project(*KYIV_CENTRE)
        self._by_id: dict[str, Shelter] = {}
        self._index: ClusterIndex[Shelter] = ClusterIndex([])
        self._places: list[tuple[str, float, float]] = []  # name, world fractions x, y
        self._me: tuple[float, float] | None = None  # world fractions
        self._route: tuple[str, str] | None = None  # shelter id, label
        self._selected: str | None = None
        self._sprites: painting.Sprites | None = None
        self._press: QPointF | None = None
        self._press_centre = (self._cx, self._cy)
        self._dragging = False
        self._wheel = 0
        self.last_paint_stats = painting.PaintStats()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setMinimumSize(200, 150)
        self.setAccessibleName(self.tr("Map of shelters"))
        self.setAccessibleDescription(
            self.tr(
                "Shelters, saved places and your position on a map. Arrow keys move the map, plus and minus zoom. "
                "The shelter list shows the same shelters."
            )
        )
        theme.notifier().changed.connect(self.update)  # new colours at the next paint; sprites are redrawn
        if loader is not None:
            loader.tile_ready.connect(self._tile_ready)
            loader.online_changed.connect(self.update)
            loader.retry_due.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    # --- public API -------------------------------------------------------------------------------------

    def set_shelters(self, shelters: Sequence[Shelter]) -> None:
        """Shelters to show; those without a position are left out."""
        self._by_id = {s.id: s for s in shelters}
        self._index = ClusterIndex([(s.lat, s.lon, s) for s in shelters if s.lat is not None and s.lon is not None])
        self.update()

    def set_places(self, places: Sequence[tuple[str, float, float]]) -> None:
        """Saved places as (name, lat, lon)."""
        self._places = [(name, *project(lat, lon)) for name, lat, lon in places]
        self.update()

    def set_my_position(self, lat: float | None, lon: float | None) -> None:
        self._me = None if lat is None or lon is None else project(lat, lon)
        self.update()

    def set_route(self, shelter_id: str | None, label: str = "") -> None:
        """A line from my position to this shelter, `label` (distance, walking time) at its middle."""
        self._route = None if shelter_id is None else (shelter_id, label)
        self.update()

    def select_shelter(self, shelter_id: str | None) -> None:
        """Highlight a shelter (from the list) and bring it into view; does not emit shelter_clicked."""
        self._selected = shelter_id
        shelter = self._by_id.get(shelter_id) if shelter_id is not None else None
        if shelter is not None and shelter.lat is not None and shelter.lon is not None:
            inside = QRect(self.rect()).adjusted(_MARGIN_PX, _MARGIN_PX, -_MARGIN_PX, -_MARGIN_PX)
            if not inside.contains(self.screen_pos(shelter.lat, shelter.lon).toPoint()):
                self.center_on(shelter.lat, shelter.lon)
        self.update()

    def selected_shelter(self) -> str | None:
        return self._selected

    def center_on(self, lat: float, lon: float, zoom: int | None = None) -> None:
        x, y = project(lat, lon)
        self._set_view(x, y, self._zoom if zoom is None else zoom)

    def fit(self, points: Sequence[tuple[float, float]], max_zoom: int = 17) -> None:
        """Centre on these (lat, lon) points at the closest zoom (up to max_zoom) that shows them all."""
        if not points:
            return
        projected = [project(lat, lon) for lat, lon in points]
        xs, ys = [p[0] for p in projected], [p[1] for p in projected]
        span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
        room_w = max(self.width() - 2 * _MARGIN_PX, 1)
        room_h = max(self.height() - 2 * _MARGIN_PX, 1)
        zoom = clamp_zoom(max_zoom)
        while zoom > MIN_ZOOM and (span_x * (TILE_SIZE << zoom) > room_w or span_y * (TILE_SIZE << zoom) > room_h):
            zoom -= 1
        self._set_view((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2, zoom)

    @property
    def zoom(self) -> int:
        return self._zoom

    @property
    def center(self) -> tuple[float, float]:
        """(lat, lon) at the middle of the view."""
        return unproject(self._cx, self._cy)

    def screen_pos(self, lat: float, lon: float) -> QPointF:
        """Where a point is drawn, in widget pixels."""
        x, y = project(lat, lon)
        return self._to_screen(x, y)

    def is_offline(self) -> bool:
        return self._loader is None or self._loader.is_offline()

    # --- geometry ---------------------------------------------------------------------------------------

    def _world(self) -> float:
        return float(TILE_SIZE << self._zoom)

    def _origin(self) -> tuple[int, int]:
        """World pixel at the widget's top-left corner (whole pixels, so tiles meet without seams)."""
        world = self._world()
        return round(self._cx * world - self.width() / 2), round(self._cy * world - self.height() / 2)

    def _to_screen(self, x: float, y: float) -> QPointF:
        world = self._world()
        ox, oy = self._origin()
        return QPointF(x * world - ox, y * world - oy)

    def _to_world(self, pos: QPointF) -> tuple[float, float]:
        world = self._world()
        ox, oy = self._origin()
        return (pos.x() + ox) / world, (pos.y() + oy) / world

    def _set_view(self, x: float, y: float, zoom: int) -> None:
        zoom = clamp_zoom(zoom)
        half_h = self.height() / 2 / float(TILE_SIZE << zoom)
        y = 0.5 if half_h >= 0.5 else min(max(y, half_h), 1 - half_h)  # keep the world's edge off screen
        x %= 1.0
        if (x, y, zoom) == (self._cx, self._cy, self._zoom):
            return
        self._cx, self._cy, self._zoom = x, y, zoom
        self.update()
        self.view_changed.emit()

    def _zoom_about(self, zoom: int, pos: QPointF) -> None:
        """Change zoom keeping the point under `pos` where it is (wheel, double-click)."""
        zoom = clamp_zoom(zoom)
        fx, fy = self._to_world(pos)
        world = float(TILE_SIZE << zoom)
        self._set_view(fx - (pos.x() - self.width() / 2) / world, fy - (pos.y() - self.height() / 2) / world, zoom)

    def _visible_tiles(self) -> tuple[int, int, int, int]:
        """Tile columns and rows on screen (columns unwrapped: may pass the antimeridian)."""
        ox, oy = self._origin()
        n = 1 << self._zoom
        return (
            ox // TILE_SIZE,
            (ox + self.width() - 1) // TILE_SIZE,
            max(oy // TILE_SIZE, 0),
            min((oy + self.height() - 1) // TILE_SIZE, n - 1),
        )

    def _tile_ready(self, z: int, x: int, y: int) -> None:
        """Repaint only for a tile on screen, or an ancestor standing in for one."""
        up = self._zoom - z
        if not 0 <= up <= FALLBACK_LEVELS:
            return
        tx0, tx1, ty0, ty1 = self._visible_tiles()
        n = 1 << self._zoom
        if ty0 >> up <= y <= ty1 >> up and any((tx % n) >> up == x for tx in range(tx0, tx1 + 1)):
            self.update()

    # --- painting ---------------------------------------------------------------------------------------

    def _sprite_cache(self) -> painting.Sprites:
        dpr, colours = self.devicePixelRatioF(), theme.current().map
        if self._sprites is None or not self._sprites.fits(dpr, self.font(), colours):
            self._sprites = painting.Sprites(dpr, self.font(), colours)
        return self._sprites

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.update()  # labels and markers follow the new size at the next paint
        super().changeEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()  # show the focus frame
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        started = time.perf_counter()
        stats = painting.PaintStats()
        colours = theme.current().map
        painter = QPainter(self)
        painter.fillRect(self.rect(), colours.background)
        self._paint_tiles(painter, stats)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        route = self._route_ends()
        if route is not None:
            painting.draw_route(painter, route[0], route[1], colours)
        self._paint_markers(painter, stats)
        self._paint_selected(painter)
        if self._me is not None:
            painting.draw_my_position(painter, self._to_screen(*self._me), colours)
        self._paint_places(painter)
        if route is not None and self._route is not None and self._route[1]:
            middle = (route[0] + route[1]) / 2
            painter.setFont(self.font())
            painting.draw_text_box(painter, self._route[1], middle, Qt.AlignmentFlag.AlignCenter, colours)
        self._paint_overlays(painter, stats)
        if self.hasFocus():
            self._paint_focus(painter)
        painter.end()
        stats.ms = (time.perf_counter() - started) * 1000
        self.last_paint_stats = stats

    def _paint_tiles(self, painter: QPainter, stats: painting.PaintStats) -> None:
        if self._loader is None:
            stats.missing_tiles = 1
            return
        tx0, tx1, ty0, ty1 = self._visible_tiles()
        ox, oy = self._origin()
        n = 1 << self._zoom
        mid_x, mid_y = (tx0 + tx1) / 2, (ty0 + ty1) / 2
        # Farthest first: the loader serves its newest request first, so the middle of the map comes first.
        tiles = sorted(
            ((tx, ty) for ty in range(ty0, ty1 + 1) for tx in range(tx0, tx1 + 1)),
            key=lambda t: -((t[0] - mid_x) ** 2 + (t[1] - mid_y) ** 2),
        )
        for tx, ty in tiles:
            target = QRect(tx * TILE_SIZE - ox, ty * TILE_SIZE - oy, TILE_SIZE, TILE_SIZE)
            image = self._loader.image(self._zoom, tx % n, ty)
            if image is not None:
                if image.width() == TILE_SIZE and image.height() == TILE_SIZE:
                    painter.drawImage(target.topLeft(), image)
                else:
                    painter.drawImage(target, image)
                stats.tiles += 1
                continue
            found = self._loader.fallback(self._zoom, tx % n, ty)
            if found is not None:
                painter.drawImage(target, found[0], found[1])
                stats.fallback_tiles += 1
            else:
                stats.missing_tiles += 1

    def _paint_markers(self, painter: QPainter, stats: painting.PaintStats) -> None:
        ox, oy = self._origin()
        w, h, m = self.width(), self.height(), _MARGIN_PX
        clusters = self._index.in_rect(self._zoom, ox - m, oy - m, ox + w + m, oy + h + m)
        painting.paint_markers(painter, self._sprite_cache(), clusters, self._world(), (ox, oy), (w, h), m, stats)

    def _paint_selected(self, painter: QPainter) -> None:
        shelter = self._by_id.get(self._selected) if self._selected is not None else None
        if shelter is None or shelter.lat is None or shelter.lon is None:
            return
        centre = self.screen_pos(shelter.lat, shelter.lon)
        if not QRect(self.rect()).adjusted(-_MARGIN_PX, -_MARGIN_PX, _MARGIN_PX, _MARGIN_PX).contains(centre.toPoint()):
            return
        sprite = self._sprite_cache().for_shelter(shelter)
        painter.drawPixmap(round(centre.x() - sprite.half), round(centre.y() - sprite.half), sprite.pixmap)
        painting.draw_selection_ring(painter, centre, sprite.half + 4, self._sprite_cache().colours)

    def _paint_places(self, painter: QPainter) -> None:
        if not self._places:
            return
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        colours = theme.current().map
        for name, x, y in self._places:
            painting.draw_place(painter, self._to_screen(x, y), name, colours)

    def _paint_focus(self, painter: QPainter) -> None:
        """A frame round the map while it has the keyboard: arrows and +/- act on it."""
        colours = theme.current().map
        colour = colours.focus or self.palette().color(QPalette.ColorRole.Highlight)
        width = colours.focus_width
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, width))
        inset = width / 2
        painter.drawRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset))

    def _route_ends(self) -> tuple[QPointF, QPointF] | None:
        if self._route is None or self._me is None:
            return None
        shelter = self._by_id.get(self._route[0])
        if shelter is None or shelter.lat is None or shelter.lon is None:
            return None
        return self._to_screen(*self._me), self.screen_pos(shelter.lat, shelter.lon)

    def _paint_overlays(self, painter: QPainter, stats: painting.PaintStats) -> None:
        metres, length_px = scale_bar(self.center[0], self._zoom, min(120.0, self.width() / 3))
        label = (
            self.tr("%1 km").replace("%1", QLocale().toString(metres / 1000, "g", 6))
            if metres >= 1000
            else self.tr("%1 m").replace("%1", QLocale().toString(round(metres)))
        )
        offline = self.is_offline() and stats.missing_tiles > 0
        stats.offline_rect = painting.draw_overlays(
            painter,
            self.font(),
            self.rect(),
            (label, length_px),
            self.tr("© OpenStreetMap contributors"),
            self.tr("Offline: map tiles are not available; shelters are shown without the map") if offline else None,
            theme.current().map,
        )

    # --- input ------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._press = event.position()
        self._press_centre = (self._cx, self._cy)
        self._dragging = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        delta = event.position() - self._press
        if not self._dragging and delta.manhattanLength() < DRAG_THRESHOLD_PX:
            return
        if not self._dragging:
            self._dragging = True
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        world = self._world()
        cx, cy = self._press_centre
        self._set_view(cx - delta.x() / world, cy - delta.y() / world, self._zoom)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        if self._dragging:
            self.unsetCursor()
        else:
            self._click(event.position())
        self._press = None
        self._dragging = False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._hit(event.position()) is None:
            self._zoom_about(self._zoom + 1, event.position())
        else:
            super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._wheel += event.angleDelta().y()
        steps = int(self._wheel / 120)
        if steps:
            self._wheel -= steps * 120
            self._zoom_about(self._zoom + steps, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        pans = {
            Qt.Key.Key_Left: (-PAN_STEP_PX, 0),
            Qt.Key.Key_Right: (PAN_STEP_PX, 0),
            Qt.Key.Key_Up: (0, -PAN_STEP_PX),
            Qt.Key.Key_Down: (0, PAN_STEP_PX),
        }
        if key in pans:
            dx, dy = pans[Qt.Key(key)]
            world = self._world()
            self._set_view(self._cx + dx / world, self._cy + dy / world, self._zoom)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._set_view(self._cx, self._cy, self._zoom + 1)
        elif key == Qt.Key.Key_Minus:
            self._set_view(self._cx, self._cy, self._zoom - 1)
        else:
            super().keyPressEvent(event)

    def _hit(self, pos: QPointF) -> str | Cluster[Shelter] | None:
        """What a click at pos lands on: a place's name, a cluster (or single shelter), or None."""
        for name, x, y in reversed(self._places):  # drawn on top, so they win
            centre = self._to_screen(x, y)
            if math.hypot(centre.x() - pos.x(), centre.y() - pos.y()) <= painting.PLACE_RADIUS + CLICK_SLOP_PX:
                return name
        sprites = self._sprite_cache()
        ox, oy = self._origin()
        wx, wy = pos.x() + ox, pos.y() + oy
        world = self._world()
        best: Cluster[Shelter] | None = None
        best_d = math.inf
        for cluster in self._index.in_rect(self._zoom, wx - 64, wy - 64, wx + 64, wy + 64):
            d = math.hypot(cluster.x * world - wx, cluster.y * world - wy)
            reach = sprites.for_cluster(cluster).half + CLICK_SLOP_PX
            if d <= reach and d < best_d:
                best, best_d = cluster, d
        return best

    def _click(self, pos: QPointF) -> None:
        hit = self._hit(pos)
        if isinstance(hit, str):
            self.place_clicked.emit(hit)
        elif hit is not None and hit.count == 1:
            self._selected = hit.members[0].id
            self.update()
            self.shelter_clicked.emit(self._selected)
        elif hit is not None:
            self._set_view(hit.x, hit.y, min(self._zoom + 2, MAX_ZOOM))
