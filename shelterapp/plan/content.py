"""What a printed shelter plan holds, gathered from the catalog without Qt: the renderer only lays it out.

The plan is for one point (a saved place, my location, or coordinates typed on the command line). Its
shelters are the nearest ones with a position, up to MAX_SHELTERS and never farther than MAX_DISTANCE_M:
coordinates typed the wrong way round (30.52, 50.45) must give an error, not a page of Kyiv shelters
2,000 km away presented as "nearest".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from shelterapp.preparedness.content import Content, load_content
from shelterapp.shelters.bundled import BUNDLED_SOURCE

if TYPE_CHECKING:
    from shelterapp.shelters.catalog import Catalog
    from shelterapp.shelters.spatial import Hit

MAX_SHELTERS = 10  # what fits one A4 page with the map and the advice
MAX_DISTANCE_M = 15_000.0  # Kyiv is about 40 km across; beyond this the data does not cover the point


class NoShelterNearby(Exception):
    """No shelter with a position lies within MAX_DISTANCE_M of the point."""


@dataclass(frozen=True)
class PlanDataset:
    """One dataset the nearest search drew on, with what its licence asks us to print."""

    source: str  # the store's dataset key ("kyiv-opendata", "osm", "bundled", ...)
    attribution: str  # as the source words it (the city's is Ukrainian by its terms): printed as it is
    licence: str
    updated: str  # ISO date of the data

    @property
    def is_bundled_metro(self) -> bool:
        return self.source == BUNDLED_SOURCE


@dataclass(frozen=True)
class PlanData:
    place_name: str  # the saved place's name or my location's label; "" for bare coordinates
    lat: float
    lon: float
    language: str
    hits: tuple[Hit, ...]
    datasets: tuple[PlanDataset, ...]
    advice: Content  # our preparedness texts in the plan's language
    printed_on: date
    version: str


def gather_plan(
    catalog: Catalog, lat: float, lon: float, place_name: str, language: str, today: date | None = None
) -> PlanData:
    """The nearest shelters and everything printed beside them; raises NoShelterNearby."""
    from shelterapp import __version__

    hits = tuple(hit for hit in catalog.nearest(lat, lon, MAX_SHELTERS) if hit.distance_m <= MAX_DISTANCE_M)
    if not hits:
        raise NoShelterNearby(
            f"no shelter with a known position lies within {MAX_DISTANCE_M / 1000:g} km of this point "
            "(the shelter data covers Kyiv)"
        )
    datasets = tuple(
        PlanDataset(d.source, d.attribution, d.licence, d.updated or d.imported_at[:10])
        for d in catalog.datasets()
        if d.rows
    )
    return PlanData(
        place_name=" ".join(place_name.split()),
        lat=lat,
        lon=lon,
        language=language,
        hits=hits,
        datasets=datasets,
        advice=load_content(language),
        printed_on=today or date.today(),
        version=__version__,
    )
