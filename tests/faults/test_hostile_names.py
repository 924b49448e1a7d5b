"""Hostile names through every way a shelter list comes in, and a start of the real app on them.

Issue 12, item 1: a shelter named `Shelter <img src="/dev/zero">` (from an imported file or an OpenStreetMap
name through `update --source osm`) aborted the app at every start, because the nearest shelter is selected
at start and Qt read its name as rich text and loaded the "image"; a FIFO's path hung the start. The names
are data and stay as they are in the store; every widget shows them as text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import write_config
from hostile_text import ADDRESS, MARKER, NAME, label_surface, problems, surfaces
from PySide6.QtWidgets import QWidget

from shelterapp.settings import Location, Settings, save_settings
from shelterapp.shelters.importer import read_shelters
from shelterapp.ui.details import DetailsPane

HERE = (50.4501, 30.5234)
OFFICIAL_HEADERS = ["Район", "Адреса", "Тип укриття", "Вид укриття", "Тип будівлі", "Режим роботи"]


def _official_rows(address: str) -> list[list[str]]:
    return [OFFICIAL_HEADERS, ["Печерський", address, "Найпростіші укриття", "Підвал", NAME, NAME]]


def official_csv(path: Path, address: str = ADDRESS) -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(_official_rows(address))
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def official_xlsx(path: Path, address: str = ADDRESS) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row in _official_rows(address):
        book.active.append(row)
    book.save(path)
    return path


def osm_json(path: Path, name: str = NAME, address: str = ADDRESS) -> Path:
    element = {
        "type": "node",
        "id": 7,
        "lat": HERE[0],
        "lon": HERE[1],
        "tags": {"amenity": "shelter", "shelter_type": "basement", "name": name, "addr:full": address},
    }
    path.write_text(json.dumps({"elements": [element]}), encoding="utf-8")
    return path


def geojson(path: Path, name: str = NAME, address: str = ADDRESS) -> Path:
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [HERE[1], HERE[0]]},
        "properties": {"name": name, "address": address, "type": "Найпростіші укриття"},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    return path


def _kml(name: str) -> str:
    from xml.sax.saxutils import escape

    return (
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>'
        f"<name>{escape(name)}</name><ExtendedData>"
        '<Data name="Тип укриття"><value>Найпростіші укриття</value></Data>'
        f'<Data name="Адреса"><value>{escape(ADDRESS)}</value></Data></ExtendedData>'
        f"<Point><coordinates>{HERE[1]},{HERE[0]},0</coordinates></Point></Placemark></Document></kml>"
    )


def kml(path: Path) -> Path:
    path.write_text(_kml(NAME), encoding="utf-8")
    return path


def kmz(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("doc.kml", _kml(NAME))
    return path


# Each way a list is imported; the hostile text must reach the store unchanged, and the screen as text.
FORMATS = {
    "official.csv": official_csv,  # the city's list: no name column, the address names the row
    "official.xlsx": official_xlsx,
    "overpass.json": osm_json,  # OpenStreetMap's name and addr:full tags, as `update --source osm` gets them
    "layer.geojson": geojson,
    "map.kml": kml,  # a Google My Maps export: the placemark's name
    "map.kmz": kmz,
}


@pytest.mark.parametrize("file_name", FORMATS)
def test_hostile_names_from_every_format_are_kept_and_shown_as_text(qtbot, tmp_path, file_name):
    result = read_shelters(FORMATS[file_name](tmp_path / file_name))
    assert result.accepted == 1, result.reasons
    shelter = result.shelters[0]
    assert ADDRESS in shelter.address  # data stays data: nothing stripped, nothing escaped in the store
    details = DetailsPane("en")
    qtbot.addWidget(details)
    details.show_shelter(shelter, 12.0, 1)
    found = surfaces([details, *details.findChildren(QWidget)])
    bad = problems(found)
    assert not bad, "\n".join(bad)
    assert label_surface(details._values["address"]).shown == shelter.address
    assert sum(s.outside for s in found) >= 2  # the title and the address at least


# --- a real start ----------------------------------------------------------------------------------------------

MEMORY_CAP = 4 * 1024**3  # address space of the started app: a regression fails fast instead of eating the RAM


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def start_app(home: Path) -> subprocess.CompletedProcess[str]:
    """`shelterapp --exit-after-start` offscreen; the timeout only ends a hung start (a FIFO read as an image)."""
    env = dict(os.environ, SHELTERAPP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "shelterapp", "--exit-after-start", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        preexec_fn=_capped,
    )


def offline_home(home: Path, feeds: dict[str, dict[str, object]] | None = None) -> None:
    write_config(
        home,
        feeds,
        extra='[map]\ntile_url = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n[geocoder]\nurl = "http://127.0.0.1:9"\n',
    )


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SHELTERAPP_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "shelterapp.cli", *args], capture_output=True, text=True, timeout=120, env=env
    )


@pytest.mark.parametrize("way_in", ["import", "update"])
def test_app_starts_with_dev_zero_and_fifo_images_in_names(tmp_path, httpserver, app_home, way_in):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    name = 'Shelter <img src="/dev/zero">'
    address = f'<img src="{fifo}"> {MARKER} 1'
    listing = osm_json(tmp_path / "overpass.json", name, address)
    if way_in == "import":
        offline_home(app_home)
        done = cli(app_home, "import", str(listing), "--json")
    else:
        httpserver.expect_request("/api/interpreter").respond_with_data(
            listing.read_bytes(), content_type="application/json"
        )
        offline_home(app_home, {"osm": {"url": httpserver.url_for("/api/interpreter"), "enabled": False}})
        done = cli(app_home, "update", "--source", "osm", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    # the nearest shelter, selected at start; the saved location's label too
    save_settings(app_home / "settings.json", Settings(location=Location(*HERE, '<img src="/dev/zero">')))

    started = start_app(app_home)
    assert started.returncode == 0, started.stderr[-3000:]
    assert "started: window shown" in started.stdout
