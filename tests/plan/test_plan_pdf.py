"""The printed shelter plan as a person reads it back: the text of the PDF (pdftotext), its pages, fonts and map."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_helpers import page_size_mm, pdf_fonts, pdf_images, pdf_info, pdf_text
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPdfWriter

from shelterapp.map.tile_cache import TileCache
from shelterapp.map.tiles import tile_of
from shelterapp.plan.content import NoShelterNearby, gather_plan
from shelterapp.plan.pdf import write_plan_pdf
from shelterapp.plan.render import render_plan
from shelterapp.plan.texts import PlanTexts
from shelterapp.preparedness.content import load_content
from shelterapp.shelters.catalog import Catalog

MAIDAN = (50.4501, 30.5234)
NEAREST_METRO = ("Майдан Незалежності", "Хрещатик", "Театральна", "Золоті ворота")
HEADINGS = {
    "uk": ("План укриттів: Дім", "Екстрені номери", "Укриття та адреса"),
    "en": ("Shelter plan: Дім", "Emergency numbers", "Shelter and address"),
    "fr": ("Plan des abris : Дім", "Numéros d'urgence", "Abri et adresse"),
}


@pytest.fixture
def catalog(tmp_path):
    cat = Catalog.open(tmp_path / "shelters.sqlite")
    yield cat
    cat.close()


def write_geojson(path: Path, features: list[dict[str, object]]) -> Path:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
            for lat, lon, props in ((f.pop("lat"), f.pop("lon"), f) for f in features)
        ],
    }
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def make_plan(catalog, tmp_path, lang="uk", place="Дім", **kwargs) -> tuple[Path, object]:
    data = gather_plan(catalog, *MAIDAN, place, lang)
    path = tmp_path / f"plan-{lang}.pdf"
    stats = write_plan_pdf(path, data, PlanTexts(lang), **kwargs)
    return path, stats


@pytest.mark.parametrize("lang", ["uk", "en", "fr"])
def test_plan_holds_the_ukrainian_names_the_emergency_numbers_and_advice_in_its_language(qapp, catalog, tmp_path, lang):
    # Street and station signs are Ukrainian: the names stay Ukrainian in every language; the rest is translated.
    path, stats = make_plan(catalog, tmp_path, lang)
    text = pdf_text(path)
    for name in NEAREST_METRO:
        assert name in text
    assert re.search(r"(^| )112( |$)", text) and re.search(r"(^| )101( |$)", text)
    for heading in HEADINGS[lang]:
        assert heading in text
    advice = load_content(lang)
    assert advice.siren.title in text and advice.cannot_reach.title in text
    assert advice.numbers[1].label in text  # what 101 is for, in the plan's language
    if lang != "uk":
        assert "(Maidan Nezalezhnosti)" in text  # the English name beside the Ukrainian one
    assert stats.shelters == 10
    info = pdf_info(path)
    assert info["Pages"] == "1"
    width, height = page_size_mm(info)
    assert abs(width - 210) < 0.5 and abs(height - 297) < 0.5  # A4


def test_plan_names_every_dataset_with_its_date_and_licence(qapp, catalog, tmp_path):
    layer = Path(__file__).resolve().parents[1] / "fixtures" / "shelters" / "kyiv_layer_small.geojson"
    catalog.apply_import(catalog.parse_file(layer), "kyiv_layer_small.geojson", licence="CC BY 4.0")
    text = pdf_text(make_plan(catalog, tmp_path, "en")[0])
    assert "Дані: Київська міська державна адміністрація (CC BY 4.0), data of" in text  # its own wording, once
    assert "Kyiv Metro stations: written by shelterapp from public knowledge" in text
    assert "data of 25 November 2026" in text  # the bundled metro list's date


def test_outside_text_is_printed_literally(qapp, catalog, tmp_path):
    # A list from the internet may carry markup, entities, placeholders and control characters: never interpreted.
    name = "<b>Bold</b> &amp; %2 <i>\n\tx"
    address = "<script>alert(1)</script>"
    geojson = write_geojson(
        tmp_path / "hostile.geojson",
        [{"lat": MAIDAN[0] + 0.0002, "lon": MAIDAN[1], "name": name, "address": address, "kind": "simplest_shelter",
          "phone": "<i>044</i>", "opening_hours": "&nbsp;<br>"}],
    )  # fmt: skip
    catalog.import_file(geojson, "geojson")
    data = gather_plan(catalog, *MAIDAN, "%1 <u>Home</u> &lt;", "en")
    path = tmp_path / "hostile.pdf"
    write_plan_pdf(path, data, PlanTexts("en"))
    text = pdf_text(path)
    assert "<b>Bold</b> &amp; %2 <i> x" in text
    assert "<script>alert(1)</script>" in text
    assert "<i>044</i>" in text
    assert "&nbsp;<br>" in text
    assert "Shelter plan: %1 <u>Home</u> &lt;" in text  # "%1" in the place name is not filled in again


def test_long_texts_are_cut_and_the_plan_stays_one_page(qapp, catalog, tmp_path):
    long = "Дуже довга назва укриття " * 30
    geojson = write_geojson(
        tmp_path / "long.geojson",
        [{"lat": MAIDAN[0] + i * 0.0003, "lon": MAIDAN[1], "name": f"{i} {long}", "address": long * 2,
          "opening_hours": "Впродовж навчального дня доступ надається учасникам освітнього процесу " * 10,
          "phone": "044 " * 60, "kind": "simplest_shelter"} for i in range(12)],
    )  # fmt: skip
    catalog.import_file(geojson, "geojson")
    path, _ = make_plan(catalog, tmp_path, "fr", place="Lieu " * 100)
    assert pdf_info(path)["Pages"] == "1"
    text = pdf_text(path)
    assert "…" in text
    assert "Créé avec shelterapp" in text  # the footer is still on the page, below everything


def test_a_point_far_from_kyiv_has_no_plan(qapp, catalog):
    with pytest.raises(NoShelterNearby):
        gather_plan(catalog, 30.5234, 50.4501, "", "en")  # latitude and longitude swapped: Iran, not Kyiv


def _png(colour: str) -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_saved_tiles_make_the_map_and_are_attributed(qapp, catalog, tmp_path):
    cache = TileCache(tmp_path / "tiles")
    tile = _png("#cfe3c4")
    for zoom in range(11, 18):  # every tile round the ten nearest stations, at every zoom the plan may pick
        x0, y0 = tile_of(50.475, 30.48, zoom)
        x1, y1 = tile_of(50.425, 30.57, zoom)
        for x in range(x0 - 1, x1 + 2):
            for y in range(y0 - 1, y1 + 2):
                cache.put(zoom, x, y, tile)
    path, stats = make_plan(catalog, tmp_path, "en", tiles=cache.get, has_tile=cache.__contains__)
    assert stats.map.tiles_drawn > 0 and stats.map.tiles_missing == 0
    text = pdf_text(path)
    assert "Map: © OpenStreetMap contributors" in text
    assert "No saved map" not in text
    assert len(pdf_images(path)) == 1  # the tiles, as one picture


def test_without_tiles_the_map_is_drawn_plain_and_says_so(qapp, catalog, tmp_path):
    path, stats = make_plan(catalog, tmp_path, "uk", tiles=TileCache(tmp_path / "empty").get)
    assert stats.map.tiles_drawn == 0
    text = pdf_text(path)
    assert "Мапу цієї місцевості не збережено" in text
    assert "OpenStreetMap" not in text
    assert pdf_images(path) == []  # markers and the scale bar are vectors


def test_a_letter_page_is_scaled_to_stay_one_page(qapp, catalog, tmp_path):
    # A printer loaded with US Letter (shorter than A4): the same page, a little smaller, still one sheet.
    content = QByteArray()
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(10, 10, 10, 10),
            QPageLayout.Unit.Millimeter,
        )
    )
    render_plan(writer, gather_plan(catalog, *MAIDAN, "", "en"), PlanTexts("en"))
    buffer.close()
    path = tmp_path / "letter.pdf"
    path.write_bytes(bytes(content.data()))
    info = pdf_info(path)
    assert info["Pages"] == "1" and "letter" in info["Page size"].casefold()
    assert "Made with shelterapp" in pdf_text(path)


def test_without_any_system_font_the_bundled_font_prints_cyrillic(tmp_path):
    # With no font covering Cyrillic, Qt prints boxes without an error (research §3). A fontconfig that knows
    # no fonts at all stands for such a machine: the plan must still carry real Ukrainian text.
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{empty}</dir><cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>',
        encoding="utf-8",
    )
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(FONTCONFIG_FILE=str(conf), SHELTERAPP_HOME=str(home))
    out = tmp_path / "plan.pdf"
    command = "from shelterapp.cli import main; raise SystemExit(main())"
    args = ["plan", "--lat", str(MAIDAN[0]), "--lon", str(MAIDAN[1]), "--pdf", str(out), "--lang", "uk"]
    result = subprocess.run(
        [sys.executable, "-c", command, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Майдан Незалежності" in pdf_text(out) and "Екстрені номери" in pdf_text(out)
    fonts = " ".join(pdf_fonts(out))
    assert "DejaVuSans" in fonts and "yes" in fonts  # embedded
    assert "printing with the bundled copy" in (home / "logs" / "shelterapp.log").read_text(encoding="utf-8")
