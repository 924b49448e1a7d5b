"""Plausibility of a city list: every real list passes, every poisoned shape fails, with its stable code.

The real lists are read in place from ../shared (skipped, saying why, when absent); lists derived from them
(the official list with the positions its addresses matched, the 2022 map as a flat table) are built in a
temporary folder for the test and never kept. The poisoned shapes are the issue's: every shelter on one point,
all piled on a few points, all within a few hundred metres, kinds gone.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from helpers import real_payload, shared_file

from shelterapp.shelter_updates.plausibility import (
    CLUSTERED,
    DUPLICATE_POINTS,
    MIN_ROWS_TO_JUDGE,
    SHRANK,
    UNKNOWN_KINDS,
    check_content,
    check_size,
    check_update,
)
from shelterapp.shelters.bundled import load_bundled
from shelterapp.shelters.importer import ImportResult, read_shelters

BUNDLED = load_bundled()


def read(path: Path) -> ImportResult:
    return read_shelters(path, metro_lookup=BUNDLED.metro_position)


def geojson(tmp_path: Path, rows: list[tuple[float | None, float | None, str]], name: str = "list") -> Path:
    """A GeoJSON list of (lat, lon, kind text) rows, each with its own address."""
    features = [
        {
            "type": "Feature",
            "geometry": None if lat is None else {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"address": f"вул. Вигадана, {n}", "type": kind},
        }
        for n, (lat, lon, kind) in enumerate(rows, 1)
    ]
    path = tmp_path / f"{name}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
    return path


def city(count: int, seed: int = 1, kind: str = "Найпростіші укриття") -> list[tuple[float | None, float | None, str]]:
    """`count` shelters scattered over Kyiv's built-up area."""
    rng = random.Random(seed)
    return [(rng.uniform(50.35, 50.54), rng.uniform(30.35, 30.70), kind) for _ in range(count)]


# --- every real list passes ------------------------------------------------------------------------------
def _join_as_geojson(tmp_path: Path) -> Path:
    """The official list with the position each address matched in the 2022 map: the closest thing to the
    city's current layer (whose rows carry positions) that we hold."""
    rows = []
    with shared_file("kyiv_shelters_official_join.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lat, lon = (float(row["lat"]), float(row["lon"])) if row["lat"] else (None, None)
            rows.append((lat, lon, row["shelter_type"], row["address"]))
    return _write(tmp_path, "official_join", rows)


def _kmda_table_as_geojson(tmp_path: Path) -> Path:
    kinds = {"metro": "Станція метро", "dual_purpose": "Споруди подвійного призначення", "simplest": "Найпростіші"}
    rows = []
    with shared_file("kyiv_shelters_kmda_2022.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append((float(row["lat"]), float(row["lon"]), kinds[row["type"]], row["address"]))
    return _write(tmp_path, "kmda_2022", rows)


def _write(tmp_path: Path, name: str, rows: list[tuple[float | None, float | None, str, str]]) -> Path:
    features = [
        {
            "type": "Feature",
            "geometry": None if lat is None else {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"address": address, "type": kind},
        }
        for lat, lon, kind, address in rows
    ]
    path = tmp_path / f"{name}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
    return path


REAL_LISTS = {
    "kmda_2022_kmz": lambda _tmp: shared_file("kyiv_shelters_kmda_2022.kmz"),
    "official_csv": lambda _tmp: shared_file("kyiv_shelters_official.csv"),
    "official_xlsx": lambda _tmp: shared_file("kyiv_shelters_official.xlsx"),
    "osm_entrances": lambda _tmp: shared_file("osm_kyiv_subway_entrances.json"),
    "osm_entrances_real_payload": lambda _tmp: real_payload("shelters/osm_kyiv_subway_entrances_overpass.json"),
    "official_with_positions": _join_as_geojson,
    "kmda_2022_table": _kmda_table_as_geojson,
}


@pytest.mark.parametrize("name", REAL_LISTS)
def test_every_real_list_passes(tmp_path, name):
    result = read(REAL_LISTS[name](tmp_path))
    assert result.accepted >= MIN_ROWS_TO_JUDGE
    assert check_update(result, largest_recent_rows=0) is None
    assert check_update(result, largest_recent_rows=result.accepted) is None  # the same list again


# --- every poisoned shape fails --------------------------------------------------------------------------
POISONED = {
    # the case: an update that puts every shelter on one point (inside Kyiv, so each row is "valid")
    "one_point": ([(50.45, 30.52, "Найпростіші укриття")] * 100, DUPLICATE_POINTS),
    # piled on five points spread over the city: the spread alone looks fine
    "five_points": (
        [(50.40 + 0.02 * (n % 5), 30.45 + 0.05 * (n % 5), "Укриття") for n in range(100)],
        DUPLICATE_POINTS,
    ),
    # all within a few hundred metres of one point (no two alike)
    "one_street": ([(50.45 + n * 1e-5, 30.52 + (n % 7) * 1e-4, "Укриття") for n in range(100)], CLUSTERED),
    # the kinds gone: a GeoJSON without a kind field reads every row as "other"
    "no_kinds": ([(lat, lon, "") for lat, lon, _ in city(100)], UNKNOWN_KINDS),
    # kinds we do not know: rows rejected as unknown_kind outnumber the known ones
    "unknown_kinds": (city(30) + city(70, seed=2, kind="Бункер дракона"), UNKNOWN_KINDS),
}


@pytest.mark.parametrize("name", POISONED)
def test_every_poisoned_shape_fails(tmp_path, name):
    rows, failure = POISONED[name]
    if name == "no_kinds":
        path = tmp_path / "no_kinds.geojson"
        features = [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {"name": "x"}}
            for lat, lon, _ in rows
        ]
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    else:
        path = geojson(tmp_path, rows)
    result = read(path)
    found = check_update(result, largest_recent_rows=0)
    assert found is not None and found.failure == failure, found
    assert found.reason and "\n" not in found.reason
    assert check_content(result) == found  # a hand import is held to the same content checks


def test_a_city_list_of_the_same_shape_passes(tmp_path):
    # the control of the poisoned shapes: 100 scattered shelters of known kinds
    assert check_update(read(geojson(tmp_path, city(100))), largest_recent_rows=100) is None


@pytest.mark.parametrize("name", ["kmda_2022_kmz", "official_with_positions"])
def test_a_real_list_moved_onto_one_point_fails(tmp_path, name):
    real = read(REAL_LISTS[name](tmp_path))
    rows = [(50.45, 30.52, "Найпростіші укриття") for s in real.shelters if s.has_position]
    assert check_update(read(geojson(tmp_path, rows, "moved")), largest_recent_rows=real.accepted) is not None


def test_too_few_rows_to_judge_pass_the_shape_checks(tmp_path):
    # a handful of rows says nothing about a city (the shrink check still guards a list that fell to a handful)
    assert check_content(read(geojson(tmp_path, [(50.45, 30.52, "Укриття")] * (MIN_ROWS_TO_JUDGE - 1)))) is None


def test_unpositioned_rows_are_not_judged_by_position(tmp_path):
    # the official list has addresses and no coordinates: only its positioned rows count for the shape
    rows = [(None, None, "Найпростіші укриття")] * 500 + city(25)
    assert check_content(read(geojson(tmp_path, rows))) is None


@pytest.mark.parametrize(
    ("rows", "largest", "refused"),
    [
        (55, 100, False),  # shrank by 45 %: the city's list can change that much
        (49, 100, True),  # under half of the largest recent list
        (28, 55, False),  # against the last list only this would pass...
        (28, 100, True),  # ...against the largest recent one it does not (100 -> 55 -> 28)
        (5, 0, False),  # nothing stored before: nothing to compare with
    ],
)
def test_check_size(rows, largest, refused):
    found = check_size(rows, largest)
    assert (found is not None) is refused
    if found is not None:
        assert found.failure == SHRANK and f"{largest:,}" in found.reason
