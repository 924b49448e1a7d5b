"""Icons from resources/icons (authored SVGs), loaded once."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen

from shelterapp.resources import resource_path

TRAY_STATES = ("calm", "alert", "offline")


@cache
def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "shelterapp.svg")))


@cache
def tray_icon(state: str, quiet: bool = False) -> QIcon:
    """The state's icon; with `quiet`, a crescent moon in its lower right corner (quiet hours are on)."""
    if state not in TRAY_STATES:
        raise ValueError(f"unknown tray state {state!r}")
    base = QIcon(str(resource_path("icons", f"tray-{state}.svg")))
    if not quiet:
        return base
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64):
        pixmap = base.pixmap(size, size)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _moon(painter, QRectF(size * 0.48, size * 0.48, size * 0.52, size * 0.52))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _moon(painter: QPainter, box: QRectF) -> None:
    """A dark disc with a white crescent: readable on light and dark panels, and not a colour-only sign."""
    painter.setPen(QPen(QColor("#ffffff"), max(1.0, box.width() / 12)))
    painter.setBrush(QColor("#1d2b53"))
    painter.drawEllipse(box)
    crescent = QPainterPath()
    inner = box.adjusted(box.width() * 0.2, box.height() * 0.2, -box.width() * 0.2, -box.height() * 0.2)
    crescent.addEllipse(inner)
    bite = QPainterPath()
    bite.addEllipse(inner.translated(QPointF(inner.width() * 0.35, -inner.height() * 0.2)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffffff"))
    painter.drawPath(crescent.subtracted(bite))
