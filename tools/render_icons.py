"""Render resources/icons/shelterapp.svg into the freedesktop hicolor sizes under packaging/icons/.

    QT_QPA_PLATFORM=offscreen python tools/render_icons.py

Run it after changing the SVG; tests/test_packaging.py checks every size is there and square.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

REPO = Path(__file__).resolve().parents[1]
SVG = REPO / "resources" / "icons" / "shelterapp.svg"
OUT = REPO / "packaging" / "icons" / "hicolor"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = OUT / f"{size}x{size}" / "apps" / "shelterapp.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target), "PNG")
    scalable = OUT / "scalable" / "apps" / "shelterapp.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    print(f"{len(SIZES)} sizes and the SVG written under {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
