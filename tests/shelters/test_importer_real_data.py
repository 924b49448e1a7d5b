"""The importer on the real reference files in ../shared/data/shelters (skipped when they are absent).

The files are read where they lie, never copied into the repository (SOURCES.md). Counts are those of the
files as stored there (SHA-256 of the KMZ in SOURCES.md); a new copy of a file would change them.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict

from helpers import shared_file

from shelterapp.shelters.formats.base import KMDA_ATTRIBUTION, OSM_ATTRIBUTION
from shelterapp.shelters.importer import read_shelters
from shelterapp.shelters.model import Kind, inside_kyiv

OFFICIAL_ROWS = 4382


def test_official_csv_and_xlsx_agree_row_for_row():
    from_csv = read_shelters(shared_file("kyiv_shelters_official.csv"))
    from_xlsx = read_shelters(shared_file("kyiv_shelters_official.xlsx"))
    assert from_csv.accepted + from_csv.rejected == OFFICIAL_ROWS
    assert (from_xlsx.accepted, from_xlsx.rejected, from_xlsx.reasons) == (
        from_csv.accepted,
        from_csv.rejected,
        from_csv.reasons,
    )
    assert from_xlsx.shelters == from_csv.shelters  # same ids, same fields, same order
    assert from_csv.attribution == KMDA_ATTRIBUTION


def test_official_list_counts_and_kinds():
    result = read_shelters(shared_file("kyiv_shelters_official.csv"))
    # 160 metro-entrance placeholders ("Вхід до станції метро", "Інформаційна позначка", one "Вхіддо ...")
    # name no place; one row is "<Null>" in every column.
    assert result.reasons == {"no_address_or_position": 160, "unknown_kind": 1}
    assert (result.accepted, result.unpositioned) == (4221, 4221)
    kinds = Counter(s.kind for s in result.shelters)
    # 3,022 "Найпростіші укриття" + 2 written "Найпростіші " (truncated, trailing space)
    assert kinds[Kind.SIMPLEST_SHELTER] == 3024
    assert set(kinds) == {Kind.SIMPLEST_SHELTER, Kind.CIVIL_DEFENCE_SHELTER, Kind.METRO}
    assert kinds[Kind.METRO] == 70  # stations and entrances that name a station or an address
    assert len({s.id for s in result.shelters}) == result.accepted
    districts = Counter(s.district for s in result.shelters)
    assert len([d for d in districts if d]) == 10 and districts[""] == 2  # Kyiv's 10 districts; 2 rows lack one


def test_official_list_metro_rows_get_positions_from_a_lookup():
    # A stub lookup: the centroid of each station's entrances in the OSM reference file, for three stations.
    osm = json.loads(shared_file("osm_kyiv_subway_entrances.json").read_text(encoding="utf-8"))
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for element in osm["elements"]:
        name = element.get("tags", {}).get("name:uk") or element.get("tags", {}).get("name")
        if name in ("Нивки", "Хрещатик", "Либідська"):
            points[name].append((element["lat"], element["lon"]))
    stations = {name: (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps)) for name, ps in points.items()}
    assert len(stations) == 3

    result = read_shelters(shared_file("kyiv_shelters_official.csv"), metro_lookup=stations.get)
    placed = [s for s in result.shelters if s.has_position]
    assert {s.name_uk for s in placed} == set(stations)
    assert all(s.kind is Kind.METRO and (s.lat, s.lon) == stations[s.name_uk] for s in placed)
    assert len(placed) == 5  # Либідська is listed three times, the others once
    assert result.unpositioned == result.accepted - len(placed)


def test_osm_subway_entrances():
    result = read_shelters(shared_file("osm_kyiv_subway_entrances.json"))
    assert (result.source, result.attribution) == ("osm", OSM_ATTRIBUTION)
    assert (result.accepted, result.rejected, result.unpositioned) == (270, 0, 0)
    assert all(s.kind is Kind.METRO for s in result.shelters)
    assert all(s.lat is not None and s.lon is not None and inside_kyiv(s.lat, s.lon) for s in result.shelters)
    assert all(s.id.startswith("osm:node/") for s in result.shelters)
    # 29 entrances carry no name; all but 6 take one from a named entrance within 400 m
    assert sum(1 for s in result.shelters if not s.name_uk) == 6
    assert len({s.name_uk for s in result.shelters if s.name_uk}) >= 45  # about 50 stations


def test_kmda_2022_kmz_matches_its_normalised_csv():
    result = read_shelters(shared_file("kyiv_shelters_kmda_2022.kmz"))
    assert (result.source, result.attribution) == ("kml", KMDA_ATTRIBUTION)
    assert (result.accepted, result.rejected, result.unpositioned) == (3694, 0, 0)
    assert Counter(s.kind for s in result.shelters) == {
        Kind.SIMPLEST_SHELTER: 2515,
        Kind.CIVIL_DEFENCE_SHELTER: 1123,
        Kind.METRO: 56,
    }
    assert len({s.id for s in result.shelters}) == 3694
    # The same KMZ flattened independently (SOURCES.md): the same order, addresses, districts and points.
    with shared_file("kyiv_shelters_kmda_2022.csv").open(encoding="utf-8", newline="") as handle:
        reference = list(csv.DictReader(handle))
    assert len(reference) == result.accepted
    for shelter, row in zip(result.shelters, reference, strict=True):
        assert shelter.address == " ".join(row["address"].split())
        assert shelter.district == row["district"]
        assert (round(shelter.lat or 0, 7), round(shelter.lon or 0, 7)) == (float(row["lat"]), float(row["lon"]))
        assert (shelter.accessible is True) == (row["accessible"] == "true")


def test_kmz_ids_are_stable_across_imports():
    path = shared_file("kyiv_shelters_kmda_2022.kmz")
    assert [s.id for s in read_shelters(path).shelters] == [s.id for s in read_shelters(path).shelters]


def test_real_payload_osm_entrances_are_all_named_after_their_station(tmp_path):
    # ../shared/real-payloads/shelters: six entrances without a name were listed as "osm:node/9872205231";
    # each lies 14-42 m from one of our stations (Чернігівська, Сирець) and takes its name
    from helpers import real_payload

    from shelterapp.shelters.catalog import Catalog

    catalog = Catalog.open(tmp_path / "shelters.sqlite")
    try:
        result = catalog.parse_file(real_payload("shelters/osm_kyiv_subway_entrances_overpass.json"))
    finally:
        catalog.close()
    assert result.accepted == 270 and result.rejected == 0
    assert all(s.name_uk for s in result.shelters)
    for language in ("uk", "en", "fr"):
        assert not any(s.display_name(language).startswith("osm:") for s in result.shelters)
    named = {s.id: s.name_uk for s in result.shelters}
    assert named["osm:node/9872205231"] == "Чернігівська" and named["osm:node/11348254134"] == "Сирець"
