"""The one interface every feed module implements, and the data they return.

A source module declares NAME, KIND, DEFAULT_URL, DEFAULT_INTERVAL_S and ATTRIBUTION, and offers
`fetch(http, settings) -> report` built on a pure `parse(body, ...) -> report` that is tested on
recorded payloads. Failures are one of a small closed set (FailureKind, in sources/errors.py): the UI turns each
into one translated sentence; the log gets the detail. A failed or malformed poll never yields "all clear".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class Level(StrEnum):
    RED = "red"
    YELLOW = "yellow"


class Threat(StrEnum):
    AIR_RAID = "air_raid"
    ARTILLERY = "artillery"
    URBAN_FIGHTS = "urban_fights"
    CHEMICAL = "chemical"
    NUCLEAR = "nuclear"
    OTHER = "other"


@dataclass(frozen=True)
class RegionAlert:
    """One region's state according to one source at one poll."""

    region_id: str  # Ukraine Alarm / alerts.in.ua UID as a string: "31" Kyiv city, "14" Kyiv oblast
    active: bool
    threats: tuple[Threat, ...] = ()
    level: Level | None = None
    since: datetime | None = None  # aware UTC; None where the source does not say


@dataclass(frozen=True)
class PastAlert:
    """An alert that already ended, from a source's history: recovers alerts that began and ended between polls."""

    region_id: str
    started: datetime
    ended: datetime
    threats: tuple[Threat, ...] = ()


@dataclass(frozen=True)
class AlertReport:
    """What one alert source said: a state for every region it covers (absent region = not alerted
    only where `complete` is True, i.e. the source lists every region it knows)."""

    regions: dict[str, RegionAlert]
    fetched_at: datetime
    history: tuple[PastAlert, ...] = ()
    complete: bool = True

    def state_of(self, region_id: str) -> RegionAlert | None:
        """The region's state, or None when this source cannot tell."""
        found = self.regions.get(region_id)
        if found is not None:
            return found
        return RegionAlert(region_id, active=False) if self.complete else None


@dataclass(frozen=True)
class Advisory:
    """One official advisory item, as plain text (feed HTML is never rendered)."""

    source: str
    uid: str  # stable per source (guid, content id + timestamp): the dedupe key
    title: str
    summary: str  # plain text, a few sentences
    link: str
    published: datetime  # aware UTC
    level: str = ""  # e.g. "Level 4: Do Not Travel", "avoid all travel", CAP severity


@dataclass(frozen=True)
class AdvisoryReport:
    items: tuple[Advisory, ...]
    fetched_at: datetime


@dataclass(frozen=True)
class SourceSettings:
    """What config.toml (and the keyring, for secrets) says about one source."""

    url: str
    enabled: bool
    interval_s: float
    token: str = field(default="", repr=False)  # never printed, never logged


class Source(Protocol):
    """A feed module seen as an object (the module itself satisfies it)."""

    NAME: str
    KIND: str  # "alerts" | "advisories"
    DEFAULT_URL: str
    DEFAULT_INTERVAL_S: float
    ATTRIBUTION: str
    NEEDS_TOKEN: bool
    ENABLED_BY_DEFAULT: bool
