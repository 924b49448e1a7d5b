"""Finds resources/ both in a wheel (packed as shelterapp/_resources) and in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir() -> Path:
    for candidate in (_PACKAGE / "_resources", _PACKAGE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("shelterapp resources are missing: reinstall the application")


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
