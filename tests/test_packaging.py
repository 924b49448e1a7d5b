"""Desktop integration files a distribution or software centre reads: they validate and agree with each other."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from shelterapp.desktop.autostart import autostart_file, set_enabled

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"
DESKTOP = PACKAGING / "shelterapp.desktop"
METAINFO = PACKAGING / "io.github.shelterapp.metainfo.xml"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: see packaging/debian-test-packages.txt)")
    return path


def test_desktop_entry_validates():
    result = subprocess.run([tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_autostart_entry_validates(tmp_path, monkeypatch):
    # The entry written by "Start with my session" must be one the desktop accepts at login.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    set_enabled(True)
    entry = autostart_file()
    result = subprocess.run([tool("desktop-file-validate"), str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_appstream_metainfo_validates_and_launches_our_desktop_entry():
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in METAINFO.read_text(encoding="utf-8")


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_hicolor_icon_of_every_size(size):
    # Panels and menus pick the size they need; a missing or mis-sized one shows blurred or not at all.
    image = QImage(str(PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "shelterapp.png"))
    assert (image.width(), image.height()) == (size, size)
    assert (PACKAGING / "icons" / "hicolor" / "scalable" / "apps" / "shelterapp.svg").is_file()


def test_entries_are_translated_into_our_languages():
    text = DESKTOP.read_text(encoding="utf-8")
    for lang in ("uk", "fr"):
        assert f"Name[{lang}]=" in text and f"Comment[{lang}]=" in text
