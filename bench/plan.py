"""How long the printed shelter plan takes to draw, cold and warm, and how big its PDF is, against QPdfWriter's
own floor measured in the same run.

    python bench/plan.py [--cold 9] [--warm 40] [--json PATH]

Cold: each figure is the first page drawn in a fresh process (QGuiApplication on the offscreen platform already
made, the catalog open), spawned --cold times for each mode, modes interleaved so that load hits them alike:
  plan      our plan (10 metro stations near Maidan, Ukrainian, no map tiles)
  text      baseline: an A4 QPdfWriter page with one line of Ukrainian text (pays the font database, as we do)
  empty     baseline: an A4 QPdfWriter page with nothing drawn
Warm: the same three drawn --warm times in one process after a first, unmeasured one. Every figure is wall time
of the drawing and, beside it, its CPU time (process_time): on a busy machine the CPU figure is the steadier one.
Whole command: `shelterapp-cli plan` from spawn to exit, against `shelterapp-cli nearest --json` (same catalog,
no Qt). PDF size: the plan without tiles, and with a full set of saved tiles (tools/tile_server.py's drawn test
tiles, PNG), which become one embedded image.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]

from _common import machine_line, pct, write_home, write_json  # noqa: E402

MAIDAN = (50.4501, 30.5234)
MODES = ("plan", "text", "empty")


def child(mode: str, runs: int, tiles_dir: str) -> None:
    """Runs inside a fresh process: prints one JSON line with the wall and CPU ms of each drawing."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
    from PySide6.QtGui import QFont, QGuiApplication, QPainter, QPdfWriter

    from shelterapp.map.tile_cache import TileCache
    from shelterapp.paths import default_paths
    from shelterapp.plan.content import gather_plan
    from shelterapp.plan.pdf import PDF_RESOLUTION, a4_layout, plan_pdf
    from shelterapp.plan.texts import PlanTexts
    from shelterapp.shelters.catalog import Catalog

    _app = QGuiApplication(["bench", "-platform", "offscreen"])
    catalog = Catalog.open(default_paths().database)
    cache = TileCache(Path(tiles_dir)) if tiles_dir else None

    def draw() -> int:
        if mode == "plan":
            data = gather_plan(catalog, *MAIDAN, "Дім", "uk")
            texts = PlanTexts("uk")
            document, _stats = plan_pdf(
                data, texts, cache.get if cache else None, cache.__contains__ if cache else None
            )
            return len(document)
        content = QByteArray()
        buffer = QBuffer(content)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(a4_layout())
        painter = QPainter(writer)
        if mode == "text":
            font = QFont("DejaVu Sans")
            font.setPointSizeF(12)
            painter.setFont(font)
            painter.drawText(QPointF(100, 100), "Найближчі укриття")
        painter.end()
        buffer.close()
        return content.size()

    figures = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        size = draw()
        figures.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, size))
    print(json.dumps(figures), flush=True)
    catalog.close()


def spawn(mode: str, runs: int, env: dict[str, str], tiles_dir: str = "") -> list[tuple[float, float, int]]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--runs", str(runs), "--tiles", tiles_dir],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(row) for row in json.loads(out.stdout.strip().splitlines()[-1])]


def whole_command(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from shelterapp.cli import main; raise SystemExit(main())", *args],
                   env=env, capture_output=True, check=True)  # fmt: skip
    return (time.perf_counter() - started) * 1000


def fill_tiles(folder: Path) -> None:
    """Every tile the plan near Maidan may ask for, drawn by the local test tile server's renderer."""
    sys.path.insert(0, str(REPO / "tools"))
    from PySide6.QtGui import QGuiApplication
    from tile_server import render_tile

    from shelterapp.map.tile_cache import TileCache
    from shelterapp.map.tiles import tile_of

    _app = QGuiApplication.instance() or QGuiApplication(["bench", "-platform", "offscreen"])
    cache = TileCache(folder)
    for zoom in range(11, 18):
        x0, y0 = tile_of(50.475, 30.48, zoom)
        x1, y1 = tile_of(50.425, 30.57, zoom)
        for x in range(x0 - 1, x1 + 2):
            for y in range(y0 - 1, y1 + 2):
                cache.put(zoom, x, y, render_tile(zoom, x, y))


def row(label: str, values: list[float], cpu: list[float]) -> str:
    return (
        f"{label:<52}{statistics.median(values):>9.1f}{pct(values, 0.95):>9.1f}"
        f"{statistics.median(cpu):>10.1f}{len(values):>6}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=9, help="fresh processes per mode")
    parser.add_argument("--warm", type=int, default=40, help="drawings per mode in one process")
    parser.add_argument("--json", metavar="PATH", help="write the key figures to PATH")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--tiles", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs, args.tiles)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-plan-") as tmp:
        home = Path(tmp) / "home"
        write_home(home)
        env = dict(os.environ, SHELTERAPP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
        spawn("empty", 1, env)  # creates the databases once, outside the figures
        cold: dict[str, list[tuple[float, float, int]]] = {mode: [] for mode in MODES}
        for _ in range(args.cold):
            for mode in MODES:
                cold[mode] += spawn(mode, 1, env)
        warm = {mode: spawn(mode, args.warm + 1, env)[1:] for mode in MODES}
        pdf = Path(tmp) / "plan.pdf"
        command = ["plan", "--lat", str(MAIDAN[0]), "--lon", str(MAIDAN[1]), "--pdf", str(pdf), "--lang", "uk"]
        cli_plan, cli_nearest = [], []
        for _ in range(args.cold):
            cli_plan.append(whole_command(command, env))
            cli_nearest.append(whole_command(["nearest", "--lat", "50.4501", "--lon", "30.5234", "--json"], env))
        tiles = Path(tmp) / "tiles"
        fill_tiles(tiles)
        with_tiles = spawn("plan", 1, env, str(tiles))[0][2]
    load = os.getloadavg()[0]
    print(machine_line())
    print(f"load average (1 min) at the end: {load:.2f} on {os.cpu_count()} cores")
    print()
    print(f"{'drawing one A4 page (ms)':<52}{'p50':>9}{'p95':>9}{'CPU p50':>10}{'n':>6}")
    labels = {"plan": "shelter plan", "text": "baseline: page + 1 line of text", "empty": "baseline: empty page"}
    for mode in MODES:
        print(row(f"cold: {labels[mode]}", [f[0] for f in cold[mode]], [f[1] for f in cold[mode]]))
    for mode in MODES:
        print(row(f"warm: {labels[mode]}", [f[0] for f in warm[mode]], [f[1] for f in warm[mode]]))
    print(row("whole `shelterapp-cli plan`, spawn to exit", cli_plan, cli_plan))
    print(row("baseline: whole `shelterapp-cli nearest --json`", cli_nearest, cli_nearest))
    print("cold = the first page drawn in a fresh process; the whole-command rows give wall time in both columns")
    print()
    size = cold["plan"][0][2]
    print(f"PDF size: {size:,} bytes without tiles, {with_tiles:,} bytes with a full set of saved tiles; "
          f"empty page {cold['empty'][0][2]:,} bytes")  # fmt: skip
    write_json(
        args.json,
        {
            "cold_plan_ms_p50": statistics.median(f[0] for f in cold["plan"]),
            "cold_text_ms_p50": statistics.median(f[0] for f in cold["text"]),
            "cold_empty_ms_p50": statistics.median(f[0] for f in cold["empty"]),
            "warm_plan_ms_p50": statistics.median(f[0] for f in warm["plan"]),
            "warm_empty_ms_p50": statistics.median(f[0] for f in warm["empty"]),
            "cli_plan_ms_p50": statistics.median(cli_plan),
            "pdf_bytes": size,
            "pdf_bytes_with_tiles": with_tiles,
            "load": load,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
