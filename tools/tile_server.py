"""A local stand-in for the OpenStreetMap tile server, on 127.0.0.1, drawing every tile it is asked for.

For screenshots, demos and benchmarks (never used by the app itself, never a source of real map data):
    python tools/tile_server.py --port 0          # prints the chosen port on the first line
then set the map's tile URL to http://127.0.0.1:PORT/{z}/{x}/{y}.png. Each tile is a light background
with a grid and its own "z/x/y" written in it, so a screenshot shows which tiles the map asked for.
--delay adds latency per tile; --fail-every N answers every Nth request with 503 (the failed-tile paths).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

TILE_PATH = re.compile(r"^/(\d+)/(\d+)/(\d+)\.png$")


def render_tile(z: int, x: int, y: int, size: int = 256) -> bytes:
    """A PNG: pale fill tinted by the tile's position, a 64 px grid, a border and the label z/x/y."""
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(236 - (x % 4) * 6, 240 - (y % 4) * 6, 226))
    painter = QPainter(image)
    painter.setPen(QPen(QColor(205, 210, 200), 1))
    for offset in range(0, size, size // 4):
        painter.drawLine(offset, 0, offset, size)
        painter.drawLine(0, offset, size, offset)
    painter.setPen(QPen(QColor(150, 160, 150), 2))
    painter.drawRect(0, 0, size - 1, size - 1)
    font = QFont()
    font.setPixelSize(18)
    painter.setFont(font)
    painter.setPen(QColor(90, 100, 90))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, f"{z}/{x}/{y}")
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class TileServer:
    """The server; serve_forever() on the thread that made the QGuiApplication (tiles are drawn there)."""

    def __init__(self, port: int = 0, delay_s: float = 0.0, fail_every: int = 0) -> None:
        self.requests = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_GET(self) -> None:
                with server._lock:
                    server.requests += 1
                    count = server.requests
                match = TILE_PATH.match(self.path.split("?", 1)[0])
                if match is None:
                    self.send_error(404)
                    return
                z, x, y = (int(g) for g in match.groups())
                if not (0 <= z <= 22 and 0 <= x < 1 << z and 0 <= y < 1 << z):
                    self.send_error(404)
                    return
                if fail_every and count % fail_every == 0:
                    self.send_error(503)
                    return
                if delay_s:
                    time.sleep(delay_s)
                body = render_tile(z, x, y)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "max-age=86400")
                self.end_headers()
                self.wfile.write(body)

        self.server = HTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.template = f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}.png"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8766, help="0: any free port, printed on the first line")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each tile")
    parser.add_argument("--fail-every", type=int, default=0, help="answer every Nth request with 503")
    args = parser.parse_args()
    _app = QGuiApplication([])
    tiles = TileServer(args.port, args.delay, args.fail_every)
    if args.port == 0:
        print(tiles.port, flush=True)
    print(f"tile URL: {tiles.template}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        tiles.server.serve_forever()


if __name__ == "__main__":
    main()
