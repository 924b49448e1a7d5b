"""Map tiles for the map view from memory, then disk, then the network; never decoded on the GUI thread.

The Qt half of the tiles: threads, signals and images. The disk and the network are the TileService's
(sources/tiles.py), called on worker threads. `image(z, x, y)` answers at once from a memory LRU or returns
None and starts the work: a disk read (two reader threads) or a download (at most four at a time, its own
pool, so the alert feeds never wait on tiles). Requests wait newest first: when the view moves on, tiles no
longer on screen are the oldest and the first dropped once the queue is full. A tile that failed is not
asked for again until its pause ends; a connection that fails (offline, timeout) pauses all downloads, then
one probe goes out after OFFLINE_RETRY_S, so a laptop off the network does not send a request storm on
every repaint. A tile past its freshness is shown while the server is asked whether it changed.

A tile is decoded only when its header says it is at most MAX_TILE_PX a side: a 62 KB PNG can claim
8000x8000 pixels and take gigabytes to decode. Such a tile is bad data, never decoded, never stored.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QImageReader
from shiboken6 import Shiboken

from shelterapp.background import run_in_background
from shelterapp.sources.errors import RATE_LIMIT_FLOOR_S, BadData, FailureKind, SourceError

if TYPE_CHECKING:  # handed in by app.py: the disk and the network are the service's, never imported here
    from shelterapp.map.tile_cache import TileCache
    from shelterapp.sources.tiles import Downloaded, TileService

log = logging.getLogger(__name__)

Key = tuple[int, int, int]

MAX_IN_FLIGHT = 4  # OSM's tile policy: a couple of connections per client; four is what browsers use for a map
MAX_QUEUED = 96  # more than a 1920x1200 screen's tiles (63), so only stale requests fall off the end
MEMORY_BYTES = 192 * 256 * 256 * 4  # 192 decoded 256x256 tiles: 48 MB, whatever size the server's tiles are
MAX_TILE_PX = 1024  # tiles are 256 px a side (512 for high-density screens); beyond this is bad data
FALLBACK_LEVELS = 4  # a missing tile may show its ancestor up to 16x enlarged
FAILED_RETRY_S = 300.0  # a tile that came back 404 or broken
OFFLINE_RETRY_S = 30.0


@dataclass
class _Shown:
    image: QImage
    fresh_until: float  # wall-clock seconds (TileService.is_stale)


class TileLoader(QObject):
    """Tiles by (z, x, y) for the map view, from `tiles` (without a client: the disk only, offline).

    Signals:
        tile_ready(int z, int x, int y): a tile that image() or fallback() asked for is now in memory.
        online_changed(bool online): downloads started failing (offline, timeout) or work again.
        retry_due(): a pause after failures ended; a view still missing tiles should repaint to ask again.
    """

    tile_ready = Signal(int, int, int)
    online_changed = Signal(bool)
    retry_due = Signal()

    def __init__(
        self,
        tiles: TileService,
        parent: QObject | None = None,
        *,
        memory_bytes: int = MEMORY_BYTES,
        max_in_flight: int = MAX_IN_FLIGHT,
        offline_retry_s: float = OFFLINE_RETRY_S,
        clock: Callable[[], float] = time.monotonic,
        downloads_held: bool = False,
    ) -> None:
        """`downloads_held`: tiles are asked for but none is downloaded until release_downloads(): the app's first
        frame does not wait for the network stack, which the first download imports (sources/http.py)."""
        super().__init__(parent)
        self._tiles = tiles
        self._memory_bytes = memory_bytes
        self._max_in_flight = max_in_flight
        self._offline_retry_s = offline_retry_s
        self._clock = clock
        self._memory: OrderedDict[Key, _Shown] = OrderedDict()  # least recently used first
        self._in_memory = 0  # bytes
        self._reading: set[Key] = set()
        self._queue: OrderedDict[Key, None] = OrderedDict()  # newest request last, served first
        self._in_flight: set[Key] = set()
        self._failed: dict[Key, float] = {}  # key -> clock time before which it is not asked again
        self._online = tiles.can_download
        self._offline_until = 0.0
        self._paused_until = 0.0  # rate-limited or refused: no downloads at all until then
        self._held = downloads_held
        self._net_pool = QThreadPool(self)
        self._net_pool.setMaxThreadCount(max_in_flight)
        self._disk_pool = QThreadPool(self)
        self._disk_pool.setMaxThreadCount(2)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry)
        self.downloads = 0  # started, for tests and the benchmark

    @property
    def cache(self) -> TileCache:
        return self._tiles.cache

    def is_offline(self) -> bool:
        return not self._online

    def pending(self) -> int:
        """Tiles being read or downloaded right now (for tests and the benchmark: 0 means settled)."""
        return len(self._reading) + len(self._in_flight)

    def image(self, z: int, x: int, y: int) -> QImage | None:
        """The tile if it is in memory; otherwise None, and it is read from disk or downloaded."""
        key = (z, x, y)
        found = self._memory.get(key)
        if found is not None:
            self._memory.move_to_end(key)
            if key not in self._in_flight and self._tiles.is_stale(found.fresh_until):
                self._want_download(key)  # shown meanwhile; replaced if the server has a newer one
            return found.image
        if key in self._reading or key in self._in_flight:
            return None
        if key in self._tiles:
            self._read(key)
        else:
            self._want_download(key)
        return None

    def fallback(self, z: int, x: int, y: int, levels: int = FALLBACK_LEVELS) -> tuple[QImage, QRect] | None:
        """The nearest ancestor tile in memory and the part of it that covers (z, x, y), to enlarge in
        its place; ancestors found on disk are read meanwhile (never downloaded)."""
        for up in range(1, min(levels, z) + 1):
            key = (z - up, x >> up, y >> up)
            shown = self._memory.get(key)
            if shown is not None:
                self._memory.move_to_end(key)
                found = shown.image
                w, h = found.width() >> up, found.height() >> up
                return found, QRect((x - (key[1] << up)) * w, (y - (key[2] << up)) * h, w, h)
            if key in self._tiles and key not in self._reading:
                self._read(key)
        return None

    def release_downloads(self) -> None:
        self._held = False
        self._pump()

    def shutdown(self) -> None:
        """Drop waiting work and wait for running jobs (they are short: a read or one tile's deadline)."""
        self._queue.clear()
        self._retry_timer.stop()
        for pool in (self._net_pool, self._disk_pool):
            pool.clear()
            pool.waitForDone()

    # --- disk -------------------------------------------------------------------------------------------

    def _read(self, key: Key) -> None:
        self._reading.add(key)
        run_in_background(
            partial(self._read_job, key),
            partial(self._was_read, key),
            partial(self._failed_read, key),
            pool=self._disk_pool,
        )

    def _read_job(self, key: Key) -> _Shown | None:
        """On a worker: the decoded tile, or None when it vanished or is unusable (then it is discarded)."""
        tile = self._tiles.cached(*key)
        if tile is None:
            return None
        try:
            return _Shown(decode_tile(tile.data), tile.fresh_until)
        except BadData as exc:
            log.warning("a zoom-%s map tile on disk is unusable (%s); fetching it again", key[0], exc.detail)
            self._tiles.discard(*key)
            return None

    def _was_read(self, key: Key, shown: _Shown | None) -> None:
        if not Shiboken.isValid(self):
            return
        self._reading.discard(key)
        if shown is None:
            self._want_download(key)
            return
        self._keep(key, shown)
        if self._tiles.is_stale(shown.fresh_until):
            self._want_download(key)

    def _failed_read(self, key: Key, exc: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        self._reading.discard(key)
        log.error("reading a zoom-%s map tile failed", key[0], exc_info=exc)  # never x/y: where I look is private

    # --- network ----------------------------------------------------------------------------------------

    def _want_download(self, key: Key) -> None:
        if not self._tiles.can_download:
            return
        until = self._failed.get(key)
        if until is not None:
            if self._clock() < until:
                return
            del self._failed[key]
        if key in self._queue:
            self._queue.move_to_end(key)
        else:
            self._queue[key] = None
            if len(self._queue) > MAX_QUEUED:
                self._queue.popitem(last=False)  # the oldest request: a tile the view has moved away from
        self._pump()

    def _pump(self) -> None:
        if not self._tiles.can_download or not self._queue or self._held:
            return
        now = self._clock()
        wait = max(self._paused_until, 0.0 if self._online else self._offline_until) - now
        if wait > 0:
            self._arm_retry(wait)
            return
        limit = self._max_in_flight if self._online else 1  # offline: one probe at a time
        while self._queue and len(self._in_flight) < limit:
            key, _ = self._queue.popitem(last=True)
            self._in_flight.add(key)
            self.downloads += 1
            run_in_background(
                partial(self._tiles.download, *key, decode_tile),
                partial(self._downloaded, key),
                partial(self._download_failed, key),
                pool=self._net_pool,
            )

    def _downloaded(self, key: Key, result: Downloaded[QImage]) -> None:
        if not Shiboken.isValid(self):
            return
        self._in_flight.discard(key)
        self._set_online(True)
        if result.tile is not None:
            self._keep(key, _Shown(result.tile, result.fresh_until))
        elif key in self._memory:  # 304: the tile shown is still right
            self._memory[key].fresh_until = result.fresh_until
        self._pump()

    def _download_failed(self, key: Key, exc: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        self._in_flight.discard(key)
        now = self._clock()
        if isinstance(exc, SourceError) and exc.kind in (FailureKind.OFFLINE, FailureKind.TIMEOUT):
            self._offline_until = now + self._offline_retry_s
            self._queue[key] = None  # still wanted: it is the next probe
            self._set_online(False, exc)
        elif isinstance(exc, SourceError) and exc.kind in (FailureKind.RATE_LIMITED, FailureKind.AUTH):
            pause = exc.retry_after if exc.retry_after is not None else RATE_LIMIT_FLOOR_S
            if self._paused_until <= now:
                log.warning("map tile server: %s; no tiles for %.0f s", exc, pause)
            self._paused_until = now + pause
            self._queue[key] = None
        elif isinstance(exc, SourceError):
            log.info("a zoom-%s map tile failed: %s", key[0], exc)
            self._failed[key] = now + FAILED_RETRY_S
        else:
            log.error("a zoom-%s map tile failed", key[0], exc_info=exc)
            self._failed[key] = now + FAILED_RETRY_S
        self._pump()

    def _set_online(self, online: bool, why: BaseException | None = None) -> None:
        if online == self._online:
            return
        self._online = online
        if online:
            log.info("map tiles: the tile server answers again")
        else:
            log.warning(
                "map tiles: offline (%s); showing cached tiles only, next try in %.0f s", why, self._offline_retry_s
            )
        self.online_changed.emit(online)

    def _arm_retry(self, seconds: float) -> None:
        if not self._retry_timer.isActive():
            self._retry_timer.start(max(1, int(seconds * 1000) + 1))

    def _retry(self) -> None:
        self._pump()
        self.retry_due.emit()

    # --- memory -----------------------------------------------------------------------------------------

    def _keep(self, key: Key, shown: _Shown) -> None:
        old = self._memory.pop(key, None)
        if old is not None:
            self._in_memory -= old.image.sizeInBytes()
        self._memory[key] = shown
        self._in_memory += shown.image.sizeInBytes()
        while self._in_memory > self._memory_bytes and len(self._memory) > 1:
            _key, dropped = self._memory.popitem(last=False)
            self._in_memory -= dropped.image.sizeInBytes()
        z, x, y = key
        self.tile_ready.emit(z, x, y)


def decode_tile(data: bytes) -> QImage:
    """The tile as an image ready to paint; BadData for data that is not an image or claims more than
    MAX_TILE_PX a side (checked from the header, before a single pixel is decoded)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid():
        raise BadData("the tile is not an image")
    if size.width() > MAX_TILE_PX or size.height() > MAX_TILE_PX:
        raise BadData(f"the tile claims {size.width()}x{size.height()} pixels: refused without decoding it")
    image = reader.read()
    if image.isNull():
        raise BadData(f"the tile does not decode ({reader.errorString()})")
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)  # the fastest format to paint
