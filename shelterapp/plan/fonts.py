"""The plan's typeface: DejaVu Sans, from the system or, failing that, the copy we ship.

Why we ship one: with no font that covers Cyrillic, QPdfWriter prints every letter as a box and reports no
error (../shared/research/desktop-alerts.md §3), and a Windows or macOS machine, or a bare server running the
command line, may have no DejaVu. The same family everywhere also keeps the page's layout the same.
resources/fonts/LICENSE-DejaVu.txt is the fonts' licence (redistribution allowed with the notice).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtGui import QFontDatabase

from shelterapp.resources import resource_path

log = logging.getLogger(__name__)

FAMILY = "DejaVu Sans"
BUNDLED_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_lock = threading.Lock()
_ready = False


def ensure_plan_font() -> str:
    """The family to print with, loading our copy once when the system lacks it. Needs a QGuiApplication."""
    global _ready  # noqa: PLW0603  (one load per process; the font database is process-wide too)
    with _lock:
        if not _ready:
            if FAMILY not in QFontDatabase.families():
                for name in BUNDLED_FILES:
                    if QFontDatabase.addApplicationFont(str(resource_path("fonts", name))) < 0:
                        log.error("the bundled font %s could not be loaded", name)
                log.info("the system has no %s: printing with the bundled copy", FAMILY)
            _ready = True
    return FAMILY


def covers_cyrillic(family: str) -> bool:
    return family in QFontDatabase.families(QFontDatabase.WritingSystem.Cyrillic)
