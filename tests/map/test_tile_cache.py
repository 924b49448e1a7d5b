"""The disk tile cache: what the map shows offline, bounded in size, never holding an error page."""

from __future__ import annotations

import os
import threading

from helpers import read_only

from shelterapp.map.tile_cache import JPEG_MAGIC, PNG_MAGIC, TileCache, TileValidity


def png(size: int, fill: bytes = b"x") -> bytes:
    """Bytes that pass the magic check (the cache does not decode; the loader does)."""
    return PNG_MAGIC + fill * (size - len(PNG_MAGIC))


def test_hit_and_miss(tmp_path):
    cache = TileCache(tmp_path / "tiles", max_bytes=10_000)
    assert cache.get(12, 2395, 1381) is None
    assert cache.put(12, 2395, 1381, png(100))
    assert cache.get(12, 2395, 1381) == png(100)
    assert (tmp_path / "tiles/12/2395/1381.png").read_bytes() == png(100)  # the standard layout
    assert (12, 2395, 1381) in cache
    assert (12, 2395, 1382) not in cache


def test_least_recently_used_tiles_go_first_when_over_the_limit(tmp_path):
    cache = TileCache(tmp_path, max_bytes=1000)
    for y in range(3):
        cache.put(10, 1, y, png(300))  # 900 bytes: fits
    cache.get(10, 1, 0)  # looked at again: now the most recently used
    cache.put(10, 1, 3, png(300))  # 1,200 bytes: one tile must go
    assert cache.get(10, 1, 1) is None  # the oldest untouched tile
    assert all(cache.get(10, 1, y) is not None for y in (0, 2, 3))
    assert cache.total_bytes == 900
    assert not (tmp_path / "10/1/1.png").exists()


def test_replacing_a_tile_counts_its_size_once(tmp_path):
    cache = TileCache(tmp_path, max_bytes=1000)
    cache.put(5, 1, 1, png(300))
    cache.put(5, 1, 1, png(200))
    assert cache.total_bytes == 200
    assert len(cache) == 1


def test_error_pages_and_junk_are_refused(tmp_path):
    cache = TileCache(tmp_path, max_bytes=10_000)
    # A captive portal or a tile server's error answers HTML with status 200: it must never become a tile.
    assert not cache.put(1, 0, 0, b"<html><body>Access denied</body></html>")
    assert not cache.put(1, 0, 1, b"")
    assert cache.put(1, 0, 1, JPEG_MAGIC + b"jpeg tile")  # some tile servers send JPEG
    assert not cache.put(1, 1, 1, png(20_000))  # one tile larger than the whole cache
    assert len(cache) == 1
    assert cache.total_bytes == len(JPEG_MAGIC) + 9


def test_discard_removes_a_corrupt_tile(tmp_path):
    cache = TileCache(tmp_path, max_bytes=10_000)
    cache.put(3, 4, 2, png(50))
    cache.discard(3, 4, 2)
    assert cache.get(3, 4, 2) is None
    assert cache.total_bytes == 0
    assert not (tmp_path / "3/4/2.png").exists()
    cache.discard(3, 4, 2)  # twice is harmless


def test_reopening_keeps_tiles_sizes_and_use_order(tmp_path):
    cache = TileCache(tmp_path, max_bytes=1000)
    for y in range(3):
        cache.put(8, 2, y, png(300))
        os.utime(tmp_path / f"8/2/{y}.png", (1_000_000 + y, 1_000_000 + y))  # distinct ages on any filesystem
    os.utime(tmp_path / "8/2/0.png", (2_000_000, 2_000_000))  # as a read would touch it
    (tmp_path / "8/2/.1.png.tmp").write_bytes(b"half-written")  # a crash mid-write is not a tile
    (tmp_path / "notes.txt").write_text("not a tile")

    reopened = TileCache(tmp_path, max_bytes=1000)
    assert len(reopened) == 3
    assert reopened.total_bytes == 900
    reopened.put(8, 2, 3, png(300))
    assert reopened.get(8, 2, 1) is None  # the oldest by mtime went, not the one read last
    assert reopened.get(8, 2, 0) is not None


def test_reopening_with_a_smaller_limit_evicts_at_once(tmp_path):
    cache = TileCache(tmp_path, max_bytes=10_000)
    for y in range(5):
        cache.put(8, 2, y, png(300))
    assert TileCache(tmp_path, max_bytes=700).total_bytes == 600


def test_a_tile_deleted_behind_its_back_is_a_miss(tmp_path):
    cache = TileCache(tmp_path, max_bytes=10_000)
    cache.put(8, 2, 1, png(300))
    (tmp_path / "8/2/1.png").unlink()
    assert cache.get(8, 2, 1) is None
    assert cache.total_bytes == 0


def test_puts_from_many_threads_keep_the_total_right(tmp_path):
    cache = TileCache(tmp_path, max_bytes=20_000)

    def writer(x: int) -> None:
        for y in range(25):
            cache.put(9, x, y, png(100 + x))

    threads = [threading.Thread(target=writer, args=(x,)) for x in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    on_disk = sum(p.stat().st_size for p in tmp_path.rglob("*.png"))
    assert cache.total_bytes == on_disk <= 20_000


def test_a_jpeg_tile_is_stored_as_jpg_and_both_kinds_are_found_again(tmp_path):
    cache = TileCache(tmp_path, max_bytes=10_000)
    cache.put(6, 1, 1, JPEG_MAGIC + b"jpeg tile")
    cache.put(6, 1, 2, png(100))
    assert (tmp_path / "6/1/1.jpg").exists() and not (tmp_path / "6/1/1.png").exists()
    reopened = TileCache(tmp_path, max_bytes=10_000)
    assert reopened.get(6, 1, 1) == JPEG_MAGIC + b"jpeg tile" and reopened.get(6, 1, 2) == png(100)


def test_a_tile_that_changes_kind_leaves_one_file(tmp_path):
    cache = TileCache(tmp_path, max_bytes=10_000)
    cache.put(6, 1, 1, png(300))
    cache.put(6, 1, 1, JPEG_MAGIC + b"now jpeg")
    assert not (tmp_path / "6/1/1.png").exists()
    assert cache.total_bytes == len(JPEG_MAGIC) + 8 and len(cache) == 1


def test_both_kinds_left_by_a_crash_keep_the_newer(tmp_path):
    (tmp_path / "6/1").mkdir(parents=True)
    (tmp_path / "6/1/1.png").write_bytes(png(100))
    (tmp_path / "6/1/1.jpg").write_bytes(JPEG_MAGIC + b"newer")
    os.utime(tmp_path / "6/1/1.png", (1_000_000, 1_000_000))
    cache = TileCache(tmp_path, max_bytes=10_000)
    assert cache.get(6, 1, 1) == JPEG_MAGIC + b"newer"
    assert cache.total_bytes == len(JPEG_MAGIC) + 5 and not (tmp_path / "6/1/1.png").exists()


def test_validity_survives_a_restart_and_goes_with_its_tile(tmp_path):
    cache = TileCache(tmp_path, max_bytes=1000)
    cache.put(7, 1, 1, png(300), TileValidity(1_800_000_000.0, '"etag"', "Tue, 01 Sep 2026 10:00:00 GMT"))
    cache.put(7, 1, 2, png(300))  # no word from the server
    reopened = TileCache(tmp_path, max_bytes=1000)
    assert reopened.validity(7, 1, 1) == TileValidity(1_800_000_000.0, '"etag"', "Tue, 01 Sep 2026 10:00:00 GMT")
    assert reopened.validity(7, 1, 2) is None
    reopened.revalidated(7, 1, 1, TileValidity(1_900_000_000.0, '"etag"'))
    assert reopened.validity(7, 1, 1).fresh_until == 1_900_000_000.0
    reopened.discard(7, 1, 1)
    reopened.put(7, 1, 1, png(300))  # the same tile again, from elsewhere: the old validators do not apply
    assert reopened.validity(7, 1, 1) is None
    for y in range(3, 6):  # evicts the tiles, and their validity with them
        reopened.put(7, 1, y, png(300), TileValidity(1.0))
    assert reopened.validity(7, 1, 2) is None and reopened.get(7, 1, 2) is None


def test_a_damaged_validity_index_is_set_aside_and_the_tiles_stay(tmp_path):
    cache = TileCache(tmp_path, max_bytes=10_000)
    cache.put(7, 1, 1, png(300), TileValidity(5.0))
    cache.close()
    (tmp_path / "validity.sqlite").write_bytes(b"garbage" * 1000)
    for sidecar in ("validity.sqlite-wal", "validity.sqlite-shm"):
        (tmp_path / sidecar).unlink(missing_ok=True)
    reopened = TileCache(tmp_path, max_bytes=10_000)
    assert reopened.get(7, 1, 1) == png(300)
    assert reopened.validity(7, 1, 1) is None  # unknown: due a check with the server, nothing worse
    assert list(tmp_path.glob("validity.sqlite.corrupt-*"))


def test_a_read_only_pack_serves_its_tiles_without_an_index(tmp_path):
    pack = tmp_path / "pack"
    TileCache(pack, max_bytes=10_000).put(7, 1, 1, png(300))
    for name in ("validity.sqlite", "validity.sqlite-wal", "validity.sqlite-shm"):
        (pack / name).unlink(missing_ok=True)
    with read_only(pack):
        cache = TileCache(pack, max_bytes=10_000)
        assert cache.get(7, 1, 1) == png(300) and cache.validity(7, 1, 1) is None
