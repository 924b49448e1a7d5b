"""Damaged bytes and oversized lists (issue 12, items 6 and 7).

One invalid UTF-8 byte made a whole official CSV "wrong columns"; now only the row that holds it is
rejected, under its own reason, in every text format. A list of a million rows was accepted and then took
minutes to show; now a file over MAX_ROWS rows is refused as a whole, with a reason that says so, and the
previous list stays.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from test_importer import HEADERS, ROW, write_csv

from shelterapp.shelters.formats.base import MAX_ROWS
from shelterapp.shelters.importer import UnreadableFile, read_shelters

DAMAGED = b"\xff"  # never valid in UTF-8


def _csv_bytes(rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode("utf-8")


def _rows(count: int) -> list[list[str]]:
    return [[ROW[0], f"вул. Нереальна, {n}", *ROW[2:]] for n in range(1, count + 1)]


def test_one_invalid_byte_rejects_only_its_row(tmp_path):
    data = _csv_bytes([HEADERS, *_rows(3)]).replace("Нереальна, 2".encode(), "Нереальна".encode() + DAMAGED + b", 2")
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    result = read_shelters(path)
    assert (result.accepted, result.rejected) == (2, 1)
    assert result.reasons == {"damaged_text": 1}
    assert sorted(s.address for s in result.shelters) == ["вул. Нереальна, 1", "вул. Нереальна, 3"]


def test_a_windows_1251_list_is_still_read_as_one(tmp_path):
    # cp1251 bytes are almost never valid UTF-8: the file is the code page, not damaged UTF-8
    path = write_csv(tmp_path / "list.csv", [HEADERS, *_rows(3)], encoding="cp1251")
    result = read_shelters(path)
    assert (result.accepted, result.rejected) == (3, 0)
    assert result.shelters[0].district == "Уявний"


def _osm(name: str) -> dict[str, object]:
    return {
        "elements": [
            {"type": "node", "id": n, "lat": 50.45 + n / 1000, "lon": 30.52,
             "tags": {"amenity": "shelter", "shelter_type": "basement", "name": f"{name} {n}"}}
            for n in range(3)
        ]
    }  # fmt: skip


def _geojson(name: str) -> dict[str, object]:
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.52, 50.45 + n / 1000]},
         "properties": {"name": f"{name} {n}", "type": "Найпростіші укриття"}}
        for n in range(3)
    ]  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def _kml(name: str) -> str:
    marks = "".join(
        f"<Placemark><name>{name} {n}</name><ExtendedData>"
        '<Data name="Тип укриття"><value>Найпростіші укриття</value></Data></ExtendedData>'
        f"<Point><coordinates>30.52,{50.45 + n / 1000},0</coordinates></Point></Placemark>"
        for n in range(3)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>{marks}</Document></kml>'


def _kmz(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.kml", text.encode("utf-8").replace(b"Hidden 1", b"Hidden" + DAMAGED + b" 1"))
    return buffer.getvalue()


# The same damage in every UTF-8 format: one row lost, the rest read (JSON and XML must be UTF-8).
TEXT_FORMATS = {
    "overpass.json": lambda: json.dumps(_osm("Hidden"), ensure_ascii=False).encode(),
    "layer.geojson": lambda: json.dumps(_geojson("Hidden"), ensure_ascii=False).encode(),
    "map.kml": lambda: _kml("Hidden").encode(),
}


@pytest.mark.parametrize("name", [*TEXT_FORMATS, "map.kmz"])
def test_an_invalid_byte_in_any_text_format_costs_one_row(tmp_path, name):
    if name == "map.kmz":
        data = _kmz(_kml("Hidden"))
    else:
        data = TEXT_FORMATS[name]().replace(b"Hidden 1", b"Hidden" + DAMAGED + b" 1")
    path = tmp_path / name
    path.write_bytes(data)
    result = read_shelters(path)
    assert (result.accepted, result.reasons) == (2, {"damaged_text": 1})
    assert all("\ufffd" not in s.name_uk for s in result.shelters)


def test_a_list_over_the_row_cap_is_refused_with_the_reason(tmp_path):
    path = write_csv(tmp_path / "huge.csv", [HEADERS, *_rows(MAX_ROWS + 1)])
    with pytest.raises(UnreadableFile) as refused:
        read_shelters(path)
    assert refused.value.reason == "too_many_rows"
    message = str(refused.value)
    assert f"{MAX_ROWS:,}" in message and "Kyiv" in message


def test_a_list_at_the_cap_is_read(tmp_path):
    path = write_csv(tmp_path / "big.csv", [HEADERS, *_rows(MAX_ROWS)])
    assert read_shelters(path).accepted == MAX_ROWS


@pytest.mark.parametrize("name", ["overpass.json", "layer.geojson"])
def test_the_cap_holds_for_every_format(tmp_path, name):
    count = MAX_ROWS + 1
    builders = {
        "overpass.json": lambda: {
            "elements": [{"type": "node", "id": n, "lat": 50.45, "lon": 30.52, "tags": {}} for n in range(count)]
        },
        "layer.geojson": lambda: {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": None, "properties": {}} for _ in range(count)],
        },
    }
    path = tmp_path / name
    path.write_text(json.dumps(builders[name]()), encoding="utf-8")
    with pytest.raises(UnreadableFile) as refused:
        read_shelters(path)
    assert refused.value.reason == "too_many_rows"


def test_cap_is_well_above_kyivs_list():
    assert MAX_ROWS >= 8 * 6_000  # Kyiv's official list holds about 4,000-6,000 shelters
