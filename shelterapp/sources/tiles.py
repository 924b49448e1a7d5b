"""Map tiles over HTTP: one GET per tile through the one HttpClient, checked to be an image.

Tiles are small (OSM raster tiles are 5-50 KB), so the cap is small and the deadline short: a tile that
takes longer is better skipped than waited for. make_tile_client() gives a client with those guards; the
tile loader keeps it apart from the alert feeds' client, so four tile fetches never queue an alert poll.
"""

from __future__ import annotations

from shelterapp.map.tile_cache import is_tile_image
from shelterapp.map.tiles import tile_url
from shelterapp.sources.base import BadData
from shelterapp.sources.http import HttpClient

TILE_MAX_BYTES = 2 * 1024 * 1024
TILE_DEADLINE_S = 10.0
TILE_CONNECT_TIMEOUT_S = 4.0


def make_tile_client() -> HttpClient:
    """An HttpClient (the app's User-Agent, as the OSM tile policy asks) with a tile-sized cap and deadline."""
    return HttpClient(deadline_s=TILE_DEADLINE_S, max_bytes=TILE_MAX_BYTES, connect_timeout_s=TILE_CONNECT_TIMEOUT_S)


def fetch_tile(client: HttpClient, template: str, z: int, x: int, y: int) -> bytes:
    """The tile's PNG or JPEG bytes; raises SourceError (offline, timeout, 404 as server error...) or
    BadData (over TILE_MAX_BYTES, or not an image: e.g. an HTML error page with status 200)."""
    response = client.get(tile_url(template, z, x, y), headers={"Accept": "image/png,image/jpeg;q=0.9,*/*;q=0.1"})
    body = response.body
    if len(body) > TILE_MAX_BYTES:
        raise BadData(f"tile {z}/{x}/{y} of {len(body):,} bytes is over the {TILE_MAX_BYTES:,} cap")
    if not is_tile_image(body):
        raise BadData(f"tile {z}/{x}/{y} is not a PNG or JPEG image ({len(body):,} bytes)")
    return body
