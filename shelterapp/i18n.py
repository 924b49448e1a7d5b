"""Language choice: the system locale unless the user picked one; installs our and Qt's translators."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from shelterapp.resources import resource_path

log = logging.getLogger(__name__)

SUPPORTED = ("uk", "en", "fr")  # source strings are English; resources/translations has uk, fr, and en plurals


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


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our .qm and Qt's own (dialog buttons etc.); returns them so the caller keeps them alive."""
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
