"""GeoJSON (a FeatureCollection or one Feature) of shelter points: Kyiv's ArcGIS layer or any other tool's.

Kyiv's layer (KYIV_API/Public_protection/MapServer/0, f=geojson) names its fields objectid, district,
address, type (Тип укриття), kind (Вид укриття), type_building, tel, invalid (ramp), working_time, lat, long,
actual, and writes "<Null>" for empty values; generic files may use name, name_uk, name_en, kind/type,
address, district, capacity, accessible/wheelchair, open_24_7/opening_hours. ArcGIS's own JSON ("attributes"
with x/y geometry) is read too. Coordinates are [lon, lat].
"""

from __future__ import annotations

from collections.abc import Callable

from shelterapp.shelters.formats import vocab
from shelterapp.shelters.formats.base import (
    KMDA_ATTRIBUTION,
    Parsed,
    RawRow,
    UnreadableFile,
    as_text,
    check_row_count,
    is_null,
)
from shelterapp.shelters.model import Kind

KIND_KEYS = ("kind", "type", "тип укриття", "shelter_type", "category")
KYIV_LAYER_KEYS = frozenset({"type_building", "working_time", "address_old", "link_1551"})


def read(document: object) -> Parsed:
    features = _features(document)
    check_row_count(len(features))  # before building a row for each
    rows: list[RawRow] = []
    kyiv_layer = False
    for feature in features:
        if not isinstance(feature, dict):
            rows.append(RawRow(reject="malformed"))
            continue
        props = _properties(feature)
        from_kyiv = not KYIV_LAYER_KEYS.isdisjoint(props)
        kyiv_layer = kyiv_layer or from_kyiv
        rows.append(_row(feature, props, from_kyiv))
    return Parsed(rows, KMDA_ATTRIBUTION if kyiv_layer else "")


def _features(document: object) -> list[object]:
    if isinstance(document, dict):
        if document.get("type") == "FeatureCollection" and isinstance(document.get("features"), list):
            return list(document["features"])
        if document.get("type") == "Feature":
            return [document]
        if isinstance(document.get("features"), list) and "type" not in document:  # ArcGIS f=json
            return list(document["features"])
    raise UnreadableFile("The file is not a GeoJSON FeatureCollection.", "not_recognised")


def _properties(feature: dict[str, object]) -> dict[str, object]:
    """The feature's properties (ArcGIS JSON: attributes) under casefolded keys."""
    props = feature.get("properties")
    if not isinstance(props, dict):
        props = feature.get("attributes")
    if not isinstance(props, dict):
        return {}
    return {vocab.norm(str(key)): value for key, value in props.items()}


def _first(props: dict[str, object], *keys: str) -> object:
    for key in keys:
        value = props.get(key)
        if value is not None and not (isinstance(value, str) and is_null(value)):
            return value
    return None


def _text(props: dict[str, object], *keys: str) -> str:
    return as_text(_first(props, *keys))


def _row(feature: dict[str, object], props: dict[str, object], from_kyiv: bool) -> RawRow:
    actual = _text(props, "actual").strip().casefold()
    if actual in ("0", "false", "ні", "no"):
        return RawRow(reject="not_current")
    lat, lon = _position(feature, props)
    place = _text(props, "place", "вид укриття") or (_text(props, "kind") if from_kyiv else "")
    kind = _kind(props, place)
    raw_address = _text(props, "address", "адреса", "addr")
    address = vocab.address(raw_address)
    station = vocab.station_name(raw_address) if kind is Kind.METRO else ""
    hours = _text(props, "opening_hours", "working_time", "режим роботи", "hours")
    described = vocab.describe(place, _text(props, "type_building", "тип будівлі"))
    return RawRow(
        kind=kind,
        name_uk=_text(props, "name_uk", "name:uk", "name", "назва") or station or described or address,
        name_en=_text(props, "name_en", "name:en"),
        address=address,
        district=vocab.district(_text(props, "district", "район")),
        lat=lat,
        lon=lon,
        capacity=_first(props, "capacity", "місткість"),
        accessible=_flag(_first(props, "accessible", "wheelchair", "invalid", "ramp"), vocab.ramp),
        open_24_7=_flag(_first(props, "open_24_7"), vocab.open_24_7)
        if "open_24_7" in props
        else vocab.open_24_7(hours),
        line=_text(props, "line"),
        phone=vocab.phone(_first(props, "phone", "tel", "телефон", "№ телефону")),
        place=place,
        hours=hours,
        station=station,
        native_id=as_text(feature.get("id")) or _text(props, "objectid", "fid", "id", "globalid"),
    )


def _kind(props: dict[str, object], place: str) -> Kind | None:
    """The first kind-like field that names a known kind; OTHER when the file has no such field at all."""
    if vocab.is_metro_place(place):
        return Kind.METRO
    texts = [_text(props, key) for key in KIND_KEYS if key in props]
    for text in texts:
        kind = vocab.kind_from_text(text)
        if kind is not None:
            return kind
    return None if texts else Kind.OTHER


def _flag(value: object, parse_text: Callable[[str], bool | None]) -> bool | None:
    """A yes/no field: JSON true/false, 1/0, or words ("Відсутній", "yes", "24/7"...)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    return None if value is None else parse_text(as_text(value))


def _position(feature: dict[str, object], props: dict[str, object]) -> tuple[object, object]:
    """(lat, lon) from a Point geometry ([lon, lat]), an ArcGIS x/y geometry, or lat/lon properties."""
    geometry = feature.get("geometry")
    if isinstance(geometry, dict):
        coordinates = geometry.get("coordinates")
        if geometry.get("type") == "Point" and isinstance(coordinates, list) and len(coordinates) >= 2:
            return coordinates[1], coordinates[0]
        if "x" in geometry and "y" in geometry:
            return geometry.get("y"), geometry.get("x")
    return _first(props, "lat", "latitude", "широта"), _first(props, "lon", "long", "lng", "longitude", "довгота")
