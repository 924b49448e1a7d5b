"""The map beside the shelter list: OSM tiles, shelters by kind, my position, saved places, the way to
the nearest shelter. One QWidget painting everything in paintEvent (../shared/research/qt-tech.md §3):
no QtLocation or WebEngine, fast with thousands of markers, and it keeps working with no tiles at all.
"""

from __future__ import annotations

import math
import time
import weakref
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QLocale, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from shelterapp.map.clusters import Cluster, ClusterIndex
from shelterapp.map.tiles import MAX_ZOOM, TILE_SIZE, project, scale_bar
from shelterapp.map.viewport import FIT_MARGIN_PX, Viewport
from shelterapp.shelters.model import Shelter
from shelterapp.ui import theme
from shelterapp.ui.map import painting
from shelterapp.ui.map.sprites import Sprites
from shelterapp.ui.map.tile_loader import FALLBACK_LEVELS, TileLoader

PAN_STEP_PX = 96  # one arrow key press
_PANS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
DRAG_THRESHOLD_PX = 4  # a press that moves less is a click
CLICK_SLOP_PX = 3  # a click this far outside a marker's sprite still hits it
_MARGIN_PX = FIT_MARGIN_PX  # markers just off screen are still drawn: half of them shows


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
        self.viewport = Viewport(_size_of(self))
        self._by_id: dict[str, Shelter] = {}
        self._index: ClusterIndex[Shelter] = ClusterIndex([])
        self._places: list[tuple[str, float, float]] = []  # name, world fractions x, y
        self._me: tuple[float, float] | None = None  # world fractions
        self._route: tuple[str, str] | None = None  # shelter id, label
        self._selected: str | None = None
        self._sprites: Sprites | None = None
        self._press: QPointF | None = None
        self._press_centre = (self.viewport.cx, self.viewport.cy)
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
        self._changed(self.viewport.center_on(lat, lon, zoom))

    def fit(self, points: Sequence[tuple[float, float]], max_zoom: int = 17) -> None:
        """Centre on these (lat, lon) points at the closest zoom (up to max_zoom) that shows them all."""
        self._changed(self.viewport.fit(points, max_zoom))

    @property
    def zoom(self) -> int:
        return self.viewport.zoom

    @property
    def center(self) -> tuple[float, float]:
        """(lat, lon) at the middle of the view."""
        return self.viewport.centre()

    def screen_pos(self, lat: float, lon: float) -> QPointF:
        """Where a point is drawn, in widget pixels."""
        return QPointF(*self.viewport.screen_pos(lat, lon))

    def is_offline(self) -> bool:
        return self._loader is None or self._loader.is_offline()

    # --- the view ---------------------------------------------------------------------------------------

    def _to_screen(self, x: float, y: float) -> QPointF:
        return QPointF(*self.viewport.to_screen(x, y))

    def _set_view(self, x: float, y: float, zoom: int) -> None:
        self._changed(self.viewport.set_view(x, y, zoom))

    def _changed(self, changed: bool) -> None:
        if changed:
            self.update()
            self.view_changed.emit()

    def _tile_ready(self, z: int, x: int, y: int) -> None:
        """Repaint only for a tile on screen, or an ancestor standing in for one."""
        if self.viewport.shows_tile(z, x, y, FALLBACK_LEVELS):
            self.update()

    # --- painting ---------------------------------------------------------------------------------------

    def _sprite_cache(self) -> Sprites:
        dpr, colours = self.devicePixelRatioF(), theme.current().map
        if self._sprites is None or not self._sprites.fits(dpr, self.font(), colours):
            self._sprites = Sprites(dpr, self.font(), colours)
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
        zoom = self.viewport.zoom
        for x, y, left, top in self.viewport.tiles_on_screen():
            target = QRect(left, top, TILE_SIZE, TILE_SIZE)
            image = self._loader.image(zoom, x, y)
            if image is not None:
                if image.width() == TILE_SIZE and image.height() == TILE_SIZE:
                    painter.drawImage(target.topLeft(), image)
                else:
                    painter.drawImage(target, image)
                stats.tiles += 1
                continue
            found = self._loader.fallback(zoom, x, y)
            if found is not None:
                painter.drawImage(target, found[0], found[1])
                stats.fallback_tiles += 1
            else:
                stats.missing_tiles += 1

    def _paint_markers(self, painter: QPainter, stats: painting.PaintStats) -> None:
        ox, oy = self.viewport.origin()
        w, h, m = self.width(), self.height(), _MARGIN_PX
        clusters = self._index.in_rect(self.viewport.zoom, ox - m, oy - m, ox + w + m, oy + h + m)
        world = self.viewport.world()
        painting.paint_markers(painter, self._sprite_cache(), clusters, world, (ox, oy), (w, h), m, stats)

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
        painting.draw_focus_frame(painter, QRectF(self.rect()), colour, colours.focus_width)

    def _route_ends(self) -> tuple[QPointF, QPointF] | None:
        if self._route is None or self._me is None:
            return None
        shelter = self._by_id.get(self._route[0])
        if shelter is None or shelter.lat is None or shelter.lon is None:
            return None
        return self._to_screen(*self._me), self.screen_pos(shelter.lat, shelter.lon)

    def _paint_overlays(self, painter: QPainter, stats: painting.PaintStats) -> None:
        metres, length_px = scale_bar(self.center[0], self.viewport.zoom, min(120.0, self.width() / 3))
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
        self._press_centre = (self.viewport.cx, self.viewport.cy)
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
        self._changed(self.viewport.dragged(self._press_centre, delta.x(), delta.y()))

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
            self._changed(self.viewport.zoom_about(self.zoom + 1, event.position().x(), event.position().y()))
        else:
            super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._wheel += event.angleDelta().y()
        steps = int(self._wheel / 120)
        if steps:
            self._wheel -= steps * 120
            self._changed(self.viewport.zoom_about(self.zoom + steps, event.position().x(), event.position().y()))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _PANS:
            dx, dy = _PANS[Qt.Key(key)]
            self._changed(self.viewport.pan(dx * PAN_STEP_PX, dy * PAN_STEP_PX))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._set_view(self.viewport.cx, self.viewport.cy, self.zoom + 1)
        elif key == Qt.Key.Key_Minus:
            self._set_view(self.viewport.cx, self.viewport.cy, self.zoom - 1)
        else:
            super().keyPressEvent(event)

    def _hit(self, pos: QPointF) -> str | Cluster[Shelter] | None:
        """What a click at pos lands on: a place's name, a cluster (or single shelter), or None."""
        for name, x, y in reversed(self._places):  # drawn on top, so they win
            centre = self._to_screen(x, y)
            if math.hypot(centre.x() - pos.x(), centre.y() - pos.y()) <= painting.PLACE_RADIUS + CLICK_SLOP_PX:
                return name
        sprites = self._sprite_cache()
        ox, oy = self.viewport.origin()
        wx, wy = pos.x() + ox, pos.y() + oy
        world = self.viewport.world()
        best: Cluster[Shelter] | None = None
        best_d = math.inf
        for cluster in self._index.in_rect(self.zoom, wx - 64, wy - 64, wx + 64, wy + 64):
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
            self._set_view(hit.x, hit.y, min(self.zoom + 2, MAX_ZOOM))


def _size_of(widget: QWidget) -> Callable[[], tuple[int, int]]:
    """The widget's size, asked on every call; held weakly, as a cycle would leave the widget to Python's
    collector, which may run on a worker thread and must never be the one to delete a widget."""
    held = weakref.ref(widget)

    def size() -> tuple[int, int]:
        alive = held()
        return (alive.width(), alive.height()) if alive is not None else (0, 0)

    return size
