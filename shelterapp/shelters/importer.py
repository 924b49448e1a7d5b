"""Read a shelter file into validated Shelter records: the one entry point and the one place rows are checked.

Formats: Kyiv's official list (kyiv-opendata: CSV or XLSX), OpenStreetMap Overpass JSON (osm), GeoJSON
(geojson, e.g. the city's ArcGIS layer) and KML/KMZ maps (kml). Readers in formats/ turn bytes into RawRows;
here every row is checked the same way (known kind, finite coordinates inside Kyiv, clean bounded strings,
sane capacity) and given an id that stays the same when the same file is imported again. A bad row never
raises: it is counted under a reason code. Only a file that cannot be read at all raises UnreadableFile.

Reason codes: unknown_kind, not_a_shelter, no_address_or_position, outside_kyiv, bad_coordinates, not_current
(the city's layer marks the row as no longer actual), malformed (not an object where one belongs),
damaged_text (the row holds bytes that are not valid text in the file's encoding). A file of more than
MAX_ROWS rows is refused as a whole (UnreadableFile "too_many_rows").
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from shelterapp.progress import RowProgress
from shelterapp.shelters.formats import geojson, kml, kyiv_opendata, osm, vocab
from shelterapp.shelters.formats.base import (
    MAX_FILE_BYTES,
    Parsed,
    RawRow,
    UnreadableFile,
    check_row_count,
    holds_damaged_text,
    json_document,
    open_zip,
)
from shelterapp.shelters.model import Kind, Shelter, inside_kyiv

__all__ = ["FORMATS", "ImportResult", "UnreadableFile", "read_shelters"]

log = logging.getLogger(__name__)

FORMATS = ("auto", "kyiv-opendata", "osm", "geojson", "kml")
MAX_TEXT = 300  # characters kept of any one text field; longer text is cut, the row is kept
MAX_CAPACITY = 100_000  # people; Kyiv's largest metro stations hold a few thousand
ID_HASH_CHARS = 12

MetroLookup = Callable[[str], tuple[float, float] | None]
StationNear = Callable[[float, float], tuple[str, str] | None]  # position -> (name_uk, name_en) of its station

# Control and invisible formatting characters (bidi overrides, zero-width, BOM, lone surrogates) are dropped;
# whitespace of any kind (tabs, newlines, no-break spaces) becomes one space.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


@dataclass
class ImportResult:
    source: str  # dataset key the store replaces as a unit: "kyiv-opendata" | "osm" | "geojson" | "kml"
    shelters: list[Shelter]
    rejected: int
    reasons: dict[str, int] = field(default_factory=dict)  # rejection reason code -> count
    unpositioned: int = 0  # accepted rows without coordinates (kept; shown by district/address)
    attribution: str = ""

    @property
    def accepted(self) -> int:
        return len(self.shelters)


def read_shelters(
    path: Path,
    fmt: str = "auto",
    *,
    metro_lookup: MetroLookup | None = None,
    station_near: StationNear | None = None,
    updated: str | None = None,
    progress: RowProgress | None = None,
) -> ImportResult:
    """Read and validate one shelter file. Raises UnreadableFile when the file as a whole cannot be read.

    metro_lookup(station_name) may return (lat, lon) for a metro station named in a row that has no position
    (the name as written between the quotes, e.g. "Палац «Україна»"; compare loosely: case and apostrophes
    vary). A point outside Kyiv is ignored; an exception from it is the caller's and propagates.
    station_near(lat, lon) may return the names of the metro station at a position: a metro row without any
    name (an OpenStreetMap entrance) takes its station's, so no id is ever shown as a name.
    updated is the ISO date of the data (default: today). progress(rows) hears of the rows read so far: as they
    stream for the official CSV/XLSX (the slow ones), once at the end for the others.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown shelter file format {fmt!r}; expected one of {FORMATS}")
    data = _read_bytes(Path(path))
    source, parsed = _parse(data, fmt, Path(path).suffix.casefold(), progress)
    check_row_count(len(parsed.rows))
    if progress is not None:
        progress(len(parsed.rows))
    result = _validate(parsed, source, metro_lookup, clean(updated or "") or date.today().isoformat(), station_near)
    log.info(
        "imported %s from %s: %d accepted (%d without position), %d rejected %s",
        source,
        Path(path).name,
        result.accepted,
        result.unpositioned,
        result.rejected,
        result.reasons,
    )
    return result


def _read_bytes(path: Path) -> bytes:
    name = path.name or str(path)
    try:
        if not path.is_file():
            missing = not path.exists()
            raise UnreadableFile(
                f"The file “{name}” does not exist." if missing else f"“{name}” is not a regular file.",
                "missing",
            )
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableFile(f"The file “{name}” is larger than 100 MB; it was not read.", "too_large")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UnreadableFile(f"The file “{name}” cannot be opened: {exc.strerror or exc}.", "missing") from exc
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"The file “{name}” is larger than 100 MB; it was not read.", "too_large")
    if not data.strip():
        raise UnreadableFile(f"The file “{name}” is empty.", "empty")
    return data


def _parse(data: bytes, fmt: str, suffix: str, progress: RowProgress | None = None) -> tuple[str, Parsed]:
    """(dataset key, parsed rows) for an explicit format, or for the format the content shows."""
    loaded: tuple[object, bool] | None = None
    if fmt == "auto":
        fmt, loaded = _detect(data, suffix)
    if fmt == "kyiv-opendata":
        return fmt, kyiv_opendata.read(data, progress)
    if fmt == "kml":
        return fmt, kml.read(data)
    document, damaged = loaded or json_document(data)
    parsed = osm.read(document) if fmt == "osm" else geojson.read(document)
    return fmt, parsed._replace(damaged=damaged)


def _detect(data: bytes, suffix: str) -> tuple[str, tuple[object, bool] | None]:
    """The format by content (an extension is often wrong, e.g. GeoJSON saved as .json or KML as .xml);
    the extension only picks the error message for content that is none of them. A parsed JSON document
    comes along so that it is parsed once."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK"):
        with open_zip(data, "zip") as archive:
            names = [name.casefold() for name in archive.namelist()]
        if any(name.endswith(".kml") for name in names):
            return "kml", None
        if "xl/workbook.xml" in names:
            return "kyiv-opendata", None
        raise UnreadableFile("The file is a zip archive with neither a KML map nor a spreadsheet.", "not_recognised")
    if head.startswith((b"{", b"[")) or suffix in (".json", ".geojson"):
        loaded = json_document(data)
        document = loaded[0]
        if isinstance(document, dict) and "elements" in document:
            return "osm", loaded
        if isinstance(document, dict) and ("features" in document or document.get("type") == "Feature"):
            return "geojson", loaded
        raise UnreadableFile("The file is JSON but neither OpenStreetMap nor GeoJSON data.", "not_recognised")
    if head.startswith(b"<") or suffix in (".kml", ".kmz"):
        return "kml", None  # the reader refuses XML that is not KML
    if suffix in (".xlsx", ".xlsm"):
        raise UnreadableFile("The spreadsheet is damaged or not an Excel workbook.", "corrupt")
    return "kyiv-opendata", None  # CSV; the reader refuses a file without the official headers


def _validate(
    parsed: Parsed, source: str, lookup: MetroLookup | None, updated: str, station_near: StationNear | None = None
) -> ImportResult:
    reasons: Counter[str] = Counter()
    shelters: list[Shelter] = []
    repeats: Counter[str] = Counter()
    used: set[str] = set()
    for raw in parsed.rows:
        damaged = parsed.damaged and not raw.reject and holds_damaged_text(raw)  # a reader's own reason wins
        checked = "damaged_text" if damaged else check_row(raw, lookup)
        if isinstance(checked, str):
            reasons[checked] += 1
            continue
        base = _base_id(source, raw, checked)  # before naming: an id never depends on our bundled list
        if station_near is not None:
            checked = _named_after_station(checked, station_near)
        repeats[base] += 1
        ident, count = base, repeats[base]
        if count > 1:
            ident = f"{base}-{count}"
        while ident in used:  # repeats in one file get -2, -3 ... in file order
            count += 1
            ident = f"{base}-{count}"
        used.add(ident)
        shelters.append(replace(checked, id=ident, source=source, updated=updated))
    return ImportResult(
        source=source,
        shelters=shelters,
        rejected=sum(reasons.values()),
        reasons=dict(sorted(reasons.items())),
        unpositioned=sum(1 for shelter in shelters if not shelter.has_position),
        attribution=parsed.attribution,
    )


def check_row(raw: RawRow, lookup: MetroLookup | None = None) -> Shelter | str:
    """The row as a Shelter with clean fields (id, source and updated left empty), or why it is rejected."""
    if raw.reject:
        return raw.reject
    if raw.kind is None:
        return "unknown_kind"
    position = _position(raw.lat, raw.lon)
    if isinstance(position, str):
        return position
    station = clean(raw.station)
    if position is None and station and lookup is not None:
        position = _lookup_position(lookup(station))
    address = clean(raw.address)
    if position is None and not address:
        return "no_address_or_position"
    lat, lon = position if position is not None else (None, None)
    return Shelter(
        id="",
        name_uk=clean(raw.name_uk),
        name_en=clean(raw.name_en),
        kind=Kind(raw.kind),
        address=address,
        district=clean(raw.district),
        lat=lat,
        lon=lon,
        capacity=capacity(raw.capacity),
        accessible=raw.accessible if isinstance(raw.accessible, bool) else None,
        open_24_7=raw.open_24_7 if isinstance(raw.open_24_7, bool) else None,
        line=clean(raw.line),
        phone=clean(raw.phone),
        place=clean(raw.place),
        hours=clean(raw.hours),
    )


def _named_after_station(shelter: Shelter, station_near: StationNear) -> Shelter:
    if shelter.kind is not Kind.METRO or shelter.name_uk or shelter.name_en or shelter.lat is None:
        return shelter
    names = station_near(shelter.lat, shelter.lon or 0.0)
    if not names:
        return shelter
    return replace(shelter, name_uk=clean(names[0]), name_en=clean(names[1]))


def clean(text: str, limit: int = MAX_TEXT) -> str:
    """Text without control or invisible characters, whitespace collapsed, at most `limit` characters."""
    if not isinstance(text, str):
        return ""
    text = " ".join(_INVISIBLE.sub("", text[: limit * 8]).split())
    return text[:limit].rstrip()


def capacity(value: object) -> int | None:
    """A head count: a whole number from 0 to MAX_CAPACITY (as a number or as text), else None."""
    if isinstance(value, str):
        text = "".join(value.split())
        value = _number(text) if len(text) <= 12 else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        return None
    return int(value) if 0 <= value <= MAX_CAPACITY else None


def _number(value: object) -> float | None:
    """A finite float from a number or numeric text ("50,45" too); None for anything else."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            number = float(value)
        elif isinstance(value, str) and len(value) <= 40:
            text = value.strip()
            number = float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _absent(value: object) -> bool:
    return value is None or (isinstance(value, str) and (not value.strip() or vocab.norm(value) == "<null>"))


def _position(lat: object, lon: object) -> tuple[float, float] | str | None:
    """(lat, lon) when both are valid and inside Kyiv; None when neither is given; else a reason code."""
    if _absent(lat) and _absent(lon):
        return None
    lat_number, lon_number = _number(lat), _number(lon)
    if lat_number is None or lon_number is None:
        return "bad_coordinates"
    if not (-90 <= lat_number <= 90 and -180 <= lon_number <= 180):
        return "bad_coordinates"
    if not inside_kyiv(lat_number, lon_number):
        return "outside_kyiv"
    return lat_number, lon_number


def _lookup_position(found: object) -> tuple[float, float] | None:
    """What metro_lookup returned, if it is a usable position inside Kyiv."""
    if isinstance(found, tuple | list) and len(found) == 2:
        position = _position(found[0], found[1])
        if isinstance(position, tuple):
            return position
    return None


def _base_id(source: str, raw: RawRow, shelter: Shelter) -> str:
    """source + the source's own id, or + a short hash of what identifies the shelter in that format."""
    native = clean(raw.native_id, 120)
    if native:
        return f"{source}:{native}"
    lat, lon = shelter.lat, shelter.lon
    where = (f"{lat:.7f}", f"{lon:.7f}") if lat is not None and lon is not None else ("", "")
    if source == "kyiv-opendata":  # no coordinates of its own (a metro_lookup position may change)
        parts: tuple[str, ...] = (shelter.district, shelter.address, shelter.kind.value)
    elif source == "kml":
        parts = (shelter.address, *where)
    else:
        parts = (shelter.name_uk, shelter.address, shelter.kind.value, *where)
    key = "\x1f".join(vocab.norm(part) for part in parts)
    return f"{source}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:ID_HASH_CHARS]}"
