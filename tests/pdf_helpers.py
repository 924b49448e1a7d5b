"""Reading our PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages), as a person's viewer would.

Tests that need them skip, saying why, where poppler-utils is missing (packaging/debian-test-packages.txt has it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian: poppler-utils, see packaging/debian-test-packages.txt)")
    return path


def pdf_text(path: Path) -> str:
    """The text as pdftotext extracts it, whitespace runs folded to one space (cells become one long line)."""
    out = subprocess.run([poppler("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    pairs = (line.split(":", 1) for line in out.splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def page_size_mm(info: dict[str, str]) -> tuple[float, float]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"])
    assert match, info["Page size"]
    return float(match[1]) * 25.4 / 72, float(match[2]) * 25.4 / 72


def pdf_fonts(path: Path) -> list[str]:
    """One line per font: name, type, encoding, embedded, subset, unicode."""
    out = subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[2:]


def pdf_images(path: Path) -> list[str]:
    out = subprocess.run([poppler("pdfimages"), "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[2:]
