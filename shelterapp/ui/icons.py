"""Icons from resources/icons (authored SVGs), loaded once."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from shelterapp.resources import resource_path

TRAY_STATES = ("calm", "alert", "offline")


@cache
def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "shelterapp.svg")))


@cache
def tray_icon(state: str) -> QIcon:
    if state not in TRAY_STATES:
        raise ValueError(f"unknown tray state {state!r}")
    return QIcon(str(resource_path("icons", f"tray-{state}.svg")))
