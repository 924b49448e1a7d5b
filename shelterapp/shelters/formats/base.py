"""What every reader shares: the file-level error, the raw row it yields, and safe JSON and zip reading."""

from __future__ import annotations

import math
import zipfile
import zlib
from dataclasses import dataclass, fields
from typing import NamedTuple

from shelterapp.jsonload import load_json
from shelterapp.shelters.model import Kind

MAX_FILE_BYTES = 100 * 1024 * 1024  # checked before a file is read at all
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # one member of a KMZ/XLSX, or all of them added up
# Rows (features, elements, placemarks) one file may hold. Kyiv's official list has about 4,000-6,000
# shelters and OpenStreetMap's shelters and metro entrances a few hundred: 50,000 leaves room for years of
# growth and for lists of the whole oblast, while a file far past it (a 953k-row CSV took the window 227 s
# to appear) is not a shelter list. The window stays responsive at the cap (bench/big_list.py).
MAX_ROWS = 50_000
REPLACEMENT = "\ufffd"  # what a byte that is not valid text becomes when decoded with errors="replace"

KMDA_ATTRIBUTION = "Дані: Київська міська державна адміністрація (CC BY 4.0)"
OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)"


class UnreadableFile(Exception):
    """The file cannot be read at all (missing, not the format, too large, corrupt); str() is one clear
    sentence for the user.

    `reason` is a stable code for a UI that translates: missing, empty, too_large, too_many_rows,
    not_recognised, corrupt, unsafe.
    """

    def __init__(self, message: str, reason: str = "corrupt") -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(slots=True)
class RawRow:
    """One row as a reader found it; importer.py cleans and validates it into a Shelter or a rejection."""

    kind: Kind | None = None  # None: the row's kind is not one we know (rejected as unknown_kind)
    name_uk: str = ""
    name_en: str = ""
    address: str = ""
    district: str = ""
    lat: object = None  # anything; validated as a finite number inside Kyiv
    lon: object = None
    capacity: object = None  # anything; validated as a sane non-negative int
    accessible: bool | None = None
    open_24_7: bool | None = None
    line: str = ""
    phone: str = ""
    place: str = ""
    hours: str = ""  # opening hours as written
    station: str = ""  # metro station name whose position metro_lookup may know
    native_id: str = ""  # the source's own stable id ("node/123", an OBJECTID), if it has one
    reject: str = ""  # a reason code when the reader already knows the row is not a shelter


class Parsed(NamedTuple):
    rows: list[RawRow]
    attribution: str
    damaged: bool = False  # bytes that are not valid text were replaced: rows holding REPLACEMENT are damaged


def too_many_rows(what: str = "The file") -> UnreadableFile:
    return UnreadableFile(
        f"{what} has more than {MAX_ROWS:,} rows, and Kyiv's shelter list has about 5,000: it is not a shelter list.",
        "too_many_rows",
    )


def check_row_count(count: int, what: str = "The file") -> None:
    if count > MAX_ROWS:
        raise too_many_rows(what)


def decode_utf8(data: bytes) -> tuple[str, bool]:
    """Text of a UTF-8 file, and whether a damaged byte had to be replaced (REPLACEMENT marks each)."""
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="replace"), True


_TEXT_FIELDS = tuple(f.name for f in fields(RawRow) if f.name not in ("kind", "accessible", "open_24_7", "reject"))


def holds_damaged_text(row: RawRow) -> bool:
    return any(isinstance(value, str) and REPLACEMENT in value for value in map(row.__getattribute__, _TEXT_FIELDS))


def is_null(text: str) -> bool:
    """The official exports write "<Null>" (and sometimes lone spaces) for an empty cell."""
    stripped = text.strip()
    return not stripped or stripped.casefold() in ("<null>", "null")


def as_text(value: object) -> str:
    """A cell or property as text: "" for empty, "<Null>", containers and booleans; 5.0 as "5"."""
    if isinstance(value, str):
        return "" if is_null(value) else value
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else str(value)
    return ""


def not_json(_why: str) -> UnreadableFile:
    """What jsonload.load_json raises for a shelter file that is not JSON (the person is told in one sentence)."""
    return UnreadableFile("The file is not valid JSON.", "corrupt")


def json_document(data: bytes) -> tuple[object, bool]:
    """The document, and whether damaged bytes were replaced (JSON files are UTF-8: RFC 8259; one bad byte
    costs the rows that hold it, not the file). jsonload.load_json reads it, and chains why it could not."""
    try:
        return load_json(data, "file", not_json), False
    except UnreadableFile as exc:
        if not isinstance(exc.__cause__, UnicodeDecodeError):
            raise
    text, damaged = decode_utf8(data)
    return load_json(text, "file", not_json), damaged


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """Open a zip archive, refusing one whose members would unpack past MAX_UNZIPPED_BYTES."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableFile(f"The {what} file is damaged and cannot be opened.", "corrupt") from exc
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
        archive.close()
        raise UnreadableFile(f"The {what} file unpacks to more than 100 MB; it was not read.", "too_large")
    return archive


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, what: str) -> bytes:
    """One member's bytes, never more than MAX_UNZIPPED_BYTES whatever its header claims."""
    if info.file_size > MAX_UNZIPPED_BYTES:
        raise UnreadableFile(f"The {what} file unpacks to more than 100 MB; it was not read.", "too_large")
    try:
        with archive.open(info) as member:
            data = member.read(MAX_UNZIPPED_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: an unsupported compression method
        raise UnreadableFile(f"The {what} file is damaged and cannot be opened.", "corrupt") from exc
    if len(data) > MAX_UNZIPPED_BYTES:
        raise UnreadableFile(f"The {what} file unpacks to more than 100 MB; it was not read.", "too_large")
    return data
