"""Map tiles on disk, so a street once seen is still there offline; bounded in size, oldest use evicted first.

Layout `<root>/<z>/<x>/<y>.png` (or `.jpg` for a JPEG tile: stored by what it is, whatever the URL said),
the one every tile tool writes, so a pre-seeded pack can simply be copied in. The folder is scanned once at
open; after that the running total and the use order live in memory and only reads, writes and evictions
touch the disk. A read touches the file's mtime, so the use order survives a restart.

How long each tile may be shown before the server is asked again, and the ETag / Last-Modified to ask with,
live in one small SQLite index beside the tiles (`validity.sqlite`), not in a file per tile: a tile without
a row (copied in, or from an older version) is simply due for a check. Worker threads put tiles while the
GUI thread asks what is on disk: one lock guards all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from shelterapp.storage.atomic import write_atomic
from shelterapp.storage.dbfile import Migration, open_database

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 300 * 1024 * 1024  # about Kyiv at z10-z15 (qt-tech.md §6), a few weeks of browsing
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
SUFFIXES = (".png", ".jpg")
INDEX_NAME = "validity.sqlite"

Key = tuple[int, int, int]


def is_tile_image(data: bytes) -> bool:
    """True for PNG or JPEG by their magic bytes: what tile servers send; an HTML error page is not."""
    return data.startswith(PNG_MAGIC) or data.startswith(JPEG_MAGIC)


def _suffix_of(data: bytes) -> str:
    return ".png" if data.startswith(PNG_MAGIC) else ".jpg"


@dataclass(frozen=True)
class TileValidity:
    """Until when a stored tile is fresh (wall-clock seconds since the epoch), and its validators for asking
    the server afterwards whether it changed."""

    fresh_until: float
    etag: str | None = None
    last_modified: str | None = None


def _migrate_1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE validity (
            z INTEGER NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL, fresh_until REAL NOT NULL,
            etag TEXT, last_modified TEXT, PRIMARY KEY (z, x, y)) WITHOUT ROWID"""
    )


MIGRATIONS: list[Migration] = [_migrate_1]


class TileCache:
    """Tiles by (z, x, y) under one folder, at most `max_bytes` in total (least recently used go first)."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._tiles: OrderedDict[Key, tuple[int, str]] = OrderedDict()  # size, suffix; least recently used first
        self._total = 0
        self._index = self._open_index()
        self._scan()

    def _path(self, key: Key, suffix: str) -> Path:
        z, x, y = key
        return self.root / str(z) / str(x) / f"{y}{suffix}"

    def _open_index(self) -> sqlite3.Connection | None:
        """The validity index; None where it cannot be written (a read-only pack): every tile is then due."""
        try:
            db, set_aside = open_database(self.root / INDEX_NAME, MIGRATIONS)
        except (sqlite3.Error, OSError) as exc:
            log.warning(
                "tile cache: no validity index in %s (%s); tiles will be checked with the server", self.root, exc
            )
            return None
        if set_aside is not None:
            log.warning("tile cache: a damaged validity index was set aside as %s", set_aside)
        return db

    def _scan(self) -> None:
        found: dict[Key, tuple[float, int, str]] = {}
        if self.root.is_dir():
            for path in self.root.glob("*/*/*"):
                key = _key_of(path)
                if key is None:
                    continue
                try:
                    stat = path.stat()
                except OSError as exc:
                    log.warning("tile cache: cannot stat a zoom-%s tile: %s", key[0], exc.strerror)  # x/y: private
                    continue
                other = found.get(key)
                if other is not None:  # .png and .jpg of one tile (a crash between a write and a removal)
                    older = path if stat.st_mtime < other[0] else self._path(key, other[2])
                    with contextlib.suppress(OSError):
                        older.unlink()
                    if older == path:
                        continue
                found[key] = (stat.st_mtime, stat.st_size, path.suffix)
        with self._lock:
            for key, (_mtime, size, suffix) in sorted(found.items(), key=lambda item: item[1][0]):
                self._tiles[key] = (size, suffix)
                self._total += size
            self._evict()

    @property
    def total_bytes(self) -> int:
        with self._lock:
            return self._total

    def __len__(self) -> int:
        with self._lock:
            return len(self._tiles)

    def __contains__(self, key: object) -> bool:
        """Whether the tile is on disk, from memory (no disk access): cheap enough to ask on every paint."""
        with self._lock:
            return key in self._tiles

    def get(self, z: int, x: int, y: int) -> bytes | None:
        key = (z, x, y)
        with self._lock:
            entry = self._tiles.get(key)
            if entry is None:
                return None
            path = self._path(key, entry[1])
            try:
                data = path.read_bytes()
            except OSError as exc:  # removed behind our back, or unreadable: forget it
                log.warning("tile cache: cannot read a zoom-%s tile: %s", key[0], exc.strerror)
                self._forget(key)
                return None
            self._tiles.move_to_end(key)
            with contextlib.suppress(OSError):  # a read-only pack still serves its tiles
                os.utime(path)
            return data

    def validity(self, z: int, x: int, y: int) -> TileValidity | None:
        """How long the stored tile is fresh and its validators; None when unknown (then it is due a check)."""
        with self._lock:
            if (z, x, y) not in self._tiles or self._index is None:
                return None
            try:
                row = self._index.execute(
                    "SELECT fresh_until, etag, last_modified FROM validity WHERE z = ? AND x = ? AND y = ?", (z, x, y)
                ).fetchone()
            except sqlite3.Error as exc:
                log.warning("tile cache: cannot read the validity of a zoom-%s tile: %s", z, exc)
                return None
        return None if row is None else TileValidity(float(row[0]), row[1], row[2])

    def put(self, z: int, x: int, y: int, data: bytes, validity: TileValidity | None = None) -> bool:
        """Store a tile atomically, under the suffix of what it is; False (and nothing stored) for data that is
        not a PNG or JPEG image or a single tile larger than the whole cache."""
        if not is_tile_image(data) or len(data) > self.max_bytes:
            return False
        key = (z, x, y)
        suffix = _suffix_of(data)
        with self._lock:
            try:
                write_atomic(self._path(key, suffix), data)
            except OSError as exc:  # a full disk must not take the map down: the tile stays in memory
                log.warning("tile cache: cannot write a zoom-%s tile: %s", z, exc.strerror)
                return False
            old = self._tiles.pop(key, None)
            if old is not None and old[1] != suffix:  # a PNG tile the server now sends as JPEG, or back
                with contextlib.suppress(OSError):
                    self._path(key, old[1]).unlink()
            self._total += len(data) - (old[0] if old is not None else 0)
            self._tiles[key] = (len(data), suffix)
            self._record(key, validity)
            self._evict()
        return True

    def revalidated(self, z: int, x: int, y: int, validity: TileValidity) -> None:
        """The server said the stored tile is still right (304): its age starts again."""
        with self._lock:
            if (z, x, y) in self._tiles:
                self._record((z, x, y), validity)

    def discard(self, z: int, x: int, y: int) -> None:
        """Remove a tile found corrupt (it will be fetched again)."""
        key = (z, x, y)
        with self._lock:
            entry = self._tiles.get(key)
            if entry is not None:
                with contextlib.suppress(FileNotFoundError):
                    self._path(key, entry[1]).unlink()
                self._forget(key)

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None

    def _record(self, key: Key, validity: TileValidity | None) -> None:
        """Under the lock: the tile's validity row written, or removed when unknown."""
        if self._index is None:
            return
        try:
            if validity is None:
                self._index.execute("DELETE FROM validity WHERE z = ? AND x = ? AND y = ?", key)
            else:
                self._index.execute(
                    "INSERT OR REPLACE INTO validity VALUES (?, ?, ?, ?, ?, ?)",
                    (*key, validity.fresh_until, validity.etag, validity.last_modified),
                )
        except sqlite3.Error as exc:  # the tile itself is stored: at worst it is checked with the server early
            log.warning("tile cache: cannot record the validity of a zoom-%s tile: %s", key[0], exc)

    def _forget(self, key: Key) -> None:
        entry = self._tiles.pop(key, None)
        if entry is not None:
            self._total -= entry[0]
            self._record(key, None)

    def _evict(self) -> None:
        while self._total > self.max_bytes and self._tiles:
            key, (_size, suffix) = next(iter(self._tiles.items()))
            path = self._path(key, suffix)
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("tile cache: cannot evict a zoom-%s tile: %s", key[0], exc.strerror)
            self._forget(key)


def _key_of(path: Path) -> Key | None:
    """(z, x, y) from `<root>/<z>/<x>/<y>.png` (or `.jpg`); None for files that are not ours (temp files, notes)."""
    z, x, y = path.parent.parent.name, path.parent.name, path.stem
    if path.suffix not in SUFFIXES or not (z.isdigit() and x.isdigit() and y.isdigit()):
        return None
    return int(z), int(x), int(y)
