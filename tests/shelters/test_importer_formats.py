"""OpenStreetMap, GeoJSON and KML/KMZ files, read from small authored fixtures."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from shelterapp.shelters.formats.base import KMDA_ATTRIBUTION, OSM_ATTRIBUTION
from shelterapp.shelters.importer import read_shelters
from shelterapp.shelters.model import Kind, inside_kyiv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shelters"


def by_id(result):
    return {s.id: s for s in result.shelters}


# --- OpenStreetMap -------------------------------------------------------------------------------------------


def test_osm_counts_and_reasons():
    result = read_shelters(FIXTURES / "osm_small.json")
    assert (result.source, result.attribution) == ("osm", OSM_ATTRIBUTION)
    assert (result.accepted, result.rejected) == (8, 8)
    assert result.reasons == {
        "bad_coordinates": 1,  # lat "north"
        "malformed": 1,  # a string where an element belongs
        "no_address_or_position": 1,  # an air-raid shelter with neither
        "not_a_shelter": 3,  # a pillbox memorial, a bench, an untagged node
        "outside_kyiv": 2,  # Lviv, and a Kyiv entrance with lat/lon swapped
    }
    assert result.unpositioned == 0
    assert all(inside_kyiv(s.lat, s.lon) for s in result.shelters if s.lat is not None and s.lon is not None)


def test_osm_fields():
    shelters = by_id(read_shelters(FIXTURES / "osm_small.json"))
    entrance = shelters["osm:node/1001"]
    assert (entrance.kind, entrance.name_uk, entrance.name_en) == (Kind.METRO, "Вигадана", "Vyhadana")
    assert (entrance.accessible, entrance.open_24_7, entrance.place) == (True, True, "Вхід до метро № 2")
    # an unnamed exit 40 m away takes the station's name; one far from any named entrance stays unnamed
    assert shelters["osm:node/1002"].name_uk == "Вигадана" and shelters["osm:node/1002"].accessible is False
    assert shelters["osm:node/1003"].name_uk == ""
    station = shelters["osm:way/2001"]  # a way, placed by its centre
    assert (station.lat, station.lon, station.line, station.open_24_7) == (50.41, 30.6, "M2", False)
    basement = shelters["osm:node/1004"]
    assert (basement.kind, basement.address, basement.capacity) == (
        Kind.SIMPLEST_SHELTER,
        "вулиця Вигадана, 12",
        120,
    )
    assert basement.accessible is None  # wheelchair=limited is neither yes nor no
    assert shelters["osm:relation/3001"].kind is Kind.CIVIL_DEFENCE_SHELTER  # building=bunker
    assert shelters["osm:relation/3001"].capacity is None  # capacity=-5
    assert shelters["osm:node/1005"].capacity is None  # capacity=1e9
    assert shelters["osm:node/1013"].name_uk == "Укриття з керуючими символами"  # NUL, RLO, tab cleaned


def test_osm_without_elements_list_is_unreadable(tmp_path):
    from shelterapp.shelters.importer import UnreadableFile

    path = tmp_path / "osm.json"
    path.write_text(json.dumps({"elements": {"not": "a list"}}), encoding="utf-8")
    with pytest.raises(UnreadableFile):
        read_shelters(path)


# --- GeoJSON -------------------------------------------------------------------------------------------------


def test_geojson_counts_and_reasons():
    result = read_shelters(FIXTURES / "geojson_small.geojson")
    assert (result.source, result.attribution) == ("geojson", KMDA_ATTRIBUTION)  # the city layer's fields
    assert (result.accepted, result.rejected) == (5, 7)
    assert result.reasons == {
        "bad_coordinates": 1,  # "NaN" as a coordinate
        "malformed": 1,  # a number where a feature belongs
        "no_address_or_position": 1,  # no geometry, no address
        "not_current": 1,  # the layer's actual = 0
        "outside_kyiv": 2,  # Lviv, and [lat, lon] written the wrong way round
        "unknown_kind": 1,  # "spaceport"
    }


def test_geojson_kyiv_layer_fields():
    shelters = by_id(read_shelters(FIXTURES / "geojson_small.geojson"))
    school = shelters["geojson:501"]  # the feature id
    assert (school.lat, school.lon) == (50.4401, 30.5101)  # from geometry [lon, lat], not the "coord" text
    assert (school.kind, school.place, school.name_uk) == (Kind.SIMPLEST_SHELTER, "Підвал ОЗ", "Підвал ОЗ, Школа")
    assert (school.phone, school.accessible, school.open_24_7) == ("441112233", None, False)
    entrance = shelters["geojson:502"]  # OBJECTID in capitals
    assert (entrance.kind, entrance.address, entrance.accessible, entrance.open_24_7) == (
        Kind.METRO,
        "",  # the placeholder is not an address; the point is what matters
        True,
        True,
    )
    no_geometry = shelters["geojson:504"]  # placed from its lat/long properties
    assert (no_geometry.lat, no_geometry.lon, no_geometry.kind) == (50.4704, 30.5404, Kind.CIVIL_DEFENCE_SHELTER)


def test_geojson_generic_fields():
    result = read_shelters(FIXTURES / "geojson_small.geojson")
    by_name = {s.name_uk: s for s in result.shelters}
    metro = by_name["Примарна"]
    assert (metro.kind, metro.name_en, metro.line, metro.capacity) == (Kind.METRO, "Prymarna", "M2", 3000)
    assert (metro.accessible, metro.open_24_7) == (True, True)
    assert metro.id.startswith("geojson:") and len(metro.id) == len("geojson:") + 12  # a hash: no id given
    yard = by_name["Двір"]
    assert (yard.kind, yard.capacity, yard.accessible, yard.open_24_7) == (Kind.OTHER, 150, False, True)


def test_single_feature_and_arcgis_json(tmp_path):
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [30.5, 50.45]},
        "properties": {"name": "Одне", "kind": "simplest_shelter"},
    }
    (tmp_path / "one.geojson").write_text(json.dumps(feature), encoding="utf-8")
    assert read_shelters(tmp_path / "one.geojson").accepted == 1
    arcgis = {
        "features": [
            {
                "attributes": {"OBJECTID": 7, "address": "вул. Нереальна, 7", "type": "Укриття"},
                "geometry": {"x": 30.5, "y": 50.45},
            }
        ]
    }
    (tmp_path / "layer.json").write_text(json.dumps(arcgis), encoding="utf-8")
    [shelter] = read_shelters(tmp_path / "layer.json").shelters
    assert (shelter.id, shelter.lat, shelter.lon) == ("geojson:7", 50.45, 30.5)


# --- KML / KMZ -----------------------------------------------------------------------------------------------


def test_kml_counts_and_fields():
    result = read_shelters(FIXTURES / "kmda_small.kml")
    assert (result.source, result.attribution) == ("kml", KMDA_ATTRIBUTION)
    assert (result.accepted, result.rejected, result.unpositioned) == (5, 3, 1)
    assert result.reasons == {"bad_coordinates": 1, "outside_kyiv": 1, "unknown_kind": 1}
    shelters = {s.address or s.name_uk: s for s in result.shelters}
    first = shelters["вул. Вигадана, 10-Б"]  # "м. Київ, " dropped
    assert (first.lat, first.lon, first.district) == (50.4384874, 30.5120886, "Вигаданський")
    assert (first.kind, first.place, first.phone, first.accessible) == (
        Kind.CIVIL_DEFENCE_SHELTER,
        "Підвал",
        "200-00-01",
        False,
    )
    parking = shelters["вул. Вигадана, 12"]  # "м.Київ," without a space; district in CDATA
    assert (parking.kind, parking.accessible, parking.district) == (Kind.SIMPLEST_SHELTER, True, "Вигаданський")
    metro = shelters["Станція метро «Вигадана»"]
    assert (metro.kind, metro.name_uk) == (Kind.METRO, "Вигадана")
    assert not shelters["вул. Без точки, 1"].has_position  # no Point: kept by its address
    plain = shelters["Укриття у дворі"]  # a placemark from some other map: a name, no fields
    assert (plain.kind, plain.address, plain.lat) == (Kind.OTHER, "", 50.46)


def test_kml_ids_hash_address_and_position():
    ids = [s.id for s in read_shelters(FIXTURES / "kmda_small.kml").shelters]
    assert ids == [s.id for s in read_shelters(FIXTURES / "kmda_small.kml").shelters]
    assert all(i.startswith("kml:") for i in ids) and len(set(ids)) == len(ids)


def test_kmz_reads_like_its_kml(tmp_path):
    kmz = tmp_path / "map.kmz"
    with zipfile.ZipFile(kmz, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("images/icon-1.png", b"\x89PNG")
        archive.writestr("doc.kml", (FIXTURES / "kmda_small.kml").read_bytes())
    assert read_shelters(kmz).shelters == read_shelters(FIXTURES / "kmda_small.kml").shelters


def test_kml_with_schema_data_and_description_fields(tmp_path):
    kml = """<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>м. Київ, вул. Схемна, 1</name>
        <ExtendedData><SchemaData schemaUrl="#s">
          <SimpleData name="Тип укриття">Найпростіші укриття</SimpleData>
          <SimpleData name="Район">Уявний район</SimpleData>
        </SchemaData></ExtendedData>
        <Point><coordinates>30.5,50.45,0</coordinates></Point></Placemark>
      <Placemark><name>м. Київ, вул. Описова, 2</name>
        <description><![CDATA[Район: Уявний<br>Тип укриття: Подвійного призначення<br/>
          Вид укриття: Підвал]]></description>
        <Point><coordinates>30.51,50.46,0</coordinates></Point></Placemark>
    </Document></kml>"""
    (tmp_path / "map.kml").write_text(kml, encoding="utf-8")
    schema, described = read_shelters(tmp_path / "map.kml").shelters
    assert (schema.kind, schema.district, schema.address) == (Kind.SIMPLEST_SHELTER, "Уявний", "вул. Схемна, 1")
    assert (described.kind, described.place, described.district) == (Kind.CIVIL_DEFENCE_SHELTER, "Підвал", "Уявний")


def test_kind_counts_of_each_fixture():
    # One line per fixture: the kinds a person would see on the map after importing it.
    assert Counter(s.kind for s in read_shelters(FIXTURES / "osm_small.json").shelters) == {
        Kind.METRO: 4,
        Kind.SIMPLEST_SHELTER: 1,
        Kind.CIVIL_DEFENCE_SHELTER: 3,
    }
    assert Counter(s.kind for s in read_shelters(FIXTURES / "kmda_small.kml").shelters) == {
        Kind.CIVIL_DEFENCE_SHELTER: 1,
        Kind.SIMPLEST_SHELTER: 2,
        Kind.METRO: 1,
        Kind.OTHER: 1,
    }


def test_an_unnamed_metro_entrance_takes_its_stations_name(tmp_path):
    # an OSM entrance without a name was listed under its id ("osm:node/1"): never show an id as a name
    from shelterapp.shelters.bundled import load_bundled

    bundled = load_bundled()
    maidan = next(s for s in bundled.shelters if s.name_en == "Maidan Nezalezhnosti")
    elements = [
        {
            "type": "node",
            "id": 1,
            "lat": maidan.lat + 0.0003,
            "lon": maidan.lon,
            "tags": {"railway": "subway_entrance"},
        },
        {"type": "node", "id": 2, "lat": 50.30, "lon": 30.80, "tags": {"railway": "subway_entrance", "ref": "3"}},
        {"type": "node", "id": 3, "lat": 50.30, "lon": 30.40, "tags": {"railway": "subway_entrance"}},
        {  # a station's relation that lists its entrance wins over any guess
            "type": "relation",
            "id": 9,
            "tags": {"public_transport": "stop_area", "name": "Вигадана", "name:en": "Vyhadana"},
            "members": [{"type": "node", "ref": 3, "role": "entrance"}],
        },
    ]
    path = tmp_path / "osm.json"
    path.write_text(json.dumps({"elements": elements}), encoding="utf-8")
    shelters = by_id(read_shelters(path, station_near=bundled.station_near))
    assert (shelters["osm:node/1"].name_uk, shelters["osm:node/1"].name_en) == (maidan.name_uk, maidan.name_en)
    far = shelters["osm:node/2"]  # no station near, no relation: still never its id
    assert far.name_uk == "" and far.display_name("uk") == "Вхід до метро № 3" and "osm:" not in far.display_name("en")
    assert (shelters["osm:node/3"].name_uk, shelters["osm:node/3"].name_en) == ("Вигадана", "Vyhadana")
    assert shelters["osm:node/1"].id == "osm:node/1"  # the name never changes an id
