"""KML or KMZ shelter maps, such as KMDA's "Укриття для населення м. Києва" (Google My Maps export).

One Placemark per shelter: <name> is the address ("м. Київ, вул. Антоновича, 10-Б"), a Point holds
"lon,lat,0", and ExtendedData carries the official list's fields (Район, Тип укриття, Вид укриття, ramp ...).
Parsed only with defusedxml: a DTD that declares entities (billion laughs) or reaches outside the file is
refused before anything is expanded. A KMZ is a zip holding doc.kml; its unpacked size is capped.
"""

from __future__ import annotations

import codecs
import functools
import io
import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import iterparse

from shelterapp.shelters.formats import vocab
from shelterapp.shelters.formats.base import (
    KMDA_ATTRIBUTION,
    Parsed,
    RawRow,
    UnreadableFile,
    as_text,
    check_row_count,
    decode_utf8,
    open_zip,
    read_member,
)
from shelterapp.shelters.model import Kind

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def read(data: bytes) -> Parsed:
    """Placemarks from the bytes of a .kml file or a .kmz archive."""
    text, damaged = _repaired(_unzip(data) if data.startswith(b"PK") else data)
    rows: list[RawRow] = []
    kyiv_fields = False
    for fields in _placemarks(text):
        kyiv_fields = kyiv_fields or "kind" in fields
        rows.append(_row(fields))
    return Parsed(rows, KMDA_ATTRIBUTION if kyiv_fields else "", damaged)


def _repaired(text: bytes) -> tuple[bytes, bool]:
    """KML is UTF-8 unless it declares another encoding: bytes that are not valid UTF-8 are replaced, so that
    one damaged byte costs its placemark rather than the whole map. Returns the bytes and whether any was."""
    declared = _DECLARED_ENCODING.search(text[:256])
    if declared and declared.group(1).decode("ascii").casefold().replace("_", "-") not in ("utf-8", "utf8"):
        return text, False
    if text.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return text, False
    decoded, damaged = decode_utf8(text)
    return (decoded.encode("utf-8") if damaged else text), damaged


def _unzip(data: bytes) -> bytes:
    archive = open_zip(data, "KMZ")
    with archive:
        members = [info for info in archive.infolist() if info.filename.casefold().endswith(".kml")]
        members.sort(key=lambda info: info.filename.casefold() != "doc.kml")  # doc.kml first, as the spec says
        if not members:
            raise UnreadableFile("The KMZ file has no KML map inside.", "not_recognised")
        return read_member(archive, members[0], "KMZ")


@functools.lru_cache(maxsize=512)
def _local(tag: object) -> str:
    """Tag name without its namespace: "{http://www.opengis.net/kml/2.2}Placemark" -> "Placemark"."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _placemarks(text: bytes) -> list[dict[str, str]]:
    """Fields per Placemark, in document order, named as vocab.header_field names them, plus "name",
    "description" and "point" (the first Point's coordinates)."""
    found: list[dict[str, str]] = []
    last_tag = ""
    try:
        for _event, element in iterparse(io.BytesIO(text), events=("end",)):
            last_tag = _local(element.tag)
            if last_tag == "Placemark":
                found.append(_fields(element))
                element.clear()
                check_row_count(len(found))
    except (EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise UnreadableFile("The map file declares XML entities, which are refused for safety.", "unsafe") from exc
    except (ParseError, DefusedXmlException, LookupError, ValueError) as exc:
        raise UnreadableFile("The map file is not well-formed KML.", "corrupt") from exc
    if last_tag != "kml":  # the root element ends last
        raise UnreadableFile("The file is XML but not a KML map.", "not_recognised")
    return found


def _fields(placemark: Element) -> dict[str, str]:
    fields: dict[str, str] = {}
    for child in placemark:
        tag = _local(child.tag)
        if tag in ("name", "description"):
            fields[tag] = child.text or ""
    for element in placemark.iter():
        tag = _local(element.tag)
        if tag in ("Data", "SimpleData"):
            value = element.text if tag == "SimpleData" else _child_text(element, "value")
            name = vocab.header_field(element.get("name", ""))
            if name and name not in fields:
                fields[name] = value or ""
        elif tag == "Point" and "point" not in fields:
            fields["point"] = _child_text(element, "coordinates")
    if "kind" not in fields and "district" not in fields:
        _description_fields(fields.get("description", ""), fields)
    return fields


def _child_text(element: Element, tag: str) -> str:
    for child in element:
        if _local(child.tag) == tag:
            return child.text or ""
    return ""


def _description_fields(description: str, fields: dict[str, str]) -> None:
    """Older exports keep the fields only in the description: "Район: Голосіївський<br>Тип укриття: ..."."""
    for line in _BR.split(description):
        key, sep, value = _TAG.sub("", line).partition(":")
        name = vocab.header_field(key) if sep else ""
        if name and name not in fields:
            fields[name] = value.strip()


def _row(fields: dict[str, str]) -> RawRow:
    place = as_text(fields.get("place", ""))
    if "kind" in fields:
        kind = vocab.resolve_kind(as_text(fields["kind"]), place)
    else:
        kind = Kind.METRO if vocab.is_metro_place(place) else Kind.OTHER
    # KMDA's placemarks are named by their address; another map's names are just names.
    raw_address = fields.get("address") or (fields.get("name", "") if "kind" in fields else "")
    address = vocab.address(as_text(raw_address))
    station = vocab.station_name(raw_address) if kind is Kind.METRO else ""
    lon, lat = _first_point(fields.get("point", ""))
    hours = as_text(fields.get("hours", ""))
    described = vocab.describe(place, as_text(fields.get("building", "")))
    return RawRow(
        kind=kind,
        name_uk=station or described or as_text(fields.get("name", "")) or address,
        address=address,
        district=vocab.district(as_text(fields.get("district", ""))),
        lat=lat,
        lon=lon,
        accessible=vocab.ramp(fields.get("ramp", "")),
        open_24_7=vocab.open_24_7(hours),
        phone=vocab.phone(fields.get("phone", "")),
        place=place,
        hours=hours,
        station=station,
    )


def _first_point(coordinates: str) -> tuple[str | None, str | None]:
    """(lon, lat) of the first "lon,lat[,alt]" tuple, as text for importer.py to validate."""
    tuples = coordinates.split()
    parts = tuples[0].split(",") if tuples else []
    return (parts[0], parts[1]) if len(parts) >= 2 else (None, None)
