"""Language choice: the system locale unless the user picked one; installs our and Qt's translators."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from shelterapp.resources import resource_path

log = logging.getLogger(__name__)

SUPPORTED = ("uk", "en", "fr")  # source strings are English; resources/translations has uk, fr, and en plurals
LOCALES = {"uk": "uk_UA", "en": "en_US", "fr": "fr_FR"}


def choose_language(preference: str, system_locale: QLocale | None = None) -> str:
    """'uk'/'en'/'fr' as asked; 'auto' follows the system: Ukrainian for uk_*, French for fr_*, else English."""
    if preference in SUPPORTED:
        return preference
    locale = system_locale or QLocale.system()
    for name in locale.uiLanguages():
        code = name.replace("-", "_").split("_")[0].lower()
        if code in SUPPORTED:
            return code
    return "en"


def use_locale(language: str) -> None:
    """Numbers follow the interface language, not the system's: "1,5 км" and "3 700 укриттів" in Ukrainian,
    "1.5 km" and "3,700" in English (ui/labels.py formats with the default QLocale, and so does %Ln)."""
    QLocale.setDefault(QLocale(LOCALES.get(language, LOCALES["en"])))


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our .qm and Qt's own (dialog buttons etc.) and set the number format; returns the translators so
    the caller keeps them alive."""
    use_locale(language)
    installed: list[QTranslator] = []
    ours = QTranslator(app)  # for English it carries the plural forms only
    if ours.load(str(resource_path("translations", f"shelterapp_{language}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation file for %s; showing English", language)
    if language == "en":
        return installed
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed
