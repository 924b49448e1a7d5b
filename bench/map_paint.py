"""Map repaint time with 500 / 5,000 / 50,000 shelters, against a naive painter that draws every marker.

Run: .venv/bin/python bench/map_paint.py [--quick] [--no-tiles] [--json PATH]. Offscreen (QT_QPA_PLATFORM=offscreen), a
1024x768 MapView over Kyiv; markers are seeded random points in lat 50.21-50.59, lon 30.24-30.83 (the
real data's extent), all five kinds. Tiles come from a pre-filled disk cache (plain generated PNGs, read
into memory before timing) unless --no-tiles. Each row pans 20 px per paint and reports paintEvent's own
time (median and p95), the first paint at that zoom (which builds its clusters) and, for the baseline,
the same view drawing every marker with QPainter.drawEllipse (no clustering, no sprites). Target: p95
under 16 ms (one frame at 60 Hz) with 5,000 markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import write_json
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from shelterapp.map.tile_cache import TileCache
from shelterapp.map.tiles import TILE_SIZE, project, tile_of
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.sources.tiles import TileService
from shelterapp.ui.map.map_view import MapView
from shelterapp.ui.map.painting import PaintStats
from shelterapp.ui.map.tile_loader import TileLoader

CENTRE = (50.4501, 30.5234)
SIZE = (1024, 768)
STEP_PX = 20
TARGET_MS = 16.0


class NaiveView(MapView):
    """The baseline: every marker an antialiased drawEllipse each paint, no clustering, no sprites."""

    def set_shelters(self, shelters: Sequence[Shelter]) -> None:
        super().set_shelters(shelters)
        self._all = [project(s.lat, s.lon) for s in shelters if s.lat is not None and s.lon is not None]

    def _paint_markers(self, painter: QPainter, stats: PaintStats) -> None:
        world = self.viewport.world()
        ox, oy = self.viewport.origin()
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(QColor("#5f3dc4"))
        for x, y in self._all:
            painter.drawEllipse(QPointF(x * world - ox, y * world - oy), 7, 7)
        stats.markers = len(self._all)


@dataclass
class Row:
    markers: int
    zoom: int
    first_ms: float
    p50_ms: float
    p95_ms: float
    drawn: int
    naive_p50_ms: float
    naive_p95_ms: float


def shelters(count: int, seed: int) -> list[Shelter]:
    rnd = random.Random(seed)
    kinds = list(Kind)
    return [
        Shelter(f"b{i}", "", "", kinds[i % 5], lat=rnd.uniform(50.21, 50.59), lon=rnd.uniform(30.24, 30.83))
        for i in range(count)
    ]


def fill_cache(root: Path, zooms: Sequence[int], paints: int) -> TileCache:
    """Plain tiles for every tile the pan passes over (a few columns east of the centre)."""
    cache = TileCache(root)
    image = QImage(TILE_SIZE, TILE_SIZE, QImage.Format.Format_RGB32)
    image.fill(QColor(226, 232, 218))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    png = bytes(data.data())
    for zoom in zooms:
        cx, cy = tile_of(*CENTRE, zoom)
        across = SIZE[0] // TILE_SIZE // 2 + 2 + paints * STEP_PX // TILE_SIZE
        down = SIZE[1] // TILE_SIZE // 2 + 2
        for x in range(cx - across, cx + across + 1):
            for y in range(cy - down, cy + down + 1):
                cache.put(zoom, x, y, png)
    return cache


def time_paints(view: MapView, zoom: int, paints: int) -> tuple[float, list[float], int]:
    app = QApplication.instance()
    view.center_on(*CENTRE, zoom)
    started = time.perf_counter()
    view.grab()  # first paint at this zoom: builds its clusters
    first_ms = (time.perf_counter() - started) * 1000
    loader = view._loader
    while loader is not None and loader.pending():  # tiles from disk into memory before timing
        app.processEvents()
    times = []
    world = float(TILE_SIZE << zoom)
    x0, y0 = project(*CENTRE)
    for step in range(paints):
        view._set_view(x0 + step * STEP_PX / world, y0, zoom)
        view.grab()
        while loader is not None and loader.pending():
            app.processEvents()
            view.grab()
        times.append(view.last_paint_stats.ms)
    return first_ms, sorted(times), view.last_paint_stats.markers


def p95(values: list[float]) -> float:
    return values[min(len(values) - 1, int(0.95 * len(values)))]


def measure(count: int, zoom: int, paints: int, loader_for: object) -> Row:
    print(f"  {count:,} markers at z{zoom}...", file=sys.stderr, flush=True)
    data = shelters(count, seed=count)
    view = MapView(loader_for())  # type: ignore[operator]
    view.resize(*SIZE)
    view.set_shelters(data)
    first_ms, times, drawn = time_paints(view, zoom, paints)
    naive = NaiveView(loader_for())  # type: ignore[operator]
    naive.resize(*SIZE)
    naive.set_shelters(data)
    _, naive_times, _ = time_paints(naive, zoom, max(5, paints // 5) if count >= 50_000 else paints)
    return Row(
        count,
        zoom,
        first_ms,
        statistics.median(times),
        p95(times),
        drawn,
        statistics.median(naive_times),
        p95(naive_times),
    )


def print_table(rows: list[Row], paints: int, tiles: bool) -> None:
    print(
        f"\nrepaint while panning {STEP_PX} px a paint, {paints} paints per row, {SIZE[0]}x{SIZE[1]} offscreen, "
        f"tiles: {'from a pre-filled cache' if tiles else 'none (offline, plain background)'}\n"
    )
    head = (
        f"{'markers':>8}{'zoom':>6}{'first ms':>10}{'p50 ms':>9}{'p95 ms':>9}{'drawn':>8}"
        f"{'naive p50':>11}{'naive p95':>11}{'speedup':>9}  target"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        verdict = f"p95 < {TARGET_MS:g} ms: {'PASS' if r.p95_ms < TARGET_MS else 'MISS'}"
        print(
            f"{r.markers:>8,}{r.zoom:>6}{r.first_ms:>10.1f}{r.p50_ms:>9.2f}{r.p95_ms:>9.2f}{r.drawn:>8,}"
            f"{r.naive_p50_ms:>11.2f}{r.naive_p95_ms:>11.2f}{r.naive_p50_ms / r.p50_ms:>8.1f}x  {verdict}"
        )
    print("\ndrawn: markers painted in the last frame (clusters count once); first: the grab() of a new zoom")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 paints per row instead of 50")
    parser.add_argument("--no-tiles", action="store_true", help="no tile loader: the offline plain background")
    parser.add_argument("--json", metavar="PATH", help="write the key figures to PATH (for bench/run_all.py)")
    args = parser.parse_args(argv)
    paints = 10 if args.quick else 50
    app = QApplication.instance() or QApplication([])
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs ({platform.processor() or platform.machine()})")
    print(f"python:  {platform.python_implementation()} {platform.python_version()}")
    zooms = (12, 16)
    with tempfile.TemporaryDirectory() as tmp:
        cache = None if args.no_tiles else fill_cache(Path(tmp), zooms, paints)

        def loader_for() -> TileLoader | None:
            return None if cache is None else TileLoader(TileService(None, cache, ""))

        rows = [measure(count, zoom, paints, loader_for) for count in (500, 5_000, 50_000) for zoom in zooms]
    del app
    print_table(rows, paints, not args.no_tiles)
    write_json(args.json, {"paints": paints, "target_ms": TARGET_MS, "rows": [vars(r) for r in rows]})
    return 0 if all(r.p95_ms < TARGET_MS for r in rows if r.markers <= 5_000) else 1


if __name__ == "__main__":
    raise SystemExit(main())
