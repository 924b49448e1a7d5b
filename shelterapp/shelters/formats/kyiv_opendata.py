"""Kyiv's official shelter list from the city's open-data portal: CSV or XLSX with Ukrainian headers.

The list has no coordinates. Metro rows name their station in «», which importer.py can place with a
metro_lookup; the metro-entrance placeholders ("Вхід до станції метро", "Інформаційна позначка") name no
place.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from shelterapp.progress import RowProgress
from shelterapp.shelters.formats import vocab
from shelterapp.shelters.formats.base import (
    KMDA_ATTRIBUTION,
    MAX_ROWS,
    REPLACEMENT,
    Parsed,
    RawRow,
    UnreadableFile,
    as_text,
    decode_utf8,
    open_zip,
    too_many_rows,
)
from shelterapp.shelters.model import Kind

HEADER_SEARCH_ROWS = 10  # a title row or two may sit above the headers
REQUIRED_FIELDS = ("address", "kind")

# What openpyxl raises on a damaged or hostile workbook (it parses with defusedxml when installed).
_XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    OSError,
    EOFError,
    ParseError,
    DefusedXmlException,
)


ROWS_PER_REPORT = 250  # progress is told every this many rows: often enough for a line, cheap for 4,000 rows


def read(data: bytes, progress: RowProgress | None = None) -> Parsed:
    """The official list from the bytes of a .xlsx (zip) or .csv file; progress(rows) as rows are read."""
    if data.startswith(b"PK"):
        return _read_xlsx(data, progress)
    text, damaged = _decode(data)
    return _read_table(_csv_rows(text), progress)._replace(damaged=damaged)


def _counted(rows: Iterable[RawRow], progress: RowProgress | None) -> Iterator[RawRow]:
    for count, row in enumerate(rows, 1):
        if progress is not None and count % ROWS_PER_REPORT == 0:
            progress(count)
        yield row


def _read_table(table: Iterable[list[object]], progress: RowProgress | None = None) -> Parsed:
    rows = iter(table)
    columns: dict[int, str] = {}
    for _ in range(HEADER_SEARCH_ROWS):
        header = next(rows, None)
        if header is None:
            break
        columns = _columns(header)
        if all(name in columns.values() for name in REQUIRED_FIELDS):
            break
    if not all(name in columns.values() for name in REQUIRED_FIELDS):
        raise UnreadableFile(
            "The file does not have the official list's columns (Адреса, Тип укриття).", "not_recognised"
        )
    found: list[RawRow] = []
    for row in _counted((_row(columns, cells) for cells in rows if any(_present(cell) for cell in cells)), progress):
        found.append(row)
        if len(found) > MAX_ROWS:  # stop reading: a million-row file is refused without a million rows
            raise too_many_rows()
    return Parsed(found, KMDA_ATTRIBUTION)


def _columns(header: list[object]) -> dict[int, str]:
    """Column index -> field, the first column winning when two headers mean the same."""
    columns: dict[int, str] = {}
    for index, cell in enumerate(header):
        name = vocab.header_field(cell)
        if name and name not in columns.values():
            columns[index] = name
    return columns


def _present(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _row(columns: dict[int, str], cells: list[object]) -> RawRow:
    raw = {name: cells[index] if index < len(cells) else None for index, name in columns.items()}
    text = {name: as_text(value) for name, value in raw.items()}
    place = text.get("place", "")
    kind = vocab.resolve_kind(text.get("kind", ""), place)
    address = vocab.address(text.get("address", ""))
    station = vocab.station_name(text.get("address", "")) if kind is Kind.METRO else ""
    hours = text.get("hours", "")
    return RawRow(
        kind=kind,
        name_uk=station or vocab.describe(place, text.get("building", "")) or address,
        address=address,
        district=vocab.district(text.get("district", "")),
        accessible=vocab.ramp(text.get("ramp", "")),
        open_24_7=vocab.open_24_7(hours),
        phone=vocab.phone(raw.get("phone")),
        place=place,
        hours=hours,
        station=station,
    )


def _decode(data: bytes) -> tuple[str, bool]:
    """The file's text, and whether bytes that are not valid text in its encoding were replaced.

    UTF-8 with a damaged byte or two is told from a Windows-1251 export (the other encoding Ukrainian offices
    use) by what decodes: in a cp1251 file almost every Cyrillic byte is invalid UTF-8, in damaged UTF-8
    almost every Cyrillic letter is still valid."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16"), False
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), True
    text, damaged = decode_utf8(data)
    if damaged:
        replaced = text.count(REPLACEMENT)
        if replaced >= sum(1 for char in text if char > "\x7f" and char != REPLACEMENT):
            text = data.decode("cp1251", errors="replace")
            damaged = REPLACEMENT in text  # 0x98 is the one byte cp1251 leaves undefined
    return text, damaged


def _csv_rows(text: str) -> Iterator[list[object]]:
    text = text.replace("\x00", "")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise UnreadableFile("The CSV file is malformed and cannot be read.", "corrupt") from exc


def _read_xlsx(data: bytes, progress: RowProgress | None) -> Parsed:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    archive = open_zip(data, "spreadsheet")  # refuses a zip bomb before openpyxl unpacks anything
    archive.close()
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, *_XLSX_ERRORS) as exc:
        raise UnreadableFile("The spreadsheet is damaged or not an Excel workbook.", "corrupt") from exc
    try:
        last_error: UnreadableFile | None = None
        for sheet in book.worksheets:
            try:
                return _read_table(_guarded(sheet.iter_rows(values_only=True)), progress)
            except UnreadableFile as exc:  # this sheet is not the list; try the next one
                last_error = exc
        raise last_error or UnreadableFile("The spreadsheet has no sheets.", "not_recognised")
    finally:
        book.close()


def _guarded(rows: Iterator[tuple[object, ...]]) -> Iterator[list[object]]:
    """Rows of a sheet; openpyxl's parse errors while streaming become UnreadableFile."""
    while True:
        try:
            row = next(rows, None)
        except _XLSX_ERRORS as exc:
            raise UnreadableFile("The spreadsheet is damaged and cannot be read.", "corrupt") from exc
        if row is None:
            return
        yield list(row)
