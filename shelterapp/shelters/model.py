"""The one shelter record every part of the app speaks."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What sort of shelter this is; values are stable (stored in SQLite, printed by the CLI)."""

    METRO = "metro"
    CIVIL_DEFENCE_SHELTER = "civil_defence_shelter"
    RADIATION_SHELTER = "radiation_shelter"  # ПРУ, протирадіаційне укриття
    SIMPLEST_SHELTER = "simplest_shelter"
    OTHER = "other"


KIND_VALUES: frozenset[str] = frozenset(k.value for k in Kind)

# Kyiv city's extent with a small margin (SOURCES.md: every real point lies in lat 50.21-50.59,
# lon 30.24-30.83). Rows outside it are rejected by importers as misplaced.
KYIV_BBOX = (50.20, 30.20, 50.60, 30.87)  # south, west, north, east


def inside_kyiv(lat: float, lon: float) -> bool:
    south, west, north, east = KYIV_BBOX
    return south <= lat <= north and west <= lon <= east


# The last resort of a shelter's name: its kind, in Ukrainian and English (the UI translates kinds elsewhere).
_KIND_WORDS = {
    Kind.METRO: ("Метро", "Metro"),
    Kind.CIVIL_DEFENCE_SHELTER: ("Захисна споруда", "Civil defence shelter"),
    Kind.RADIATION_SHELTER: ("Протирадіаційне укриття", "Radiation shelter"),
    Kind.SIMPLEST_SHELTER: ("Найпростіше укриття", "Simplest shelter"),
    Kind.OTHER: ("Укриття", "Shelter"),
}


@dataclass(frozen=True, slots=True)
class Shelter:
    """One shelter. lat/lon are None for rows that have only an address so far."""

    id: str
    name_uk: str
    name_en: str
    kind: Kind
    address: str = ""
    district: str = ""
    lat: float | None = None
    lon: float | None = None
    capacity: int | None = None
    accessible: bool | None = None
    open_24_7: bool | None = None
    source: str = ""
    updated: str = ""  # ISO 8601 date of the source data
    line: str = ""  # metro line code (M1/M2/M3) for metro stations
    phone: str = ""
    place: str = ""  # what the shelter physically is: basement, parking, underpass...
    hours: str = ""  # opening hours as the source writes them (e.g. school shelters: school hours only)
    approximate: bool = False  # position from geocoding the address, not from the source

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lon is not None

    def display_name(self, language: str) -> str:
        """Name in the UI language, falling back to whichever name exists, then the address, then what the place
        is ("Вхід до метро № 2"), then its kind: never the internal id (osm:node/9872205231 means nothing)."""
        first, second = (self.name_uk, self.name_en) if language == "uk" else (self.name_en, self.name_uk)
        uk, en = _KIND_WORDS[self.kind]
        return first or second or self.address or self.place or (uk if language == "uk" else en)


@dataclass(frozen=True)
class GeocodeHit:
    """A place found for an address: a geocoder's answer (sources/nominatim.py) or a cached one."""

    label: str  # the service's name for the place (Nominatim's display_name)
    lat: float
    lon: float
