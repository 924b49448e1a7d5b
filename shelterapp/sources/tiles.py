"""Map tiles for the map view: from the disk cache, else from the tile server, kept as its cache headers say.

Qt-free: the map's loader (ui/map/tile_loader.py) owns the threads and decodes images; it passes its decoder
in, and only a tile that decodes is ever stored. Tiles are small (OSM raster tiles are 5-50 KB), so the cap
is small and the deadline short: a tile that takes longer is better skipped than waited for. The tile
client is apart from the alert feeds' client, so four tile fetches never queue an alert poll.

Freshness (OSM tile usage policy): a tile is fresh for as long as the server's Cache-Control max-age (or
Expires) says, and never less than MIN_FRESH_S, 7 days; after that it is still shown, and the server is
asked with If-None-Match / If-Modified-Since whether it changed. A 304 starts its age again without a body.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from typing import Generic, TypeVar

from shelterapp.map.tile_cache import TileCache, TileValidity, is_tile_image
from shelterapp.map.tiles import DEFAULT_TILE_URL, tile_url
from shelterapp.sources.errors import BadData
from shelterapp.sources.http import HttpClient

TILE_MAX_BYTES = 2 * 1024 * 1024
TILE_DEADLINE_S = 10.0
TILE_CONNECT_TIMEOUT_S = 4.0
MIN_FRESH_S = 7 * 24 * 3600.0  # the OSM tile usage policy: keep a tile at least 7 days
MAX_FRESH_S = 365 * 24 * 3600.0  # a server's "forever" is checked once a year all the same
ACCEPT = {"Accept": "image/png,image/jpeg;q=0.9,*/*;q=0.1"}

T = TypeVar("T")


def make_tile_client() -> HttpClient:
    """An HttpClient (the app's User-Agent, as the OSM tile policy asks) with a tile-sized cap and deadline."""
    return HttpClient(deadline_s=TILE_DEADLINE_S, max_bytes=TILE_MAX_BYTES, connect_timeout_s=TILE_CONNECT_TIMEOUT_S)


@dataclass(frozen=True)
class CachedTile:
    data: bytes
    fresh_until: float  # wall-clock seconds; 0 when the server's word on it is unknown (due a check)


@dataclass(frozen=True)
class Downloaded(Generic[T]):
    tile: T | None  # the decoded tile; None when the server said the stored one is still right (304)
    fresh_until: float


class TileService:
    """Tiles by (z, x, y) from `cache`, else from the server at `template` through `client` (None: never
    download, the disk only). Every method but `__contains__` and `is_stale` touches the disk or the network:
    call them off the GUI thread."""

    def __init__(
        self,
        client: HttpClient | None,
        cache: TileCache,
        template: str = DEFAULT_TILE_URL,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.cache = cache
        self.template = template
        self._clock = clock

    @property
    def can_download(self) -> bool:
        return self.client is not None

    def __contains__(self, key: object) -> bool:
        """Whether the tile is on disk (asked of memory: cheap on every paint)."""
        return key in self.cache

    def is_stale(self, fresh_until: float) -> bool:
        """Past its freshness: still worth showing, and worth asking the server about (when it can be asked)."""
        return self.can_download and self._clock() >= fresh_until

    def cached(self, z: int, x: int, y: int) -> CachedTile | None:
        data = self.cache.get(z, x, y)
        if data is None:
            return None
        validity = self.cache.validity(z, x, y)
        return CachedTile(data, validity.fresh_until if validity is not None else 0.0)

    def discard(self, z: int, x: int, y: int) -> None:
        """Forget a stored tile that turned out unusable; it is downloaded again when next wanted."""
        self.cache.discard(z, x, y)

    def download(self, z: int, x: int, y: int, decode: Callable[[bytes], T]) -> Downloaded[T]:
        """Ask the server for the tile (conditionally when it is stored with validators). The body is checked
        (size, PNG or JPEG), then `decode`d; only when decode returns is it stored. Raises SourceError
        (offline, timeout, 404 as a server error...) or BadData (over TILE_MAX_BYTES, not an image: e.g. an
        HTML error page with status 200, or whatever `decode` refuses). Messages name the zoom, never x/y:
        the tiles a person looks at say where they are."""
        if self.client is None:
            raise BadData("no tile server: the map works from its stored tiles only")
        known = self.cache.validity(z, x, y)
        headers = dict(ACCEPT)
        if known is not None and known.etag:
            headers["If-None-Match"] = known.etag
        if known is not None and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        response = self.client.get(tile_url(self.template, z, x, y), headers=headers)
        now = self._clock()
        fresh_until = now + fresh_for(response.headers, now)
        if response.status == 304:
            if (z, x, y) not in self.cache:
                raise BadData(f"a zoom-{z} tile: 304 Not Modified for a tile we do not have")
            etag = response.headers.get("etag") or (known.etag if known else None)
            modified = response.headers.get("last-modified") or (known.last_modified if known else None)
            self.cache.revalidated(z, x, y, TileValidity(fresh_until, etag, modified))
            return Downloaded(None, fresh_until)
        body = response.body
        if len(body) > TILE_MAX_BYTES:
            raise BadData(f"a zoom-{z} tile of {len(body):,} bytes is over the {TILE_MAX_BYTES:,} cap")
        if not is_tile_image(body):
            raise BadData(f"a zoom-{z} tile is not a PNG or JPEG image ({len(body):,} bytes)")
        tile = decode(body)
        validity = TileValidity(fresh_until, response.headers.get("etag"), response.headers.get("last-modified"))
        self.cache.put(z, x, y, body, validity)
        return Downloaded(tile, fresh_until)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self.cache.close()


def fresh_for(headers: dict[str, str], now: float) -> float:
    """Seconds a tile stays fresh from now: Cache-Control max-age (less its Age), else Expires less Date, held
    between MIN_FRESH_S and MAX_FRESH_S. `headers` have lower-case names; nonsense counts as no word at all."""
    lifetime = 0.0
    directives = {}
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        directives[name.strip().lower()] = value.strip().strip('"')
    max_age = directives.get("max-age", "")
    if max_age.isdigit():
        age = headers.get("age", "").strip()
        lifetime = float(max_age) - (float(age) if age.isdigit() else 0.0)
    elif "expires" in headers:
        expires = _http_date(headers["expires"])
        sent = _http_date(headers.get("date", "")) or now
        lifetime = (expires - sent) if expires is not None else 0.0
    return min(max(lifetime, MIN_FRESH_S), MAX_FRESH_S)


def _http_date(value: str) -> float | None:
    from email.utils import parsedate_to_datetime  # 8 ms of imports: with the first answer that needs it

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()
