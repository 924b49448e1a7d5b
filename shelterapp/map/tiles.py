"""Web Mercator tile math for the slippy map, the same scheme OpenStreetMap's raster tiles use.

World coordinates are fractions of the world square in [0, 1): x grows east from 180°W, y grows south
from the top of the square at 85.0511°N. At zoom z the world is TILE_SIZE * 2**z pixels wide and holds
2**z by 2**z tiles. Latitudes beyond ±85.0511° do not fit the square and are clamped to it.
"""

from __future__ import annotations

import math

TILE_SIZE = 256
MIN_ZOOM = 3
MAX_ZOOM = 19
MAX_LATITUDE = 85.0511287798  # atan(sinh(pi)): where Web Mercator's square ends
EARTH_RADIUS_M = 6378137.0  # the sphere Web Mercator is drawn on (WGS84 semi-major axis)
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = "© OpenStreetMap contributors"

_EQUATOR_M_PER_PX_Z0 = 2 * math.pi * EARTH_RADIUS_M / TILE_SIZE


def clamp_latitude(lat: float) -> float:
    return max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))


def clamp_zoom(zoom: int) -> int:
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom))


def project(lat: float, lon: float) -> tuple[float, float]:
    """WGS84 degrees to world fractions (x, y), each in [0, 1); longitude wraps, latitude is clamped."""
    s = math.sin(math.radians(clamp_latitude(lat)))
    x = ((lon + 180.0) / 360.0) % 1.0
    y = 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)
    return x, min(max(y, 0.0), math.nextafter(1.0, 0.0))


def unproject(x: float, y: float) -> tuple[float, float]:
    """World fractions back to (lat, lon) degrees; lon in [-180, 180)."""
    lon = (x % 1.0) * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))
    return lat, lon


def world_size(zoom: int) -> int:
    """Width (and height) of the whole world in pixels at this zoom."""
    return TILE_SIZE << zoom


def tile_of(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    """The (x, y) number of the tile holding this point at this zoom."""
    n = 1 << zoom
    x, y = project(lat, lon)
    return min(int(x * n), n - 1), min(int(y * n), n - 1)


def meters_per_pixel(lat: float, zoom: int) -> float:
    """Ground metres one map pixel covers at this latitude and zoom."""
    return _EQUATOR_M_PER_PX_Z0 * math.cos(math.radians(clamp_latitude(lat))) / (1 << zoom)


def tile_url(template: str, z: int, x: int, y: int) -> str:
    """The template with {z}, {x} and {y} filled in (other braces are left alone)."""
    return template.replace("{z}", str(z)).replace("{x}", str(x)).replace("{y}", str(y))


def scale_bar(lat: float, zoom: int, max_px: float) -> tuple[float, float]:
    """A round ground length (1, 2 or 5 times a power of ten metres) that fits in max_px: (metres, pixels)."""
    per_px = meters_per_pixel(lat, zoom)
    limit = per_px * max_px
    meters = 1.0
    for power in range(8):
        for step in (1, 2, 5):
            candidate = float(step * 10**power)
            if candidate > limit:
                return meters, meters / per_px
            meters = candidate
    return meters, meters / per_px
