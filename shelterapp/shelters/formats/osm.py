"""OpenStreetMap data as Overpass JSON ({"elements": [...]}): metro stations and entrances, air-raid shelters.

Nodes carry lat/lon; ways and relations carry a "center" when the query asked for `out center`. Entrances
without a name take the name of the station relation (stop_area) that lists them, when the answer has it; else
the name of the nearest named metro element within NAME_RADIUS_M (most unnamed entrances are a few tens of
metres from a named one of the same station); else the importer names them after our nearest bundled station.
"""

from __future__ import annotations

from collections.abc import Iterable

from shelterapp.shelters.formats import vocab
from shelterapp.shelters.formats.base import (
    OSM_ATTRIBUTION,
    Parsed,
    RawRow,
    UnreadableFile,
    as_text,
    check_row_count,
)
from shelterapp.shelters.geodesy import geodesic_m
from shelterapp.shelters.model import Kind, inside_kyiv

NAME_RADIUS_M = 400.0
MAX_NAMING_PAIRS = 2_000_000

# amenity=shelter + shelter_type=...; the Ukrainian community tags basements that serve as shelters this way.
SHELTER_TYPES = {
    "bomb_shelter": Kind.CIVIL_DEFENCE_SHELTER,
    "air_raid": Kind.CIVIL_DEFENCE_SHELTER,
    "air_raid_shelter": Kind.CIVIL_DEFENCE_SHELTER,
    "civil_defence": Kind.CIVIL_DEFENCE_SHELTER,
    "civil_defense": Kind.CIVIL_DEFENCE_SHELTER,
    "basement": Kind.SIMPLEST_SHELTER,
}
# bunker_type values that are shelters for people; pillboxes, gun emplacements and the like are not.
BUNKER_SHELTER_TYPES = {
    "civil_defence",
    "civil_defense",
    "bomb_shelter",
    "air_raid_shelter",
    "air_raid",
    "shelter",
}
BUNKER_NOT_SHELTER_TYPES = {
    "pillbox",
    "gun_emplacement",
    "missile_silo",
    "hardened_aircraft_shelter",
    "munitions",
}


def read(document: object) -> Parsed:
    if not isinstance(document, dict) or not isinstance(document.get("elements"), list):
        raise UnreadableFile("The file is not OpenStreetMap (Overpass) JSON.", "not_recognised")
    check_row_count(len(document["elements"]))  # before building a row for each
    rows = [_row(element) for element in document["elements"]]
    _name_from_station_relations(rows, document["elements"])
    _name_unnamed_entrances(rows)
    return Parsed(rows, OSM_ATTRIBUTION)


def _name_from_station_relations(rows: list[RawRow], elements: list[object]) -> None:
    """Entrances a station's relation lists as members take the station's name."""
    names: dict[str, tuple[str, str]] = {}
    for element in elements:
        if not isinstance(element, dict) or element.get("type") != "relation":
            continue
        raw_tags, members = element.get("tags"), element.get("members")
        if not isinstance(raw_tags, dict) or not isinstance(members, list):
            continue
        tags = {str(k): as_text(v).strip() for k, v in raw_tags.items()}
        station = tags.get("public_transport") in ("stop_area", "station") or tags.get("station") == "subway"
        name_uk = tags.get("name:uk") or tags.get("name", "")
        if not station or not name_uk:
            continue
        for member in members:
            if isinstance(member, dict) and member.get("type") == "node":
                names.setdefault(f"node/{as_text(member.get('ref'))}", (name_uk, tags.get("name:en", "")))
    for row in rows:
        if row.kind is Kind.METRO and not row.name_uk and row.native_id in names:
            row.name_uk, row.name_en = names[row.native_id][0], row.name_en or names[row.native_id][1]


def kind_of(tags: dict[str, str]) -> Kind | None:
    """The shelter kind an element's tags describe, or None when it is not a shelter."""
    railway, station = tags.get("railway", ""), tags.get("station", "")
    if railway == "subway_entrance" or station == "subway":
        return Kind.METRO
    if railway in ("station", "halt") and tags.get("subway") == "yes":
        return Kind.METRO
    if tags.get("amenity") == "shelter" and tags.get("shelter_type") in SHELTER_TYPES:
        return SHELTER_TYPES[tags["shelter_type"]]
    bunker_type = tags.get("bunker_type", "")
    if bunker_type in BUNKER_SHELTER_TYPES:
        return Kind.CIVIL_DEFENCE_SHELTER
    is_bunker = tags.get("building") == "bunker" or tags.get("military") == "bunker"
    if is_bunker and bunker_type not in BUNKER_NOT_SHELTER_TYPES and not tags.get("historic"):
        return Kind.CIVIL_DEFENCE_SHELTER
    if tags.get("air_raid_shelter") == "yes" or tags.get("bomb_shelter") == "yes":
        return Kind.CIVIL_DEFENCE_SHELTER
    return None


def _row(element: object) -> RawRow:
    if not isinstance(element, dict):
        return RawRow(reject="malformed")
    raw_tags = element.get("tags")
    tags = {str(k): as_text(v).strip() for k, v in raw_tags.items()} if isinstance(raw_tags, dict) else {}
    kind = kind_of(tags)
    if kind is None:
        return RawRow(reject="not_a_shelter")
    centre = element.get("center")
    position = centre if isinstance(centre, dict) else element
    element_type, element_id = as_text(element.get("type")), as_text(element.get("id"))
    street, house = tags.get("addr:street", ""), tags.get("addr:housenumber", "")
    hours = tags.get("opening_hours", "")
    return RawRow(
        kind=kind,
        name_uk=tags.get("name:uk") or tags.get("name", ""),
        name_en=tags.get("name:en", ""),
        address=", ".join(part for part in (street, house) if part) if street else tags.get("addr:full", ""),
        district=vocab.district(tags.get("addr:district", "")),
        lat=position.get("lat"),
        lon=position.get("lon"),
        capacity=tags.get("capacity"),
        accessible={"yes": True, "designated": True, "no": False}.get(tags.get("wheelchair", "")),
        open_24_7=vocab.open_24_7(hours),
        line=tags.get("line", ""),
        phone=tags.get("phone") or tags.get("contact:phone", ""),
        place=_place(tags, kind),
        hours=hours,
        native_id=f"{element_type}/{element_id}" if element_type and element_id else "",
    )


def _place(tags: dict[str, str], kind: Kind) -> str:
    if kind is not Kind.METRO:
        return "Підвал" if tags.get("shelter_type") == "basement" else ""
    if tags.get("railway") != "subway_entrance":
        return "Станція метро"
    ref = tags.get("ref", "")
    return f"Вхід до метро № {ref}" if ref else "Вхід до метро"


def _point(row: RawRow) -> tuple[float, float] | None:
    """The row's position if it is a plain number pair inside Kyiv (the only ones worth naming from)."""
    if isinstance(row.lat, float | int) and isinstance(row.lon, float | int):
        try:
            lat, lon = float(row.lat), float(row.lon)
        except OverflowError:
            return None
        if inside_kyiv(lat, lon):
            return lat, lon
    return None


def _name_unnamed_entrances(rows: list[RawRow]) -> None:
    named = [(point, row) for row in rows if row.kind is Kind.METRO and row.name_uk and (point := _point(row))]
    unnamed = [(point, row) for row in rows if row.kind is Kind.METRO and not row.name_uk and (point := _point(row))]
    if len(named) * len(unnamed) > MAX_NAMING_PAIRS:  # not a metro file a city could have; skip the work
        return
    for point, row in unnamed:
        best: tuple[float, RawRow] | None = None
        for other_point, other in named:
            metres = geodesic_m(*point, *other_point)
            if metres <= NAME_RADIUS_M and (best is None or metres < best[0]):
                best = (metres, other)
        if best is not None:
            row.name_uk, row.name_en = best[1].name_uk, best[1].name_en or row.name_en


def _one_of(values: Iterable[str]) -> str:
    return "^(" + "|".join(sorted(values)) + ")$"


# Tag filters, each as osm.kind_of() reads it (tests/shelters/test_updater.py checks every one gives a kind).
OVERPASS_FILTERS = (
    '["railway"="subway_entrance"]',
    '["station"="subway"]',
    '["railway"~"^(halt|station)$"]["subway"="yes"]',
    f'["amenity"="shelter"]["shelter_type"~"{_one_of(SHELTER_TYPES)}"]',
    f'["bunker_type"~"{_one_of(BUNKER_SHELTER_TYPES)}"]',
    '["building"="bunker"]',
    '["military"="bunker"]',
    '["air_raid_shelter"="yes"]',
    '["bomb_shelter"="yes"]',
)
# Kyiv city by its ISO 3166-2 code (UA-30); "out center" gives ways and relations a point, nodes keep theirs.
OVERPASS_QUERY = (
    '[out:json][timeout:150];area["ISO3166-2"="UA-30"]->.kyiv;('
    + "".join(f"nwr{f}(area.kyiv);" for f in OVERPASS_FILTERS)
    + ");out center;"
)
