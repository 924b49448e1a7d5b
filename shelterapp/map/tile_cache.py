"""Map tiles on disk, so a street once seen is still there offline; bounded in size, oldest use evicted first.

Layout `<root>/<z>/<x>/<y>.png`, the one every tile tool writes, so a pre-seeded pack can simply be
copied in. The folder is scanned once at open; after that the running total and the use order live in
memory and only reads, writes and evictions touch the disk. A read touches the file's mtime, so the use
order survives a restart. Worker threads put tiles while the GUI thread reads them: one lock guards all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path

from shelterapp.storage.atomic import write_atomic

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 300 * 1024 * 1024  # about Kyiv at z10-z15 (qt-tech.md §6), a few weeks of browsing
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"

Key = tuple[int, int, int]


def is_tile_image(data: bytes) -> bool:
    """True for PNG or JPEG by their magic bytes: what tile servers send; an HTML error page is not."""
    return data.startswith(PNG_MAGIC) or data.startswith(JPEG_MAGIC)


class TileCache:
    """Tiles by (z, x, y) under one folder, at most `max_bytes` in total (least recently used go first)."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._sizes: OrderedDict[Key, int] = OrderedDict()  # least recently used first
        self._total = 0
        self._scan()

    def _path(self, key: Key) -> Path:
        z, x, y = key
        return self.root / str(z) / str(x) / f"{y}.png"

    def _scan(self) -> None:
        found: list[tuple[float, Key, int]] = []
        if self.root.is_dir():
            for path in self.root.glob("*/*/*.png"):
                key = _key_of(path)
                if key is None:
                    continue
                try:
                    stat = path.stat()
                except OSError as exc:
                    log.warning("tile cache: cannot stat a zoom-%s tile: %s", key[0], exc.strerror)  # x/y: private
                    continue
                found.append((stat.st_mtime, key, stat.st_size))
        found.sort()
        with self._lock:
            for _mtime, key, size in found:
                self._sizes[key] = size
                self._total += size
            self._evict()

    @property
    def total_bytes(self) -> int:
        with self._lock:
            return self._total

    def __len__(self) -> int:
        with self._lock:
            return len(self._sizes)

    def __contains__(self, key: object) -> bool:
        """Whether the tile is on disk, from memory (no disk access): cheap enough to ask on every paint."""
        with self._lock:
            return key in self._sizes

    def get(self, z: int, x: int, y: int) -> bytes | None:
        key = (z, x, y)
        with self._lock:
            if key not in self._sizes:
                return None
            path = self._path(key)
            try:
                data = path.read_bytes()
            except OSError as exc:  # removed behind our back, or unreadable: forget it
                log.warning("tile cache: cannot read a zoom-%s tile: %s", key[0], exc.strerror)
                self._forget(key)
                return None
            self._sizes.move_to_end(key)
            with contextlib.suppress(OSError):  # a read-only pack still serves its tiles
                os.utime(path)
            return data

    def put(self, z: int, x: int, y: int, data: bytes) -> bool:
        """Store a tile atomically; False (and nothing stored) for data that is not a PNG or JPEG image
        or a single tile larger than the whole cache."""
        if not is_tile_image(data) or len(data) > self.max_bytes:
            return False
        key = (z, x, y)
        with self._lock:
            try:
                write_atomic(self._path(key), data)
            except OSError as exc:  # a full disk must not take the map down: the tile stays in memory
                log.warning("tile cache: cannot write a zoom-%s tile: %s", z, exc.strerror)
                return False
            self._total += len(data) - self._sizes.pop(key, 0)
            self._sizes[key] = len(data)
            self._evict()
        return True

    def discard(self, z: int, x: int, y: int) -> None:
        """Remove a tile found corrupt (it will be fetched again)."""
        key = (z, x, y)
        with self._lock:
            if key in self._sizes:
                with contextlib.suppress(FileNotFoundError):
                    self._path(key).unlink()
                self._forget(key)

    def _forget(self, key: Key) -> None:
        self._total -= self._sizes.pop(key, 0)

    def _evict(self) -> None:
        while self._total > self.max_bytes and self._sizes:
            key, _size = next(iter(self._sizes.items()))
            try:
                self._path(key).unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("tile cache: cannot evict a zoom-%s tile: %s", key[0], exc.strerror)
            self._forget(key)


def _key_of(path: Path) -> Key | None:
    """(z, x, y) from `<root>/<z>/<x>/<y>.png`; None for files that are not ours (temp files, notes)."""
    z, x, y = path.parent.parent.name, path.parent.name, path.stem
    if not (z.isdigit() and x.isdigit() and y.isdigit()):
        return None
    return int(z), int(x), int(y)
