"""The importer's public API, the official list (CSV/XLSX), and the validation every row goes through."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from shelterapp.shelters import importer
from shelterapp.shelters.formats.base import KMDA_ATTRIBUTION, RawRow
from shelterapp.shelters.importer import FORMATS, ImportResult, UnreadableFile, check_row, read_shelters
from shelterapp.shelters.model import Kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shelters"
OPENDATA_CSV = FIXTURES / "kyiv_opendata_small.csv"
HEADERS = [
    "Район",
    "Адреса",
    "Тип укриття",
    "Вид укриття",
    "Тип будівлі",
    "Власник",
    "Форма власності",
    "№ телефону",
    "Наявність пристосування для доступу людей з інвалідністю та інших маломобільних груп населення (пандусу)",
    "address_old",
    "Режим роботи",
]
ROW = ["Уявний", "вул. Нереальна, 1", "Найпростіші укриття", "Підвал", "Школа", "", "", "", "Відсутній", "", ""]


def fixture_rows() -> list[list[str]]:
    with OPENDATA_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def by_address(result: ImportResult) -> dict[str, list]:
    found: dict[str, list] = {}
    for shelter in result.shelters:
        found.setdefault(shelter.address, []).append(shelter)
    return found


def test_formats_are_the_cli_choices():
    assert FORMATS == ("auto", "kyiv-opendata", "osm", "geojson", "kml")


def test_official_list_counts_kinds_and_reasons():
    result = read_shelters(OPENDATA_CSV, updated="2026-10-05")
    assert (result.source, result.attribution) == ("kyiv-opendata", KMDA_ATTRIBUTION)
    assert (result.accepted, result.rejected) == (11, 4)
    # two metro-entrance placeholders name no place; "<Null>" and a made-up kind are unknown
    assert result.reasons == {"no_address_or_position": 2, "unknown_kind": 2}
    assert result.unpositioned == 11  # the list has no coordinates and no lookup was given
    assert Counter(s.kind for s in result.shelters) == {
        Kind.SIMPLEST_SHELTER: 3,
        Kind.CIVIL_DEFENCE_SHELTER: 4,
        Kind.RADIATION_SHELTER: 2,
        Kind.METRO: 2,
    }
    assert {s.source for s in result.shelters} == {"kyiv-opendata"}
    assert {s.updated for s in result.shelters} == {"2026-10-05"}


def test_official_list_fields_are_read_as_a_person_would():
    rows = by_address(read_shelters(OPENDATA_CSV))
    first = rows["вул. Вигадана, 1"][0]
    assert first.phone == "441234567"  # the float ".0" the spreadsheet added is gone
    assert (first.accessible, first.open_24_7, first.place) == (False, True, "Підвал")
    assert first.name_uk == "Підвал, Багатоквартирний будинок"
    parking = rows["просп. Примарний, 10-Б"][0]
    assert (parking.accessible, parking.open_24_7) == (True, False)  # ramp present; office hours only
    assert parking.phone == "2000001, 2000002"
    assert rows["вул. Нереальна, 7"][0].accessible is None  # a phone number in the ramp column means nothing
    assert rows["вул. Нереальна, 7"][0].open_24_7 is None  # "<Null>" hours are unknown, not "closed"
    school = rows["вул. Безрайонна, 3"][0]
    assert (school.kind, school.district, school.accessible) == (Kind.SIMPLEST_SHELTER, "", False)
    assert "вул. Нереальна, 11" in rows  # "м. Київ, " prefix dropped
    metro = rows["Станція метро «Вигадана»"][0]
    assert (metro.kind, metro.name_uk, metro.place) == (Kind.METRO, "Вигадана", "Станція метрополітену")
    assert rows['Вхід до станції метро "Примарна"'][0].name_uk == "Примарна"


def test_metro_lookup_places_named_stations_only():
    asked: list[str] = []

    def lookup(name: str) -> tuple[float, float] | None:
        asked.append(name)
        return {"Вигадана": (50.45, 30.52), "Примарна": (10.0, 10.0)}.get(name)

    result = read_shelters(OPENDATA_CSV, metro_lookup=lookup)
    assert sorted(asked) == ["Вигадана", "Примарна"]  # only metro rows, by the name in quotes
    placed = [s for s in result.shelters if s.has_position]
    assert [(s.name_uk, s.lat, s.lon) for s in placed] == [("Вигадана", 50.45, 30.52)]
    assert result.unpositioned == 10  # the lookup's point outside Kyiv is ignored, the row kept


def test_ids_are_stable_and_repeats_numbered_in_file_order(tmp_path):
    first = read_shelters(OPENDATA_CSV)
    again = read_shelters(OPENDATA_CSV, metro_lookup=lambda _name: (50.45, 30.52))
    assert [s.id for s in first.shelters] == [s.id for s in again.shelters]
    assert len({s.id for s in first.shelters}) == first.accepted
    twins = by_address(first)["вул. Вигадана, 1"]
    assert twins[1].id == twins[0].id + "-2"
    assert all(s.id.startswith("kyiv-opendata:") for s in first.shelters)
    # Dropping an unrelated row changes no other id.
    rows = fixture_rows()
    shorter = read_shelters(write_csv(tmp_path / "short.csv", rows[:4] + rows[5:]))
    assert {s.id for s in shorter.shelters} < {s.id for s in first.shelters}


def test_updated_defaults_to_today():
    from datetime import date

    result = read_shelters(OPENDATA_CSV)
    assert {s.updated for s in result.shelters} == {date.today().isoformat()}


def test_xlsx_gives_the_same_shelters_as_csv(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Перелік укриттів (вигаданий)"])  # a title row above the headers
    for row in fixture_rows():
        # numbers the way Excel stores them: the phone as a float cell
        sheet.append([float(cell[:-2]) if cell.endswith(".0") and cell[:-2].isdigit() else cell for cell in row])
    book.save(tmp_path / "list.xlsx")
    from_xlsx = read_shelters(tmp_path / "list.xlsx")
    from_csv = read_shelters(OPENDATA_CSV)
    assert from_xlsx.shelters == from_csv.shelters
    assert from_xlsx.reasons == from_csv.reasons


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [
        (";", "utf-8-sig"),  # Excel in a Ukrainian locale: semicolons and a BOM
        (",", "cp1251"),  # an older office export in the Windows Cyrillic code page
        ("\t", "utf-16"),  # Excel's "Unicode text"
    ],
)
def test_csv_dialects_and_encodings(tmp_path, delimiter, encoding):
    path = write_csv(tmp_path / "list.csv", [HEADERS, ROW], delimiter=delimiter, encoding=encoding)
    result = read_shelters(path)
    assert [(s.address, s.kind) for s in result.shelters] == [("вул. Нереальна, 1", Kind.SIMPLEST_SHELTER)]


def test_headers_match_loosely_and_optional_columns_may_be_missing(tmp_path):
    headers = ["  РАЙОН ", "Адреса", "тип  укриття", "Наявність пристосування (пандусу)"]
    path = write_csv(tmp_path / "list.csv", [headers, ["Уявний", "вул. Нереальна, 1", "Укриття", "Є"]])
    [shelter] = read_shelters(path).shelters
    assert (shelter.district, shelter.kind, shelter.accessible) == ("Уявний", Kind.CIVIL_DEFENCE_SHELTER, True)
    assert (shelter.open_24_7, shelter.place, shelter.phone) == (None, "", "")


def test_short_rows_and_blank_lines_are_tolerated(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(",".join(HEADERS) + '\r\nУявний,"вул. Нереальна, 2",Укриття\r\n\r\n,,,,\r\n', encoding="utf-8")
    result = read_shelters(path)
    assert (result.accepted, result.rejected) == (1, 0)


def test_list_without_address_or_kind_column_is_unreadable(tmp_path):
    path = write_csv(tmp_path / "list.csv", [[h for h in HEADERS if h != "Адреса"], ROW[:1] + ROW[2:]])
    with pytest.raises(UnreadableFile) as caught:
        read_shelters(path)
    assert caught.value.reason == "not_recognised" and "Адреса" in str(caught.value)


def test_hostile_cells_are_cleaned_not_fatal(tmp_path):
    huge = "Д" * 100_000
    rows = [
        HEADERS,
        ["Уявний\x00", "вул.\x07 Нереальна,\u202e\t 1\r\n", "Найпростіші укриття", huge, "", "", "", "", "", "", ""],
        ["Уявний", huge, "Найпростіші укриття", "Підвал", "", "", "", "", "", "", ""],
    ]
    result = read_shelters(write_csv(tmp_path / "list.csv", rows))
    controlled, long_one = result.shelters
    assert (controlled.district, controlled.address) == ("Уявний", "вул. Нереальна, 1")
    assert len(controlled.place) == importer.MAX_TEXT and len(long_one.address) == importer.MAX_TEXT


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (RawRow(kind=None, address="a"), "unknown_kind"),  # kind we cannot map
        (RawRow(kind=Kind.OTHER, reject="not_a_shelter"), "not_a_shelter"),  # the reader already said no
        (RawRow(kind=Kind.OTHER), "no_address_or_position"),  # nothing to show it by
        (RawRow(kind=Kind.OTHER, address=" \x00\t "), "no_address_or_position"),  # only invisible characters
        (RawRow(kind=Kind.OTHER, lat=49.84, lon=24.03), "outside_kyiv"),  # Lviv
        (RawRow(kind=Kind.OTHER, lat=30.52, lon=50.45), "outside_kyiv"),  # lat/lon swapped
        (RawRow(kind=Kind.OTHER, lat=0.0, lon=0.0), "outside_kyiv"),  # "null island"
        (RawRow(kind=Kind.OTHER, lat=float("nan"), lon=30.5), "bad_coordinates"),  # NaN
        (RawRow(kind=Kind.OTHER, lat=float("inf"), lon=30.5), "bad_coordinates"),  # infinity
        (RawRow(kind=Kind.OTHER, lat=95.0, lon=30.5), "bad_coordinates"),  # beyond the pole
        (RawRow(kind=Kind.OTHER, lat=50.45, lon=None, address="a"), "bad_coordinates"),  # half a position
        (RawRow(kind=Kind.OTHER, lat=True, lon=30.5), "bad_coordinates"),  # a boolean is not a number
        (RawRow(kind=Kind.OTHER, lat=10**400, lon=30.5), "bad_coordinates"),  # overflows a float
        (RawRow(kind=Kind.OTHER, lat="north", lon="30.5"), "bad_coordinates"),  # words
        (RawRow(kind=Kind.OTHER, lat=[50.4], lon={}), "bad_coordinates"),  # containers
    ],
)
def test_rejections(raw, expected):
    assert check_row(raw) == expected


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (50.45, 30.52, (50.45, 30.52)),  # numbers
        ("50.45", " 30.52 ", (50.45, 30.52)),  # text, padded
        ("50,45", "30,52", (50.45, 30.52)),  # decimal commas
        (50.5, 31, "outside_kyiv"),  # an int is a number too: 31 E is east of the city
        ("<Null>", "", None),  # both absent: kept, shown by address
    ],
)
def test_coordinates(lat, lon, expected):
    checked = check_row(RawRow(kind=Kind.OTHER, address="a", lat=lat, lon=lon))
    if isinstance(expected, str):
        assert checked == expected
    else:
        assert not isinstance(checked, str)
        assert ((checked.lat, checked.lon) if checked.has_position else None) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (120, 120),  # plain
        ("1 200", 1200),  # text with a thousands space
        (250.0, 250),  # a whole float from a spreadsheet
        (0, 0),  # zero is a real (closed) capacity
        (-5, None),  # negative
        (2.5, None),  # not a whole number of people
        (10**9, None),  # absurd
        ("1e9", None),  # absurd, as text
        ("many", None),  # words
        (True, None),  # a boolean is not a count
        (float("nan"), None),  # NaN
        (10**400, None),  # beyond a float
    ],
)
def test_capacity(value, expected):
    assert importer.capacity(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  a \t b\r\nc ", "a b c"),  # whitespace collapsed
        ("a\x00b\x1bc", "abc"),  # control characters dropped
        ("a\u202eb\u200bc\ufeff", "abc"),  # bidi override, zero-width space, BOM dropped
        ("a\ud800b", "ab"),  # a lone surrogate (from JSON) would break SQLite's UTF-8
        ("a\u00a0b", "a b"),  # no-break space is a space
        ("я" * 500, "я" * 300),  # long text cut, not rejected
    ],
)
def test_clean(text, expected):
    assert importer.clean(text) == expected


def test_updated_argument_is_cleaned():
    result = read_shelters(OPENDATA_CSV, updated=" 2026-10-05\x00 ")
    assert result.shelters[0].updated == "2026-10-05"


def test_unknown_format_name_is_a_programming_error():
    with pytest.raises(ValueError, match="pdf"):
        read_shelters(OPENDATA_CSV, "pdf")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.csv", b"", "empty"),  # nothing at all
        ("blank.csv", b" \r\n\t\n", "empty"),  # only whitespace
        ("garbage.csv", bytes(range(256)) * 4, "not_recognised"),  # binary noise
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "not_recognised"),  # a picture
        ("broken.json", b"\x89PNG not json", "corrupt"),  # says JSON, is not
        ("list.json", b'{"hello": "world"}', "not_recognised"),  # JSON, but not shelters
        ("list.json", b"[1, 2, 3]", "not_recognised"),  # JSON array
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "corrupt"),  # nesting deeper than the parser goes
        ("map.kml", "Район,Адреса\n".encode(), "corrupt"),  # says KML, is CSV
        ("other.xml", b"<?xml version='1.0'?><gpx><wpt/></gpx>", "not_recognised"),  # XML, not KML
        ("list.xlsx", b"Not a workbook", "corrupt"),  # says Excel, is text
        ("noext", b"\x00\x01\x02garbage", "not_recognised"),  # no extension, no format
    ],
)
def test_unreadable_files(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as caught:
        read_shelters(path)
    assert caught.value.reason == reason
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message and len(message) < 200


def test_missing_file_and_directory_are_unreadable(tmp_path):
    with pytest.raises(UnreadableFile, match="does not exist") as caught:
        read_shelters(tmp_path / "nowhere.csv")
    assert caught.value.reason == "missing"
    with pytest.raises(UnreadableFile, match="not a regular file"):
        read_shelters(tmp_path)


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(importer.MAX_FILE_BYTES + 1)
    with pytest.raises(UnreadableFile, match="100 MB") as caught:
        read_shelters(path)
    assert caught.value.reason == "too_large"


@pytest.mark.parametrize(
    ("fmt", "fixture"),
    [
        ("osm", "geojson_small.geojson"),  # GeoJSON is not Overpass JSON
        ("geojson", "osm_small.json"),  # and the other way round
        ("kml", "kyiv_opendata_small.csv"),  # CSV is not XML
        ("kyiv-opendata", "kmda_small.kml"),  # KML has no official headers
    ],
)
def test_explicit_format_that_does_not_fit_is_unreadable(fmt, fixture):
    with pytest.raises(UnreadableFile):
        read_shelters(FIXTURES / fixture, fmt)


@pytest.mark.parametrize(
    ("fixture", "saved_as", "source"),
    [
        ("geojson_small.geojson", "layer.json", "geojson"),  # GeoJSON saved as .json
        ("osm_small.json", "export.txt", "osm"),  # Overpass output saved as text
        ("kmda_small.kml", "map.xml", "kml"),  # KML with another extension
        ("kyiv_opendata_small.csv", "list.txt", "kyiv-opendata"),  # CSV as text
        ("kyiv_opendata_small.csv", "LIST.CSV", "kyiv-opendata"),  # capital extension
    ],
)
def test_auto_detects_by_content(tmp_path, fixture, saved_as, source):
    path = tmp_path / saved_as
    path.write_bytes((FIXTURES / fixture).read_bytes())
    assert read_shelters(path).source == source


def test_explicit_format_matches_auto():
    for fmt, fixture in [("osm", "osm_small.json"), ("kml", "kmda_small.kml"), ("geojson", "geojson_small.geojson")]:
        assert read_shelters(FIXTURES / fixture, fmt) == read_shelters(FIXTURES / fixture)


def test_utf16_without_bom_is_not_mistaken_for_a_list(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(codecs.encode(",".join(HEADERS), "utf-16-le"))
    with pytest.raises(UnreadableFile):
        read_shelters(path)
