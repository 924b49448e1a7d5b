"""The map's tile loader with its tile service: tiles past their freshness are shown and checked again, a
decompression bomb is refused from its header (never decoded, never stored), memory stays bounded."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import image_bomb
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from werkzeug import Request, Response

from shelterapp.map.tile_cache import TileCache, TileValidity
from shelterapp.sources.errors import BadData
from shelterapp.sources.tiles import MIN_FRESH_S
from shelterapp.ui.map.tile_loader import MAX_TILE_PX, TileLoader, decode_tile


def png(colour: str, side: int = 256, fmt: str = "PNG") -> bytes:
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt)
    buffer.close()
    return bytes(data.data())


class WallClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def wait_for_tile(qtbot, loader: TileLoader, key: tuple[int, int, int]) -> QImage:
    qtbot.waitUntil(lambda: loader.image(*key) is not None, timeout=5000)
    image = loader.image(*key)
    assert image is not None
    return image


def test_a_decompression_bomb_is_refused_from_its_header():
    bomb = image_bomb()
    assert len(bomb) < 16_000  # a few KB on the wire...
    with pytest.raises(BadData, match="8000x8000"):
        decode_tile(bomb)  # ...that would decode to 256 MB
    assert decode_tile(png("#336699", MAX_TILE_PX)).width() == MAX_TILE_PX  # the largest tile we accept
    assert decode_tile(png("#336699", 256, "JPEG")).width() == 256


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak memory from /proc")
def test_refusing_a_bomb_costs_no_memory():
    # What a person would notice: before the check, a 62 KB tile took the app to 2.4 GB. The peak memory of a
    # fresh process (VmHWM: ru_maxrss would carry the parent's peak across fork), which load cannot change.
    script = textwrap.dedent(
        """
        import re, sys
        from shelterapp.sources.errors import BadData
        from shelterapp.ui.map.tile_loader import decode_tile

        def peak_kb():
            with open("/proc/self/status") as status:
                return int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))

        bomb = sys.stdin.buffer.read()
        before = peak_kb()
        try:
            decode_tile(bomb)
        except BadData:
            pass
        print(peak_kb() - before)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], input=image_bomb(), capture_output=True, timeout=120, check=True
    )
    grown_kb = int(result.stdout.split()[-1])
    assert grown_kb < 20 * 1024, f"refusing the bomb grew the process by {grown_kb / 1024:.0f} MB"


def test_a_bomb_found_on_disk_is_discarded_and_fetched_again(qtbot, httpserver, make_loader, tmp_path):
    # A tile stored by an older version (or a seeded pack) that claims 8000x8000 pixels.
    TileCache(tmp_path / "tiles").put(14, 9000, 5000, image_bomb())
    good = png("#2b8a3e")
    httpserver.expect_request("/14/9000/5000.png").respond_with_data(good, content_type="image/png")
    loader = make_loader(httpserver.url_for("/") + "{z}/{x}/{y}.png")
    assert loader.image(14, 9000, 5000) is None
    image = wait_for_tile(qtbot, loader, (14, 9000, 5000))
    assert image.width() == 256 and image.pixelColor(5, 5) == QColor("#2b8a3e")
    assert loader.cache.get(14, 9000, 5000) == good


def test_a_bomb_from_the_server_is_never_stored_nor_asked_again_at_once(qtbot, httpserver, make_loader):
    httpserver.expect_request("/14/1/1.png").respond_with_data(image_bomb(), content_type="image/png")
    loader = make_loader(httpserver.url_for("/") + "{z}/{x}/{y}.png")
    loader.image(14, 1, 1)
    qtbot.waitUntil(lambda: loader.pending() == 0 and loader.downloads == 1, timeout=5000)
    for _ in range(5):
        assert loader.image(14, 1, 1) is None
    assert loader.downloads == 1 and len(httpserver.log) == 1
    assert (14, 1, 1) not in loader.cache


def test_a_stale_tile_shows_at_once_and_a_304_keeps_it(qtbot, httpserver, make_loader, tmp_path):
    clock = WallClock()
    old = png("#5f3dc4")
    TileCache(tmp_path / "tiles").put(14, 7, 7, old, TileValidity(clock.now - 1, etag='"a"'))
    answers: list[str] = []

    def answer(request: Request) -> Response:
        answers.append(request.headers.get("If-None-Match", ""))
        return Response(status=304)

    httpserver.expect_request("/14/7/7.png").respond_with_handler(answer)
    loader = make_loader(httpserver.url_for("/") + "{z}/{x}/{y}.png", clock=clock)
    image = wait_for_tile(qtbot, loader, (14, 7, 7))
    assert image.pixelColor(5, 5) == QColor("#5f3dc4")  # from disk, before any answer
    qtbot.waitUntil(lambda: answers == ['"a"'] and loader.pending() == 0, timeout=5000)
    assert loader.image(14, 7, 7).pixelColor(5, 5) == QColor("#5f3dc4")
    assert loader.cache.validity(14, 7, 7).fresh_until == clock.now + MIN_FRESH_S  # its age started again
    for _ in range(5):  # fresh again: repaints ask nothing
        loader.image(14, 7, 7)
    assert len(answers) == 1


def test_a_tile_that_goes_stale_while_shown_is_replaced_when_the_server_has_a_new_one(qtbot, httpserver, make_loader):
    clock = WallClock()
    served = {"colour": "#5f3dc4"}
    httpserver.expect_request("/14/7/7.png").respond_with_handler(
        lambda _request: Response(png(served["colour"]), content_type="image/png")
    )
    loader = make_loader(httpserver.url_for("/") + "{z}/{x}/{y}.png", clock=clock)
    loader.image(14, 7, 7)
    assert wait_for_tile(qtbot, loader, (14, 7, 7)).pixelColor(5, 5) == QColor("#5f3dc4")
    served["colour"] = "#2b8a3e"  # the map changed on the server
    clock.now += MIN_FRESH_S - 1
    loader.image(14, 7, 7)
    assert loader.downloads == 1  # within the week: not asked
    clock.now += 2
    with qtbot.waitSignal(loader.tile_ready, timeout=5000):
        assert loader.image(14, 7, 7).pixelColor(5, 5) == QColor("#5f3dc4")  # shown while asked
    assert loader.image(14, 7, 7).pixelColor(5, 5) == QColor("#2b8a3e")
    assert loader.downloads == 2


def test_memory_is_bounded_in_bytes_whatever_the_tile_size(qtbot, make_loader, tmp_path):
    cache = TileCache(tmp_path / "tiles")
    big = png("#336699", 512)  # a high-density tile: 1 MB decoded
    for y in range(6):
        cache.put(14, 1, y, big)
    loader = make_loader(None, memory_bytes=4 * 512 * 512 * 4)
    for y in range(6):
        wait_for_tile(qtbot, loader, (14, 1, y))
    kept = [y for y in range(6) if loader.image(14, 1, y) is not None]  # an evicted one: None at once
    assert kept == [2, 3, 4, 5]  # the four most recent fit; the oldest went (and are read from disk again)


def test_held_downloads_wait_for_the_first_frame_and_tiles_on_disk_do_not(qtbot, httpserver, make_loader, tmp_path):
    # The app's first frame must not wait for the network stack, which the first download imports.
    TileCache(tmp_path / "tiles").put(14, 2, 2, png("#2b8a3e"), TileValidity(time.time() + 86400))  # fresh
    httpserver.expect_request("/14/3/3.png").respond_with_data(png("#5f3dc4"), content_type="image/png")
    loader = make_loader(httpserver.url_for("/") + "{z}/{x}/{y}.png", downloads_held=True)
    assert loader.image(14, 3, 3) is None
    assert wait_for_tile(qtbot, loader, (14, 2, 2)).pixelColor(5, 5) == QColor("#2b8a3e")  # the disk: at once
    assert loader.downloads == 0 and len(httpserver.log) == 0
    loader.release_downloads()  # the first frame is up
    assert wait_for_tile(qtbot, loader, (14, 3, 3)).pixelColor(5, 5) == QColor("#5f3dc4")
    assert loader.downloads == 1
