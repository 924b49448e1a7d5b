"""The metro list we ship: complete, inside Kyiv, and near where OpenStreetMap puts each station."""

import json
import math
from collections import Counter

from helpers import shared_file

from shelterapp.shelters.bundled import fold_text, load_bundled, normalise_station_name
from shelterapp.shelters.model import Kind, inside_kyiv


def test_all_three_lines_with_every_station():
    data = load_bundled()
    assert Counter(s.line for s in data.shelters) == {"M1": 18, "M2": 18, "M3": 16}
    assert len({s.id for s in data.shelters}) == 52
    for station in data.shelters:
        assert station.kind is Kind.METRO
        assert station.name_uk and station.name_en
        assert station.lat is not None and station.lon is not None and inside_kyiv(station.lat, station.lon)


def test_station_lookup_by_current_former_and_english_names():
    data = load_bundled()
    assert data.metro_position("Станція метро «Нивки»") == data.metro_position("Nyvky")
    assert data.metro_position("Мінська") == data.metro_position("Варшавська") is not None
    assert data.metro_position("Лукʼянівська") is not None  # a different apostrophe
    assert data.metro_position("Нема такої") is None


def test_normalisation():
    assert normalise_station_name("  Станція метро «Палац Спорту» ") == "палац спорту"
    assert fold_text("Лук’янівська") == "лук'янівська"


def test_positions_agree_with_openstreetmap_entrances():
    # An independent check of our hand-authored positions: every station lies within 400 m of an
    # OpenStreetMap entrance carrying its name (renamed stations may still carry the former name).
    osm = json.loads(shared_file("osm_kyiv_subway_entrances.json").read_text(encoding="utf-8"))
    elements = osm["elements"] if isinstance(osm, dict) else osm
    entrances: dict[str, list[tuple[float, float]]] = {}
    for element in elements:
        tags = element.get("tags", {})
        for key in ("name:uk", "name"):
            if tags.get(key):
                entrances.setdefault(normalise_station_name(tags[key]), []).append((element["lat"], element["lon"]))
    raw = json.loads(load_bundled.__globals__["resource_path"]("data", "kyiv_metro.json").read_text("utf-8"))
    far = []
    checked = 0
    for station in raw["stations"]:
        names = [station["name_uk"], *station.get("former_names_uk", [])]
        points = [p for name in names for p in entrances.get(normalise_station_name(name), [])]
        if not points:
            continue
        checked += 1
        nearest = min(
            math.hypot(
                (station["lat"] - lat) * 111_320,
                (station["lon"] - lon) * 111_320 * math.cos(math.radians(lat)),
            )
            for lat, lon in points
        )
        if nearest > 400:
            far.append((station["name_uk"], round(nearest)))
    assert checked >= 45
    assert far == []


def test_changed_bundled_file_reseeds_an_existing_store(tmp_path, monkeypatch):
    from dataclasses import replace

    from shelterapp.shelters.catalog import Catalog
    from shelterapp.shelters.store import ShelterStore

    database = tmp_path / "s.sqlite"
    bundled = load_bundled()
    Catalog(ShelterStore.open(database), bundled).close()
    renamed = [replace(s, name_en=s.name_en + "!") for s in bundled.shelters]
    upgraded = replace(bundled, shelters=renamed, fingerprint="kyiv_metro.json#new")
    catalog = Catalog(ShelterStore.open(database), upgraded)
    assert all(s.name_en.endswith("!") for s in catalog.shelters)
    writes = []
    original = ShelterStore.replace_dataset
    monkeypatch.setattr(ShelterStore, "replace_dataset", lambda *a, **k: writes.append(a[1]) or original(*a, **k))
    Catalog(ShelterStore.open(database), upgraded)
    assert writes == []  # same file: start-up does not rewrite the store
