"""Every user setting declared once, saved atomically, upgraded by version, never lost.

A settings file that cannot be read is set aside (renamed, not deleted) and the app starts on
defaults, telling the user once; values of the wrong type fall back to their default one by one.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from shelterapp.storage.atomic import set_aside, write_atomic

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
LANGUAGES = ("auto", "uk", "en", "fr")
THEMES = ("system", "high_contrast")  # "system" keeps the platform's own look


@dataclass(frozen=True)
class Location:
    """Where the user is, as they told us. label is what they chose (a station, a shelter, 'custom')."""

    lat: float
    lon: float
    label: str = ""

    def is_valid(self) -> bool:
        return math.isfinite(self.lat) and math.isfinite(self.lon) and -90 <= self.lat <= 90 and -180 <= self.lon <= 180


@dataclass(frozen=True)
class AlarmSettings:
    """The alarm the app plays, the full-screen alert, quiet hours and drills (issue #14). config.toml's [alerts]
    sound, fullscreen and quiet_hours win over these when present (config.effective_alarm)."""

    sound: bool = True
    volume: int = 80  # per cent, in steps of 10 (notify/alarm_policy.py)
    repeat: bool = True  # the siren repeats until "I am in a shelter", "Dismiss" or the all-clear
    fullscreen: bool = True
    quiet_hours: str = ""  # "23:00-07:00", or "" for none
    quiet_until: str = ""  # ISO moment a "quiet for 1 h / until morning" ends by itself
    drill_reminder: bool = False  # a reminder to run a drill once a month
    last_drill: str = ""  # ISO moment of the last drill
    drill_reminded: str = ""  # ISO date of the last reminder


@dataclass(frozen=True)
class Settings:
    location: Location | None = None  # None until the user sets one; the app then uses the city centre
    language: str = "auto"  # "auto" follows the system locale
    kinds: tuple[str, ...] = ()  # kind filter in the list; empty = all kinds
    accessible_only: bool = False
    open_24_7_only: bool = False
    unplaced_shown: bool = True  # list rows that have an address but no position yet
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    regions: tuple[str, ...] = ()  # alert regions chosen in the app; empty = Kyiv city (config.toml may override)
    places: tuple[Location, ...] = ()  # saved places (home, work, school...): label is the name the person gave
    online_search: bool = False  # opt-in: typed addresses go to the geocoder (OpenStreetMap's Nominatim)
    geocode_shelters: bool = False  # opt-in: official addresses without a position are geocoded in the background
    theme: str = "system"  # one of THEMES; Settings → High contrast switches it live
    nearby: bool = True  # a quiet notice when a raion next to Kyiv is alerted (Kyiv city only; config.toml wins)
    alarm: AlarmSettings = field(default_factory=AlarmSettings)
    extra: dict[str, Any] = field(default_factory=dict)  # keys from newer versions, kept on save


# version N -> N+1 upgrades of the raw dict; append one per format change, never edit old ones.
UPGRADES: list[Callable[[dict[str, Any]], dict[str, Any]]] = []


@dataclass
class LoadReport:
    settings: Settings
    problem: str = ""  # one sentence for the user when the file had to be set aside
    set_aside_as: Path | None = None


def _coerce(raw: dict[str, Any]) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    known = {
        "location",
        "language",
        "kinds",
        "accessible_only",
        "open_24_7_only",
        "unplaced_shown",
        "window_geometry",
        "regions",
        "places",
        "online_search",
        "geocode_shelters",
        "theme",
        "nearby",
        "alarm",
    }
    location = _location(raw.get("location"))
    if location is not None:
        values["location"] = location
    places = raw.get("places")
    if isinstance(places, list):
        kept = [place for place in map(_location, places) if place is not None and place.label.strip()]
        values["places"] = tuple({place.label: place for place in kept}.values())  # one place per name
    language = raw.get("language")
    if language in LANGUAGES:
        values["language"] = language
    theme = raw.get("theme")
    if theme in THEMES:
        values["theme"] = theme
    for name in ("kinds", "regions"):
        items = raw.get(name)
        if isinstance(items, list) and all(isinstance(k, str) for k in items):
            values[name] = tuple(items)
    for name in ("accessible_only", "open_24_7_only", "unplaced_shown", "online_search", "geocode_shelters", "nearby"):
        if isinstance(raw.get(name), bool):
            values[name] = raw[name]
    if isinstance(raw.get("window_geometry"), str):
        values["window_geometry"] = raw["window_geometry"]
    if isinstance(raw.get("alarm"), dict):
        values["alarm"] = _alarm(raw["alarm"])
    values["extra"] = {k: v for k, v in raw.items() if k not in known and k != "version"}
    return replace(defaults, **values)


def _alarm(raw: dict[str, Any]) -> AlarmSettings:
    """Field by field: a wrong type loses that value only."""
    defaults = AlarmSettings()
    values = {
        name: raw[name]
        for name, default in asdict(defaults).items()
        if name in raw and type(raw[name]) is type(default)  # bool is not int here, nor int bool
    }
    return replace(defaults, **values)


def _location(raw: object) -> Location | None:
    """A stored location or place, or None (logged) when it is unreadable or impossible.

    Where the person lives and works is private: the log says what is wrong, never the values."""
    if raw is None:
        return None
    try:
        if not isinstance(raw, dict):
            raise TypeError("not an object")
        location = Location(float(raw["lat"]), float(raw["lon"]), str(raw.get("label", "")))
    except KeyError as missing:  # the key's name, never a value
        log.warning("settings: ignoring an unreadable saved location or place (no %s)", missing)
        return None
    except (TypeError, ValueError):
        problem = "not an object" if not isinstance(raw, dict) else "coordinates that are not numbers"
        log.warning("settings: ignoring an unreadable saved location or place (%s)", problem)
        return None
    if not location.is_valid():
        log.warning("settings: ignoring a saved location or place with impossible coordinates")
        return None
    return location


def load_settings(path: Path) -> LoadReport:
    if not path.exists():
        return LoadReport(Settings())
    try:
        raw = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: absurd nesting
        try:
            moved = set_aside(path)
        except OSError:
            moved = None
        log.error("settings file %s is unreadable (%s); set aside as %s, starting on defaults", path, exc, moved)
        return LoadReport(Settings(), problem="unreadable", set_aside_as=moved)
    version = raw.get("version", 1)
    if not isinstance(version, int) or version < 1:
        version = 1
    if version > SETTINGS_VERSION:
        log.warning("settings file %s is from a newer version (%s); reading what we know", path, version)
    else:
        for upgrade in UPGRADES[version - 1 :]:
            raw = upgrade(raw)
    return LoadReport(_coerce(raw))


def save_settings(path: Path, settings: Settings) -> None:
    data = asdict(settings)
    extra = data.pop("extra")
    data["kinds"] = list(settings.kinds)
    data["regions"] = list(settings.regions)
    data["places"] = [asdict(place) for place in settings.places]
    if settings.location is None:
        data["location"] = None
    payload = {**extra, **data, "version": SETTINGS_VERSION}
    write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))
