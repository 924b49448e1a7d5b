"""The default data we ship: Kyiv Metro stations, authored by us (resources/data/kyiv_metro.json).

The app works on it with no network and no account; the official lists arrive by import/update.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from shelterapp.resources import resource_path
from shelterapp.shelters.geodesy import geodesic_m
from shelterapp.shelters.model import Kind, Shelter

BUNDLED_SOURCE = "bundled"
STATION_RADIUS_M = 400.0  # an entrance further than this from our station point is not named after it
BUNDLED_ATTRIBUTION = "shelterapp: Kyiv Metro stations, authored from public knowledge; positions approximate"


@dataclass(frozen=True)
class BundledData:
    shelters: list[Shelter]
    updated: str
    about: str
    aliases: dict[str, tuple[float, float]]  # normalised station name (current or former) -> position
    fingerprint: str  # changes whenever the shipped file does, so an upgrade re-seeds the store

    def metro_position(self, name: str) -> tuple[float, float] | None:
        """Position of a station by any of its names, as found in addresses like 'Станція метро «Нивки»'."""
        return self.aliases.get(normalise_station_name(name))

    def station_near(self, lat: float, lon: float) -> tuple[str, str] | None:
        """(name_uk, name_en) of our nearest station within STATION_RADIUS_M: what an unnamed metro entrance
        belongs to (our positions are within about 100 m of the real entrances)."""
        found = min(
            ((geodesic_m(lat, lon, s.lat, s.lon), s) for s in self.shelters if s.lat is not None and s.lon is not None),
            key=lambda pair: pair[0],
            default=None,
        )
        if found is None or found[0] > STATION_RADIUS_M:
            return None
        return found[1].name_uk, found[1].name_en


_QUOTES = re.compile(r"[«»\"“”„]")
_APOSTROPHES = re.compile(r"[’'ʼ`´]")


def fold_text(text: str) -> str:
    """Case, quotes, apostrophe variants and spacing do not matter when people type or compare names."""
    return " ".join(_APOSTROPHES.sub("'", _QUOTES.sub("", text)).casefold().split())


def normalise_station_name(name: str) -> str:
    return re.sub(r"^(станція метро|ст\. ?м\.|метро|м\.)\s*", "", fold_text(name))


def load_bundled(path: Path | None = None) -> BundledData:
    source_file = path or resource_path("data", "kyiv_metro.json")
    content = source_file.read_bytes()
    raw = json.loads(content.decode("utf-8"))
    updated = str(raw["updated"])
    shelters: list[Shelter] = []
    aliases: dict[str, tuple[float, float]] = {}
    for station in raw["stations"]:
        shelter = Shelter(
            id=station["id"],
            name_uk=station["name_uk"],
            name_en=station["name_en"],
            kind=Kind.METRO,
            address=f"Станція метро «{station['name_uk']}»",
            lat=float(station["lat"]),
            lon=float(station["lon"]),
            open_24_7=bool(station.get("open_24_7", False)),
            source=BUNDLED_SOURCE,
            updated=updated,
            line=station["line"],
        )
        shelters.append(shelter)
        position = (float(station["lat"]), float(station["lon"]))
        for name in (station["name_uk"], station["name_en"], *station.get("former_names_uk", [])):
            aliases.setdefault(normalise_station_name(name), position)
    return BundledData(
        shelters=shelters,
        updated=updated,
        about=str(raw.get("about", "")),
        aliases=aliases,
        fingerprint=f"{source_file.name}#{hashlib.sha256(content).hexdigest()[:16]}",
    )
