"""One shelter listed by two sources is shown once, with the richer record; real neighbours stay apart."""

from __future__ import annotations

import csv
import random
from collections import Counter
from dataclasses import replace

import pytest
from helpers import shared_file

from shelterapp.shelters import merge
from shelterapp.shelters.bundled import load_bundled
from shelterapp.shelters.catalog import Catalog
from shelterapp.shelters.importer import read_shelters
from shelterapp.shelters.merge import addresses_alike, merge_duplicates
from shelterapp.shelters.model import Kind, Shelter
from shelterapp.shelters.store import ShelterStore

LAT, LON = 50.4500, 30.5200
M_LAT = 1 / 111_320  # degrees of latitude in a metre
M_LON = 1 / (111_320 * 0.6374)  # degrees of longitude in a metre at 50.45 N
STREETS = ("Антоновича", "Саксаганського", "Володимирська", "Лук'янівська", "Юрія Іллєнка", "Богдана Хмельницького")


def row(ident: str, source: str, north_m: float = 0.0, east_m: float = 0.0, **fields: object) -> Shelter:
    values: dict[str, object] = {
        "name_uk": "",
        "name_en": "",
        "kind": Kind.SIMPLEST_SHELTER,
        "address": "вул. Вигадана, 20",
        "lat": LAT + north_m * M_LAT,
        "lon": LON + east_m * M_LON,
        "source": source,
    }
    values.update(fields)
    return Shelter(id=f"{source}:{ident}", **values)  # type: ignore[arg-type]


def test_near_duplicate_from_another_source_is_folded_into_the_richer_record():
    official = row("1", "kyiv-opendata", district="Вигаданський", place="Підвал", hours="Цілодобово", phone="441")
    mapped = row("n1", "osm", north_m=6, address="вулиця Вигадана, 20", capacity=120, accessible=True)
    merged = merge_duplicates([official, mapped])
    assert len(merged) == 1
    kept = merged[0]
    assert kept.id == official.id and kept.source == "kyiv-opendata"  # more fields filled
    assert (kept.lat, kept.lon) == (official.lat, official.lon)  # a record keeps its own position
    assert kept.capacity == 120 and kept.accessible is True  # the gaps are filled from the other record
    assert kept.hours == "Цілодобово" and kept.address == "вул. Вигадана, 20"


def test_a_position_from_the_source_beats_a_geocoded_one():
    geocoded = row("1", "kyiv-opendata", district="Д", place="Підвал", hours="Цілодобово", approximate=True)
    mapped = row("n1", "osm", north_m=4)
    assert [s.id for s in merge_duplicates([geocoded, mapped])] == ["osm:n1"]


@pytest.mark.parametrize(
    ("other", "merged"),
    [
        # several shelters in one building are real: one source is never merged with itself
        (row("2", "kyiv-opendata"), False),
        # 30 m away is another building's entrance, whatever the address says
        (row("n1", "osm", north_m=30), False),
        # next door, another address: two shelters
        (row("n1", "osm", north_m=5, address="вул. Вигадана, 22"), False),
        # same place, another kind (a basement and a civil-defence structure): two shelters
        (row("n1", "osm", north_m=5, kind=Kind.CIVIL_DEFENCE_SHELTER), False),
        # no position: nothing to compare distances with, so never merged
        (row("n1", "osm", lat=None, lon=None), False),
        # house number written "20" vs "20 (під'їзд 2)", street type spelled out: one building
        (row("n1", "osm", north_m=10, address="вулиця Вигадана, 20 (під'їзд 2)"), True),
        # a record of unknown kind with the same address next to it
        (row("n1", "geojson", north_m=3, kind=Kind.OTHER), True),
    ],
)
def test_what_counts_as_the_same_shelter(other, merged):
    result = merge_duplicates([row("1", "kyiv-opendata"), other])
    assert len(result) == (1 if merged else 2)


def test_metro_records_of_the_same_station_merge_by_name_not_of_another_station():
    station = row("m1", "kml", kind=Kind.METRO, name_uk="Нивки", address="Станція метро «Нивки»", district="Ш")
    entrance = row("e1", "osm", north_m=8, kind=Kind.METRO, name_uk="Нивки", address="", place="Вхід до метро")
    other_line = row("e2", "osm", north_m=-8, kind=Kind.METRO, name_uk="Берестейська", address="")
    result = merge_duplicates([station, entrance, other_line])
    assert sorted(s.id for s in result) == ["kml:m1", "osm:e2"]
    assert [s.place for s in result if s.id == "kml:m1"] == ["Вхід до метро"]  # filled from the entrance


def test_three_sources_give_one_record_and_a_group_never_takes_two_of_one_source():
    rows = [
        row("1", "kyiv-opendata", district="Д"),
        row("2", "kyiv-opendata", east_m=1, district="Д"),  # a second section of the same building
        row("n1", "osm", north_m=2),
        row("k1", "kml", north_m=-2),
    ]
    result = merge_duplicates(rows)
    assert len(result) == 2
    assert Counter(s.source for s in result) == {"kyiv-opendata": 2}


def test_input_order_is_kept_and_nothing_changes_without_duplicates():
    rows = [row(str(n), "osm", north_m=100 * n) for n in range(5)]
    assert merge_duplicates(rows) == rows
    assert merge_duplicates([]) == []


@pytest.mark.parametrize(
    ("first", "second", "alike"),
    [
        ("вул. Антоновича, 18-А", "м. Київ, вул. Антоновича, 18-А", True),  # city prefix
        ("вул. Юрія Іллєнка, 32/2", "м.Київ, вул. Іллєнка Юрія, 32/2", True),  # word order
        ("просп. Перемоги, 10-Б", "проспект Перемоги, 10 Б", True),  # street type spelled out, "10-Б" / "10 Б"
        ("вул. Aнтоновича, 10-B", "вул. Антоновича, 10-В", True),  # Latin look-alike letters
        ("вул. Саперно-Слобідська, 8", "вул. Саперно – Слобідська, 8", True),  # spaced dash
        ("вул. Антоновича, 18", "вул. Антоновича, 20", False),  # another house
        ("вул. Антоновича, 18", "вул. Горького, 18", False),  # another street
        ("вул. Антоновича, 18", "", False),  # nothing to compare
    ],
)
def test_addresses_alike(first, second, alike):
    assert addresses_alike(first, second) is alike


def test_addresses_the_reference_join_matched_are_alike():
    # The join matched official addresses to the 2022 map's; its exact and word-order kinds must be alike here.
    path = shared_file("kyiv_shelters_official_join.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["match"] in ("exact", "same_street_words", "street_subset")]
    alike = sum(
        addresses_alike(r["address"] if r["matched_on"] == "address" else r["address_old"], r["kmda2022_address"])
        for r in rows
    )
    assert len(rows) > 2000 and alike / len(rows) >= 0.99


def test_merge_compares_only_near_rows_when_every_row_has_a_duplicate(monkeypatch):
    # 2,000 shelters listed by two sources a few metres apart: 4,000 rows, all merged. Its speed is measured in
    # bench/; here, that the work grows with the rows, not with their pairs: a slip to comparing every pair
    # (8 million) is caught by counting the pairs looked at, whatever the machine's load.
    rng = random.Random(4)
    rows = []
    for n in range(2000):
        north, east = rng.uniform(-15000, 15000), rng.uniform(-12000, 12000)
        address = f"вул. {STREETS[n % len(STREETS)]}, {n}"
        rows.append(row(str(n), "kyiv-opendata", north, east, address=address, district="Д"))
        rows.append(row(f"n{n}", "osm", north + rng.uniform(-5, 5), east + rng.uniform(-5, 5), address=address))
    looked_at = []  # per row, how many rows north of it fall in its 15 m band (the candidates it is compared with)
    real_bisect_right = merge.bisect_right

    def counting_bisect_right(values, value, low=0, *args, **kwargs):
        end = real_bisect_right(values, value, low, *args, **kwargs)
        looked_at.append(end - low)
        return end

    monkeypatch.setattr(merge, "bisect_right", counting_bisect_right)
    result = merge_duplicates(rows)
    assert len(result) == 2000 and {s.source for s in result} == {"kyiv-opendata"}
    assert 2000 <= sum(looked_at) < 10 * len(rows)


def test_the_real_map_merged_with_a_shifted_copy_of_itself_gives_the_map_back():
    kmz = read_shelters(shared_file("kyiv_shelters_kmda_2022.kmz")).shelters
    rng = random.Random(7)
    copy = [replace(s, id=f"copy:{s.id}", source="copy", lat=(s.lat or 0) + rng.uniform(-3, 3) * M_LAT) for s in kmz]
    result = merge_duplicates(kmz + copy)
    assert len(result) == len(kmz) == 3694
    assert Counter(s.source for s in result) == {"kml": 3694}  # SOURCE_RANK: the map ranks above an unknown source


def test_catalog_shows_each_shelter_once_and_counts_agree(tmp_path):
    catalog = Catalog(ShelterStore.open(tmp_path / "s.sqlite"), load_bundled())
    bundled = len(catalog.shelters)
    catalog.store.replace_dataset("kyiv-opendata", [row("1", "kyiv-opendata"), row("2", "kyiv-opendata", 500)])
    catalog.store.replace_dataset("osm", [row("n1", "osm", north_m=3), row("n2", "osm", north_m=900)])
    catalog.reload()
    assert len(catalog.shelters) == bundled + 3 and catalog.merged == 1
    assert sum(catalog.counts_by_kind().values()) == len(catalog.shelters)
    nearest = catalog.nearest(LAT, LON, 2, kinds=["simplest_shelter"])
    assert [hit.shelter.id for hit in nearest] == ["kyiv-opendata:1", "kyiv-opendata:2"]  # no twin in between
