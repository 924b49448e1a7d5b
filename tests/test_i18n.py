"""Every string a person sees exists in Ukrainian, the built .qm files match their .ts, and they load."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from shelterapp.i18n import choose_language, install_translators
from shelterapp.resources import resource_path
from shelterapp.settings import Settings
from shelterapp.shelters.model import Kind
from shelterapp.ui.data_summary import DataStatus
from shelterapp.ui.labels import kind_label
from shelterapp.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[1]
TRANSLATIONS = REPO / "resources" / "translations"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed beside this Python")
    return str(path)


def untranslated(ts: Path) -> list[str]:
    missing = []
    for message in ET.parse(ts).iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            missing.append(source)
    return missing


def refreshed_copy(lang: str, tmp_path: Path) -> Path:
    """Run lupdate on the code into a copy of the .ts: strings added in code show up as unfinished."""
    copy = tmp_path / f"shelterapp_{lang}.ts"
    shutil.copy(TRANSLATIONS / copy.name, copy)
    sources = sorted(str(p) for p in (REPO / "shelterapp").rglob("*.py"))
    extra = ["-pluralonly"] if lang == "en" else []
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *extra, *sources, "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    return copy


@pytest.mark.parametrize("lang", ["uk", "en", "fr"])
def test_every_string_in_the_code_is_translated(lang, tmp_path):
    assert untranslated(refreshed_copy(lang, tmp_path)) == []


@pytest.mark.parametrize("lang", ["uk", "en", "fr"])
def test_qm_files_are_built_from_the_current_ts(lang, tmp_path):
    built = tmp_path / f"shelterapp_{lang}.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(TRANSLATIONS / f"shelterapp_{lang}.ts"), "-qm", str(built)],
        check=True,
    )
    assert built.read_bytes() == resource_path("translations", f"shelterapp_{lang}.qm").read_bytes(), (
        "run tools/update_translations.sh"
    )


def test_language_follows_the_system_unless_chosen():
    assert choose_language("auto", QLocale("uk_UA")) == "uk"
    assert choose_language("auto", QLocale("fr_FR")) == "fr"  # embassy staff and foreign residents
    assert choose_language("auto", QLocale("de_DE")) == "en"
    assert choose_language("en", QLocale("uk_UA")) == "en"


def test_ukrainian_interface_and_english_plurals(qtbot):
    app = QCoreApplication.instance()
    assert app is not None
    translators = install_translators(app, "uk")
    try:
        window = MainWindow("uk", Settings())
        qtbot.addWidget(window)
        assert window.windowTitle() == "shelterapp — укриття Києва"
        assert kind_label(Kind.SIMPLEST_SHELTER) == "Найпростіше укриття"
        assert window.data_label.tr("%Ln shelter(s)", None, 5) == "5 укриттів"
        assert window.data_label.tr("%Ln shelter(s)", None, 2) == "2 укриття"
        assert window.data_label.tr("%Ln shelter(s)", None, 3700) == "3\u00a0700 укриттів"  # grouped, as in Ukrainian
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    translators = install_translators(app, "en")
    try:
        assert DataStatus.tr("%Ln shelter(s)", None, 1) == "1 shelter"
        assert DataStatus.tr("%Ln shelter(s)", None, 3) == "3 shelters"
        assert DataStatus.tr("%Ln shelter(s)", None, 3700) == "3,700 shelters"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_french_interface_with_french_plurals(qtbot):
    # Foreign residents and embassy staff: the window, the kinds and the counts read naturally in French.
    app = QCoreApplication.instance()
    assert app is not None
    translators = install_translators(app, "fr")
    try:
        window = MainWindow("fr", Settings())
        qtbot.addWidget(window)
        assert window.windowTitle() == "shelterapp — abris de Kyiv"
        assert kind_label(Kind.METRO) == "Station de métro"
        assert window.data_label.tr("%Ln shelter(s)", None, 1) == "1 abri"
        assert window.data_label.tr("%Ln shelter(s)", None, 0) == "0 abri"  # French counts zero as singular
        assert window.data_label.tr("%Ln shelter(s)", None, 3) == "3 abris"
        assert window.data_label.tr("%Ln shelter(s)", None, 3700) == "3\u202f700 abris"
    finally:
        for translator in translators:
            app.removeTranslator(translator)
