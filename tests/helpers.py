"""Plain helpers shared by test modules (import them as `from helpers import ...`; conftest files
cannot be imported by name reliably when there are several)."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
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


def city_layer(count: int, *, one_point: bool = False) -> bytes:
    """A list in the shape of the city's layer (GeoJSON) with `count` invented shelters scattered over Kyiv,
    or all on one point (the poisoned list of issue #12)."""
    rng = random.Random(count)
    features = []
    for n in range(count):
        lat, lon = (50.45, 30.52) if one_point else (rng.uniform(50.35, 50.54), rng.uniform(30.35, 30.70))
        geometry = {"type": "Point", "coordinates": [lon, lat]}
        props = {"objectid": n, "address": f"вул. Вигадана, {n}", "type": "Найпростіші укриття", "actual": 1}
        features.append({"type": "Feature", "id": n, "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()


OFFICIAL_HEADER = "Район,Адреса,Тип укриття,Вид укриття,Тип будівлі,Власник,Форма власності,№ телефону,Режим роботи\n"


def official_csv(rows: int) -> bytes:
    """The city's official list as CSV (its headers, no coordinates) with `rows` invented shelters."""
    row = 'Подільський,"вул. Вигадана, {n}",Найпростіші укриття,Підвал,Житловий,ОСББ,Приватна,,\n'
    return (OFFICIAL_HEADER + "".join(row.format(n=n) for n in range(rows))).encode()


@functools.cache
def image_bomb(side: int = 8000) -> bytes:
    """A real PNG, side x side pixels of black (1 bit a pixel): a few KB that decode to side * side * 4 bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\0" * (1 + (side + 7) // 8)  # filter byte, then the row's bits
    pixels = zlib.compressobj(9)
    data = b"".join(pixels.compress(row) for _ in range(side)) + pixels.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """The folder made read-only for real. As root, chmod does not stop writes, so the immutable attribute
    (chattr +i, which binds root too) is used; where neither works the test is skipped, saying why."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("running as root, where chmod does not stop writes, and chattr +i is not available here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
