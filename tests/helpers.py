"""Plain helpers shared by test modules (import them as `from helpers import ...`; conftest files
cannot be imported by name reliably when there are several)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_folder() -> Path:
    """../shared beside the checkout, or beside a folder above it (a worktree in /work/wt/NAME reads /work/shared)."""
    for folder in REPO.parents:
        if (folder / "shared").is_dir():
            return folder / "shared"
    return REPO.parent / "shared"


SHARED = _shared_folder()
SHARED_DATA = SHARED / "data" / "shelters"
REAL_PAYLOADS = SHARED / "real-payloads"  # payloads written by others (PROVENANCE.md): read in place, never copied
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_file(name: str) -> Path:
    """A reference file from ../shared/data/shelters; the test is skipped (with why) when it is absent."""
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(f"reference data {path} is absent (it is read from ../shared, never copied into the repo)")
    return path


def real_payload(name: str) -> Path:
    """A payload from ../shared/real-payloads (e.g. "cap/x.xml"); the test is skipped (with why) when it is absent."""
    path = REAL_PAYLOADS / name
    if not path.is_file():
        pytest.skip(f"real payload {path} is absent (it is read from ../shared, never copied into the repo)")
    return path


def write_config(home: Path, feeds: dict[str, dict[str, object]] | None = None, extra: str = "") -> Path:
    """config.toml with every feed off except those in `feeds` (name -> keys such as url, interval_s)."""
    from shelterapp.config import SOURCE_NAMES

    feeds = feeds or {}
    lines = []
    for name in SOURCE_NAMES:
        keys = {"enabled": name in feeds, **feeds.get(name, {})}
        lines.append(f"[sources.{name}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in keys.items()]  # JSON scalars are TOML too
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path
