"""Shared test setup: headless Qt, a private SHELTERAPP_HOME per test, the reference data location."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data" / "shelters"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_file(name: str) -> Path:
    """A reference file from ../shared/data/shelters; the test is skipped (with why) when it is absent."""
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(f"reference data {path} is absent (it is read from ../shared, never copied into the repo)")
    return path


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SHELTERAPP_HOME and XDG config dir: no test touches the real user's files."""
    home = tmp_path / "home"
    monkeypatch.setenv("SHELTERAPP_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return home
