"""Hostile files: XML entity attacks, zip bombs, and fuzzed bytes, JSON, CSV and KML that must never crash."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import string
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelterapp.shelters import importer
from shelterapp.shelters.formats import base
from shelterapp.shelters.importer import FORMATS, ImportResult, UnreadableFile, read_shelters
from shelterapp.shelters.model import Kind, inside_kyiv

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE kml [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&lol9;</name>
<Point><coordinates>30.5,50.45,0</coordinates></Point></Placemark></Document></kml>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&secret;</name>
<Point><coordinates>30.5,50.45,0</coordinates></Point></Placemark></Document></kml>
"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>
"""


def assert_sane(result: ImportResult) -> None:
    """What the store and UI rely on, whatever the file held."""
    assert result.rejected == sum(result.reasons.values())
    assert result.unpositioned == sum(1 for s in result.shelters if not s.has_position)
    assert len({s.id for s in result.shelters}) == result.accepted
    for s in result.shelters:
        assert isinstance(s.kind, Kind)
        assert (s.lat is None) == (s.lon is None)
        if s.lat is not None and s.lon is not None:
            assert inside_kyiv(s.lat, s.lon)
        assert s.capacity is None or 0 <= s.capacity <= importer.MAX_CAPACITY
        for text in (s.name_uk, s.name_en, s.address, s.district, s.line, s.phone, s.place):
            assert len(text) <= importer.MAX_TEXT and text == text.strip()
            assert not any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in text)
            text.encode("utf-8")  # SQLite must be able to store it


# --- XML attacks ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        BILLION_LAUGHS,  # exponential entity expansion: must be refused, never expanded
        EXTERNAL_ENTITY,  # would read a local file into a shelter's name
        PARAMETER_ENTITY,  # would fetch a DTD from the network
    ],
)
def test_xml_entity_attacks_are_refused(tmp_path, document):
    path = tmp_path / "map.kml"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        read_shelters(path)
    assert caught.value.reason == "unsafe"


def test_billion_laughs_inside_a_kmz_is_refused(tmp_path):
    path = tmp_path / "map.kmz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.kml", BILLION_LAUGHS)
    with pytest.raises(UnreadableFile):
        read_shelters(path)


def test_xlsx_with_entity_declarations_is_refused(tmp_path):
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Адреса", "Тип укриття"])
    book.active.append(["вул. Нереальна, 1", "Укриття"])
    book.save(plain)
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + data
            target.writestr(info, data)
    with pytest.raises(UnreadableFile):
        read_shelters(hostile)


# --- Zip bombs -----------------------------------------------------------------------------------------------


def test_kmz_that_unpacks_past_the_cap_is_refused(tmp_path):
    path = tmp_path / "bomb.kmz"
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("doc.kml", "w") as member:
        member.write(b"<kml>")
        for _ in range(base.MAX_UNZIPPED_BYTES // len(chunk) + 1):
            member.write(chunk)
        member.write(b"</kml>")
    assert path.stat().st_size < 1024 * 1024  # small on disk, over 100 MB unpacked
    with pytest.raises(UnreadableFile, match="100 MB") as caught:
        read_shelters(path)
    assert caught.value.reason == "too_large"


def test_member_is_never_read_past_the_cap_whatever_it_claims(tmp_path, monkeypatch):
    # The cap also holds while unpacking, not only in the header check.
    monkeypatch.setattr(base, "MAX_UNZIPPED_BYTES", 1000)
    archive = zipfile.ZipFile(io.BytesIO(_zip({"doc.kml": b"x" * 5000})))
    info = archive.getinfo("doc.kml")
    info.file_size = 10  # a header that lies small
    with pytest.raises(UnreadableFile):
        base.read_member(archive, info, "KMZ")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "members", "reason"),
    [
        ("map.kmz", {"images/icon.png": b"\x89PNG"}, "not_recognised"),  # a KMZ with no KML inside
        ("list.xlsx", {"xl/workbook.xml": b"<workbook/>"}, "corrupt"),  # a workbook missing its parts
        ("stuff.zip", {"readme.txt": b"hello"}, "not_recognised"),  # some other archive
    ],
)
def test_zips_that_are_not_maps_or_workbooks(tmp_path, name, members, reason):
    path = tmp_path / name
    path.write_bytes(_zip(members))
    with pytest.raises(UnreadableFile) as caught:
        read_shelters(path)
    assert caught.value.reason == reason


def test_truncated_kmz_is_unreadable(tmp_path):
    data = _zip({"doc.kml": b"<kml><Document/></kml>" * 100})
    path = tmp_path / "cut.kmz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableFile):
        read_shelters(path)


# --- Fuzzing -------------------------------------------------------------------------------------------------


@FUZZ
@given(
    data=st.binary(max_size=2000),
    suffix=st.sampled_from([".csv", ".json", ".geojson", ".kml", ".kmz", ".xlsx", ".txt", ""]),
    fmt=st.sampled_from(FORMATS),
)
def test_random_bytes_never_raise_anything_else(tmp_path, data, suffix, fmt):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        result = read_shelters(path, fmt)
    except UnreadableFile:
        return
    assert_sane(result)


@FUZZ
@given(data=st.binary(max_size=2000), prefix=st.sampled_from([b"PK\x03\x04", b"<kml>", b"{", b"\xef\xbb\xbf"]))
def test_random_bytes_behind_a_plausible_magic_number(tmp_path, data, prefix):
    path = tmp_path / "fuzz"
    path.write_bytes(prefix + data)
    with contextlib.suppress(UnreadableFile):
        assert_sane(read_shelters(path))


KEYS = st.sampled_from(
    [
        "type", "features", "elements", "geometry", "coordinates", "properties", "tags", "lat", "lon", "long",
        "center", "id", "objectid", "name", "name:uk", "kind", "railway", "amenity", "shelter_type", "capacity",
        "address", "district", "wheelchair", "opening_hours", "accessible", "open_24_7", "actual", "x", "y",
    ]
)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["Point", "Feature", "FeatureCollection", "subway_entrance", "shelter", "<Null>", "50.45"])
    | st.floats(min_value=30.0, max_value=51.0)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(KEYS | st.text(max_size=8), children, max_size=6),
    max_leaves=40,
)


@FUZZ
@given(
    value=JSON_VALUES,
    wrap=st.sampled_from(["raw", "osm", "geojson", "feature"]),
)
def test_random_json_never_raises_anything_else(tmp_path, value, wrap):
    document = {
        "raw": value,
        "osm": {"elements": value if isinstance(value, list) else [value]},
        "geojson": {"type": "FeatureCollection", "features": value if isinstance(value, list) else [value]},
        "feature": {"type": "Feature", "geometry": value, "properties": value},
    }[wrap]
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")  # NaN/Infinity literals too
    try:
        result = read_shelters(path)
    except UnreadableFile:
        return
    assert_sane(result)


CELLS = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["<Null>", "Найпростіші укриття", "Укриття", "Вхід в станцію метро", "Станція метро «Х»", "Відсутній", " "]
)


def _official_headers() -> list[str]:
    return [
        "Район", "Адреса", "Тип укриття", "Вид укриття", "Тип будівлі", "Власник", "Форма власності", "№ телефону",
        "Наявність пристосування (пандусу)", "address_old", "Режим роботи",
    ]  # fmt: skip


@FUZZ
@given(rows=st.lists(st.lists(CELLS, max_size=13), max_size=8))
def test_random_cells_under_the_official_headers(tmp_path, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([_official_headers(), *rows])
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = read_shelters(path)
    assert_sane(result)
    non_blank = sum(1 for row in rows if any(cell.strip() for cell in row))
    assert result.accepted + result.rejected <= non_blank  # a cell may hold a line break that csv re-reads


COORDINATE_TEXT = st.text(alphabet=string.digits + ".,-+eE \tnaif", max_size=40)


@FUZZ
@given(coordinates=COORDINATE_TEXT, name=st.text(max_size=50), kind=CELLS)
def test_random_kml_placemarks(tmp_path, coordinates, name, kind):
    from xml.sax.saxutils import escape

    def clean_xml(text: str) -> str:
        return escape("".join(ch for ch in text if ch in "\t\n\r" or (ch >= " " and not 0xD800 <= ord(ch) <= 0xDFFF)))

    kml = (
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark>'
        f'<name>{clean_xml(name)}</name><ExtendedData><Data name="Тип укриття"><value>{clean_xml(kind)}</value>'
        f"</Data></ExtendedData><Point><coordinates>{coordinates}</coordinates></Point></Placemark></kml>"
    )
    path = tmp_path / "fuzz.kml"
    path.write_text(kml, encoding="utf-8")
    result = read_shelters(path)
    assert_sane(result)
    assert result.accepted + result.rejected == 1
