"""The plan's words, in the language chosen for the print rather than the one the window speaks.

A person may print the plan in French for a visitor while the app speaks Ukrainian, and the command line has
no installed translator at all. So the plan loads its own QTranslator for its language and asks it directly;
the strings are marked with QT_TRANSLATE_NOOP so that lupdate collects them into the usual .ts files (context
"ShelterPlan"), where tests/test_i18n.py checks each has a Ukrainian and a French translation.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, QTranslator

from shelterapp.resources import resource_path
from shelterapp.shelters.model import Kind

CONTEXT = "ShelterPlan"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  (the name lupdate looks for)
    """Marks a string for lupdate and returns it as it is (PySide6's own is typed as returning object)."""
    return text


TITLE = QT_TRANSLATE_NOOP("ShelterPlan", "Shelter plan")
TITLE_FOR = QT_TRANSLATE_NOOP("ShelterPlan", "Shelter plan: %1")
NEAREST_TO = QT_TRANSLATE_NOOP("ShelterPlan", "The shelters nearest to %1, %2. Printed on %3.")
COLUMN_NUMBER = QT_TRANSLATE_NOOP("ShelterPlan", "No.")
COLUMN_SHELTER = QT_TRANSLATE_NOOP("ShelterPlan", "Shelter and address")
COLUMN_KIND = QT_TRANSLATE_NOOP("ShelterPlan", "Kind")
COLUMN_STEP_FREE = QT_TRANSLATE_NOOP("ShelterPlan", "Step-free")
COLUMN_HOURS = QT_TRANSLATE_NOOP("ShelterPlan", "Hours")
COLUMN_PHONE = QT_TRANSLATE_NOOP("ShelterPlan", "Phone")
COLUMN_DISTANCE = QT_TRANSLATE_NOOP("ShelterPlan", "Distance")
COLUMN_WALK = QT_TRANSLATE_NOOP("ShelterPlan", "On foot")
YES = QT_TRANSLATE_NOOP("ShelterPlan", "yes")
NO = QT_TRANSLATE_NOOP("ShelterPlan", "no")
NOT_KNOWN = QT_TRANSLATE_NOOP("ShelterPlan", "not known")
OPEN_24_7 = QT_TRANSLATE_NOOP("ShelterPlan", "Open 24/7")
METRES = QT_TRANSLATE_NOOP("ShelterPlan", "%1 m")
KILOMETRES = QT_TRANSLATE_NOOP("ShelterPlan", "%1 km")
MINUTES = QT_TRANSLATE_NOOP("ShelterPlan", "≈ %1 min")
WALK_NOTE = QT_TRANSLATE_NOOP(
    "ShelterPlan",
    "Walking times are estimates (4.5 km/h, with a detour allowance); the way through streets may be longer.",
)
EMERGENCY_NUMBERS = QT_TRANSLATE_NOOP("ShelterPlan", "Emergency numbers")
MAP_LEGEND = QT_TRANSLATE_NOOP("ShelterPlan", "The numbers on the map are the rows of the list.")
YOU_ARE_HERE = QT_TRANSLATE_NOOP("ShelterPlan", "The star is the place of this plan.")
NO_TILES = QT_TRANSLATE_NOOP("ShelterPlan", "No saved map of this area: shelters shown without streets")
MAP_ATTRIBUTION = QT_TRANSLATE_NOOP("ShelterPlan", "Map: © OpenStreetMap contributors")
DATA_HEADING = QT_TRANSLATE_NOOP("ShelterPlan", "Data")
DATASET_LINE = QT_TRANSLATE_NOOP("ShelterPlan", "%1 (%2), data of %3")
DATASET_NO_LICENCE = QT_TRANSLATE_NOOP("ShelterPlan", "%1, data of %2")
BUNDLED_METRO = QT_TRANSLATE_NOOP(
    "ShelterPlan", "Kyiv Metro stations: written by shelterapp from public knowledge, positions approximate"
)
MADE_WITH = QT_TRANSLATE_NOOP(
    "ShelterPlan", "Made with shelterapp %1. Shelters change: check the list again before you rely on it."
)

KIND_NAMES = {
    Kind.METRO: QT_TRANSLATE_NOOP("ShelterPlan", "Metro station"),
    Kind.CIVIL_DEFENCE_SHELTER: QT_TRANSLATE_NOOP("ShelterPlan", "Civil defence shelter"),
    Kind.RADIATION_SHELTER: QT_TRANSLATE_NOOP("ShelterPlan", "Radiation shelter"),
    Kind.SIMPLEST_SHELTER: QT_TRANSLATE_NOOP("ShelterPlan", "Simplest shelter"),
    Kind.OTHER: QT_TRANSLATE_NOOP("ShelterPlan", "Other shelter"),
}

_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(template: str, *values: str) -> str:
    """%1, %2 ... replaced in one pass: a shelter name that itself contains "%2" stays as it is written."""
    return _PLACEHOLDER.sub(lambda m: values[int(m.group(1)) - 1] if int(m.group(1)) <= len(values) else m[0], template)


class PlanTexts:
    """tr(source) in one language, from our .qm; English (the source language) needs no translator."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._translator: QTranslator | None = None
        if language != "en":
            translator = QTranslator()
            if not translator.load(str(resource_path("translations", f"shelterapp_{language}.qm"))):
                raise FileNotFoundError(f"no translation file for {language}")
            self._translator = translator

    def tr(self, source: str) -> str:
        if self._translator is None:
            return source
        return self._translator.translate(CONTEXT, source) or source

    def kind(self, kind: Kind) -> str:
        return self.tr(KIND_NAMES[kind])

    def tristate(self, value: bool | None) -> str:
        return self.tr(NOT_KNOWN) if value is None else self.tr(YES) if value else self.tr(NO)

    def distance(self, metres: float) -> str:
        if metres < 1000:
            return fill(self.tr(METRES), f"{round(metres / 10) * 10:.0f}")
        return fill(self.tr(KILOMETRES), self.decimal(metres / 1000, 1))

    def scale(self, metres: float) -> str:
        """A scale bar's round length: 500 m, 1 km, 2 km."""
        return (
            fill(self.tr(KILOMETRES), f"{metres / 1000:g}")
            if metres >= 1000
            else fill(self.tr(METRES), f"{metres:.0f}")
        )

    def minutes(self, minutes: int) -> str:
        return fill(self.tr(MINUTES), str(minutes))

    def date(self, day: date) -> str:
        """3 December 2026, 3 грудня 2026, 3 décembre 2026: no day/month order to misread."""
        return QLocale(self.language).toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")

    def date_text(self, iso: str) -> str:
        """An ISO date from the data as date(); anything else as it is written."""
        try:
            return self.date(date.fromisoformat(iso[:10]))
        except ValueError:
            return iso or "—"

    def decimal(self, value: float, places: int) -> str:
        """A decimal as people of this language write it: 1.5 in English, 1,5 in Ukrainian and French."""
        text = f"{value:.{places}f}"
        return text if self.language == "en" else text.replace(".", ",")
