"""Where the map looks, and the maths of moving it: pan, zoom about a point, fit points, screen <-> world
<-> latitude and longitude, the tiles on screen. No Qt, so it is tested without a window; the map widget
only turns events into these calls and repaints when one says the view changed.

The centre is kept in world fractions (map/tiles.py); the widget's size comes from a callable, asked on
every use, so a resize never leaves a stale copy here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from shelterapp.map.tiles import MIN_ZOOM, TILE_SIZE, clamp_zoom, project, unproject

KYIV_CENTRE = (50.4501, 30.5234)
DEFAULT_ZOOM = 12
FIT_MARGIN_PX = 40  # points fitted into view stay this far from the edges


class Viewport:
    """Centre and zoom of a map `size()` pixels large; every setter returns whether the view changed."""

    def __init__(
        self,
        size: Callable[[], tuple[int, int]],
        centre: tuple[float, float] = KYIV_CENTRE,
        zoom: int = DEFAULT_ZOOM,
    ) -> None:
        self._size = size
        self.zoom = clamp_zoom(zoom)
        self.cx, self.cy = project(*centre)

    # --- where things are -------------------------------------------------------------------------------

    def world(self) -> float:
        """Width of the whole world in pixels at this zoom."""
        return float(TILE_SIZE << self.zoom)

    def origin(self) -> tuple[int, int]:
        """World pixel at the top-left corner (whole pixels, so tiles meet without seams)."""
        world = self.world()
        width, height = self._size()
        return round(self.cx * world - width / 2), round(self.cy * world - height / 2)

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        """World fractions to pixels from the top-left corner."""
        world = self.world()
        ox, oy = self.origin()
        return x * world - ox, y * world - oy

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        world = self.world()
        ox, oy = self.origin()
        return (sx + ox) / world, (sy + oy) / world

    def screen_pos(self, lat: float, lon: float) -> tuple[float, float]:
        return self.to_screen(*project(lat, lon))

    def centre(self) -> tuple[float, float]:
        """(lat, lon) at the middle of the view."""
        return unproject(self.cx, self.cy)

    def visible_tiles(self) -> tuple[int, int, int, int]:
        """Tile columns and rows on screen, first and last (columns unwrapped: may pass the antimeridian)."""
        ox, oy = self.origin()
        width, height = self._size()
        n = 1 << self.zoom
        return (
            ox // TILE_SIZE,
            (ox + width - 1) // TILE_SIZE,
            max(oy // TILE_SIZE, 0),
            min((oy + height - 1) // TILE_SIZE, n - 1),
        )

    def tiles_on_screen(self) -> list[tuple[int, int, int, int]]:
        """Every tile on screen as (x, y, left, top): its numbers (x wrapped round the world) and where its
        top-left corner goes in pixels. Farthest from the middle first: a loader that serves its newest
        request first then brings the middle of the map first."""
        tx0, tx1, ty0, ty1 = self.visible_tiles()
        ox, oy = self.origin()
        n = 1 << self.zoom
        mid_x, mid_y = (tx0 + tx1) / 2, (ty0 + ty1) / 2
        tiles = sorted(
            ((tx, ty) for ty in range(ty0, ty1 + 1) for tx in range(tx0, tx1 + 1)),
            key=lambda t: -((t[0] - mid_x) ** 2 + (t[1] - mid_y) ** 2),
        )
        return [(tx % n, ty, tx * TILE_SIZE - ox, ty * TILE_SIZE - oy) for tx, ty in tiles]

    def shows_tile(self, z: int, x: int, y: int, levels_up: int) -> bool:
        """Whether tile (z, x, y) is on screen, or is an ancestor (up to levels_up) of a tile on screen."""
        up = self.zoom - z
        if not 0 <= up <= levels_up:
            return False
        tx0, tx1, ty0, ty1 = self.visible_tiles()
        n = 1 << self.zoom
        return ty0 >> up <= y <= ty1 >> up and any((tx % n) >> up == x for tx in range(tx0, tx1 + 1))

    # --- moving -----------------------------------------------------------------------------------------

    def set_view(self, x: float, y: float, zoom: int) -> bool:
        """Centre on world fractions (x, y) at zoom; the world's top and bottom edges stay off screen."""
        zoom = clamp_zoom(zoom)
        half_h = self._size()[1] / 2 / float(TILE_SIZE << zoom)
        y = 0.5 if half_h >= 0.5 else min(max(y, half_h), 1 - half_h)
        x %= 1.0
        if (x, y, zoom) == (self.cx, self.cy, self.zoom):
            return False
        self.cx, self.cy, self.zoom = x, y, zoom
        return True

    def center_on(self, lat: float, lon: float, zoom: int | None = None) -> bool:
        x, y = project(lat, lon)
        return self.set_view(x, y, self.zoom if zoom is None else zoom)

    def pan(self, dx_px: float, dy_px: float) -> bool:
        """Move the view by pixels (an arrow key: the map slides the other way)."""
        world = self.world()
        return self.set_view(self.cx + dx_px / world, self.cy + dy_px / world, self.zoom)

    def dragged(self, start: tuple[float, float], dx_px: float, dy_px: float) -> bool:
        """The view a drag gives: the centre it started from, moved against the pointer's travel."""
        world = self.world()
        return self.set_view(start[0] - dx_px / world, start[1] - dy_px / world, self.zoom)

    def zoom_about(self, zoom: int, sx: float, sy: float) -> bool:
        """Change zoom keeping the point under screen pixel (sx, sy) where it is (wheel, double-click)."""
        zoom = clamp_zoom(zoom)
        fx, fy = self.to_world(sx, sy)
        width, height = self._size()
        world = float(TILE_SIZE << zoom)
        return self.set_view(fx - (sx - width / 2) / world, fy - (sy - height / 2) / world, zoom)

    def fit(self, points: Sequence[tuple[float, float]], max_zoom: int = 17, margin: int = FIT_MARGIN_PX) -> bool:
        """Centre on these (lat, lon) points at the closest zoom (up to max_zoom) that shows them all."""
        if not points:
            return False
        projected = [project(lat, lon) for lat, lon in points]
        xs, ys = [p[0] for p in projected], [p[1] for p in projected]
        span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
        width, height = self._size()
        room_w, room_h = max(width - 2 * margin, 1), max(height - 2 * margin, 1)
        zoom = clamp_zoom(max_zoom)
        while zoom > MIN_ZOOM and (span_x * (TILE_SIZE << zoom) > room_w or span_y * (TILE_SIZE << zoom) > room_h):
            zoom -= 1
        return self.set_view((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2, zoom)
